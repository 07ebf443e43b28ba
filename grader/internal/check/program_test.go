package check_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/spec"
)

func intp(n int) *int             { return &n }
func strp(s string) *string       { return &s }
func ok() check.Verdict           { return check.Verdict{Status: check.Pass} }
func run(e spec.Expect) *spec.Run { return &spec.Run{Name: "a", Expect: e} }

// out is an observation of a run that ended by itself.
func out(stdout, stderr string, exit int) *check.Observation {
	return &check.Observation{Stdout: []byte(stdout), Stderr: []byte(stderr), ExitCode: exit}
}

// compare compares verdicts; an empty want.Diff means "any diff".
func compare(t *testing.T, want, got check.Verdict) {
	t.Helper()
	var opts []cmp.Option
	if want.Diff == "" {
		opts = append(opts, cmpopts.IgnoreFields(check.Verdict{}, "Diff"))
	}
	if diff := cmp.Diff(want, got, opts...); diff != "" {
		t.Errorf("verdict mismatch (-want +got):\n%s", diff)
	}
}

const goTrace = `

goroutine 1 [running]:
main.main()
	/tmp/w/task01/main.go:12 +0x1d
exit status 2
`

func TestProgram(t *testing.T) {
	refHello := out("hello\n", "", 0)
	tests := []struct {
		name   string
		expect spec.Expect
		obs    *check.Observation
		ref    *check.Observation // default: refHello
		golden string
		want   check.Verdict
	}{
		// stdout stated exactly (E7)
		{
			name:   "exact stdout",
			expect: spec.Expect{Stdout: strp("hello\n")},
			obs:    out("hello\n", "", 0),
			want:   ok(),
		},
		{
			name:   "extra newline",
			expect: spec.Expect{Stdout: strp("hello")},
			obs:    out("hello\n", "", 0),
			want: check.Verdict{Status: check.Fail, Rule: "E7",
				Message: "stdout differs from the expected output: an extra newline at the end (fmt.Println adds one)",
				Diff:    "--- want\n+++ got\n@@ -1,1 +1,1 @@\n-\"hello\"\n+\"hello\\n\"\n"},
		},
		{
			name:   "final newline missing",
			expect: spec.Expect{Stdout: strp("hello\n")},
			obs:    out("hello", "", 0),
			want:   check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output: the final newline is missing"},
		},
		{
			name:   "CRLF line ends",
			expect: spec.Expect{Stdout: strp("a\nb\n")},
			obs:    out("a\r\nb\r\n", "", 0),
			want:   check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output: lines end in \\r\\n, want \\n"},
		},
		{
			name:   "ANSI colour",
			expect: spec.Expect{Stdout: strp("ok\n")},
			obs:    out("\x1b[32mok\x1b[0m\n", "", 0),
			want:   check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output: ANSI colour codes in the output"},
		},
		{
			name:   "nothing printed",
			expect: spec.Expect{Stdout: strp("hello\n")},
			obs:    out("", "", 0),
			want:   check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output: nothing was printed"},
		},
		{
			name:   "different text",
			expect: spec.Expect{Stdout: strp("one\ntwo\n")},
			obs:    out("one\nthree\n", "", 0),
			want: check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output",
				Diff: "--- want\n+++ got\n@@ -1,2 +1,2 @@\n one\n-two\n+three\n"},
		},
		{
			name:   "empty stdout stated",
			expect: spec.Expect{Stdout: strp("")},
			obs:    out("x\n", "", 0),
			want:   check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output"},
		},
		// other stdout forms
		{
			name:   "regex matches",
			expect: spec.Expect{StdoutRegex: `\A\d+ bytes\n\z`},
			obs:    out("3300 bytes\n", "", 0),
			want:   ok(),
		},
		{
			name:   "regex does not match",
			expect: spec.Expect{StdoutRegex: `\A\d+ bytes\n\z`},
			obs:    out("bytes: 3300\n", "", 0),
			want: check.Verdict{Status: check.Fail, Rule: "E7", Message: `stdout does not match \A\d+ bytes\n\z`,
				Diff: "stdout:\n    bytes: 3300\n"},
		},
		{
			name:   "stdout_file",
			expect: spec.Expect{StdoutFile: "testdata/x.golden"},
			obs:    out("gold\n", "", 0),
			golden: "gold\n",
			want:   ok(),
		},
		{
			name:   "stdout_file differs",
			expect: spec.Expect{StdoutFile: "testdata/x.golden"},
			obs:    out("gold\nextra\n", "", 0),
			golden: "gold\n",
			want:   check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output"},
		},
		{
			name:   "any stdout",
			expect: spec.Expect{AnyStdout: true},
			obs:    out("whatever\n", "", 0),
			want:   ok(),
		},
		// unstated expectations come from the reference
		{
			name:   "stdout from the reference",
			expect: spec.Expect{},
			obs:    out("hello\n", "", 0),
			want:   ok(),
		},
		{
			name:   "stdout differs from the reference",
			expect: spec.Expect{},
			obs:    out("Hello\n", "", 0),
			want: check.Verdict{Status: check.Fail, Rule: "E7", Message: "stdout differs from the expected output",
				Diff: "--- want\n+++ got\n@@ -1,1 +1,1 @@\n-hello\n+Hello\n"},
		},
		{
			name:   "exit status from the reference",
			expect: spec.Expect{},
			obs:    out("", "", 0),
			ref:    out("", "error: open x: no such file or directory\n", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E1",
				Message: `exit status 0, want 1: a run that cannot do its job must print "error: …" to stderr and exit with status 1`},
		},
		{
			name:   "failing like the reference, with another message",
			expect: spec.Expect{},
			obs:    out("", "error: x.txt: not found\n", 1),
			ref:    out("", "error: open x.txt: no such file or directory\n", 1),
			want:   ok(),
		},
		{
			name:   "a stated exit status overrides the reference",
			expect: spec.Expect{Exit: intp(0), Stdout: strp("")},
			obs:    out("", "", 0),
			ref:    out("", "error: x\n", 1),
			want:   ok(),
		},
		// the error convention
		{
			name:   "E1 success instead of an error, stdout shown",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("None\n", "", 0),
			want: check.Verdict{Status: check.Fail, Rule: "E1",
				Message: `exit status 0, want 1: a run that cannot do its job must print "error: …" to stderr and exit with status 1`,
				Diff:    "stdout:\n    None\n"},
		},
		{
			name:   "E1 stderr without error: prefix",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("", "open x: no such file or directory\n", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E1", Message: `the first line of stderr must start with "error: "`,
				Diff: "stderr:\n    open x: no such file or directory\n"},
		},
		{
			name:   "E1 empty stderr",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("", "", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E1", Message: `the first line of stderr must start with "error: "`,
				Diff: "stderr:\n    (empty)\n"},
		},
		{
			name:   "E1 log.Fatal timestamp",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("", "2026/11/27 08:00:00 open x: no such file or directory\n", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E1",
				Message: `the first line of stderr must start with "error: ": log.Fatal prints a timestamp first (use fmt.Fprintln(os.Stderr, "error:", err) and os.Exit(1))`},
		},
		{
			name:   "E1 error: on the second line only",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("", "warning\nerror: x\n", 1),
			want:   check.Verdict{Status: check.Fail, Rule: "E1", Message: `the first line of stderr must start with "error: "`},
		},
		{
			name:   "E1 with the error: prefix",
			expect: spec.Expect{Exit: intp(1), StderrRegex: `\Aerror: .*x\.txt.*no such file or directory`},
			obs:    out("", "error: open x.txt: no such file or directory\n", 1),
			want:   ok(),
		},
		{
			name:   "stderr_regex does not match",
			expect: spec.Expect{Exit: intp(1), StderrRegex: `\Aerror: .*x\.txt`},
			obs:    out("", "error: something went wrong\n", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E1", Message: `stderr does not match \Aerror: .*x\.txt`,
				Diff: "stderr:\n    error: something went wrong\n"},
		},
		{
			name:   "E3 stdout on failure",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("partial\n", "error: x\n", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E3", Message: "stdout must be empty when the run fails",
				Diff: "stdout:\n    partial\n"},
		},
		{
			name:   "E3 does not apply when the contract states stdout",
			expect: spec.Expect{Exit: intp(1), Stdout: strp("partial\n")},
			obs:    out("partial\n", "error: x\n", 1),
			want:   ok(),
		},
		{
			name:   "E6 stderr on success",
			expect: spec.Expect{Stdout: strp("hello\n")},
			obs:    out("hello\n", "warning: x\n", 0),
			want: check.Verdict{Status: check.Fail, Rule: "E6", Message: "stderr must be empty when the run succeeds",
				Diff: "stderr:\n    warning: x\n"},
		},
		{
			name:   "E6 failure instead of success",
			expect: spec.Expect{},
			obs:    out("", "error: x\n", 1),
			want: check.Verdict{Status: check.Fail, Rule: "E6", Message: "exit status 1, want 0",
				Diff: "stderr:\n    error: x\n"},
		},
		{
			name:   "another exit status",
			expect: spec.Expect{Exit: intp(3)},
			obs:    out("", "error: x\n", 1),
			want:   check.Verdict{Status: check.Fail, Message: "exit status 1, want 3", Diff: "stderr:\n    error: x\n"},
		},
		// E4 and runs that did not end by themselves
		{
			name:   "E4 panic with a runtime error",
			expect: spec.Expect{},
			obs:    out("", "panic: runtime error: index out of range [3] with length 3"+goTrace, 2),
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "crashed: panic: runtime error: index out of range [3] with length 3\nA runtime error (nil pointer, index out of range …) crashed the program."},
		},
		{
			name:   "E4 integer divide by zero",
			expect: spec.Expect{},
			obs:    out("", "panic: runtime error: integer divide by zero"+goTrace, 2),
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "crashed: panic: runtime error: integer divide by zero\nCheck the divisor before dividing, or recover and return an error."},
		},
		{
			name:   "E4 panic(err)",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("", "panic: open x: no such file or directory"+goTrace, 2),
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "crashed: panic: open x: no such file or directory\nReport the error instead: print \"error: \" and the error to stderr and exit with status 1 (E1), never panic."},
		},
		{
			name:   "E4 deadlock",
			expect: spec.Expect{},
			obs:    out("", "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.main()\n", 2),
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "crashed: fatal error: all goroutines are asleep - deadlock!\nA deadlock: every goroutine waits (on a channel, a WaitGroup or a lock) and none can proceed."},
		},
		{
			name:   "E4 SIGTRAP from runtime.Breakpoint",
			expect: spec.Expect{},
			obs: &check.Observation{ExitCode: -1, Signal: "trace/breakpoint trap",
				Stderr: []byte("SIGTRAP: trace trap\nPC=0x46a2c1 m=0 sigcode=128\n\ngoroutine 1 gp=0xc000002380 m=0 mp=0x5a1e60 [running]:\nruntime.breakpoint()\n")},
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "crashed: SIGTRAP: trace trap\nruntime.Breakpoint() stops the program without a debugger: remove it."},
		},
		{
			name:   "E4 trace after an error line",
			expect: spec.Expect{Exit: intp(1)},
			obs:    out("", "error: x\ngoroutine 7 [running]:\n", 1),
			want:   check.Verdict{Status: check.RuntimeError, Rule: "E4", Message: "crashed: goroutine 7 [running]:"},
		},
		{
			name:   "E4 a trace even with the right output",
			expect: spec.Expect{Stdout: strp("hello\n")},
			obs:    out("hello\n", "panic: boom [recovered]\n\tpanic: boom\n"+goTrace, 2),
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "crashed: panic: boom [recovered]\nReport the error instead: print \"error: \" and the error to stderr and exit with status 1 (E1), never panic."},
		},
		{
			name:   "killed by a signal",
			expect: spec.Expect{},
			obs:    &check.Observation{ExitCode: -1, Signal: "killed"},
			want:   check.Verdict{Status: check.RuntimeError, Rule: "E4", Message: "killed by signal: killed"},
		},
		{
			name:   "timeout",
			expect: spec.Expect{},
			obs:    &check.Observation{ExitCode: -1, TimedOut: true, Timeout: 5 * time.Second, Signal: "killed"},
			want: check.Verdict{Status: check.Timeout,
				Message: "still running after 5s and was stopped: does it wait for input that never comes, or loop forever?"},
		},
		{
			name:   "output limit",
			expect: spec.Expect{},
			obs:    &check.Observation{ExitCode: -1, OutputLimit: "stdout", Stdout: []byte("yyyy")},
			want: check.Verdict{Status: check.OutputLimit,
				Message: "wrote too much to stdout and was stopped: is there a loop that never ends?"},
		},
		// files are checked last
		{
			name:   "files after the output",
			expect: spec.Expect{Files: map[string]spec.Want{"out.txt": {Content: strp("x\n")}}},
			obs:    out("hello\n", "", 0),
			want:   check.Verdict{Status: check.Fail, Message: "out.txt was not created"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := tt.ref
			if ref == nil {
				ref = refHello
			}
			if tt.obs.Files == nil {
				tt.obs.Files = map[string]fixture.State{}
				for p := range tt.expect.Files {
					tt.obs.Files[p] = fixture.State{Kind: "absent"}
				}
			}
			got := check.Program(run(tt.expect), tt.obs, ref, []byte(tt.golden))
			compare(t, tt.want, got)
		})
	}
}

func TestProgramStdoutLines(t *testing.T) {
	lines := &spec.Lines{
		Lines: []string{"worker 1 done", "worker 2 done", "worker 3 done", "all done"},
		Last:  "all done",
	}
	first := &spec.Lines{Lines: []string{"start", "a", "b"}, First: "start"}
	order := &spec.Lines{Lines: []string{"open", "read", "close", "x"}, Order: [][2]string{{"open", "read"}, {"read", "close"}}}
	tests := []struct {
		name   string
		lines  *spec.Lines
		stdout string
		want   check.Verdict
	}{
		{"any order", lines, "worker 3 done\nworker 1 done\nworker 2 done\nall done\n", ok()},
		{"last line wrong", lines, "worker 3 done\nall done\nworker 1 done\nworker 2 done\n",
			check.Verdict{Status: check.Fail, Message: `"all done" was printed before "worker 2 done", but it must come last`}},
		{"a line missing", lines, "worker 1 done\nworker 2 done\nall done\n",
			check.Verdict{Status: check.Fail, Rule: "E7", Message: `lines missing from stdout: "worker 3 done"`,
				Diff: "--- want (sorted)\n+++ got (sorted)\n@@ -1,4 +1,3 @@\n all done\n worker 1 done\n worker 2 done\n-worker 3 done\n"}},
		{"a line twice", lines, "worker 1 done\nworker 1 done\nworker 2 done\nworker 3 done\nall done\n",
			check.Verdict{Status: check.Fail, Rule: "E7", Message: `unexpected lines in stdout: "worker 1 done"`}},
		{"no final newline", lines, "worker 1 done\nworker 2 done\nworker 3 done\nall done",
			check.Verdict{Status: check.Fail, Rule: "E7", Message: "the last line of stdout does not end in a newline"}},
		{"empty", lines, "",
			check.Verdict{Status: check.Fail, Rule: "E7", Message: `lines missing from stdout: "all done", "worker 1 done", "worker 2 done", "worker 3 done"`}},
		{"first line", first, "start\nb\na\n", ok()},
		{"first line wrong", first, "a\nstart\nb\n",
			check.Verdict{Status: check.Fail, Message: `"start" must be the first line, got "a" first`}},
		{"order kept", order, "x\nopen\nread\nclose\n", ok()},
		{"order broken", order, "open\nclose\nx\nread\n",
			check.Verdict{Status: check.Fail, Message: `"close" was printed before "read"`}},
		{"order broken first pair", order, "read\nopen\nclose\nx\n",
			check.Verdict{Status: check.Fail, Message: `"read" was printed before "open"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := check.Program(run(spec.Expect{StdoutLines: tt.lines}), out(tt.stdout, "", 0), out("", "", 0), nil)
			compare(t, tt.want, got)
		})
	}
}
