package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// runner is the Runner New returns.
type runner struct {
	iso Isolation
	// noSweep skips the fallback's sweep, leaving only the process-group
	// kill; tests use it to show that the sweep is needed.
	noSweep bool
}

// New returns a Runner that uses what Detect found (or any Isolation the
// caller builds, such as Isolation{} for the plain fallback). It sets the
// grader process's soft RLIMIT_CORE to 0, which every run inherits (the
// hard limit is kept: the grader can raise it again). Without a PID
// namespace it makes the grader process a child subreaper (once).
func New(iso Isolation) Runner {
	noCoreDumps()
	if !iso.PIDNamespace {
		enableSubreaper() // failure leaves the session scan; Detect notes it
	}
	return &runner{iso: iso}
}

// noCoreDumps sets the soft RLIMIT_CORE of the grader to 0.
func noCoreDumps() {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_CORE, &lim) == nil && lim.Cur != 0 {
		lim.Cur = 0
		unix.Setrlimit(unix.RLIMIT_CORE, &lim)
	}
}

// Run runs c and returns what it did. The run's whole process tree is dead
// when Run returns. If ctx is done before the run ends, the tree is killed
// and Run returns the Outcome so far together with ctx's cause.
func (r *runner) Run(ctx context.Context, c *Cmd) (*Outcome, error) {
	cmd, err := c.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	stdin, caps, err := openPipes(&cmd)
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", cmd.Path, err)
	}

	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	runCtx, stop := context.WithTimeoutCause(runCtx, cmd.Timeout, errTimedOut)
	defer stop()
	k := &killer{}
	x := r.command(runCtx, &cmd, stdin, caps, k)

	start := time.Now()
	if err := r.start(x, stdin, caps); err != nil {
		return nil, fmt.Errorf("start %s: %w", cmd.Path, err)
	}
	pid := x.Process.Pid
	defer unregister(pid)
	k.arm(pid)
	// The run inherits the grader's soft RLIMIT_CORE of 0 (see New); this
	// sets its hard limit to 0 too, so that it cannot raise the soft one.
	// The kernel refuses it for a run of another uid unless the grader has
	// CAP_SYS_RESOURCE.
	unix.Prlimit(pid, unix.RLIMIT_CORE, &unix.Rlimit{}, nil)

	var limitOnce sync.Once
	var limited string
	over := func(stream string) {
		limitOnce.Do(func() {
			limited = stream
			cancel(&limitError{stream})
		})
	}
	for _, c := range caps {
		c.start(over)
	}
	if stdin != nil {
		stdin.start(cmd.Stdin)
	}

	waitExit(pid)
	out := &Outcome{Duration: time.Since(start), PID: pid}
	if r.iso.PIDNamespace {
		out.PID = 1 // what the program saw of itself
	}
	killed := k.disarm()
	out.Leftover = r.teardown(pid)
	x.Wait() // reaps; the status is read from ProcessState below
	if stdin != nil {
		stdin.stop()
	}
	finish(caps, WaitDelay)

	out.Stdout, out.Stderr = caps[0].buf, caps[1].buf
	if cmd.Results {
		out.Results = caps[2].buf
	}
	out.OutputLimit = limited // the captures are done: no more calls to over
	setStatus(out, x.ProcessState)
	// A leader that exited on its own just as the kill came was not
	// stopped by it.
	if killed && out.Signal != "" {
		switch cause := context.Cause(runCtx); {
		case errors.Is(cause, errTimedOut):
			out.TimedOut = true
		case ctx.Err() != nil:
			return out, fmt.Errorf("run %s: %w", cmd.Path, context.Cause(ctx))
		}
	}
	return out, nil
}

// command builds the exec.Cmd of a run: the child ends of the pipes, the
// isolation's process attributes, and k's kill as the Cancel of ctx.
func (r *runner) command(ctx context.Context, c *Cmd, stdin *feeder, caps []*capture, k *killer) *exec.Cmd {
	x := exec.CommandContext(ctx, c.Path)
	x.Args = c.Args
	x.Dir = c.Dir
	x.Env = c.Env
	x.Stdout, x.Stderr = caps[0].w, caps[1].w
	if c.Results {
		x.ExtraFiles = []*os.File{caps[2].w}
	}
	if stdin != nil {
		x.Stdin = stdin.r
	}
	x.SysProcAttr = r.iso.sysProcAttr()
	x.Cancel = k.cancel
	// Backstop: if the leader has not exited WaitDelay after the kill,
	// os/exec kills it again.
	x.WaitDelay = WaitDelay
	return x
}

// start starts x and registers its leader, then closes the grader's copies
// of the child's pipe ends (and, if the start failed, every pipe).
func (r *runner) start(x *exec.Cmd, stdin *feeder, caps []*capture) error {
	markCloexec()
	startMu.RLock()
	err := x.Start()
	if err == nil {
		register(x.Process.Pid, !r.iso.PIDNamespace)
	}
	startMu.RUnlock()
	for _, c := range caps {
		c.w.Close()
	}
	if stdin != nil {
		stdin.r.Close()
	}
	if err != nil {
		closeAll(caps)
		if stdin != nil {
			stdin.w.Close()
		}
	}
	return err
}

// openPipes creates the stdin pipe (nil when c.Stdin is nil: os/exec then
// opens /dev/null) and the captures of stdout, stderr and, when asked for,
// results.
func openPipes(c *Cmd) (*feeder, []*capture, error) {
	var caps []*capture
	add := func(name string, limit int64) error {
		cp, err := newCapture(name, limit)
		if err == nil {
			caps = append(caps, cp)
		}
		return err
	}
	err := add("stdout", c.StdoutCap)
	if err == nil {
		err = add("stderr", c.StderrCap)
	}
	if err == nil && c.Results {
		err = add("results", ResultsCap)
	}
	var in *feeder
	if err == nil && c.Stdin != nil {
		in, err = newFeeder()
	}
	if err != nil {
		closeAll(caps)
		return nil, nil, err
	}
	return in, caps, nil
}

// waitExit blocks until the process pid has exited, without reaping it:
// until it is reaped its pid, process group and session ids cannot be
// reused, so teardown can still use them.
func waitExit(pid int) {
	for {
		var info unix.Siginfo
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if err != unix.EINTR {
			return
		}
	}
}

// teardown kills what is left of the run after its leader exited and
// returns how many of its processes were still alive. In a PID namespace
// nothing is left: the kernel killed every process in it, and waited for
// them, before the leader's exit became visible.
func (r *runner) teardown(pid int) int {
	if r.iso.PIDNamespace {
		return 0
	}
	markEnded(pid)
	if r.noSweep {
		syscall.Kill(-pid, syscall.SIGKILL)
		return 0
	}
	return sweep(pid, r.iso)
}

// setStatus fills in the exit code and signal from the wait status.
func setStatus(out *Outcome, st *os.ProcessState) {
	if st == nil {
		out.ExitCode = -1
		return
	}
	ws, ok := st.Sys().(syscall.WaitStatus)
	if ok && ws.Signaled() {
		out.ExitCode = -1
		out.Signal = ws.Signal().String()
		return
	}
	out.ExitCode = st.ExitCode()
}
