package sandbox

import (
	"fmt"
	"os"
	"path/filepath"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Landlock, through its three system calls (golang.org/x/sys/unix has the
// numbers and constants). The ruleset is applied by the shim to the one
// thread that executes the program, so no all-threads machinery is needed.

// landlockABI returns the Landlock ABI version the kernel offers, 0 if
// none (not built in, not enabled at boot, or refused by a seccomp
// profile).
func landlockABI() int {
	v, _, e := unix.Syscall(unix.SYS_LANDLOCK_CREATE_RULESET, 0, 0, unix.LANDLOCK_CREATE_RULESET_VERSION)
	if e != 0 {
		return 0
	}
	return int(v)
}

// landlockMaxABI is the newest ABI whose rights this package knows; a
// newer kernel is used at this ABI.
const landlockMaxABI = 7

// Access rights by ABI.
const (
	llFileRights = unix.LANDLOCK_ACCESS_FS_EXECUTE | unix.LANDLOCK_ACCESS_FS_WRITE_FILE |
		unix.LANDLOCK_ACCESS_FS_READ_FILE | unix.LANDLOCK_ACCESS_FS_TRUNCATE | unix.LANDLOCK_ACCESS_FS_IOCTL_DEV
	llRead  = unix.LANDLOCK_ACCESS_FS_READ_FILE | unix.LANDLOCK_ACCESS_FS_READ_DIR
	llExec  = llRead | unix.LANDLOCK_ACCESS_FS_EXECUTE
	llWrite = unix.LANDLOCK_ACCESS_FS_WRITE_FILE | unix.LANDLOCK_ACCESS_FS_TRUNCATE
	llDev   = llRead | llWrite | unix.LANDLOCK_ACCESS_FS_IOCTL_DEV
)

// llHandledFS returns every file-system right of an ABI.
func llHandledFS(abi int) uint64 {
	h := uint64(1<<13 - 1) // ABI 1: EXECUTE … MAKE_SYM
	if abi >= 2 {
		h |= unix.LANDLOCK_ACCESS_FS_REFER
	}
	if abi >= 3 {
		h |= unix.LANDLOCK_ACCESS_FS_TRUNCATE
	}
	if abi >= 5 {
		h |= unix.LANDLOCK_ACCESS_FS_IOCTL_DEV
	}
	return h
}

// landlockRules is what a run may do, by path.
type landlockRules struct {
	ABI      int
	Exec     []string // read and execute (system directories, the program)
	Read     []string // read only
	Devices  []string // read and write, for device files
	Writable []string // everything
	DenyTCP  bool     // no TCP bind or connect (ABI 4)
	Scope    bool     // no abstract unix sockets or signals outside the run (ABI 6)
}

// Paths every run may read and execute, or read, or use as devices;
// those missing on a machine are skipped.
var (
	systemExec    = []string{"/bin", "/sbin", "/usr", "/lib", "/lib32", "/lib64", "/libx32", "/etc"}
	systemRead    = []string{"/proc", "/dev", "/sys/devices/system/cpu", "/sys/kernel/mm/transparent_hugepage"}
	systemDevices = []string{"/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom"}
)

type landlockRuleset struct{ fd int }

// landlockScopeABI is the first Landlock ABI with scopes: abstract unix
// sockets and signals confined to the domain.
const landlockScopeABI = 6

// llAttr is struct landlock_ruleset_attr up to the scoped field (ABI 6).
type llAttr struct {
	fs, net, scoped uint64
}

// open creates the ruleset and adds the rules, opening each path.
func (r *landlockRules) open() (*landlockRuleset, error) {
	abi := min(r.ABI, landlockMaxABI)
	handled := llHandledFS(abi)
	attr := llAttr{fs: handled}
	size := unsafe.Sizeof(attr.fs)
	if abi >= 4 {
		size += unsafe.Sizeof(attr.net)
		if r.DenyTCP {
			attr.net = unix.LANDLOCK_ACCESS_NET_BIND_TCP | unix.LANDLOCK_ACCESS_NET_CONNECT_TCP
		}
	}
	if abi >= landlockScopeABI {
		size += unsafe.Sizeof(attr.scoped)
		if r.Scope {
			attr.scoped = unix.LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | unix.LANDLOCK_SCOPE_SIGNAL
		}
	}
	fd, _, e := unix.Syscall(unix.SYS_LANDLOCK_CREATE_RULESET, uintptr(unsafe.Pointer(&attr)), size, 0)
	if e != 0 {
		return nil, fmt.Errorf("landlock ruleset: %w", e)
	}
	rs := &landlockRuleset{fd: int(fd)}
	unix.CloseOnExec(rs.fd)
	for _, g := range []struct {
		paths  []string
		access uint64
	}{
		{r.Exec, llExec}, {r.Read, llRead}, {r.Devices, llDev}, {r.Writable, handled},
	} {
		for _, p := range g.paths {
			if err := rs.add(p, g.access&handled); err != nil {
				rs.close()
				return nil, err
			}
		}
	}
	return rs, nil
}

// add allows access beneath path; a path that does not exist is skipped.
// For a file only the rights that apply to files are kept.
func (rs *landlockRuleset) add(path string, access uint64) error {
	fd, err := unix.Open(path, unix.O_PATH|unix.O_CLOEXEC, 0)
	if err == unix.ENOENT {
		return nil
	}
	if err != nil {
		return fmt.Errorf("landlock rule %s: %w", path, err)
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return fmt.Errorf("landlock rule %s: %w", path, err)
	}
	if st.Mode&unix.S_IFMT != unix.S_IFDIR {
		access &= llFileRights
	}
	attr := unix.LandlockPathBeneathAttr{Allowed_access: access, Parent_fd: int32(fd)}
	_, _, e := unix.Syscall6(unix.SYS_LANDLOCK_ADD_RULE, uintptr(rs.fd), unix.LANDLOCK_RULE_PATH_BENEATH,
		uintptr(unsafe.Pointer(&attr)), 0, 0, 0)
	if e != 0 {
		return fmt.Errorf("landlock rule %s: %w", path, e)
	}
	return nil
}

// restrict enforces the ruleset on the calling thread (which needs
// no_new_privs) and, through execve, on the program.
func (rs *landlockRuleset) restrict() error {
	if _, _, e := unix.Syscall(unix.SYS_LANDLOCK_RESTRICT_SELF, uintptr(rs.fd), 0, 0); e != 0 {
		return fmt.Errorf("landlock restrict: %w", e)
	}
	return nil
}

func (rs *landlockRuleset) close() { unix.Close(rs.fd) }

// namedPaths returns the existing absolute paths that an argument or an
// environment value names whole: the caller hands them to the program,
// so it may read them (and execute them: a debugger, a script). Symbolic
// links are resolved, since Landlock checks the file reached.
func namedPaths(args, env []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v string) {
		if !filepath.IsAbs(v) || seen[v] {
			return
		}
		seen[v] = true
		if _, err := os.Stat(v); err != nil {
			return
		}
		if r, err := filepath.EvalSymlinks(v); err == nil {
			out = append(out, r)
		}
	}
	for _, a := range args {
		add(a)
	}
	for _, kv := range env {
		for i := 0; i < len(kv); i++ {
			if kv[i] == '=' {
				add(kv[i+1:])
				break
			}
		}
	}
	return out
}
