package harness

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"gotest.tools/v3/assert"
)

// recorder returns a T writing to a temporary file, and a function that
// reads back the results it wrote.
func recorder(t *testing.T) (*T, func() []CallResult) {
	t.Helper()
	f, err := os.Create(filepath.Join(t.TempDir(), "results"))
	assert.NilError(t, err)
	t.Cleanup(func() { f.Close() })
	return &T{out: f}, func() []CallResult {
		t.Helper()
		r, err := os.Open(f.Name())
		assert.NilError(t, err)
		defer r.Close()
		var out []CallResult
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			var c CallResult
			assert.NilError(t, json.Unmarshal(sc.Bytes(), &c))
			c.Elapsed = 0
			out = append(out, c)
		}
		assert.NilError(t, sc.Err())
		return out
	}
}

func TestRecorder(t *testing.T) {
	rt, results := recorder(t)
	rt.Begin(0, 0)
	rt.Guard(func() {
		rt.Got("hello")
		rt.Error(nil, true)
		rt.Assert(true, "got != \"\"")
		rt.Observe([]int{1, 2})
	})
	rt.Begin(1, 0)
	rt.Guard(func() {
		var m map[string]int
		m["x"] = 1 // panics
	})
	rt.Begin(2, 0)
	rt.Guard(func() {
		rt.ExpectPanic("boom", func() { panic("boom") })
	})
	rt.Begin(3, 0)
	rt.Guard(func() {
		rt.ExpectPanic("boom", func() {})
	})
	rt.done()

	assert.DeepEqual(t, results(), []CallResult{
		{Index: 0, Started: true},
		{Index: 0, Done: true, Value: `"hello"`, Comparable: true, ErrNil: true, KindOK: true,
			Asserts: []AssertResult{{That: `got != ""`, OK: true}}, Observe: []string{"[1 2]"}},
		{Index: 1, Started: true},
		{Index: 1, Done: true, Panic: "assignment to entry in nil map"},
		{Index: 2, Started: true},
		{Index: 2, Done: true, KindOK: true, Err: "panicked with boom"},
		{Index: 3, Started: true},
		{Index: 3, Done: true, Err: "it returned instead of panicking"},
		{Index: -1, Done: true},
	})
}

func TestFDLeak(t *testing.T) {
	t.Run("no leak", func(t *testing.T) {
		rt := &T{cur: &CallResult{}}
		rt.FDLeak(200, func() bool {
			f, err := os.Open(os.DevNull)
			if err != nil {
				return false
			}
			return f.Close() == nil
		})
		assert.Equal(t, rt.cur.Battery, "")
		assert.Assert(t, rt.cur.FDs[1]-rt.cur.FDs[0] <= MaxFDGrowth, "%v", rt.cur.FDs)
	})
	t.Run("leak", func(t *testing.T) {
		var leaked []*os.File
		defer func() {
			for _, f := range leaked {
				f.Close()
			}
		}()
		rt := &T{cur: &CallResult{}}
		rt.FDLeak(200, func() bool {
			f, err := os.Open(os.DevNull)
			leaked = append(leaked, f)
			return err == nil
		})
		assert.Equal(t, rt.cur.Battery, "200 calls left 200 more file descriptors open (files opened but never closed)")
		assert.Equal(t, rt.cur.FDs[1]-rt.cur.FDs[0], 200)
	})
	t.Run("another result", func(t *testing.T) {
		rt := &T{cur: &CallResult{}}
		n := 0
		rt.FDLeak(200, func() bool { n++; return n < 7 })
		assert.Equal(t, rt.cur.Battery, "call 7 of 200 returned something else than the first call (running out of file descriptors?)")
		assert.Equal(t, n, 7)
	})
}
