package build

import (
	"context"
	"os/exec"
	"syscall"
	"time"

	"github.com/classgrade/gograder/grader/internal/sandbox"
)

// CommandTimeout bounds each go command on a submission (a build, a
// compile-error report, a debug build), within Options.Timeout.
const CommandTimeout = 90 * time.Second

// goCommand prepares a go command on untrusted code: goEnv's environment
// (no network, no toolchain switch, no cgo), a process group of its own
// that a timeout kills whole (the compiler and linker with it), at most
// CommandTimeout, and, through the sandbox's shim, memory and file-size
// limits on every process of it (sandbox.BuildMemory, BuildFileSize). The
// returned cancel releases the timeout.
func goCommand(ctx context.Context, goCmd, dir string, args ...string) (*exec.Cmd, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, CommandTimeout)
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = dir
	cmd.Env = goEnv()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = time.Second
	if cmd.Err == nil {
		if err := sandbox.LimitCommand(cmd, sandbox.BuildMemory, sandbox.BuildFileSize); err != nil {
			cmd.Err = err
		}
	}
	return cmd, cancel
}
