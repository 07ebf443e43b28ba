// Package check compares what a run did with what its spec and the
// reference say it should have done, and explains the difference in words a
// student can act on.
//
// A run's Observation is plain data (stdout, stderr, exit, files, probe
// results); check never runs anything. The error convention of catalogue 0.3
// is always part of the expectation: no panic trace (E4), empty stderr on
// success (E6), "error: " on the first stderr line and exit status 1 on
// failure (E1), and empty stdout when failing unless the contract says
// otherwise (E3).
package check

import (
	"time"

	"github.com/classgrade/gograder/grader/internal/build/harness"
	"github.com/classgrade/gograder/grader/internal/fixture"
)

// Statuses of a case, from best to worst.
const (
	Pass              = "pass"
	Fail              = "fail"               // wrong output, files or values
	WrongErrorKind    = "wrong-error-kind"   // a function returned another kind of error
	RuntimeError      = "runtime-error"      // panic, crash, killed by a signal
	Timeout           = "timeout"            // ran past its time limit
	OutputLimit       = "output-limit"       // wrote more than the grader keeps
	CompileError      = "compile-error"      // the task does not build
	SignatureMismatch = "signature-mismatch" // a function the grader calls is missing or different
	Skipped           = "skipped"            // the machine cannot run it (weight removed)
	NotSubmitted      = "not-submitted"      // no task folder
)

// Observation is what one run did.
type Observation struct {
	Stdout, Stderr []byte
	ExitCode       int
	Signal         string
	TimedOut       bool
	OutputLimit    string
	Elapsed        time.Duration
	Timeout        time.Duration
	// Start is when the run started (wall clock), for times it printed.
	Start time.Time
	// Files holds, for each path the run's expectations name, its state
	// after the run; Before its state before (for unchanged).
	Files, Before map[string]fixture.State
	// Calls are the probe's results, for function runs.
	Calls []harness.CallResult
	// ServerStdout and ServerStderr are the debugged program's output in
	// a debugger run (Stdout is then the debugger's transcript).
	ServerStdout, ServerStderr []byte
	// Limit is the resource limit the run hit ("memory", "cpu-time",
	// "file-size", "processes", …) and LimitDetail says it for people.
	Limit, LimitDetail string
	// Repeats are the further executions of a repeated run.
	Repeats []*Observation
	// PID is the program's own process id; SpawnLog what the counting
	// shim recorded of its children.
	PID      int
	SpawnLog []byte
	// Problem is why a run could not be made as the student asked (a
	// forbidden debugger command, a missing debug.dlv).
	Problem string
}

// Verdict is the outcome of one run, or of a case (its first failing run).
type Verdict struct {
	Status  string
	Message string // one or two lines for the student
	Rule    string // the error-convention rule broken (E1…E9), if any
	Diff    string // expected vs actual, unified, deterministic
}

// OK reports whether the verdict is a pass.
func (v Verdict) OK() bool { return v.Status == Pass }

func pass() Verdict { return Verdict{Status: Pass} }
