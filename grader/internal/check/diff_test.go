package check_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/classgrade/gograder/grader/internal/build/harness"
	"github.com/classgrade/gograder/grader/internal/check"
)

func numbered(n int, format string) []byte {
	var b bytes.Buffer
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.Bytes()
}

// TestDiff renders the diffs students see; the goldens are in testdata/diff.
func TestDiff(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 5000)
	bigOther := bytes.Clone(big)
	bigOther[70000] = 'X'
	tests := []struct {
		name      string
		want, got []byte
	}{
		{"text", []byte("one\ntwo\nthree\n"), []byte("one\n2\nthree\nfour\n")},
		{"tabs and unicode stay text", []byte("\tnaïve ✓\n"), []byte("\tnaive ✓\n")},
		{"control bytes quoted", []byte("a\x00b\n"), []byte("a b\n")},
		{"invalid utf8 quoted", []byte("\xff\xfe\n"), []byte("??\n")},
		{"carriage return quoted", []byte("a\nb\n"), []byte("a\r\nb\r\n")},
		{"missing final newline quoted", []byte("x\ny\n"), []byte("x\ny")},
		{"empty got", []byte("x\n"), nil},
		{"long diff cut", numbered(100, "line %05d\n"), numbered(100, "LINE %05d\n")},
		{"huge output summarised", big, bigOther},
		{"huge output shorter", big, big[:66000]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := check.Diff("want", tt.want, "got", tt.got)
			assert.Equal(t, check.Diff("want", tt.want, "got", tt.got), got, "Diff is not deterministic")
			golden.Assert(t, got, "diff/"+strings.ReplaceAll(tt.name, " ", "-")+".golden")
		})
	}
}

// TestShowYAMLMatchesShow checks that a value written in a spec renders as
// the harness renders the Go value a student function returns.
func TestShowYAMLMatchesShow(t *testing.T) {
	tests := []struct {
		yaml string
		go_  any
	}{
		{`"hello"`, "hello"},
		{`"hello\n"`, "hello\n"},
		{`""`, ""},
		{`"héllo ✓ wörld"`, "héllo ✓ wörld"},
		{`"a\x00b"`, []byte("a\x00b")},
		{`42`, 42},
		{`-7`, int64(-7)},
		{`0x10`, 16},
		{`2.5`, 2.5},
		{`1.0`, 1.0},
		{`1e21`, 1e21},
		{`true`, true},
		{`null`, nil},
		{`[1, 2, 3]`, []int{1, 2, 3}},
		{`["a", "b"]`, []string{"a", "b"}},
		{`[]`, []string{}},
		{`[[1], [2, 3]]`, [][]int{{1}, {2, 3}}},
		{`["x", 1]`, []any{"x", 1}},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			var v any
			assert.NilError(t, yaml.Unmarshal([]byte("v: "+tt.yaml), &struct{ V *any }{&v}))
			want, comparable := harness.Show(tt.go_)
			assert.Assert(t, comparable)
			assert.Equal(t, check.ShowYAML(v), want)
		})
	}
}
