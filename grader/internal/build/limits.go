package build

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/classgrade/gograder/grader/internal/sandbox"
)

// CommandTimeout bounds each go command on a submission (a build, a
// compile-error report, a debug build), within Options.Timeout.
const CommandTimeout = 90 * time.Second

// goCommand prepares a go command on untrusted code in the workspace ws:
// goEnv's environment (no network, no toolchain switch, no cgo), its
// temporary files in the workspace, a process group of its own that a
// timeout kills whole (the compiler and linker with it), at most
// CommandTimeout, and, through the sandbox's shim, memory and file-size
// limits on every process of it (sandbox.BuildMemory, BuildFileSize),
// and what ws.iso allows: no network, the seccomp deny list, and writes
// confined by Landlock to the workspace and the build cache. The
// returned cancel releases the timeout.
func goCommand(ctx context.Context, goCmd, dir string, ws workspace, args ...string) (*exec.Cmd, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, CommandTimeout)
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = dir
	cmd.Env = goEnv()
	var writable []string
	if ws.root != "" {
		tmp := filepath.Join(ws.root, "tmp")
		if os.MkdirAll(tmp, 0o755) == nil {
			// The go command's work directory, and the C compiler's files
			// in a race build, inside the workspace (on the grader's tmpfs
			// when it has one), gone with it.
			cmd.Env = append(cmd.Env, "GOTMPDIR="+tmp, "TMPDIR="+tmp)
		}
		if ws.cache != "" {
			writable = []string{ws.root, ws.cache}
		}
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	if cmd.Err == nil {
		lim := sandbox.CommandLimits{Memory: sandbox.BuildMemory, FileSize: sandbox.BuildFileSize, Writable: writable}
		if err := sandbox.ConfineCommand(cmd, ws.iso, lim); err != nil {
			cmd.Err = err
		}
	}
	return cmd, cancel
}

// workspace is where a build's go commands work, and the isolation they
// get.
type workspace struct {
	root  string // the build workspace ("": none, no Landlock)
	cache string // the go command's build cache ("": unknown, no Landlock)
	iso   sandbox.Isolation
}

var goCaches sync.Map // go command → its GOCACHE ("" when off or unknown)

// goCache is the build cache of the go command, the one directory beside
// the workspace that builds write.
func goCache(goCmd string) string {
	if v, ok := goCaches.Load(goCmd); ok {
		return v.(string)
	}
	cmd := exec.Command(goCmd, "env", "GOCACHE")
	cmd.Env = goEnv()
	out, err := cmd.Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || !filepath.IsAbs(dir) || os.MkdirAll(dir, 0o777) != nil {
		// Landlock can only allow a directory that exists: the first
		// build on a machine would otherwise be refused its cache.
		dir = ""
	}
	goCaches.Store(goCmd, dir)
	return dir
}
