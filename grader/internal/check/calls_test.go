package check_test

import (
	"strings"
	"testing"
	"time"

	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/build/harness"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// done is a call result that finished with the wanted error kind.
func done(k int, value string) harness.CallResult {
	return harness.CallResult{Index: k, Done: true, KindOK: true, ErrNil: true, Value: value, Comparable: true}
}

func TestCalls(t *testing.T) {
	read := spec.Call{Call: `ReadTextFile("x.txt")`, Err: "nil"}
	tests := []struct {
		name  string
		calls []spec.Call
		obs   []harness.CallResult
		ref   []harness.CallResult
		exit  int
		stder string
		want  check.Verdict
	}{
		{
			name:  "as the reference",
			calls: []spec.Call{read},
			obs:   []harness.CallResult{{Index: 0, Started: true}, done(0, `"hello\n"`), {Index: -1, Done: true}},
			ref:   []harness.CallResult{done(0, `"hello\n"`)},
			want:  ok(),
		},
		{
			name:  "value differs from the reference",
			calls: []spec.Call{read},
			obs:   []harness.CallResult{done(0, `"hello\nworld\n"`)},
			ref:   []harness.CallResult{done(0, `"hello\n"`)},
			want: check.Verdict{Status: check.Fail, Message: `ReadTextFile("x.txt") returned a different value`,
				Diff: "--- want\n+++ got\n@@ -1,1 +1,2 @@\n hello\n+world\n"},
		},
		{
			name:  "a reference value that cannot be compared",
			calls: []spec.Call{read},
			obs:   []harness.CallResult{done(0, "<*os.File>")},
			ref:   []harness.CallResult{{Index: 0, Done: true, KindOK: true, Value: "<*os.File>"}},
			want:  ok(),
		},
		{
			name:  "value stated in the spec",
			calls: []spec.Call{{Call: `Count("abc")`, Value: 3}},
			obs:   []harness.CallResult{done(0, "3")},
			ref:   []harness.CallResult{done(0, "4")},
			want:  ok(),
		},
		{
			name:  "value differs from the spec",
			calls: []spec.Call{{Call: `ReadChunked(REC("x"), 16)`, Err: "nil", Value: "x"}},
			obs:   []harness.CallResult{done(0, `"x\x00"`)},
			ref:   []harness.CallResult{done(0, `"x"`)},
			want: check.Verdict{Status: check.Fail, Message: `ReadChunked(REC("x"), 16) returned a different value`,
				Diff: "--- want\n+++ got\n@@ -1,1 +1,1 @@\n-\"x\"\n+\"x\\x00\"\n"},
		},
		{
			name:  "no error where one is wanted",
			calls: []spec.Call{{Call: `ReadTextFile("missing.txt")`, Err: "not-exist"}},
			obs:   []harness.CallResult{{Index: 0, Done: true, ErrNil: true, Value: `""`, Comparable: true}},
			ref:   []harness.CallResult{done(0, `""`)},
			want: check.Verdict{Status: check.WrongErrorKind,
				Message: `ReadTextFile("missing.txt") returned no error (nil), want an error for which errors.Is(err, fs.ErrNotExist) holds (return the os error unchanged or wrap it with %w)`},
		},
		{
			name:  "an error of another kind",
			calls: []spec.Call{{Call: `ReadTextFile("missing.txt")`, Err: "path(op=open)"}},
			obs: []harness.CallResult{{Index: 0, Done: true, Value: `""`, Comparable: true,
				Err: "cannot open missing.txt", ErrType: "*errors.errorString"}},
			ref: []harness.CallResult{done(0, `""`)},
			want: check.Verdict{Status: check.WrongErrorKind,
				Message: `ReadTextFile("missing.txt") returned the error "cannot open missing.txt" (*errors.errorString), want an *fs.PathError from open (return it unchanged or wrap it with %w)`},
		},
		{
			name:  "an error where none is wanted",
			calls: []spec.Call{read},
			obs: []harness.CallResult{{Index: 0, Done: true, Value: `""`, Comparable: true,
				Err: "open x.txt: permission denied", ErrType: "*fs.PathError"}},
			ref: []harness.CallResult{done(0, `""`)},
			want: check.Verdict{Status: check.WrongErrorKind,
				Message: `ReadTextFile("x.txt") returned the error "open x.txt: permission denied" (*fs.PathError), want no error (nil)`},
		},
		{
			name:  "a strconv error kind",
			calls: []spec.Call{{Call: `ParseAge("x")`, Err: "syntax"}},
			obs:   []harness.CallResult{{Index: 0, Done: true, Err: "bad age", ErrType: "*errors.errorString"}},
			want: check.Verdict{Status: check.WrongErrorKind,
				Message: `ParseAge("x") returned the error "bad age" (*errors.errorString), want a *strconv.NumError with strconv.ErrSyntax`},
		},
		{
			name:  "a sentinel of the task",
			calls: []spec.Call{{Call: `Check(-1)`, Err: "is(ErrNegative)"}},
			obs:   []harness.CallResult{{Index: 0, Done: true, ErrNil: true}},
			want: check.Verdict{Status: check.WrongErrorKind,
				Message: `Check(-1) returned no error (nil), want an error for which errors.Is(err, ErrNegative) holds`},
		},
		{
			name:  "an unexpected panic",
			calls: []spec.Call{read},
			obs:   []harness.CallResult{{Index: 0, Done: true, Panic: "runtime error: invalid memory address or nil pointer dereference"}},
			ref:   []harness.CallResult{done(0, `""`)},
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "ReadTextFile(\"x.txt\") panicked: runtime error: invalid memory address or nil pointer dereference\nReturn an error instead of panicking."},
		},
		{
			name:  "a wanted panic",
			calls: []spec.Call{{Call: `Must("")`, Err: `panics("empty")`}},
			obs:   []harness.CallResult{{Index: 0, Done: true, KindOK: true, Err: "panicked with empty"}},
			want:  ok(),
		},
		{
			name:  "too slow",
			calls: []spec.Call{{Call: `ReadChunked(REC("x"), 0)`, Err: "bad-arg", Within: spec.Duration(time.Second)}},
			obs:   []harness.CallResult{{Index: 0, Done: true, TooSlow: true, Elapsed: time.Second}},
			want:  check.Verdict{Status: check.Timeout, Message: `ReadChunked(REC("x"), 0) did not return within 1s`},
		},
		{
			name:  "battery failure",
			calls: []spec.Call{{Call: `ReadTextFile("x.txt")`, Err: "nil", Battery: "fd-leak", N: 2000}},
			obs: []harness.CallResult{{Index: 0, Done: true, KindOK: true, ErrNil: true, Value: `"x"`, Comparable: true,
				Battery: "2000 calls left 2000 more file descriptors open (files opened but never closed)", FDs: [2]int{4, 2004}}},
			ref: []harness.CallResult{done(0, `"x"`)},
			want: check.Verdict{Status: check.Fail,
				Message: `ReadTextFile("x.txt"), repeated: 2000 calls left 2000 more file descriptors open (files opened but never closed)`},
		},
		{
			name: "a failed assertion says its msg",
			calls: []spec.Call{{Call: `ReadChunked(rec, 1024)`, Err: "nil", Assert: []spec.Assert{
				{That: "got != \"\""},
				{That: "rec.MaxLen() <= 1024", Msg: "ReadChunked passed a slice longer than bufSize to r.Read."},
			}}},
			obs: []harness.CallResult{{Index: 0, Done: true, KindOK: true, ErrNil: true,
				Asserts: []harness.AssertResult{{That: "got != \"\"", OK: true}, {That: "rec.MaxLen() <= 1024"}}}},
			want: check.Verdict{Status: check.Fail,
				Message: "after ReadChunked(rec, 1024): ReadChunked passed a slice longer than bufSize to r.Read."},
		},
		{
			name:  "a failed assertion without msg",
			calls: []spec.Call{{Call: `ReadChunked(rec, 1024)`, Err: "nil", Assert: []spec.Assert{{That: "rec.Calls() >= 5"}}}},
			obs: []harness.CallResult{{Index: 0, Done: true, KindOK: true, ErrNil: true,
				Asserts: []harness.AssertResult{{That: "rec.Calls() >= 5"}}}},
			want: check.Verdict{Status: check.Fail, Message: "after ReadChunked(rec, 1024): rec.Calls() >= 5 does not hold"},
		},
		{
			name:  "assertions that did not all run",
			calls: []spec.Call{{Call: `F()`, Assert: []spec.Assert{{That: "a"}, {That: "b"}}}},
			obs: []harness.CallResult{{Index: 0, Done: true, KindOK: true, ErrNil: true,
				Asserts: []harness.AssertResult{{That: "a", OK: true}}}},
			want: check.Verdict{Status: check.RuntimeError, Message: "after F(): the checks did not all run"},
		},
		{
			name:  "an observed value differs from the reference",
			calls: []spec.Call{{Call: `WriteAll(w)`, Err: "nil", Observe: []string{"w.Calls()"}}},
			obs:   []harness.CallResult{{Index: 0, Done: true, KindOK: true, ErrNil: true, Observe: []string{"3"}}},
			ref:   []harness.CallResult{{Index: 0, Done: true, KindOK: true, ErrNil: true, Observe: []string{"1"}}},
			want:  check.Verdict{Status: check.Fail, Message: "after WriteAll(w): w.Calls() is 3, want 1"},
		},
		{
			name:  "a call that ended the program",
			calls: []spec.Call{read},
			obs:   []harness.CallResult{{Index: 0, Started: true}},
			exit:  1,
			stder: "error: open x.txt: no such file or directory\nmore\n",
			want: check.Verdict{Status: check.RuntimeError,
				Message: "ReadTextFile(\"x.txt\") ended the whole program (exit status 1): a function must return its error, not call os.Exit or log.Fatal\nstderr: error: open x.txt: no such file or directory"},
		},
		{
			name:  "a call never reached",
			calls: []spec.Call{read, {Call: `ReadTextFile("y.txt")`, Err: "nil"}},
			obs:   []harness.CallResult{done(0, `""`)},
			ref:   []harness.CallResult{done(0, `""`), done(1, `""`)},
			exit:  3,
			want: check.Verdict{Status: check.RuntimeError,
				Message: `ReadTextFile("y.txt") was never reached: the program ended before (exit status 3)`},
		},
		{
			name:  "a call that crashed the program",
			calls: []spec.Call{read},
			obs:   []harness.CallResult{{Index: 0, Started: true}},
			exit:  2,
			stder: "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [semacquire]:\n",
			want: check.Verdict{Status: check.RuntimeError, Rule: "E4",
				Message: "ReadTextFile(\"x.txt\"): crashed: fatal error: all goroutines are asleep - deadlock!\nA deadlock: every goroutine waits (on a channel, a WaitGroup or a lock) and none can proceed."},
		},
		{
			name:  "the first failing call is reported",
			calls: []spec.Call{read, {Call: `ReadTextFile("y.txt")`, Err: "not-exist"}},
			obs:   []harness.CallResult{done(0, `"a"`), {Index: 1, Done: true, ErrNil: true}},
			ref:   []harness.CallResult{done(0, `"b"`), done(1, `""`)},
			want:  check.Verdict{Status: check.Fail, Message: `ReadTextFile("x.txt") returned a different value`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &spec.Run{Name: "a", Calls: tt.calls}
			obs := &check.Observation{Calls: tt.obs, ExitCode: tt.exit, Stderr: []byte(tt.stder)}
			ref := &check.Observation{Calls: tt.ref}
			compare(t, tt.want, check.Calls(r, obs, ref))
		})
	}
}

func TestCallsValueDiffShowsFinalNewline(t *testing.T) {
	r := &spec.Run{Name: "a", Calls: []spec.Call{{Call: `ReadTextFile("x.txt")`, Err: "nil"}}}
	obs := &check.Observation{Calls: []harness.CallResult{done(0, `"hello"`)}}
	ref := &check.Observation{Calls: []harness.CallResult{done(0, `"hello\n"`)}}
	v := check.Calls(r, obs, ref)
	assert.Equal(t, v.Status, check.Fail)
	assert.Assert(t, strings.Contains(v.Diff, "-") && strings.Contains(v.Diff, "+"), "diff shows nothing: %q", v.Diff)
}

func TestCallsWrongPanicMessage(t *testing.T) {
	r := &spec.Run{Name: "a", Calls: []spec.Call{{Call: `Must("")`, Err: `panics("empty")`}}}
	for _, err := range []string{"panicked with boom, want empty", "the call returned instead of panicking"} {
		obs := &check.Observation{Calls: []harness.CallResult{{Index: 0, Done: true, Err: err}}}
		v := check.Calls(r, obs, &check.Observation{})
		assert.Equal(t, v.Status, check.WrongErrorKind)
		assert.Assert(t, !strings.Contains(v.Message, "()"), v.Message)
		assert.Assert(t, !strings.Contains(v.Message, "returned the error"), v.Message)
	}
}

func TestCallsTimedOut(t *testing.T) {
	r := &spec.Run{Name: "a", Calls: []spec.Call{{Call: "Wait()"}}}
	ref := &check.Observation{Calls: []harness.CallResult{done(0, "")}}

	// During the call.
	obs := &check.Observation{TimedOut: true, Timeout: 5 * time.Second, ExitCode: -1,
		Calls: []harness.CallResult{{Index: 0, Started: true}}}
	compare(t, check.Verdict{Status: check.Timeout,
		Message: "Wait(): still running after 5s and was stopped: does it wait for input that never comes, or loop forever?"},
		check.Calls(r, obs, ref))

	// After every call returned (a goroutine the function left behind).
	obs.Calls = []harness.CallResult{done(0, "")}
	compare(t, check.Verdict{Status: check.Timeout,
		Message: "still running after 5s and was stopped: does it wait for input that never comes, or loop forever?"},
		check.Calls(r, obs, ref))
}

func TestCallsThenFiles(t *testing.T) {
	r := &spec.Run{Name: "a",
		Calls:  []spec.Call{{Call: `WriteFile("out.txt", "hi")`, Err: "nil"}},
		Expect: spec.Expect{Files: map[string]spec.Want{"out.txt": {Content: strp("hi")}}},
	}
	ref := &check.Observation{Calls: []harness.CallResult{done(0, "")}}
	obs := &check.Observation{Calls: []harness.CallResult{done(0, "")},
		Files: map[string]fixture.State{"out.txt": file("hi", 0o644)}}
	compare(t, ok(), check.Calls(r, obs, ref))

	obs.Files["out.txt"] = fixture.State{Kind: "absent"}
	compare(t, check.Verdict{Status: check.Fail, Message: "out.txt was not created"}, check.Calls(r, obs, ref))
}

func TestCallsKeepsTheFinishedResult(t *testing.T) {
	// A probe writes a started line, then the finished one; a stray line for
	// the same call afterwards must not hide the finished result.
	r := &spec.Run{Name: "a", Calls: []spec.Call{{Call: "F()", Value: 1}}}
	obs := &check.Observation{Calls: []harness.CallResult{
		{Index: 0, Started: true}, done(0, "1"), {Index: 0, Started: true}, {Index: -1, Done: true},
	}}
	compare(t, ok(), check.Calls(r, obs, &check.Observation{}))
}

func TestShowYAML(t *testing.T) {
	tests := []struct {
		in   any
		want string
	}{
		{"hello", `"hello"`},
		{"a\nb\x00", `"a\nb\x00"`},
		{"héllo ✓", `"héllo ✓"`},
		{"", `""`},
		{3, "3"},
		{-1, "-1"},
		{2.5, "2.5"},
		{1.0, "1"},
		{true, "true"},
		{nil, "nil"},
		{[]any{}, "[]"},
		{[]any{"a", 1, []any{true}}, `["a" 1 [true]]`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			compareString(t, tt.want, check.ShowYAML(tt.in))
		})
	}
}

func compareString(t *testing.T, want, got string) {
	t.Helper()
	if want != got {
		t.Errorf("got %q, want %q", got, want)
	}
}
