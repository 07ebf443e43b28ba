package harness_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/build/harness"
)

// read is one Read call's result.
type read struct {
	N   int
	Err error
}

// reads calls r.Read with buffers of the given sizes.
func reads(r io.Reader, sizes ...int) []read {
	var out []read
	for _, n := range sizes {
		k, err := r.Read(make([]byte, n))
		out = append(out, read{k, err})
	}
	return out
}

func TestREC(t *testing.T) {
	r := harness.REC("hello world")
	assert.Equal(t, r.MaxLen(), 0)
	assert.Equal(t, r.Calls(), 0)
	assert.DeepEqual(t, reads(r, 4, 16, 1, 8), []read{{4, nil}, {7, nil}, {0, io.EOF}, {0, io.EOF}},
		cmpErrors)
	assert.DeepEqual(t, r.Lens(), []int{4, 16, 1, 8})
	assert.Equal(t, r.MaxLen(), 16)
	assert.Equal(t, r.Calls(), 4)

	// Lens is a copy.
	r.Lens()[0] = 99
	assert.Equal(t, r.Lens()[0], 4)

	// A well-behaved reader.
	assert.NilError(t, iotest.TestReader(harness.REC("héllo ✓\x00"), []byte("héllo ✓\x00")))
}

func TestFAIL(t *testing.T) {
	f := harness.FAIL()
	got := reads(f, 1000, 1000, 1000, 1000, 1000, 1000, 1000)
	assert.DeepEqual(t, got, []read{{64, nil}, {64, nil}, {64, nil}, {64, nil}, {44, nil},
		{0, harness.ErrInjected}, {0, harness.ErrInjected}}, cmpErrors)
	assert.Equal(t, f.Calls(), 7)

	// Small buffers: still 300 bytes in all.
	f = harness.FAIL()
	n := 0
	for range 30 {
		k, err := f.Read(make([]byte, 10))
		assert.NilError(t, err)
		assert.Equal(t, k, 10)
		n += k
	}
	_, err := f.Read(make([]byte, 10))
	assert.Assert(t, errors.Is(err, harness.ErrInjected))
	assert.Equal(t, n, 300)

	b, err := io.ReadAll(harness.FAIL())
	assert.Assert(t, errors.Is(err, harness.ErrInjected))
	assert.Equal(t, len(b), 300)
	assert.Equal(t, string(b), strings.Repeat("f", 300))
}

func TestRECW(t *testing.T) {
	w := harness.RECW()
	for _, s := range []string{"ab", "", "cde"} {
		n, err := w.Write([]byte(s))
		assert.NilError(t, err)
		assert.Equal(t, n, len(s))
	}
	fmt.Fprintf(w, "%d-%d", 1, 2)
	assert.Equal(t, w.Calls(), 4)
	assert.DeepEqual(t, w.Sizes(), []int{2, 0, 3, 3})
	assert.Equal(t, w.String(), "abcde1-2")
	assert.Equal(t, w.Len(), 8)

	// A bufio.Writer of 4096 bytes writes 10000 bytes in three calls.
	w = harness.RECW()
	bw := bufio.NewWriterSize(w, 4096)
	for range 1000 {
		bw.WriteString("0123456789")
	}
	assert.NilError(t, bw.Flush())
	assert.DeepEqual(t, w.Sizes(), []int{4096, 4096, 1808})
}

func TestFAILW(t *testing.T) {
	tests := []struct {
		k       int
		results []read // of five one-byte writes
		stored  string
	}{
		{k: 0, results: []read{{0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}}},
		{k: 1, results: []read{{0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}}},
		{k: 2, results: []read{{1, nil}, {0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}, {0, harness.ErrInjected}}, stored: "a"},
		{k: 4, results: []read{{1, nil}, {1, nil}, {1, nil}, {0, harness.ErrInjected}, {0, harness.ErrInjected}}, stored: "abc"},
		{k: 9, results: []read{{1, nil}, {1, nil}, {1, nil}, {1, nil}, {1, nil}}, stored: "abcde"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.k), func(t *testing.T) {
			w := harness.FAILW(tt.k)
			var got []read
			for _, c := range "abcde" {
				n, err := w.Write([]byte{byte(c)})
				got = append(got, read{n, err})
			}
			assert.DeepEqual(t, got, tt.results, cmpErrors)
			assert.Equal(t, w.Calls(), 5, "failed calls count too")
			assert.Equal(t, w.String(), tt.stored)
		})
	}

	// The error reaches a caller through bufio.
	bw := bufio.NewWriter(harness.FAILW(1))
	bw.WriteString("x")
	assert.Assert(t, errors.Is(bw.Flush(), harness.ErrInjected))
}

func TestRECS(t *testing.T) {
	r := harness.RECS("0123456789abcdefghijklmnopqrstuvwxyz")
	assert.Equal(t, r.FirstOp(), "")
	pos, err := r.Seek(10, io.SeekStart)
	assert.NilError(t, err)
	assert.Equal(t, pos, int64(10))
	buf := make([]byte, 16)
	n, err := r.Read(buf)
	assert.NilError(t, err)
	assert.Equal(t, string(buf[:n]), "abcdefghijklmnop")
	_, err = r.Seek(-2, io.SeekEnd)
	assert.NilError(t, err)
	_, err = r.Seek(0, io.SeekCurrent)
	assert.NilError(t, err)
	assert.DeepEqual(t, r.Ops(), []string{"Seek(10,0)", "Read(16)", "Seek(-2,2)", "Seek(0,1)"})
	assert.Equal(t, r.FirstOp(), "Seek(10,0)")

	r.Reset()
	assert.Equal(t, len(r.Ops()), 0)
	assert.Equal(t, r.FirstOp(), "")
	b, err := io.ReadAll(r)
	assert.NilError(t, err)
	assert.Equal(t, string(b), "yz")
	assert.Equal(t, r.FirstOp(), "Read(512)")
}

func TestRECSK(t *testing.T) {
	r := harness.RECSK("hello")
	buf := make([]byte, 2)
	_, err := r.Read(buf)
	assert.NilError(t, err)
	pos, err := r.Seek(0, io.SeekCurrent)
	assert.NilError(t, err)
	assert.Equal(t, pos, int64(2))
	_, err = r.Seek(1, io.SeekStart)
	assert.NilError(t, err)
	b, err := io.ReadAll(r)
	assert.NilError(t, err)
	assert.Equal(t, string(b), "ello")
	assert.DeepEqual(t, r.Seeks(), []string{"Seek(0,1)", "Seek(1,0)"})
	assert.Equal(t, r.Calls(), 2)
}

func TestSEEKFAIL(t *testing.T) {
	s := harness.SEEKFAIL()
	_, err := s.Seek(0, io.SeekStart)
	assert.Assert(t, errors.Is(err, harness.ErrInjected))
	n, err := s.Read(make([]byte, 8))
	assert.Equal(t, n, 0)
	assert.Assert(t, errors.Is(err, harness.ErrInjected))
	_, err = io.ReadAll(s)
	assert.Assert(t, errors.Is(err, harness.ErrInjected))
	assert.Equal(t, s.Calls(), 3)
}

func TestReadAllString(t *testing.T) {
	tests := []struct {
		name string
		r    io.Reader
		want string
	}{
		{"nil", nil, "<nil reader>"},
		{"text", strings.NewReader("x\ny"), "x\ny"},
		{"error after data", harness.FAIL(), strings.Repeat("f", 300) + "<error: grader: injected error>"},
		{"error at once", harness.SEEKFAIL(), "<error: grader: injected error>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, harness.ReadAllString(tt.r), tt.want)
		})
	}
}

func TestProbeFd(t *testing.T) {
	assert.Assert(t, harness.ProbeFd() > 2)
}
