package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// Limits used when a Cmd leaves a field zero, and the fixed ones.
const (
	DefaultTimeout   = 5 * time.Second
	DefaultStdoutCap = 1 << 20  // 1 MiB
	DefaultStderrCap = 64 << 10 // 64 KiB
	ResultsCap       = 16 << 20 // 16 MiB, for the fd 3 results pipe

	// Resource limits of a run started through the shim (Isolation.Shim).
	DefaultMemory    = 512 << 20 // bytes: RLIMIT_DATA of each process, and the cgroup limit of the tree
	DefaultFileSize  = 64 << 20  // bytes: RLIMIT_FSIZE
	DefaultOpenFiles = 1024      // RLIMIT_NOFILE
	DefaultProcesses = 256       // processes and threads: pids.max of the cgroup, RLIMIT_NPROC in a user namespace of its own

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

	// Resource limits, applied when the isolation has the shim (and a
	// cgroup for the whole tree); 0 means the default, negative none.
	Memory    int64         // bytes; 0 means 512 MiB. RLIMIT_DATA is not set when Env has GORACE (a race build reserves terabytes of shadow memory): only the cgroup limits it then
	CPUTime   time.Duration // CPU time of each process (RLIMIT_CPU, rounded up to seconds); 0 means Timeout × the number of CPUs, so it never ends a run that the wall limit would let finish
	FileSize  int64         // the largest file the run may write (RLIMIT_FSIZE); 0 means 64 MiB
	OpenFiles int           // RLIMIT_NOFILE; 0 means 1024
	Processes int           // processes and threads; 0 means 256

	// Writable are the directories (or files) the run may write
	// (Landlock, or the read-only mount namespace). nil means Dir, and
	// each existing path an environment value names whole inside the
	// directory that holds Dir (HOME, a debugger's output directory, a
	// log file): a caller gives each run a directory of its own holding
	// Dir and such paths, and the run cannot write beside Dir ("../x").
	// The run may also read and execute the system directories and
	// every existing absolute path an argument or an environment value
	// names whole.
	Writable []string

	// Disk is the tmpfs the run's directories are on (MountDisk), if
	// any: a run that fills it was refused with ENOSPC, and its Outcome
	// says so (LimitDisk).
	Disk *Disk
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

	// Limit names the resource limit the run hit, if any (one of the
	// Limit constants), and LimitDetail says it for people: "ran out of
	// memory (limit 512 MiB)". When the CPU-time limit killed the run,
	// TimedOut is set too; when a file reached RLIMIT_FSIZE (the write
	// failed with EFBIG: Go ignores SIGXFSZ), OutputLimit is "a file";
	// when the run filled its Disk, OutputLimit is "the disk".
	Limit       string
	LimitDetail string
	CPUTime     time.Duration // user and system CPU time of the program and the children it waited for
	Memory      int64         // peak memory in bytes: of the run's cgroup where there is one, else the largest resident set of the program
}

// Limits an Outcome can name.
const (
	LimitWall      = "wall-time" // the wall-clock limit (TimedOut)
	LimitCPU       = "cpu-time"  // RLIMIT_CPU: the kernel killed it (TimedOut)
	LimitMemory    = "memory"    // the cgroup's OOM kill, or Go's "out of memory" under RLIMIT_DATA
	LimitOutput    = "output"    // a stream cap (OutputLimit names the stream)
	LimitFileSize  = "file-size" // RLIMIT_FSIZE (OutputLimit is "a file")
	LimitDisk      = "disk"      // Cmd.Disk full: no space or no file left (OutputLimit is "the disk")
	LimitProcesses = "processes" // no new thread or process: pids.max or RLIMIT_NPROC
)

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
	if d.Memory == 0 {
		d.Memory = DefaultMemory
	}
	if d.CPUTime == 0 {
		d.CPUTime = d.Timeout * time.Duration(runtime.NumCPU())
	}
	if d.FileSize == 0 {
		d.FileSize = DefaultFileSize
	}
	if d.OpenFiles == 0 {
		d.OpenFiles = DefaultOpenFiles
	}
	if d.Processes == 0 {
		d.Processes = DefaultProcesses
	}
	if d.Writable == nil && d.Dir != "" {
		d.Writable = defaultWritable(d.Dir, d.Env)
	}
	if d.Env == nil {
		d.Env = []string{} // os/exec inherits the grader's environment for a nil Env
	}
	return d, nil
}

// defaultWritable is Dir and the existing paths that environment values
// name inside Dir's parent.
func defaultWritable(dir string, env []string) []string {
	w := []string{dir}
	parent := filepath.Dir(dir) + string(filepath.Separator)
	for _, kv := range env {
		_, v, _ := strings.Cut(kv, "=")
		v = filepath.Clean(v)
		if !filepath.IsAbs(v) || v == dir || !strings.HasPrefix(v, parent) || slices.Contains(w, v) {
			continue
		}
		if _, err := os.Lstat(v); err == nil {
			w = append(w, v)
		}
	}
	return w
}
