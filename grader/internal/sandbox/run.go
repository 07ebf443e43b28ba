package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
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
	// debugger allows what a debugger session needs (see Debugger).
	debugger bool
	// noSweep skips the fallback's sweep, leaving only the process-group
	// kill; tests use it to show that the sweep is needed.
	noSweep bool
}

// Option changes what New's Runner allows.
type Option func(*runner)

// Debugger is for debugger sessions (Delve driving the program): ptrace
// and process_vm_readv/writev are allowed, and so is TCP (Delve's client
// talks to its server on 127.0.0.1; without a network namespace of its
// own the run then keeps the host's network).
func Debugger() Option { return func(r *runner) { r.debugger = true } }

// New returns a Runner that uses what Detect found (or any Isolation the
// caller builds, such as Isolation{} for the plain fallback). It sets the
// grader process's soft RLIMIT_CORE to 0, which every run inherits (the
// hard limit is kept: the grader can raise it again). Without a PID
// namespace it makes the grader process a child subreaper (once).
func New(iso Isolation, opts ...Option) Runner {
	noCoreDumps()
	iso.normalize()
	if !iso.PIDNamespace {
		enableSubreaper() // failure leaves the session scan; Detect notes it
	}
	r := &runner{iso: iso}
	for _, o := range opts {
		o(r)
	}
	return r
}

// noCoreDumps sets the soft RLIMIT_CORE of the grader to 0.
func noCoreDumps() {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_CORE, &lim) == nil && lim.Cur != 0 {
		lim.Cur = 0
		unix.Setrlimit(unix.RLIMIT_CORE, &lim)
	}
}

// startError is a run that could not start: the shim or the exec failed.
type startError struct {
	path string
	err  error
}

func (e *startError) Error() string { return "start " + e.path + ": " + e.err.Error() }
func (e *startError) Unwrap() error { return e.err }

// Run runs c and returns what it did. The run's whole process tree is dead
// when Run returns. If ctx is done before the run ends, the tree is killed
// and Run returns the Outcome so far together with ctx's cause. If a
// process of the run is still alive after teardown, Run returns the
// Outcome and an error.
func (r *runner) Run(ctx context.Context, c *Cmd) (*Outcome, error) {
	cmd, err := c.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("run: %w", err)
	}
	var cg *cgroupRun
	if r.iso.Shim && r.iso.cgroup.Version != 0 {
		mem := cmd.Memory
		if mem < 0 {
			mem = 1 << 62
		}
		if cg, err = r.iso.cgroup.get(mem, cmd.Processes); err != nil {
			return nil, fmt.Errorf("run %s: %w", cmd.Path, err)
		}
		defer cg.release()
	}
	stdin, caps, err := openPipes(&cmd)
	if err != nil {
		return nil, fmt.Errorf("run %s: %w", cmd.Path, err)
	}
	var errR, errW *os.File
	if r.iso.Shim {
		if errR, errW, err = os.Pipe(); err != nil {
			closeAll(caps)
			return nil, fmt.Errorf("run %s: %w", cmd.Path, err)
		}
		defer errR.Close()
	}

	runCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	runCtx, stop := context.WithTimeoutCause(runCtx, cmd.Timeout, errTimedOut)
	defer stop()
	k := &killer{}
	x, err := r.command(runCtx, &cmd, stdin, caps, k, cg, errW)
	if err != nil {
		closeAll(caps)
		return nil, fmt.Errorf("run %s: %w", cmd.Path, err)
	}

	start := time.Now()
	if err := r.start(x, stdin, caps, errW); err != nil {
		return nil, &startError{cmd.Path, unwrapStart(err)}
	}
	pid := x.Process.Pid
	defer unregister(pid)
	k.arm(pid)
	if !r.iso.Shim {
		// The run inherits the grader's soft RLIMIT_CORE of 0 (see New);
		// this sets its hard limit to 0 too, so that it cannot raise the
		// soft one. The kernel refuses it for a run of another uid
		// unless the grader has CAP_SYS_RESOURCE. (The shim sets both
		// before the program starts.)
		unix.Prlimit(pid, unix.RLIMIT_CORE, &unix.Rlimit{}, nil)
	}

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
	var shimErr error
	if errR != nil {
		shimErr = readShimError(errR)
	}

	waitExit(pid)
	out := &Outcome{Duration: time.Since(start), PID: pid}
	if r.iso.PIDNamespace {
		out.PID = 1 // what the program saw of itself
	}
	killed := k.disarm()
	leftover, left := r.teardown(pid, cg)
	out.Leftover = leftover
	x.Wait() // reaps; the status is read from ProcessState below
	if stdin != nil {
		stdin.stop()
	}
	finish(caps, WaitDelay)
	if shimErr != nil {
		return nil, &startError{cmd.Path, shimErr}
	}

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
	r.explain(out, &cmd, x.ProcessState, cg, killed)
	if left > 0 {
		return out, fmt.Errorf("run %s: %d processes of the run survived its teardown", cmd.Path, left)
	}
	return out, nil
}

// readShimError reads the shim's error pipe to its end: empty when the
// program was executed (the pipe is close-on-exec), else "errno message"
// as shimExit wrote it.
func readShimError(f *os.File) error {
	b, _ := io.ReadAll(io.LimitReader(f, 4096))
	if len(b) == 0 {
		return nil
	}
	return parseShimError(string(b))
}

// command builds the exec.Cmd of a run: the child ends of the pipes, the
// isolation's process attributes, and k's kill as the Cancel of ctx. With
// the shim, the grader's own executable is started and told (argv[1]) to
// prepare the run and execute c.Path.
func (r *runner) command(ctx context.Context, c *Cmd, stdin *feeder, caps []*capture, k *killer, cg *cgroupRun, errW *os.File) (*exec.Cmd, error) {
	var x *exec.Cmd
	var extra []*os.File
	if c.Results {
		extra = append(extra, caps[2].w)
	}
	if r.iso.Shim {
		conf := r.shimConfig(c, cg, 3+len(extra))
		extra = append(extra, errW)
		if r.sharesNet() {
			net, uts, err := sharedNamespaces()
			if err != nil {
				return nil, err
			}
			conf.SetNS = []nsFD{{3 + len(extra), unix.CLONE_NEWNET}, {4 + len(extra), unix.CLONE_NEWUTS}}
			extra = append(extra, net, uts)
		}
		args, err := shimArgs(conf)
		if err != nil {
			return nil, err
		}
		x = exec.CommandContext(ctx, r.iso.shimExe())
		x.Args = args
	} else {
		x = exec.CommandContext(ctx, c.Path)
		x.Args = c.Args
	}
	x.Dir = c.Dir
	x.Env = c.Env
	x.Stdout, x.Stderr = caps[0].w, caps[1].w
	x.ExtraFiles = extra
	if stdin != nil {
		x.Stdin = stdin.r
	}
	x.SysProcAttr = r.iso.sysProcAttr()
	if r.sharesNet() {
		x.SysProcAttr.Cloneflags &^= unix.CLONE_NEWNET | unix.CLONE_NEWUTS
	}
	x.Cancel = k.cancel
	// Backstop: if the leader has not exited WaitDelay after the kill,
	// os/exec kills it again.
	x.WaitDelay = WaitDelay
	return x, nil
}

// start starts x and registers its leader, then closes the grader's copies
// of the child's pipe ends (and, if the start failed, every pipe).
func (r *runner) start(x *exec.Cmd, stdin *feeder, caps []*capture, errW *os.File) error {
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
	if errW != nil {
		errW.Close()
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

// teardown kills what is left of the run after its leader exited. It
// returns how many of its processes were still alive, and how many are
// left even so (which Run reports as an error). In a PID namespace
// nothing is left: the kernel killed every process in it, and waited for
// them, before the leader's exit became visible. A cgroup is emptied
// (forks stopped, everything killed); without a PID namespace the sweep
// then kills what left the cgroup's reach and reaps the orphans the
// grader adopted.
func (r *runner) teardown(pid int, cg *cgroupRun) (found, left int) {
	if cg != nil {
		found, left = cg.kill(sweepBudget)
	}
	if r.iso.PIDNamespace {
		return found, left
	}
	markEnded(pid)
	if r.noSweep {
		syscall.Kill(-pid, syscall.SIGKILL)
		return found, left
	}
	found += sweep(pid, r.iso)
	if cg == nil {
		left = remaining(pid)
	}
	return found, left
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
