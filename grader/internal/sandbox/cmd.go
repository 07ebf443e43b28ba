package sandbox

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// Limits used when a Cmd leaves a field zero, and the fixed ones.
const (
	DefaultTimeout   = 5 * time.Second
	DefaultStdoutCap = 1 << 20  // 1 MiB
	DefaultStderrCap = 64 << 10 // 64 KiB
	ResultsCap       = 16 << 20 // 16 MiB, for the fd 3 results pipe

	// WaitDelay bounds how long Run waits, once the run's process is
	// gone, for its output pipes to reach end of file: a descendant that
	// escaped teardown and still holds a pipe cannot make Run hang longer.
	WaitDelay = 500 * time.Millisecond
)

// Cmd is one run.
type Cmd struct {
	Path      string        // executable (absolute)
	Args      []string      // argv including argv[0]
	Dir       string        // working directory (exists; the caller prepared it)
	Env       []string      // the complete environment: nothing is inherited
	Stdin     []byte        // nil: stdin is /dev/null; else written to a pipe, then closed
	Timeout   time.Duration // wall-clock limit; 0 means 5s
	StdoutCap int64         // bytes kept of stdout; 0 means 1 MiB; exceeding kills the run
	StderrCap int64         // same for stderr; 0 means 64 KiB
	Results   bool          // when true, fd 3 in the child is the write end of a pipe whose bytes are returned in Outcome.Results (cap 16 MiB, same kill rule)
}

// Outcome is what the run did. Failures of the program are data here.
type Outcome struct {
	Stdout, Stderr, Results []byte        // kept bytes (truncated at the caps)
	ExitCode                int           // exit status; -1 when killed by a signal
	Signal                  string        // signal name when killed by one ("killed", "segmentation fault", … from syscall.Signal.String()), else ""
	TimedOut                bool          // the wall limit was reached and the tree was killed
	OutputLimit             string        // "stdout", "stderr" or "results" when a cap was exceeded (the tree was killed), else ""
	Duration                time.Duration // wall time
	Leftover                int           // processes of the run found alive after teardown and then killed (should be 0; >0 is worth a warning)
	PID                     int           // the program's process id as the program itself saw it (1 in a PID namespace)
}

// Runner runs commands. The error is for the grader's own failures only
// (cannot start the process, cannot create a pipe); everything the program
// does is in the Outcome.
type Runner interface {
	Run(ctx context.Context, c *Cmd) (*Outcome, error)
}

// errTimedOut is the cause of a run's context when its wall limit expires.
var errTimedOut = errors.New("wall-clock limit reached")

// limitError is the cause of a run's context when a stream exceeds its cap.
type limitError struct{ stream string }

func (e *limitError) Error() string { return e.stream + " limit exceeded" }

// withDefaults returns a copy of c with zero limits replaced by the
// defaults, or an error for a Cmd that cannot be run as given.
func (c *Cmd) withDefaults() (Cmd, error) {
	if c == nil {
		return Cmd{}, errors.New("nil Cmd")
	}
	d := *c
	if !filepath.IsAbs(d.Path) {
		return d, fmt.Errorf("path %q is not absolute", d.Path)
	}
	if d.Timeout < 0 || d.StdoutCap < 0 || d.StderrCap < 0 {
		return d, fmt.Errorf("negative limit in Cmd for %s", d.Path)
	}
	if d.Timeout == 0 {
		d.Timeout = DefaultTimeout
	}
	if d.StdoutCap == 0 {
		d.StdoutCap = DefaultStdoutCap
	}
	if d.StderrCap == 0 {
		d.StderrCap = DefaultStderrCap
	}
	if d.Env == nil {
		d.Env = []string{} // os/exec inherits the grader's environment for a nil Env
	}
	return d, nil
}
