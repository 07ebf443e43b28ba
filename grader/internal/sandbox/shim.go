package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// The re-exec shim: a run does not start the student's program directly.
// The grader starts its own executable (/proc/self/exe) with shimArg0 as
// argv[0] and a shimConfig as argv[1], in the namespaces of the run; the
// init function below recognises that before main runs, prepares the
// process (cgroups, mounts, rlimits, credentials, Landlock, seccomp) on
// one locked OS thread, and executes the program from that thread, so
// that the program is the namespace's PID 1 and inherits every
// restriction. Per-thread settings (credentials, no_new_privs, the
// Landlock domain, the seccomp filter) are made on the thread that calls
// execve, so they need no all-threads machinery (which cgo, and so the
// race detector, forbids).
//
// When a step fails the shim writes "step: error" to its error pipe (a
// close-on-exec descriptor the grader reads until end of file) and exits
// with shimFailed; a successful execve closes the pipe empty.

const (
	shimArg0   = "gograder-sandbox-shim"
	shimFailed = 127
)

// shimConfig is what the grader tells the shim, as JSON in argv[1].
type shimConfig struct {
	Proto string // shimProto of the grader's build: a launcher of another build refuses to go on
	Hello bool   // only answer "hello <Proto>" on the error pipe (the grader checking a launcher)

	Path string   // the program (absolute)
	Argv []string // its argv
	Dir  string   // its working directory (the shim's already; again after mounts)

	ErrFD int // the error pipe

	Cgroups []string // cgroup.procs files to join before anything else
	SetNS   []nsFD   // namespaces to enter next (the shared ones)

	Mount    bool     // in a new mount namespace: remount /proc, private /dev/shm, read-only root
	Writable []string // with Mount: the directories that stay writable
	LoUp     bool     // in a new network namespace: bring up lo
	Hostname string   // in a new UTS namespace

	Rlimits []rlimit

	Drop     bool // set uid and gid to UID/GID, no supplementary groups
	UID, GID int
	NoCaps   bool // drop every capability (a user namespace's owner keeps its uid)

	Landlock *landlockRules
	Seccomp  *seccompPolicy
}

type rlimit struct {
	Resource int
	Cur, Max uint64
}

func init() {
	if len(os.Args) == 2 && os.Args[0] == shimArg0 {
		runShim(os.Args[1])
	}
}

// runShim never returns.
func runShim(arg string) {
	runtime.LockOSThread()
	var c shimConfig
	if err := json.Unmarshal([]byte(arg), &c); err != nil {
		shimExit(3, "shim config", err)
	}
	if c.ErrFD > 2 {
		unix.CloseOnExec(c.ErrFD)
	}
	if c.Proto != shimProto {
		exe, _ := os.Executable()
		shimExit(c.ErrFD, "", fmt.Errorf("%s is from another build of the grader (protocol %s, want %s)", exe, shimProto, c.Proto))
	}
	if c.Hello {
		unix.Write(c.ErrFD, []byte("hello "+shimProto))
		os.Exit(0)
	}
	if err := c.prepare(); err != nil {
		shimExit(c.ErrFD, "", err)
	}
	err := syscall.Exec(c.Path, c.Argv, os.Environ())
	shimExit(c.ErrFD, "exec", err)
}

// prepare makes the process what the run needs, in order: join the
// cgroups (before any fork can escape them), mounts (they need the
// namespace owner's privileges), rlimits, the credential change, then
// no_new_privs, Landlock and seccomp, which the kernel lets an
// unprivileged process set.
func (c *shimConfig) prepare() error {
	for _, p := range c.Cgroups {
		if err := os.WriteFile(p, []byte("0"), 0); err != nil {
			return fmt.Errorf("join cgroup: %w", err)
		}
	}
	if err := enter(c.SetNS); err != nil {
		return err
	}
	if c.Mount {
		if err := mountRun(c.Writable); err != nil {
			return err
		}
		// The working directory still refers to the mount it was opened
		// on, which is now read-only: enter it again.
		if err := unix.Chdir(c.Dir); err != nil {
			return fmt.Errorf("chdir %s: %w", c.Dir, err)
		}
	}
	if c.LoUp {
		if err := loopbackUp(); err != nil {
			return err
		}
	}
	if c.Hostname != "" {
		if err := unix.Sethostname([]byte(c.Hostname)); err != nil {
			return fmt.Errorf("sethostname: %w", err)
		}
	}
	for _, l := range c.Rlimits {
		if err := unix.Setrlimit(l.Resource, &unix.Rlimit{Cur: l.Cur, Max: l.Max}); err != nil {
			return fmt.Errorf("setrlimit %d: %w", l.Resource, err)
		}
	}
	var ll *landlockRuleset
	if c.Landlock != nil {
		// Opened before the credential change: the grader's uid may
		// reach paths the run's cannot (they are then refused anyway).
		var err error
		if ll, err = c.Landlock.open(); err != nil {
			return err
		}
		defer ll.close()
	}
	if c.Drop {
		if err := dropTo(c.UID, c.GID); err != nil {
			return err
		}
	}
	if c.NoCaps {
		if err := dropCaps(); err != nil {
			return err
		}
	}
	// A credential change clears the parent-death signal.
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(unix.SIGKILL), 0, 0, 0); err != nil {
		return fmt.Errorf("pdeathsig: %w", err)
	}
	if c.Landlock != nil || c.Seccomp != nil {
		if err := unix.Prctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
			return fmt.Errorf("no_new_privs: %w", err)
		}
	}
	if ll != nil {
		if err := ll.restrict(); err != nil {
			return err
		}
	}
	if c.Seccomp != nil {
		if err := c.Seccomp.load(); err != nil {
			return err
		}
	}
	return nil
}

// dropTo sets the calling thread's groups, gid and uid (raw system calls:
// only this thread, which executes the program, matters).
func dropTo(uid, gid int) error {
	if _, _, e := unix.RawSyscall(unix.SYS_SETGROUPS, 0, 0, 0); e != 0 {
		return fmt.Errorf("setgroups: %w", e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESGID, uintptr(gid), uintptr(gid), uintptr(gid)); e != 0 {
		return fmt.Errorf("setresgid %d: %w", gid, e)
	}
	if _, _, e := unix.RawSyscall(unix.SYS_SETRESUID, uintptr(uid), uintptr(uid), uintptr(uid)); e != 0 {
		return fmt.Errorf("setresuid %d: %w", uid, e)
	}
	return nil
}

// dropCaps clears the ambient, inheritable, permitted and effective
// capabilities of the calling thread.
func dropCaps() error {
	if err := unix.Prctl(unix.PR_CAP_AMBIENT, unix.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0); err != nil {
		return fmt.Errorf("clear ambient capabilities: %w", err)
	}
	hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
	var data [2]unix.CapUserData
	if err := unix.Capset(&hdr, &data[0]); err != nil {
		return fmt.Errorf("capset: %w", err)
	}
	return nil
}

// shimExit reports err on fd, as "errno message" (errno 0 when err
// carries none), and exits.
func shimExit(fd int, step string, err error) {
	msg := err.Error()
	if step != "" {
		msg = step + ": " + msg
	}
	var errno unix.Errno
	errors.As(err, &errno)
	unix.Write(fd, []byte(strconv.Itoa(int(errno))+" "+msg))
	os.Exit(shimFailed)
}

// shimError is a failure the shim reported.
type shimError struct {
	errno unix.Errno
	msg   string
}

func (e *shimError) Error() string { return e.msg }

func (e *shimError) Unwrap() error {
	if e.errno == 0 {
		return nil
	}
	return e.errno
}

func parseShimError(s string) error {
	n, msg, _ := strings.Cut(s, " ")
	errno, _ := strconv.Atoi(n)
	return &shimError{errno: unix.Errno(errno), msg: msg}
}

// shimArgs returns the shim's argv for c.
func shimArgs(c *shimConfig) ([]string, error) {
	c.Proto = shimProto
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return []string{shimArg0, string(b)}, nil
}
