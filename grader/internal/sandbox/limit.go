package sandbox

import (
	"errors"
	"os/exec"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Limits of LimitCommand's commands (go build and the compiler and
// linker it starts).
const (
	BuildMemory   = 2 << 30 // RLIMIT_DATA of each process
	BuildFileSize = 1 << 30 // RLIMIT_FSIZE: no output file larger
)

// LimitCommand makes cmd, not yet started, start through the re-exec
// shim, which sets RLIMIT_DATA to memory and RLIMIT_FSIZE to fileSize
// (for each process of the command: the go command, and the compiler and
// linker it starts, inherit them) and RLIMIT_CORE to 0 before it executes
// cmd.Path. The command keeps the grader's uid, environment, working
// directory and descriptors; a failure of the shim is written to its
// stderr. It is for the grader's trusted tools working on untrusted input
// (go build on a submission); untrusted programs go through a Runner.
func LimitCommand(cmd *exec.Cmd, memory, fileSize int64) error {
	return ConfineCommand(cmd, Isolation{}, CommandLimits{Memory: memory, FileSize: fileSize})
}

// CommandLimits are what ConfineCommand gives a trusted tool.
type CommandLimits struct {
	Memory, FileSize int64 // RLIMIT_DATA, RLIMIT_FSIZE
	// Writable are the only paths the command may write where the
	// isolation has Landlock (a build: its workspace and the build
	// cache); it reads and executes everything. nil: no Landlock.
	Writable []string
}

// ConfineCommand is LimitCommand with what iso (from Detect) allows a
// tool that needs no network and writes only where it is told: no
// network (the shared network namespace, else the seccomp socket filter),
// the seccomp deny list, and writes confined by Landlock to l.Writable.
// The zero Isolation gives the rlimits alone.
func ConfineCommand(cmd *exec.Cmd, iso Isolation, l CommandLimits) error {
	if cmd.Process != nil {
		return errors.New("limit command: already started")
	}
	if cmd.Err != nil {
		return cmd.Err
	}
	if !filepath.IsAbs(cmd.Path) {
		return errors.New("limit command: path " + cmd.Path + " is not absolute")
	}
	iso.normalize()
	set := func(res int, v int64) rlimit { return rlimit{Resource: res, Cur: uint64(v), Max: uint64(v)} }
	conf := &shimConfig{Path: cmd.Path, Argv: cmd.Args, Dir: cmd.Dir, ErrFD: 2,
		Rlimits: []rlimit{set(unix.RLIMIT_CORE, 0), set(unix.RLIMIT_DATA, l.Memory), set(unix.RLIMIT_FSIZE, l.FileSize)}}
	shared := iso.SharedNet && iso.Shim
	if shared {
		net, _, err := sharedNamespaces()
		if err != nil {
			return err
		}
		conf.SetNS = []nsFD{{3 + len(cmd.ExtraFiles), unix.CLONE_NEWNET}}
		cmd.ExtraFiles = append(cmd.ExtraFiles, net)
	}
	if iso.Shim && iso.Landlock > 0 && l.Writable != nil {
		conf.Landlock = &landlockRules{ABI: iso.Landlock, Exec: []string{"/"}, Devices: systemDevices,
			Writable: l.Writable, DenyTCP: true}
	}
	if iso.Shim && iso.Seccomp {
		conf.Seccomp = &seccompPolicy{Sockets: true}
	}
	args, err := shimArgs(conf)
	if err != nil {
		return err
	}
	cmd.Path, cmd.Args = "/proc/self/exe", args
	if iso.Shim {
		cmd.Path = iso.shimExe() // the launcher, when Detect found one
	}
	if cmd.Env == nil {
		cmd.Env = cmd.Environ()
	}
	return nil
}
