package sandbox

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// explain fills in what the run used (CPU time, memory) and which limit,
// if any, it ran into.
func (r *runner) explain(out *Outcome, c *Cmd, ps *os.ProcessState, cg *cgroupRun, killed bool) {
	if ps != nil {
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			out.CPUTime = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			out.Memory = ru.Maxrss << 10
		}
	}
	if cg != nil {
		if p := cg.peak(); p > 0 {
			out.Memory = p
		}
	}
	set := func(limit, format string, args ...any) {
		out.Limit, out.LimitDetail = limit, fmt.Sprintf(format, args...)
	}
	switch {
	case out.TimedOut:
		set(LimitWall, "still running after %v (wall-clock limit)", c.Timeout)
		return
	case out.OutputLimit == "stderr" && r.iso.Shim && c.Memory > 0 && outOfMemory(out.Stderr):
		// The runtime's crash report (every goroutine's stack) filled
		// stderr: the report is not the program's output.
		out.OutputLimit = ""
		set(LimitMemory, "ran out of memory (limit %s)", size(c.Memory))
		return
	case out.OutputLimit == "stderr" && r.iso.Shim && c.Processes > 0 && noThread(out.Stderr):
		out.OutputLimit = ""
		set(LimitProcesses, "could not start another thread or process (limit %d)", c.Processes)
		return
	case out.OutputLimit != "":
		set(LimitOutput, "wrote too much to %s (limit %s)", out.OutputLimit, size(capOf(c, out.OutputLimit)))
		return
	}
	if c.Disk != nil {
		if what := c.Disk.full(); what != "" {
			out.OutputLimit = "the disk"
			set(LimitDisk, "filled its disk (limit %s)", what)
			return
		}
	}
	if !r.iso.Shim {
		return
	}
	cpu := time.Duration(cpuSeconds(c.CPUTime)) * time.Second
	switch {
	case out.Signal == "killed" && !killed && c.CPUTime > 0 && out.CPUTime >= cpu/2 && !(cg != nil && cg.oomKilled()):
		// Killed by the kernel, not by the grader, and not for memory:
		// the hard RLIMIT_CPU (rusage lags behind the kernel's exact
		// count on a busy machine, hence the margin).
		out.TimedOut = true
		set(LimitCPU, "used %v of CPU time (limit %v)", out.CPUTime.Round(time.Millisecond), cpu)
	case c.Memory > 0 && ((cg != nil && cg.oomKilled()) || outOfMemory(out.Stderr)):
		set(LimitMemory, "ran out of memory (limit %s)", size(c.Memory))
	case c.Processes > 0 && noThread(out.Stderr):
		set(LimitProcesses, "could not start another thread or process (limit %d)", c.Processes)
	case c.FileSize > 0 && fullFile(c.Writable, c.FileSize):
		out.OutputLimit = "a file"
		set(LimitFileSize, "wrote a file as large as the limit (%s)", size(c.FileSize))
	}
}

func capOf(c *Cmd, stream string) int64 {
	switch stream {
	case "stdout":
		return c.StdoutCap
	case "stderr":
		return c.StderrCap
	}
	return ResultsCap
}

// outOfMemory reports whether stderr has the Go runtime's report of a
// failed allocation (RLIMIT_DATA makes mmap fail).
func outOfMemory(stderr []byte) bool {
	return bytes.Contains(stderr, []byte("fatal error: out of memory")) ||
		bytes.Contains(stderr, []byte("runtime: out of memory"))
}

// noThread reports whether stderr has the Go runtime's report of a thread
// it could not create (pids.max or RLIMIT_NPROC).
func noThread(stderr []byte) bool {
	return bytes.Contains(stderr, []byte("failed to create new OS thread")) ||
		bytes.Contains(stderr, []byte("pthread_create failed: Resource temporarily unavailable"))
}

// fullFileScan bounds the search for a file that reached RLIMIT_FSIZE.
const fullFileScan = 10000

// fullFile reports whether a regular file in the writable directories
// has reached limit bytes (the kernel stops every file there). It looks
// at most at fullFileScan entries and never follows a symbolic link.
func fullFile(dirs []string, limit int64) bool {
	n := 0
	found := false
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if n++; n > fullFileScan || found {
				return filepath.SkipAll
			}
			if err != nil || !e.Type().IsRegular() {
				return nil
			}
			if fi, err := e.Info(); err == nil && fi.Size() >= limit {
				found = true
			}
			return nil
		})
	}
	return found
}

// size formats a byte count: "512 MiB".
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
