package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Nobody is the uid and gid runs use when the grader is root.
const Nobody = 65534

// Isolation says what this machine allows, found by trying, not guessing.
// Detect fills it in; Without turns mechanisms off (for tests, and for
// GRADER_SANDBOX_OFF).
type Isolation struct {
	// PIDNamespace: each run is PID 1 of its own PID namespace; when it
	// exits or is killed, the kernel kills the whole tree.
	PIDNamespace bool
	// MountNamespace: /proc remounted (it shows only the run's
	// processes), a private /dev/shm, every file system read-only but
	// the writable directories. Needs Shim and PIDNamespace.
	MountNamespace bool
	// NetNamespace: no network but a loopback interface of its own.
	NetNamespace bool
	// IPCNamespace, UTSNamespace: System V IPC and the host name of its own.
	IPCNamespace, UTSNamespace bool
	// SharedNet: the network and UTS namespaces are not made per run:
	// every run (but a debugger session) enters one pair made at
	// start-up, and gets the socket filter and Landlock's scopes that
	// make sharing them safe (see sharedns.go). Root, ABI 6, seccomp.
	SharedNet bool
	// UserNamespace: the namespaces are made inside a user namespace of
	// the run's own (needed when the grader is not root; as root it
	// makes RLIMIT_NPROC count each run's processes apart).
	UserNamespace bool

	UID, GID int  // the credentials runs use (65534 when the grader is root and dropping works; else the grader's own)
	Dropped  bool // runs use a different, unprivileged uid than the grader

	// Shim: runs start through the re-exec shim, which sets the rlimits
	// (DATA, CPU, FSIZE, NOFILE, NPROC, CORE) before the program starts
	// and applies everything below.
	Shim bool
	// Launcher is the shim's executable when it is the launcher beside
	// the grader (see LauncherName); "" means the grader's own.
	Launcher string
	Landlock int  // the Landlock ABI applied to runs (0: none)
	Seccomp  bool // the seccomp deny list (and socket-family filter without NetNamespace)
	// Cgroup is the cgroup version runs get a cgroup of their own in
	// (memory and pids limits over the whole tree), 0 for none.
	Cgroup int
	cgroup cgroupParent

	// Tmpfs: the grader can mount a tmpfs (MountDisk) for each case's
	// directories, bounding what its runs write (root).
	Tmpfs bool

	// Subreaper: without a PID namespace, the grader is a child subreaper
	// and sweeps each run's leftovers.
	Subreaper bool

	Tier  Tier     // the strongest tier the mechanisms reach
	Level string   // the tier and its mechanisms, for reports: "full (pid, mount, net, ipc, uts namespaces; uid 65534; rlimits; landlock v7; seccomp; cgroup v1)"
	Notes []string // one line each: what is missing and why (e.g. "PID namespaces: operation not permitted")
}

// NonRoot reports whether runs use a non-root uid, so that permission
// bits apply to them.
func (i Isolation) NonRoot() bool { return i.UID != 0 }

// namespaces reports whether runs get any namespace.
func (i Isolation) namespaces() bool {
	return i.PIDNamespace || i.MountNamespace || i.NetNamespace || i.IPCNamespace || i.UTSNamespace
}

// ConfinesWrites reports whether runs can write only their writable
// directories (Landlock, or a read-only mount namespace).
func (i Isolation) ConfinesWrites() bool { return i.Shim && (i.Landlock > 0 || i.MountNamespace) }

// ConfinesReads reports whether runs can read only the system
// directories and what they are given (Landlock).
func (i Isolation) ConfinesReads() bool { return i.Shim && i.Landlock > 0 }

// NoNetwork reports whether runs cannot reach any network: a network
// namespace, or a seccomp filter that allows only unix sockets.
func (i Isolation) NoNetwork() bool { return i.NetNamespace || (i.Shim && i.Seccomp) }

// Mechanisms that Without (and GRADER_SANDBOX_OFF, comma-separated)
// turns off.
const (
	OffNamespaces = "namespaces" // every namespace
	OffShared     = "shared"     // a network and UTS namespace per run, not shared ones
	OffTmpfs      = "tmpfs"      // case directories on the disk, not on a tmpfs each
	OffLandlock   = "landlock"
	OffSeccomp    = "seccomp"
	OffCgroup     = "cgroup"
	OffUID        = "uid"  // runs keep the grader's uid
	OffShim       = "shim" // no re-exec shim: no rlimits, Landlock, seccomp, cgroup, or namespaces but PID
)

// Without returns i with the named mechanisms turned off and its tier
// and level recomputed. Unknown names are an error.
func (i Isolation) Without(names ...string) (Isolation, error) {
	for _, n := range names {
		switch strings.TrimSpace(n) {
		case "":
		case OffNamespaces:
			i.PIDNamespace, i.MountNamespace, i.NetNamespace, i.IPCNamespace, i.UTSNamespace, i.UserNamespace = false, false, false, false, false, false
		case OffLandlock:
			i.Landlock = 0
		case OffSeccomp:
			i.Seccomp = false
		case OffCgroup:
			i.Cgroup, i.cgroup = 0, cgroupParent{}
		case OffUID:
			i.UID, i.GID, i.Dropped = os.Geteuid(), os.Getegid(), false
		case OffShim:
			i.Shim = false
		case OffShared:
			i.SharedNet = false
		case OffTmpfs:
			i.Tmpfs = false
		default:
			return i, fmt.Errorf("unknown sandbox mechanism %q (want %s, %s, %s, %s, %s, %s, %s or %s)", n,
				OffNamespaces, OffShared, OffTmpfs, OffLandlock, OffSeccomp, OffCgroup, OffUID, OffShim)
		}
	}
	i.normalize()
	if !i.PIDNamespace && !i.Subreaper && enableSubreaper() == nil {
		i.Subreaper = true
	}
	i.Tier, i.Level = i.level()
	return i, nil
}

// normalize turns off what depends on something turned off.
func (i *Isolation) normalize() {
	if !i.Shim {
		i.MountNamespace, i.NetNamespace, i.IPCNamespace, i.UTSNamespace = false, false, false, false
		i.Landlock, i.Seccomp, i.Cgroup, i.cgroup = 0, false, 0, cgroupParent{}
		if os.Geteuid() == 0 {
			i.UserNamespace = false
		}
	}
	if !i.PIDNamespace {
		i.MountNamespace = false // /proc is remounted for the run's PID namespace
	}
	if !i.namespaces() {
		i.UserNamespace = false
	}
	if os.Geteuid() != 0 {
		i.Tmpfs = false
	}
	if !i.Shim || !i.NetNamespace || !i.UTSNamespace || i.UserNamespace || i.Landlock < landlockScopeABI ||
		!i.Seccomp || os.Geteuid() != 0 {
		i.SharedNet = false
	}
}

// Detect finds what isolation this machine allows by starting a tiny
// child with each mechanism, as runs would get it: the uid drop (root
// only), the re-exec shim, the namespaces, Landlock, seccomp and a cgroup,
// then all of them together. GRADER_SANDBOX_OFF (comma-separated names of
// Without) turns mechanisms off. Without a PID namespace it makes the
// grader a child subreaper. It takes some tens of milliseconds; call it
// once.
func Detect() Isolation {
	iso := detect()
	if off := os.Getenv("GRADER_SANDBOX_OFF"); off != "" {
		if o, err := iso.Without(strings.Split(off, ",")...); err != nil {
			iso.Notes = append(iso.Notes, "GRADER_SANDBOX_OFF: "+err.Error())
		} else {
			iso = o
			iso.Notes = append(iso.Notes, "turned off by GRADER_SANDBOX_OFF: "+off)
		}
	}
	return iso
}

func detect() Isolation {
	iso := Isolation{UID: os.Geteuid(), GID: os.Getegid()}
	root := iso.UID == 0
	dir, err := probeDir()
	if err != nil {
		iso.Notes = append(iso.Notes, "probe directory: "+err.Error())
		iso.Tier, iso.Level = iso.level()
		return iso
	}
	defer os.RemoveAll(dir)
	note := func(what string, err error) { iso.Notes = append(iso.Notes, fmt.Sprintf("%s: %v", what, err)) }
	try := func(t Isolation) error { return probe(t, dir) }

	if l := findLauncher(); l != "" {
		t := iso
		t.Shim, t.Launcher = true, l
		if err := checkLauncher(l); err != nil {
			note("the launcher beside the grader (runs start through the grader itself)", err)
		} else if err := try(t); err != nil {
			note("the launcher beside the grader (runs start through the grader itself)", err)
		} else {
			iso.Launcher = l
		}
	}
	if root {
		if err := sweepDisks(); err != nil {
			note("case disks a dead grader left mounted", err)
		}
		if err := tryDisk(dir); err != nil {
			note("a tmpfs per case", err)
		} else {
			iso.Tmpfs = true
		}
	}

	// Everything at once first: one probe on a machine that has it all.
	cp, cgErr := findCgroups()
	if cgErr == nil {
		cp.sweepCgroups()
	}
	all := iso
	if root {
		all.UID, all.GID, all.Dropped = Nobody, Nobody, true
	}
	all.Shim = true
	all.PIDNamespace, all.MountNamespace, all.NetNamespace, all.IPCNamespace, all.UTSNamespace, all.UserNamespace = true, true, true, true, true, true
	all.Landlock, all.Seccomp = landlockABI(), seccompArch != 0
	if cgErr == nil {
		all.Cgroup, all.cgroup = cp.Version, cp
		// As root with a cgroup per run, a user namespace adds nothing
		// (pids.max bounds each run's processes) and costs a full fork
		// of the grader per run: Go starts a child in a new user
		// namespace without CLONE_VM, copying the grader's page tables.
		all.UserNamespace = !root
	}
	os.Chown(dir, all.UID, all.GID)
	if all.Landlock > 0 && all.Seccomp && cgErr == nil && try(all) == nil {
		if sh := all; root {
			sh.SharedNet = true
			sh.normalize()
			if sh.SharedNet {
				if err := try(sh); err != nil {
					all.Notes = append(all.Notes, fmt.Sprintf("shared network namespace: %v", err))
				} else {
					all = sh
				}
			}
		}
		all.Tier, all.Level = all.level()
		return all
	}

	if root {
		t := iso
		t.UID, t.GID, t.Dropped = Nobody, Nobody, true
		if err := try(t); err != nil {
			note(fmt.Sprintf("dropping to uid %d", Nobody), err)
		} else {
			iso = t
		}
	} else {
		iso.Notes = append(iso.Notes, "grader is not root: runs use its own uid, and get no cgroup v1")
	}
	if os.Chown(dir, iso.UID, iso.GID) != nil && root {
		iso.Notes = append(iso.Notes, "probe directory: cannot chown")
	}

	t := iso
	t.Shim = true
	if err := try(t); err != nil {
		note("re-exec shim (rlimits, Landlock, seccomp, cgroups)", err)
	} else {
		iso = t
	}

	// Namespaces: all at once, in a user namespace of the run's own
	// (as root, without one if that fails), else the PID namespace alone.
	if iso.Shim {
		all := iso
		all.PIDNamespace, all.MountNamespace, all.NetNamespace, all.IPCNamespace, all.UTSNamespace = true, true, true, true, true
		all.UserNamespace = true
		err := try(all)
		if err != nil && root {
			all.UserNamespace = false
			if err2 := try(all); err2 == nil {
				note("user namespaces (RLIMIT_NPROC then counts the processes of every run of uid 65534 together)", err)
				err = nil
			}
		}
		if err == nil {
			iso = all
		} else {
			note("PID, mount, network, IPC and UTS namespaces", err)
		}
	}
	if !iso.PIDNamespace {
		t := iso
		t.PIDNamespace, t.UserNamespace = true, !root
		if err := try(t); err != nil {
			note("PID namespaces", err)
		} else {
			iso = t
		}
	}

	if iso.Shim {
		if abi := landlockABI(); abi == 0 {
			iso.Notes = append(iso.Notes, "Landlock: not available (kernel 5.13 or later with lsm=landlock)")
		} else {
			t := iso
			t.Landlock = abi
			if err := try(t); err != nil {
				note(fmt.Sprintf("Landlock ABI %d", abi), err)
			} else {
				iso = t
			}
		}
		t := iso
		t.Seccomp = true
		if err := try(t); err != nil {
			note("seccomp", err)
		} else {
			iso = t
		}
		if cgErr != nil {
			note("cgroups", cgErr)
		} else {
			t := iso
			t.Cgroup, t.cgroup = cp.Version, cp
			if err := try(t); err != nil {
				note(fmt.Sprintf("cgroup v%d", cp.Version), err)
			} else {
				iso = t
			}
		}
	}
	if !iso.PIDNamespace {
		if err := enableSubreaper(); err != nil {
			note("child subreaper", fmt.Errorf("%w; orphans that leave the run's session escape", err))
		} else {
			iso.Subreaper = true
			if iso.Cgroup == 0 {
				iso.Notes = append(iso.Notes, "no PID namespace and no cgroup: a fork bomb can outrun the kill sweep")
			}
		}
	}
	iso.normalize()
	iso.Tier, iso.Level = iso.level()
	return iso
}

// probeDir makes the directory probes run in.
func probeDir() (string, error) {
	d, err := os.MkdirTemp("", "gograder-probe-")
	if err != nil {
		return "", err
	}
	w := filepath.Join(d, "w")
	if err := os.Mkdir(w, 0o755); err != nil {
		os.RemoveAll(d)
		return "", err
	}
	os.Chmod(d, 0o755)
	return d, nil
}

// tryDisk mounts and unmounts a case disk below dir.
func tryDisk(dir string) error {
	t := filepath.Join(dir, "disk")
	if err := os.Mkdir(t, 0o755); err != nil {
		return err
	}
	d, err := MountDisk(t, 1<<20, 16, 0, 0)
	if err != nil {
		return err
	}
	return d.Unmount()
}

// probeTargets are tried in order as the tiny program of a probe.
var probeTargets = []string{"/bin/true", "/usr/bin/true"}

// probe runs true(1) under iso. With no true(1) on the machine it
// executes "/" instead: the kernel refuses that with EACCES only after
// every step before the exec has succeeded.
func probe(iso Isolation, dir string) error {
	iso.normalize()
	w := filepath.Join(dir, "w")
	os.Chown(w, iso.UID, iso.GID)
	path := "/"
	for _, p := range probeTargets {
		if _, err := os.Stat(p); err == nil {
			path = p
			break
		}
	}
	r := &runner{iso: iso}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := r.Run(ctx, &Cmd{Path: path, Args: []string{path}, Dir: w, Timeout: 5 * time.Second})
	if path == "/" {
		if errors.Is(err, syscall.EACCES) {
			return nil
		}
		if err == nil {
			return errors.New("probe: executing / succeeded")
		}
	}
	if err != nil {
		return unwrapStart(err)
	}
	if out.ExitCode != 0 {
		return fmt.Errorf("probe %s: exit %d, signal %q: %s", path, out.ExitCode, out.Signal, out.Stderr)
	}
	return nil
}

// unwrapStart strips the "start path:" prefix so a note reads
// "PID namespaces: operation not permitted".
func unwrapStart(err error) error {
	var se *startError
	if errors.As(err, &se) {
		return se.err
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
