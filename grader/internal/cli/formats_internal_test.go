package cli

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/score"
)

// TestOutputs: how --format and --out pair up.
func TestOutputs(t *testing.T) {
	tests := []struct {
		args    []string
		want    []output
		wantErr string
	}{
		{args: nil, want: []output{{format: "text"}}},
		{args: []string{"--out", "r.txt"}, want: []output{{"text", "r.txt", true}}},
		{args: []string{"--format", "json"}, want: []output{{format: "json"}}},
		{args: []string{"--format", "json", "--out", "r.json"}, want: []output{{"json", "r.json", true}}},
		{args: []string{"--out", "r.json", "--format", "json"}, want: []output{{"json", "r.json", true}}},
		{
			args: []string{"--format", "json", "--out", "r.json", "--format", "junit=r.xml", "--format", "text", "--format", "github"},
			want: []output{{"json", "r.json", true}, {"junit", "r.xml", true}, {format: "text"}, {format: "github"}},
		},
		{args: []string{"--format", "json", "--out", "-"}, want: []output{{"json", "", true}}},
		{args: []string{"--format", "json", "--format", "text"}, wantErr: "formats json, text would all be written to stdout: give --out FILE to all but one"},
		{args: []string{"--format", "json=a", "--format", "junit=a"}, wantErr: "two reports would be written to a"},
		{args: []string{"--format", "json=a", "--out", "b"}, wantErr: "every --out follows its own --format"},
		{args: []string{"--out", "a", "--format", "json=b"}, wantErr: "--out a and --format json=b both name a file"},
		{args: []string{"--format", "xml"}, wantErr: `unknown format "xml"`},
		{args: []string{"--format", "json="}, wantErr: "want a file after ="},
	}
	for _, tt := range tests {
		var o outputs
		fs := flag.NewFlagSet("check", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		o.register(fs)
		err := fs.Parse(tt.args)
		var got []output
		if err == nil {
			got, err = o.resolve()
		}
		if tt.wantErr != "" {
			assert.ErrorContains(t, err, tt.wantErr, "%v", tt.args)
			continue
		}
		assert.NilError(t, err, "%v", tt.args)
		assert.DeepEqual(t, got, tt.want, cmpOutput)
	}
}

var cmpOutput = cmp.AllowUnexported(output{})

func TestMinScore(t *testing.T) {
	r := &score.Result{Score: 59.9, MaxScore: 100}
	for _, tt := range []struct {
		flag  string
		below bool
	}{
		{"", false},
		{"60", true},
		{"59.9", false},
		{"60%", true},
		{"59%", false},
		{"0", false},
	} {
		var m minScore
		if tt.flag != "" {
			assert.NilError(t, m.Set(tt.flag))
		}
		assert.Equal(t, m.below(r), tt.below, tt.flag)
	}
	var m minScore
	assert.ErrorContains(t, m.Set("101%"), "percentage")
	assert.ErrorContains(t, m.Set("-1"), "want a number")
}

// TestLocator finds functions in a task's files.
func TestLocator(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, name)
		assert.NilError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		assert.NilError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	write("task01/main.go", "package main\n\nfunc main() {\n}\n")
	write("task01/read.go", "package main\n\n// ReadContents reads.\nfunc ReadContents(p string) (string, error) {\n\treturn \"\", nil\n}\n\nfunc (T) ReadContents() {}\n")
	write("task01/read_test.go", "package main\n\nfunc Helper() {}\n")
	write("task02/broken.go", "package main\n\nfunc Early() {}\n\nfunc Broken( {\n")
	l := newLocator(dir)
	for _, tt := range []struct {
		task     int
		fn, file string
		line     int
	}{
		{1, "main", "task01/main.go", 3},
		{1, "ReadContents", "task01/read.go", 4},
		{1, "Helper", "task01/main.go", 1}, // test files are not the student's code under test
		{1, "", "task01/main.go", 1},
		{2, "Early", "task02/broken.go", 3},
		{2, "Missing", "task02/broken.go", 1},
		{3, "main", "", 0},
	} {
		file, line := l.locate(tt.task, tt.fn)
		assert.Equal(t, file, tt.file, "%d %s", tt.task, tt.fn)
		assert.Equal(t, line, tt.line, "%d %s", tt.task, tt.fn)
	}
}
