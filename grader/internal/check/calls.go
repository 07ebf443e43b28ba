package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/classgrade/gograder/grader/internal/build/harness"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// Calls checks a function run: each call's probe result against the spec
// and, where the spec states no value, against the reference's result.
func Calls(r *spec.Run, obs, ref *Observation) Verdict {
	if v, bad := raced(obs); bad {
		return v
	}
	got := byIndex(obs.Calls)
	want := byIndex(ref.Calls)
	for k, c := range r.Calls {
		res, ok := got[k]
		if !ok || !res.Done {
			return died(c, obs, ok)
		}
		if v := call(c, res, want[k]); !v.OK() {
			return v
		}
	}
	if v, bad := ended(obs); bad && (obs.TimedOut || obs.Limit == "disk") {
		return v
	}
	return Files(r.Expect, obs, ref)
}

func byIndex(rs []harness.CallResult) map[int]harness.CallResult {
	m := map[int]harness.CallResult{}
	for _, r := range rs {
		if r.Index < 0 {
			continue
		}
		if prev, ok := m[r.Index]; ok && prev.Done && !r.Done {
			continue
		}
		m[r.Index] = r
	}
	return m
}

// died explains a call that never reported back: the process ended or was
// stopped during it.
func died(c spec.Call, obs *Observation, started bool) Verdict {
	if v, bad := ended(obs); bad {
		v.Message = c.Call + ": " + v.Message
		return v
	}
	if !started {
		return Verdict{Status: RuntimeError, Message: fmt.Sprintf("%s was never reached: the program ended before (exit status %d)", c.Call, obs.ExitCode)}
	}
	msg := fmt.Sprintf("%s ended the whole program (exit status %d): a function must return its error, not call os.Exit or log.Fatal", c.Call, obs.ExitCode)
	if line := firstLines(obs.Stderr, 1); len(line) > 0 {
		msg += "\nstderr: " + strings.TrimSpace(string(line))
	}
	return Verdict{Status: RuntimeError, Message: msg}
}

func call(c spec.Call, res, ref harness.CallResult) Verdict {
	name := c.Call
	if res.TooSlow {
		return Verdict{Status: Timeout, Message: fmt.Sprintf("%s did not return within %v", name, c.Within.Std())}
	}
	kind := spec.ErrKind{Name: "nil"}
	if c.Err != "" {
		kind, _ = spec.ParseErrKind(c.Err)
	}
	if res.Panic != "" && kind.Name != "panics" {
		return Verdict{Status: RuntimeError, Rule: "E4", Message: fmt.Sprintf("%s panicked: %s\nReturn an error instead of panicking.", name, res.Panic)}
	}
	if !res.KindOK {
		if kind.Name == "panics" {
			return Verdict{Status: WrongErrorKind, Message: fmt.Sprintf("%s: %s, want a panic with the value %s", name, res.Err, kind.Arg)}
		}
		return Verdict{Status: WrongErrorKind, Message: fmt.Sprintf("%s returned %s, want %s", name, describeErr(res), describeKind(kind))}
	}
	if c.Value != nil {
		want := ShowYAML(c.Value)
		if res.Value != want {
			return valueVerdict(name, want, res.Value)
		}
	} else if kind.Name == "nil" && ref.Comparable && res.Value != ref.Value {
		// Only a successful call's value is taken from the reference: with
		// an error, contracts leave the value open unless the spec says.
		return valueVerdict(name, ref.Value, res.Value)
	}
	if res.Battery != "" {
		return Verdict{Status: Fail, Message: fmt.Sprintf("%s, repeated: %s", name, res.Battery)}
	}
	for _, a := range res.Asserts {
		if !a.OK {
			return Verdict{Status: Fail, Message: fmt.Sprintf("after %s: %s", name, assertMsg(c, a.That))}
		}
	}
	if len(c.Assert) != len(res.Asserts) {
		return Verdict{Status: RuntimeError, Message: fmt.Sprintf("after %s: the checks did not all run", name)}
	}
	for i, o := range res.Observe {
		if i < len(ref.Observe) && o != ref.Observe[i] {
			return Verdict{Status: Fail, Message: fmt.Sprintf("after %s: %s is %s, want %s", name, c.Observe[i], o, ref.Observe[i])}
		}
	}
	return pass()
}

func assertMsg(c spec.Call, that string) string {
	for _, a := range c.Assert {
		if a.That == that && a.Msg != "" {
			return a.Msg
		}
	}
	return that + " does not hold"
}

func valueVerdict(name, want, got string) Verdict {
	return Verdict{Status: Fail, Message: fmt.Sprintf("%s returned a different value", name),
		Diff: Diff("want", []byte(unquoteForDiff(want)), "got", []byte(unquoteForDiff(got)))}
}

// unquoteForDiff shows quoted strings as their text; Diff quotes them
// again, line by line, when they are not printable.
func unquoteForDiff(s string) string {
	// A text without its final newline is shown quoted by Diff, so a
	// missing or extra newline stays visible.
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s + "\n"
}

func describeErr(res harness.CallResult) string {
	if res.ErrNil {
		return "no error (nil)"
	}
	if res.TypedNil {
		return fmt.Sprintf("a nil %s inside a non-nil error (a typed nil: return a literal nil instead)", res.ErrType)
	}
	return fmt.Sprintf("the error %q (%s)", res.Err, res.ErrType)
}

// describeKind says what an error kind means, for a student.
func describeKind(k spec.ErrKind) string {
	switch k.Name {
	case "nil":
		return "no error (nil)"
	case "any", "bad-arg":
		return "an error"
	case "not-exist":
		return "an error for which errors.Is(err, fs.ErrNotExist) holds (return the os error unchanged or wrap it with %w)"
	case "permission":
		return "an error for which errors.Is(err, fs.ErrPermission) holds (return the os error unchanged or wrap it with %w)"
	case "is-dir":
		return "the \"is a directory\" error (errors.Is(err, syscall.EISDIR); return it unchanged or wrap it with %w)"
	case "path":
		return fmt.Sprintf("an *fs.PathError from %s (return it unchanged or wrap it with %%w)", k.Arg)
	case "closed":
		return "the error of using a closed file (errors.Is(err, os.ErrClosed))"
	case "no-space":
		return "the \"no space left on device\" error (errors.Is(err, syscall.ENOSPC)): check write and close errors"
	case "syntax", "range":
		return fmt.Sprintf("a *strconv.NumError with strconv.Err%s", map[string]string{"syntax": "Syntax", "range": "Range"}[k.Name])
	case "injected":
		return "the error the grader's reader/writer returned (return it unchanged or wrap it with %w)"
	case "is":
		return fmt.Sprintf("an error for which errors.Is(err, %s) holds", k.Arg)
	case "as":
		return fmt.Sprintf("an error for which errors.As(err, new(%s)) holds", k.Arg)
	case "runtime":
		return "the runtime.Error \"integer divide by zero\" (recovered and returned)"
	case "panics":
		return fmt.Sprintf("a panic with the value %s", k.Arg)
	}
	return k.String()
}

// ShowYAML renders a spec value the way harness.Show renders Go values.
func ShowYAML(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = ShowYAML(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case nil:
		return "nil"
	}
	return fmt.Sprint(v)
}
