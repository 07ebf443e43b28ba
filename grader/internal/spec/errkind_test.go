package spec_test

import (
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/classgrade/gograder/grader/internal/spec"
)

func TestParseErrKind(t *testing.T) {
	tests := []struct {
		in       string
		want     spec.ErrKind
		str      string // String(), "" for in
		requires string
	}{
		{in: "nil", want: spec.ErrKind{Name: "nil"}},
		{in: "any", want: spec.ErrKind{Name: "any"}},
		{in: "not-exist", want: spec.ErrKind{Name: "not-exist"}},
		{in: "permission", want: spec.ErrKind{Name: "permission"}, requires: spec.TagNonRoot},
		{in: "is-dir", want: spec.ErrKind{Name: "is-dir"}},
		{in: "closed", want: spec.ErrKind{Name: "closed"}},
		{in: "no-space", want: spec.ErrKind{Name: "no-space"}, requires: spec.TagLinux},
		{in: "syntax", want: spec.ErrKind{Name: "syntax"}},
		{in: "range", want: spec.ErrKind{Name: "range"}},
		{in: "injected", want: spec.ErrKind{Name: "injected"}},
		{in: "runtime", want: spec.ErrKind{Name: "runtime"}},
		{in: "bad-arg", want: spec.ErrKind{Name: "bad-arg"}},
		{in: "  nil ", want: spec.ErrKind{Name: "nil"}, str: "nil"},
		{in: "path(op=open)", want: spec.ErrKind{Name: "path", Arg: "open"}},
		{in: "path( op=read )", want: spec.ErrKind{Name: "path", Arg: "read"}, str: "path(op=read)"},
		{in: "is(ErrNegative)", want: spec.ErrKind{Name: "is", Arg: "ErrNegative"}},
		{in: "is( ErrNegative )", want: spec.ErrKind{Name: "is", Arg: "ErrNegative"}, str: "is(ErrNegative)"},
		{in: "as(*NegativeError)", want: spec.ErrKind{Name: "as", Arg: "*NegativeError"}},
		{in: "as(NegativeError)", want: spec.ErrKind{Name: "as", Arg: "NegativeError"}},
		{in: `panics("boom")`, want: spec.ErrKind{Name: "panics", Arg: `"boom"`}},
		{in: "panics(42)", want: spec.ErrKind{Name: "panics", Arg: "42"}},
		{in: "panics(ErrBoom)", want: spec.ErrKind{Name: "panics", Arg: "ErrBoom"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := spec.ParseErrKind(tt.in)
			assert.NilError(t, err)
			assert.Equal(t, got, tt.want)
			str := tt.str
			if str == "" {
				str = tt.in
			}
			assert.Equal(t, got.String(), str)
			assert.Equal(t, got.Requires(), tt.requires)
		})
	}
}

func TestParseErrKindInvalid(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", `unknown error kind ""`},
		{"notexist", `unknown error kind "notexist"`},
		{"NIL", `unknown error kind "NIL"`},
		{"not_exist", `unknown error kind "not_exist"`},
		{"exists(x)", `unknown error kind "exists(x)"`},
		{"is ErrX", `unknown error kind "is ErrX"`},
		{"path(open)", `error kind "path(open)": want path(op=NAME)`},
		{"path(op=)", `error kind "path(op=)": want path(op=NAME)`},
		{"path()", `error kind "path()": want path(op=NAME)`},
		{"is()", `error kind "is()": want an exported identifier of the task`},
		{"is(os.ErrNotExist)", `error kind "is(os.ErrNotExist)": want an exported identifier of the task`},
		{"is(errors.New(\"x\"))", `error kind "is(errors.New(\"x\"))": want an exported identifier of the task`},
		{"as(1Err)", `error kind "as(1Err)": want an exported identifier of the task`},
		{"as(**E)", `error kind "as(**E)": want an exported identifier of the task`},
		{`panics("boom)`, `error kind "panics(\"boom)": panic value is not a Go expression`},
		{"panics()", `error kind "panics()": panic value is not a Go expression`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := spec.ParseErrKind(tt.in)
			assert.Assert(t, is.ErrorContains(err, tt.want))
		})
	}
}

func TestParseMode(t *testing.T) {
	tests := []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"0644", 0o644, true},
		{"0000", 0, true},
		{"0777", 0o777, true},
		{"0400", 0o400, true},
		{"644", 0, false},
		{"00644", 0, false},
		{"1644", 0, false},
		{"0o64", 0, false},
		{"0648", 0, false},
		{"-644", 0, false},
		{"+644", 0, false},
		{"", 0, false},
		{"0x1f", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := spec.ParseMode(tt.in)
			if !tt.ok {
				assert.Error(t, err, `mode "`+tt.in+`": want four octal digits such as "0644"`)
				return
			}
			assert.NilError(t, err)
			assert.Equal(t, got, tt.want)
		})
	}
}

func TestSignature(t *testing.T) {
	s := parse(t, `task: 1
title: T
kind: function
points: 10
functions:
  Read: func(path string) (string, error)
  Count: func(s string) (n int)
  Touch: func(path string)
  Pair: func() (a, b int, err error)
cases:
  - id: c1
    weight: 1
    runs:
      - calls:
          - call: Touch("x")
`)
	tests := []struct {
		name      string
		results   int
		returnErr bool
	}{
		{"Read", 2, true},
		{"Count", 1, false},
		{"Touch", 0, false},
		{"Pair", 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ft, err := s.Signature(tt.name)
			assert.NilError(t, err)
			assert.Equal(t, spec.Results(ft), tt.results)
			assert.Equal(t, spec.ReturnsError(ft), tt.returnErr)
		})
	}
	_, err := s.Signature("Write")
	assert.Error(t, err, "function Write is not listed under functions")
}
