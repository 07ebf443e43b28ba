package sandbox

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// sysProcAttr returns the process attributes of a run under i: a new
// session (so the run is the leader of its own process group and session,
// and has no controlling terminal), SIGKILL if the grader dies, and the
// namespaces i names. Without the shim the credential change is made
// here; with it the shim makes it, after the mounts that need the
// namespace owner's privileges.
func (i Isolation) sysProcAttr() *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
	if !i.Shim {
		if i.Dropped {
			// Groups empty and NoSetGroups false: setgroups(0) drops the
			// grader's supplementary groups.
			a.Credential = &syscall.Credential{Uid: uint32(i.UID), Gid: uint32(i.GID)}
		}
		if i.PIDNamespace {
			a.Cloneflags = syscall.CLONE_NEWPID
			if os.Geteuid() != 0 {
				i.selfMapping(a)
			}
		}
		return a
	}
	for _, ns := range []struct {
		on   bool
		flag uintptr
	}{
		{i.PIDNamespace, syscall.CLONE_NEWPID}, {i.MountNamespace, syscall.CLONE_NEWNS},
		{i.NetNamespace, syscall.CLONE_NEWNET}, {i.IPCNamespace, syscall.CLONE_NEWIPC},
		{i.UTSNamespace, syscall.CLONE_NEWUTS},
	} {
		if ns.on {
			a.Cloneflags |= ns.flag
		}
	}
	if !i.UserNamespace || a.Cloneflags == 0 {
		return a
	}
	a.Cloneflags |= syscall.CLONE_NEWUSER
	if os.Geteuid() != 0 {
		i.selfMapping(a)
		// The shim keeps the grader's uid in the user namespace, so it
		// would lose the namespace owner's capabilities at execve:
		// ambient ones survive it. The shim drops them all before it
		// executes the program.
		a.AmbientCaps = []uintptr{unix.CAP_SYS_ADMIN, unix.CAP_NET_ADMIN}
		return a
	}
	// As root: the shim is root in the namespace (mounts), the run the
	// dropped uid; RLIMIT_NPROC then counts the run's processes only.
	a.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}}
	a.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: 0, Size: 1}}
	if i.Dropped {
		a.UidMappings = append(a.UidMappings, syscall.SysProcIDMap{ContainerID: i.UID, HostID: i.UID, Size: 1})
		a.GidMappings = append(a.GidMappings, syscall.SysProcIDMap{ContainerID: i.GID, HostID: i.GID, Size: 1})
	}
	a.GidMappingsEnableSetgroups = true
	return a
}

// selfMapping maps the grader's own ids to themselves: an unprivileged
// process may create namespaces only inside a user namespace it owns,
// and the run's credentials stay the same.
func (i Isolation) selfMapping(a *syscall.SysProcAttr) {
	uid, gid := os.Geteuid(), os.Getegid()
	a.Cloneflags |= syscall.CLONE_NEWUSER
	a.UidMappings = []syscall.SysProcIDMap{{ContainerID: uid, HostID: uid, Size: 1}}
	a.GidMappings = []syscall.SysProcIDMap{{ContainerID: gid, HostID: gid, Size: 1}}
	a.GidMappingsEnableSetgroups = false
}

// shimConfig is what the shim does for c under r's isolation; the shim's
// error pipe is errFD.
func (r *runner) shimConfig(c *Cmd, cg *cgroupRun, errFD int) *shimConfig {
	i := r.iso
	conf := &shimConfig{Path: c.Path, Argv: c.Args, Dir: c.Dir, ErrFD: errFD, Rlimits: rlimits(c, i)}
	if cg != nil {
		conf.Cgroups = cg.procsFiles()
	}
	if i.MountNamespace {
		conf.Mount, conf.Writable = true, c.Writable
	}
	// Shared namespaces have their loopback up and their host name set.
	conf.LoUp = i.NetNamespace && !r.sharesNet()
	if i.UTSNamespace && !r.sharesNet() {
		conf.Hostname = "sandbox"
	}
	// The socket filter where a run has no network namespace of its own
	// (a debugger session needs TCP between Delve and its client).
	sockets := (!i.NetNamespace || r.sharesNet()) && !r.debugger
	if i.Dropped {
		conf.Drop, conf.UID, conf.GID = true, i.UID, i.GID
	}
	conf.NoCaps = i.UserNamespace && os.Geteuid() != 0
	if i.Landlock > 0 {
		exec := append([]string(nil), systemExec...)
		if p, err := filepath.EvalSymlinks(c.Path); err == nil {
			exec = append(exec, p)
		}
		conf.Landlock = &landlockRules{
			ABI:      i.Landlock,
			Exec:     append(exec, namedPaths(c.Args, c.Env)...),
			Read:     systemRead,
			Devices:  systemDevices,
			Writable: c.Writable,
			DenyTCP:  sockets,
			Scope:    true,
		}
	}
	if i.Seccomp {
		conf.Seccomp = &seccompPolicy{Sockets: sockets, Debugger: r.debugger}
	}
	return conf
}

// rlimits are the limits the shim sets for c (soft and hard alike: Go
// ignores SIGXCPU and SIGXFSZ, so the kernel's SIGKILL at the hard CPU
// limit and EFBIG are what end a run).
func rlimits(c *Cmd, i Isolation) []rlimit {
	set := func(res int, v uint64) rlimit { return rlimit{Resource: res, Cur: v, Max: v} }
	l := []rlimit{set(unix.RLIMIT_CORE, 0)}
	if c.Memory > 0 && !hasEnv(c.Env, "GORACE") {
		l = append(l, set(unix.RLIMIT_DATA, uint64(c.Memory)))
	}
	if c.CPUTime > 0 {
		l = append(l, set(unix.RLIMIT_CPU, cpuSeconds(c.CPUTime)))
	}
	if c.FileSize > 0 {
		l = append(l, set(unix.RLIMIT_FSIZE, uint64(c.FileSize)))
	}
	if c.OpenFiles > 0 {
		l = append(l, set(unix.RLIMIT_NOFILE, uint64(c.OpenFiles)))
	}
	if n := nproc(c, i); n > 0 {
		l = append(l, set(unix.RLIMIT_NPROC, n))
	}
	return l
}

// nproc is the RLIMIT_NPROC of a run, 0 for none. The kernel counts the
// processes and threads of the run's uid: in a user namespace of the
// run's own only the run's; else all the runs of the dropped uid
// together (a cgroup bounds each run then), or, without a drop, every
// process of the grader's user, which no fixed limit fits.
func nproc(c *Cmd, i Isolation) uint64 {
	switch {
	case c.Processes <= 0:
		return 0
	case i.UserNamespace:
		return uint64(c.Processes)
	case i.Dropped:
		return uint64(c.Processes) * 8
	}
	return 0
}

func cpuSeconds(d time.Duration) uint64 {
	return uint64(math.Ceil(d.Seconds()))
}

func hasEnv(env []string, key string) bool {
	for _, kv := range env {
		if strings.HasPrefix(kv, key+"=") {
			return true
		}
	}
	return false
}
