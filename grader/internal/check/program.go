package check

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// panicTrace is E4's pattern: a Go crash header at the start of a line.
var panicTrace = regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ |SIG[A-Z]+: |\[signal )`)

// logTimestamp is the default prefix of the log package: "2026/11/27 08:00:00 ".
var logTimestamp = regexp.MustCompile(`\A\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} `)

// Program checks a program run. ref is the reference's run of the same
// case, used for every expectation the spec leaves unstated. golden holds
// the content of expect.stdout_file, if any.
func Program(r *spec.Run, obs, ref *Observation, golden []byte) Verdict {
	if v, bad := raced(obs); bad {
		return v
	}
	if v, bad := ended(obs); bad {
		return v
	}
	e := r.Expect
	wantExit := ref.ExitCode
	if e.Exit != nil {
		wantExit = *e.Exit
	}
	if obs.ExitCode != wantExit {
		return exitVerdict(obs, wantExit)
	}
	if v, bad := convention(obs, wantExit, e); bad {
		return v
	}
	if e.StderrRegex != "" {
		re := regexp.MustCompile(e.StderrRegex)
		if !re.Match(obs.Stderr) {
			return Verdict{Status: Fail, Rule: ruleFor(wantExit),
				Message: fmt.Sprintf("stderr does not match %s", e.StderrRegex),
				Diff:    "stderr:\n" + indent(firstLines(obs.Stderr, 10))}
		}
	}
	if v := stdout(e, obs, ref, golden, wantExit); !v.OK() {
		return v
	}
	if e.Spawn != nil {
		if v := Spawned(e.Spawn, obs); !v.OK() {
			return v
		}
	}
	return Files(e, obs, ref)
}

// ended explains runs that did not end by themselves with an exit status.
func ended(obs *Observation) (Verdict, bool) {
	switch {
	case obs.Limit == "memory" || obs.Limit == "processes":
		return Verdict{Status: RuntimeError, Message: obs.LimitDetail + limitAdvice[obs.Limit]}, true
	case obs.Limit == "cpu-time":
		return Verdict{Status: Timeout, Message: obs.LimitDetail + ": is there a loop that never ends?"}, true
	case obs.Limit == "file-size" || obs.Limit == "disk":
		return Verdict{Status: OutputLimit, Message: obs.LimitDetail + ": is there a loop that never ends?"}, true
	case obs.OutputLimit != "":
		return Verdict{Status: OutputLimit, Message: fmt.Sprintf("wrote too much to %s and was stopped: is there a loop that never ends?", obs.OutputLimit)}, true
	case obs.TimedOut:
		return Verdict{Status: Timeout, Message: fmt.Sprintf("still running after %v and was stopped: does it wait for input that never comes, or loop forever?", obs.Timeout)}, true
	case panicTrace.Match(obs.Stderr):
		return crashVerdict(obs), true
	case obs.Signal != "":
		return Verdict{Status: RuntimeError, Rule: "E4", Message: fmt.Sprintf("killed by signal: %s", obs.Signal)}, true
	case obs.ExitCode == 2 && bytes.Contains(obs.Stderr, []byte("goroutine ")):
		return crashVerdict(obs), true
	}
	return Verdict{}, false
}

// limitAdvice says what to look at when a resource limit stopped a run.
var limitAdvice = map[string]string{
	"memory":    ": does it hold far more data than the task needs, or grow it without end?",
	"processes": ": does it start goroutines that block in system calls, or processes, without end?",
}

// crashVerdict names the crash in one line and says what to change.
func crashVerdict(obs *Observation) Verdict {
	line := ""
	if loc := panicTrace.FindIndex(obs.Stderr); loc != nil {
		line = string(firstLines(obs.Stderr[loc[0]:], 1))
	}
	line = strings.TrimSpace(line)
	msg := "crashed: " + line
	switch {
	case strings.Contains(line, "all goroutines are asleep"):
		msg += "\nA deadlock: every goroutine waits (on a channel, a WaitGroup or a lock) and none can proceed."
	case strings.HasPrefix(line, "panic: runtime error: integer divide by zero"):
		msg += "\nCheck the divisor before dividing, or recover and return an error."
	case strings.HasPrefix(line, "panic: runtime error"):
		msg += "\nA runtime error (nil pointer, index out of range …) crashed the program."
	case strings.HasPrefix(line, "SIGTRAP") || strings.Contains(line, "trace trap"):
		msg += "\nruntime.Breakpoint() stops the program without a debugger: remove it."
	case strings.HasPrefix(line, "panic: "):
		msg += "\nReport the error instead: print \"error: \" and the error to stderr and exit with status 1 (E1), never panic."
	}
	return Verdict{Status: RuntimeError, Rule: "E4", Message: msg}
}

func exitVerdict(obs *Observation, want int) Verdict {
	v := Verdict{Status: Fail, Message: fmt.Sprintf("exit status %d, want %d", obs.ExitCode, want)}
	switch {
	case want == 1 && obs.ExitCode == 0:
		v.Rule = "E1"
		v.Message += ": a run that cannot do its job must print \"error: …\" to stderr and exit with status 1"
		if len(obs.Stdout) > 0 {
			v.Diff = "stdout:\n" + indent(firstLines(obs.Stdout, 5))
		}
	case want == 0:
		v.Rule = "E6"
		if len(obs.Stderr) > 0 {
			v.Diff = "stderr:\n" + indent(firstLines(obs.Stderr, 5))
		}
	default:
		if len(obs.Stderr) > 0 {
			v.Diff = "stderr:\n" + indent(firstLines(obs.Stderr, 5))
		}
	}
	return v
}

// convention checks E1, E3 and E6 once the exit status is right.
func convention(obs *Observation, exit int, e spec.Expect) (Verdict, bool) {
	switch exit {
	case 0:
		if len(obs.Stderr) > 0 {
			return Verdict{Status: Fail, Rule: "E6", Message: "stderr must be empty when the run succeeds",
				Diff: "stderr:\n" + indent(firstLines(obs.Stderr, 5))}, true
		}
	case 1:
		if !bytes.HasPrefix(obs.Stderr, []byte("error: ")) {
			v := Verdict{Status: Fail, Rule: "E1", Message: "the first line of stderr must start with \"error: \"",
				Diff: "stderr:\n" + indent(firstLines(obs.Stderr, 3))}
			if logTimestamp.Match(obs.Stderr) {
				v.Message += ": log.Fatal prints a timestamp first (use fmt.Fprintln(os.Stderr, \"error:\", err) and os.Exit(1))"
			}
			return v, true
		}
		if e.Stdout == nil && e.StdoutRegex == "" && e.StdoutLines == nil && e.StdoutFile == "" && !e.AnyStdout && len(obs.Stdout) > 0 {
			return Verdict{Status: Fail, Rule: "E3", Message: "stdout must be empty when the run fails",
				Diff: "stdout:\n" + indent(firstLines(obs.Stdout, 5))}, true
		}
	}
	return Verdict{}, false
}

func ruleFor(exit int) string {
	if exit == 1 {
		return "E1"
	}
	return ""
}

func stdout(e spec.Expect, obs, ref *Observation, golden []byte, exit int) Verdict {
	got := obs.Stdout
	switch {
	case e.AnyStdout:
		return pass()
	case e.Stdout != nil:
		return compareText("stdout", []byte(*e.Stdout), got)
	case e.StdoutFile != "":
		return compareText("stdout", golden, got)
	case e.StdoutRegex != "":
		if !regexp.MustCompile(e.StdoutRegex).Match(got) {
			return Verdict{Status: Fail, Rule: "E7", Message: fmt.Sprintf("stdout does not match %s", e.StdoutRegex),
				Diff: "stdout:\n" + indent(firstLines(got, 10))}
		}
		return pass()
	case e.StdoutLines != nil:
		return lines(e.StdoutLines, got)
	case exit == 1:
		return pass() // E3 already required it empty
	}
	return compareText("stdout", ref.Stdout, got)
}

// compareText compares byte-exactly (E7) and shows a readable diff.
func compareText(what string, want, got []byte) Verdict {
	if bytes.Equal(want, got) {
		return pass()
	}
	return Verdict{Status: Fail, Rule: "E7", Message: what + " differs from the expected output" + whyDiffers(want, got),
		Diff: Diff("want", want, "got", got)}
}

// whyDiffers names the usual small mistakes.
func whyDiffers(want, got []byte) string {
	switch {
	case bytes.Equal(append(append([]byte(nil), want...), '\n'), got):
		return ": an extra newline at the end (fmt.Println adds one)"
	case bytes.Equal(want, append(append([]byte(nil), got...), '\n')):
		return ": the final newline is missing"
	case bytes.Contains(got, []byte("\r\n")) && !bytes.Contains(want, []byte("\r\n")):
		return ": lines end in \\r\\n, want \\n"
	case bytes.Contains(got, []byte("\x1b[")):
		return ": ANSI colour codes in the output"
	case len(want) > 0 && len(got) == 0:
		return ": nothing was printed"
	}
	return ""
}

// clockTimes matches wall-clock times a program may print: log's default
// prefix and RFC 3339.
var clockTimes = regexp.MustCompile(`\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})`)

// scrub replaces clock times in output shown to a student, so that the
// same submission always gets the same report; checks never see it.
func scrub(b []byte) []byte {
	return clockTimes.ReplaceAll(b, []byte("<time>"))
}

func firstLines(b []byte, n int) []byte {
	b = scrub(b)
	ls := bytes.SplitAfter(b, []byte("\n"))
	if len(ls) > n {
		ls = ls[:n]
	}
	out := bytes.Join(ls, nil)
	if len(out) > 2000 {
		out = append(out[:2000:2000], "…"...)
	}
	return out
}

func indent(b []byte) string {
	if len(b) == 0 {
		return "    (empty)\n"
	}
	s := strings.TrimSuffix(string(b), "\n")
	return "    " + strings.ReplaceAll(s, "\n", "\n    ") + "\n"
}
