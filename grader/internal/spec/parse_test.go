package spec_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rogpeppe/go-internal/txtar"
	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"
	"gotest.tools/v3/golden"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// specErrors flattens the errors.Join tree Parse returns and checks that
// every leaf is a *spec.Error.
func specErrors(t testing.TB, err error) []*spec.Error {
	t.Helper()
	var out []*spec.Error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		se, ok := err.(*spec.Error)
		if !ok {
			t.Errorf("error %q is a %T, want a *spec.Error", err, err)
			return
		}
		out = append(out, se)
	}
	if err != nil {
		walk(err)
	}
	return out
}

// messages renders the errors one a line, ordered by file, line and text (the
// validator walks maps, whose order is not fixed).
func messages(errs []*spec.Error) []string {
	errs = slices.Clone(errs)
	slices.SortStableFunc(errs, func(a, b *spec.Error) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

func parse(t testing.TB, src string) *spec.Spec {
	t.Helper()
	s, err := spec.Parse("task01.yaml", strings.NewReader(src))
	assert.NilError(t, err)
	return s
}

const minimal = `task: 1
title: Read a whole text file
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    runs:
      - args: [x.txt]
`

func TestParseMinimal(t *testing.T) {
	s := parse(t, minimal)
	want := &spec.Spec{
		Task:    1,
		Title:   "Read a whole text file",
		Kind:    spec.KindProgram,
		Points:  10,
		Timeout: spec.Duration(5 * time.Second),
		File:    "task01.yaml",
		Cases: []spec.Case{{
			ID:     "c1",
			Weight: 1,
			Runs:   []spec.Run{{Name: "a", Args: []string{"x.txt"}, Timeout: spec.Duration(5 * time.Second)}},
		}},
	}
	if diff := cmp.Diff(want, s, cmpopts.IgnoreUnexported(spec.Spec{})); diff != "" {
		t.Errorf("Parse mismatch (-want +got):\n%s", diff)
	}
}

func TestParseValid(t *testing.T) {
	// Specs that are right at the edge of a rule: each must parse.
	tests := []struct {
		name, src string
	}{
		{"written task without cases", `task: 5
title: Not closing files
kind: written
points: 10
rubric:
  min_words: 80
  groups:
    - {id: g1, name: leaks, patterns: [leak], missing: say what leaks}
    - {id: g2, name: defer, patterns: [defer], missing: name defer}
    - {id: g3, name: gc, patterns: ['finali[sz]er'], missing: name the finalizer}
`},
		{"restrictive modes with the nonroot tag", `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    tags: [nonroot]
    runs:
      - stage:
          locked.txt: {content: "x", mode: "0000"}
          ro: {dir: true, mode: "0555"}
        args: [locked.txt]
`},
		{"modes root does not ignore need no tag", `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    runs:
      - stage:
          a.txt: {content: "x", mode: "0600"}
          b.txt: {content: "x", mode: "0644"}
          d: {dir: true, mode: "0700"}
`},
		{"unchanged after then", `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    runs:
      - stage:
          out.txt: {content: "x"}
      - then: true
        expect:
          files:
            out.txt: {unchanged: true}
`},
		{"every stdout form alone", `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    runs:
      - expect: {stdout: "x\n"}
      - expect: {stdout_regex: '^x'}
      - expect: {stdout_lines: {lines: [a, b, z], first: a, last: z, order: [[a, b]]}}
      - expect: {any_stdout: true}
      - expect: {stdout: ""}
`},
		{"calls with kinds, panics, battery and snippets", `task: 1
title: T
kind: function
points: 10
functions:
  Read: func(path string) (string, error)
  Count: func(s string) int
cases:
  - id: c1
    weight: 1
    tags: [nonroot, linux]
    runs:
      - calls:
          - setup: |
              rec := REC("abc")
              _ = rec
            call: Read("x")
            err: path(op=open)
            battery: fd-leak
            n: 10
            value: ""
            then: |
              if err != nil { got = "" }
            assert:
              - that: got == ""
            observe: [len(got)]
          - call: Count("x")
            err: panics("boom")
          - call: Read("/dev/full")
            err: no-space
          - call: Read("locked")
            err: permission
`},
		{"static rules, one each", `task: 1
title: T
kind: function
points: 10
cases:
  - id: c1
    weight: 1
    static:
      - forbid_call: [os.ReadFile]
      - require_call: {call: ReadChunked, in: ReadTextFile}
      - require_stmt: {stmt: defer, in: main}
      - forbid_stmt: go
      - require_literal: "error: "
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := spec.Parse("task01.yaml", strings.NewReader(tt.src))
			assert.NilError(t, err)
		})
	}
}

func TestParseDefaults(t *testing.T) {
	s := parse(t, `task: 8
title: Chunked reading
kind: function
points: 10
functions:
  ReadTextFile: func(path string) (string, error)
cases:
  - id: c1
    weight: 2
    runs:
      - args: [a.txt]
      - name: second
        then: true
        timeout: 2s
      - calls:
          - call: ReadTextFile("a.txt")
            err: nil
            battery: fd-leak
          - call: ReadTextFile("b.txt")
            err: not-exist
            battery: fd-leak
            n: 10
          - call: ReadTextFile("c.txt")
            err: not-exist
`)
	type run struct {
		Name    string
		Timeout time.Duration
		N       []int
	}
	var got []run
	for _, r := range s.Cases[0].Runs {
		x := run{Name: r.Name, Timeout: r.Timeout.Std()}
		for _, c := range r.Calls {
			x.N = append(x.N, c.N)
		}
		got = append(got, x)
	}
	want := []run{
		{Name: "a", Timeout: 5 * time.Second},
		{Name: "second", Timeout: 2 * time.Second},
		{Name: "c", Timeout: 5 * time.Second, N: []int{2000, 10, 0}},
	}
	assert.DeepEqual(t, want, got)
	assert.Equal(t, s.Timeout.Std(), spec.DefaultTimeout)

	// A spec-wide timeout is every run's default.
	s = parse(t, strings.Replace(minimal, "points: 10\n", "points: 10\ntimeout: 3s\n", 1))
	assert.Equal(t, s.Timeout.Std(), 3*time.Second)
	assert.Equal(t, s.Cases[0].Runs[0].Timeout.Std(), 3*time.Second)
}

// TestParseInvalid runs the scenarios of testdata/invalid: each holds a spec
// (task01.yaml) and the errors Parse must report (want), one a line, ordered
// by line. With -update the want sections are rewritten.
func TestParseInvalid(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.txtar")
	assert.NilError(t, err)
	assert.Assert(t, len(files) > 0)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			assert.NilError(t, err)
			src, want := section(t, ar, "task01.yaml"), section(t, ar, "want")
			s, err := spec.Parse("task01.yaml", strings.NewReader(src))
			assert.Assert(t, s == nil)
			assert.Assert(t, err != nil, "the spec parsed without error")
			got := messages(specErrors(t, err))
			if golden.FlagUpdate() {
				setSection(ar, "want", strings.Join(got, "\n")+"\n")
				assert.NilError(t, os.WriteFile(file, txtar.Format(ar), 0o644))
				return
			}
			if diff := cmp.Diff(strings.Split(strings.TrimSuffix(want, "\n"), "\n"), got); diff != "" {
				t.Errorf("errors mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func section(t testing.TB, ar *txtar.Archive, name string) string {
	t.Helper()
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	t.Fatalf("no section %q", name)
	return ""
}

func setSection(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
		}
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	// A misspelled key (a decoding error) and two validation errors.
	src := `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 0
    runs:
      - args: [x]
        expect:
          stdn: "x"
          exit: 300
`
	_, err := spec.Parse("task01.yaml", strings.NewReader(src))
	errs := specErrors(t, err)
	assert.DeepEqual(t, messages(errs), []string{
		`task01.yaml:7: case c1: weight must be at least 1`,
		`task01.yaml:11: unknown field "stdn" in expect`,
		`task01.yaml:12: case c1: exit status must be 0 to 255`,
	})
	for _, e := range errs {
		assert.Equal(t, e.File, "task01.yaml")
	}
	// Each problem is reachable with errors.As through the join.
	var se *spec.Error
	assert.Assert(t, errors.As(err, &se))
}

func TestParseNotYAML(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "task01.yaml: empty spec"},
		{"comment only", "# nothing\n", "task01.yaml: empty spec"},
		{"syntax", "task: 1\ntitle: T\n  kind: program\n", "task01.yaml:3: mapping values are not allowed in this context"},
		{"tab indentation", "task: 1\ncases:\n\t- id: c1\n", "task01.yaml:3: found character that cannot start any token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := spec.Parse("task01.yaml", strings.NewReader(tt.src))
			assert.DeepEqual(t, messages(specErrors(t, err)), []string{tt.want})
		})
	}
}

func TestParseBadDurationHasLine(t *testing.T) {
	src := strings.Replace(minimal, "points: 10\n", "points: 10\ntimeout: 5\n", 1)
	src = strings.Replace(src, "weight: 1", "weight: 0", 1)
	_, err := spec.Parse("task01.yaml", strings.NewReader(src))
	assert.DeepEqual(t, messages(specErrors(t, err)), []string{
		`task01.yaml:5: "5" is not a duration (write it like 5s or 500ms)`,
		`task01.yaml:8: case c1: weight must be at least 1`,
	})
}

func TestParseSnippetErrorPosition(t *testing.T) {
	src := `task: 1
title: T
kind: function
points: 10
functions:
  Count: func(s string) int
cases:
  - id: c1
    weight: 1
    runs:
      - calls:
          - setup: rec := REC("x"
            call: Count("x")
`
	_, err := spec.Parse("task01.yaml", strings.NewReader(src))
	errs := specErrors(t, err)
	assert.Equal(t, len(errs), 1)
	assert.Assert(t, is.Contains(errs[0].Msg, "do not parse: 1:15: missing ','"))
}

func TestParseErrorOrderIsStable(t *testing.T) {
	src := `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    runs:
      - stage:
          /a: {content: x}
          /b: {content: x}
          /c: {content: x}
          /d: {content: x}
`
	_, first := spec.Parse("task01.yaml", strings.NewReader(src))
	for range 20 {
		_, err := spec.Parse("task01.yaml", strings.NewReader(src))
		assert.Equal(t, err.Error(), first.Error())
	}
}

const withGolden = `task: 1
title: T
kind: program
points: 10
cases:
  - id: c1
    weight: 1
    runs:
      - expect:
          stdout_file: testdata/task01/out.golden
`

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"task10.yaml":                {Data: []byte(strings.Replace(minimal, "task: 1\n", "task: 10\n", 1))},
		"task01.yaml":                {Data: []byte(withGolden)},
		"testdata/task01/out.golden": {Data: []byte("hello\n")},
		"README.md":                  {Data: []byte("not a spec")},
	}
	specs, err := spec.LoadFS(fsys, "specs")
	assert.NilError(t, err)
	var tasks []int
	for _, s := range specs {
		tasks = append(tasks, s.Task)
	}
	assert.DeepEqual(t, tasks, []int{1, 10})
	assert.Equal(t, specs[0].File, "specs/task01.yaml")
	b, err := specs[0].ReadFile(specs[0].Cases[0].Runs[0].Expect.StdoutFile)
	assert.NilError(t, err)
	assert.Equal(t, string(b), "hello\n")
}

func TestLoadFSErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{
			name: "file name does not match the task",
			fsys: fstest.MapFS{"task02.yaml": {Data: []byte(minimal)}},
			want: []string{"specs/task02.yaml:1: task 1 belongs in task01.yaml"},
		},
		{
			name: "number not zero-padded",
			fsys: fstest.MapFS{"task1.yaml": {Data: []byte(minimal)}},
			want: []string{"specs/task1.yaml:1: task 1 belongs in task01.yaml"},
		},
		{
			name: "stdout_file missing",
			fsys: fstest.MapFS{"task01.yaml": {Data: []byte(withGolden)}},
			want: []string{`specs/task01.yaml:10: stdout_file "testdata/task01/out.golden": no such file beside the spec`},
		},
		{
			name: "every file's problems",
			fsys: fstest.MapFS{
				"task01.yaml": {Data: []byte(strings.Replace(minimal, "weight: 1", "weight: 0", 1))},
				"task02.yaml": {Data: []byte(strings.Replace(minimal, "task: 1", "task: 2\nstdn: x", 1))},
			},
			want: []string{
				"specs/task01.yaml:7: case c1: weight must be at least 1",
				`specs/task02.yaml:2: unknown field "stdn" in spec`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := spec.LoadFS(tt.fsys, "specs")
			assert.DeepEqual(t, messages(specErrors(t, err)), tt.want)
		})
	}
}

func TestLoadFSEmpty(t *testing.T) {
	_, err := spec.LoadFS(fstest.MapFS{"other.yaml": {Data: []byte(minimal)}}, "specs")
	assert.Error(t, err, "load specs: no task*.yaml in specs")
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "task01.yaml")
	assert.NilError(t, os.WriteFile(p, []byte(withGolden), 0o644))

	_, err := spec.Load(p)
	assert.Error(t, err, p+`:10: stdout_file "testdata/task01/out.golden": no such file beside the spec`)

	assert.NilError(t, os.MkdirAll(filepath.Join(dir, "testdata/task01"), 0o755))
	assert.NilError(t, os.WriteFile(filepath.Join(dir, "testdata/task01/out.golden"), []byte("hi\n"), 0o644))
	s, err := spec.Load(p)
	assert.NilError(t, err)
	b, err := s.ReadFile("testdata/task01/out.golden")
	assert.NilError(t, err)
	assert.Equal(t, string(b), "hi\n")

	_, err = spec.Load(filepath.Join(dir, "task02.yaml"))
	assert.Assert(t, errors.Is(err, fs.ErrNotExist))
	assert.Assert(t, is.ErrorContains(err, "load spec: "))
}

func TestReadFileWithoutDirectory(t *testing.T) {
	s := parse(t, minimal)
	_, err := s.ReadFile("x")
	assert.Error(t, err, "task01.yaml: no directory to read x from")
}
