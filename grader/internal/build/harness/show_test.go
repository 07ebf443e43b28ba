package harness_test

import (
	"errors"
	"os"
	"testing"
	"time"

	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/build/harness"
)

type name string

func TestShow(t *testing.T) {
	x := 3
	tests := []struct {
		name       string
		in         any
		want       string
		comparable bool
	}{
		{"string", "hi", `"hi"`, true},
		{"string with newline", "a\nb", `"a\nb"`, true},
		{"empty string", "", `""`, true},
		{"named string", name("bob"), `"bob"`, true},
		{"bytes", []byte("a\x00\xff"), `"a\x00\xff"`, true},
		{"nil bytes", []byte(nil), `""`, true},
		{"int", 42, "42", true},
		{"int8", int8(-1), "-1", true},
		{"int64", int64(1) << 40, "1099511627776", true},
		{"uint64", uint64(7), "7", true},
		{"uintptr", uintptr(3), "3", true},
		{"float64", 2.5, "2.5", true},
		{"float64 whole", 1.0, "1", true},
		{"float32", float32(0.1), "0.1", true},
		{"bool", true, "true", true},
		{"ints", []int{1, 2, 3}, "[1 2 3]", true},
		{"empty slice", []int{}, "[]", true},
		{"nil slice", []string(nil), "[]", true},
		{"strings", []string{"a", "b c"}, `["a" "b c"]`, true},
		{"array", [2]int{1, 2}, "[1 2]", true},
		{"byte array", [2]byte{'a', 'b'}, "[97 98]", true},
		{"nested", [][]byte{[]byte("x"), nil}, `["x" ""]`, true},
		{"interfaces", []any{nil, "a", 1}, `[nil "a" 1]`, true},
		{"errors", []error{errors.New("x"), nil}, `["x" nil]`, true},
		{"nil", nil, "nil", true},
		{"error", errors.New("boom"), `"boom"`, true},
		{"stringer", 1500 * time.Millisecond, `"1.5s"`, true},
		{"nil pointer", (*int)(nil), "<*int>", false},
		{"pointer", &x, "<*int>", false},
		{"pointers", []*int{&x}, "<[]*int>", false},
		{"file", os.Stdin, "<*os.File>", false},
		{"func", func() {}, "<func()>", false},
		{"chan", make(chan int), "<chan int>", false},
		{"struct", struct{ A int }{1}, "<struct { A int }>", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, comparable := harness.Show(tt.in)
			assert.Equal(t, got, tt.want)
			assert.Equal(t, comparable, tt.comparable)
		})
	}
}

func TestShowMap(t *testing.T) {
	got, comparable := harness.Show(map[string]int{"b": 2, "a": 1})
	assert.Equal(t, got, `map["a":1 "b":2]`)
	assert.Assert(t, comparable)
}

func TestSame(t *testing.T) {
	tests := []struct {
		a, b any
		want bool
	}{
		{"x", []byte("x"), true},
		{1, int64(1), true},
		{"1", 1, false},
		{[]int{1}, []int{1}, true},
		{[]int{1}, []int{2}, false},
		{nil, nil, true},
		{errors.New("e"), "e", true},
	}
	for _, tt := range tests {
		assert.Equal(t, harness.Same(tt.a, tt.b), tt.want, "Same(%#v, %#v)", tt.a, tt.b)
	}
}
