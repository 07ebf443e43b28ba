package harness

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"time"
)

// CallResult is what a probe reports for one call of a student function.
// The grader decodes the same type from the probe's descriptor 3.
type CallResult struct {
	Index int `json:"index"`
	// Started is the first line written for a call; Done the last. A call
	// that started but never finished took the process down with it.
	Started bool `json:"started,omitempty"`
	Done    bool `json:"done,omitempty"`

	Value      string `json:"value,omitempty"`      // got, as Show renders it
	Comparable bool   `json:"comparable,omitempty"` // Value can be compared with the reference's
	Err        string `json:"err,omitempty"`        // err.Error(), or "" for nil
	ErrNil     bool   `json:"err_nil,omitempty"`
	ErrType    string `json:"err_type,omitempty"`  // dynamic type of err
	TypedNil   bool   `json:"typed_nil,omitempty"` // err holds a nil pointer
	KindOK     bool   `json:"kind_ok,omitempty"`
	Panic      string `json:"panic,omitempty"` // an unexpected panic, with its value

	Asserts []AssertResult `json:"asserts,omitempty"`
	Observe []string       `json:"observe,omitempty"`

	Battery string `json:"battery,omitempty"` // why the battery failed, "" if it passed
	FDs     [2]int `json:"fds,omitempty"`     // descriptors before and after the battery

	Elapsed time.Duration `json:"elapsed,omitempty"`
	TooSlow bool          `json:"too_slow,omitempty"`
}

// AssertResult is one spec assertion evaluated after a call.
type AssertResult struct {
	That string `json:"that"`
	OK   bool   `json:"ok"`
}

// T records one probe run.
type T struct {
	out *os.File
	cur *CallResult
	t0  time.Time
}

func (t *T) emit(r *CallResult) {
	b, err := json.Marshal(r)
	if err != nil {
		b, _ = json.Marshal(&CallResult{Index: r.Index, Panic: "grader: cannot encode result: " + err.Error()})
	}
	t.out.Write(append(b, '\n'))
}

// Begin starts call k; within > 0 bounds its duration: past it the result
// is written and the process exits.
func (t *T) Begin(k int, within time.Duration) {
	t.cur = &CallResult{Index: k}
	t.emit(&CallResult{Index: k, Started: true})
	t.t0 = time.Now()
	if within > 0 {
		cur := t.cur
		time.AfterFunc(within, func() {
			cur.TooSlow = true
			cur.Elapsed = time.Since(t.t0)
			cur.Done = true
			t.emit(cur)
			os.Exit(0)
		})
	}
}

// Got records the call's first non-error result.
func (t *T) Got(v any) {
	t.cur.Value, t.cur.Comparable = Show(v)
}

// Error records the call's error and whether it is of the wanted kind.
func (t *T) Error(err error, kindOK bool) {
	t.cur.Elapsed = time.Since(t.t0)
	t.cur.ErrNil = err == nil
	if err != nil {
		t.cur.ErrType = fmt.Sprintf("%T", err)
		if v := reflect.ValueOf(err); v.Kind() == reflect.Pointer && v.IsNil() {
			// A typed nil: its Error method may well dereference it.
			t.cur.TypedNil = true
		} else {
			t.cur.Err = err.Error()
		}
	}
	t.cur.KindOK = kindOK
}

// Assert records one assertion.
func (t *T) Assert(ok bool, that string) {
	t.cur.Asserts = append(t.cur.Asserts, AssertResult{That: that, OK: ok})
}

// Observe records a value to compare with the reference's.
func (t *T) Observe(v any) {
	s, _ := Show(v)
	t.cur.Observe = append(t.cur.Observe, s)
}

// Guard runs one call block; a panic in it is recorded, not fatal.
func (t *T) Guard(block func()) {
	defer func() {
		if r := recover(); r != nil {
			t.cur.Panic = fmt.Sprint(r)
			if t.cur.Elapsed == 0 {
				t.cur.Elapsed = time.Since(t.t0)
			}
		}
		t.cur.Done = true
		t.emit(t.cur)
	}()
	block()
}

// ExpectPanic runs a call that must panic with a value equal to want; use it
// inside Guard.
func (t *T) ExpectPanic(want any, call func()) {
	defer func() {
		r := recover()
		t.cur.Elapsed = time.Since(t.t0)
		switch {
		case r == nil:
			t.cur.Err = "it returned instead of panicking"
		case !reflect.DeepEqual(r, want):
			t.cur.Err = fmt.Sprintf("it panicked with %#v", r)
		default:
			t.cur.KindOK = true
			t.cur.Err = fmt.Sprintf("panicked with %v", r)
		}
	}()
	call()
}

func (t *T) done() {
	t.emit(&CallResult{Index: -1, Done: true})
}
