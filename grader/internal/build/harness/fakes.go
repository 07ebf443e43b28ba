package harness

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Rec is REC(s): a reader over s recording len(p) of every Read call.
type Rec struct {
	r    *strings.Reader
	lens []int
}

// REC returns a recording reader over s.
func REC(s string) *Rec { return &Rec{r: strings.NewReader(s)} }

func (r *Rec) Read(p []byte) (int, error) {
	r.lens = append(r.lens, len(p))
	return r.r.Read(p)
}

// Calls is the number of Read calls so far.
func (r *Rec) Calls() int { return len(r.lens) }

// Lens lists len(p) of every Read call.
func (r *Rec) Lens() []int { return append([]int(nil), r.lens...) }

// MaxLen is the largest len(p) passed to Read (0 before any call).
func (r *Rec) MaxLen() int {
	m := 0
	for _, n := range r.lens {
		m = max(m, n)
	}
	return m
}

// Fail is FAIL: 300 bytes in reads of at most 64, then ErrInjected forever.
type Fail struct {
	left  int
	calls int
}

// FAIL returns a reader that fails after 300 bytes.
func FAIL() *Fail { return &Fail{left: 300} }

func (f *Fail) Read(p []byte) (int, error) {
	f.calls++
	if f.left == 0 {
		return 0, ErrInjected
	}
	n := min(len(p), 64, f.left)
	for i := range n {
		p[i] = 'f'
	}
	f.left -= n
	return n, nil
}

// Calls is the number of Read calls so far.
func (f *Fail) Calls() int { return f.calls }

// RecW is RECW: a writer recording every Write call and the bytes received.
type RecW struct {
	buf   strings.Builder
	sizes []int
}

// RECW returns a recording writer.
func RECW() *RecW { return &RecW{} }

func (w *RecW) Write(p []byte) (int, error) {
	w.sizes = append(w.sizes, len(p))
	return w.buf.Write(p)
}

// Calls is the number of Write calls so far.
func (w *RecW) Calls() int { return len(w.sizes) }

// Sizes lists len(p) of every Write call.
func (w *RecW) Sizes() []int { return append([]int(nil), w.sizes...) }

// String is every byte received, in order.
func (w *RecW) String() string { return w.buf.String() }

// Len is the number of bytes received.
func (w *RecW) Len() int { return w.buf.Len() }

// FailW is FAILW(k): accepts Write calls 1…k−1, fails from call k on.
type FailW struct {
	RecW
	k int
}

// FAILW returns a writer whose k-th and later Write calls fail.
func FAILW(k int) *FailW { return &FailW{k: k} }

func (w *FailW) Write(p []byte) (int, error) {
	if len(w.sizes)+1 >= w.k {
		w.sizes = append(w.sizes, len(p))
		return 0, ErrInjected
	}
	return w.RecW.Write(p)
}

// RecS is RECS(s): a ReadSeeker over s recording each operation in order.
type RecS struct {
	r   *strings.Reader
	ops []string
}

// RECS returns a recording ReadSeeker over s.
func RECS(s string) *RecS { return &RecS{r: strings.NewReader(s)} }

func (r *RecS) Read(p []byte) (int, error) {
	r.ops = append(r.ops, fmt.Sprintf("Read(%d)", len(p)))
	return r.r.Read(p)
}

func (r *RecS) Seek(offset int64, whence int) (int64, error) {
	r.ops = append(r.ops, fmt.Sprintf("Seek(%d,%d)", offset, whence))
	return r.r.Seek(offset, whence)
}

// Ops lists the operations, e.g. ["Seek(10,0)", "Read(16)"].
func (r *RecS) Ops() []string { return append([]string(nil), r.ops...) }

// FirstOp is the first operation, or "" when there was none.
func (r *RecS) FirstOp() string {
	if len(r.ops) == 0 {
		return ""
	}
	return r.ops[0]
}

// Reset forgets the operations recorded so far (after the grader's own reads).
func (r *RecS) Reset() { r.ops = nil }

// RecSK is RECSK(s): a Seeker (and Reader) over s recording every Seek call.
type RecSK struct {
	r     *strings.Reader
	seeks []string
}

// RECSK returns a seek-recording reader over s.
func RECSK(s string) *RecSK { return &RecSK{r: strings.NewReader(s)} }

func (r *RecSK) Read(p []byte) (int, error) { return r.r.Read(p) }

func (r *RecSK) Seek(offset int64, whence int) (int64, error) {
	r.seeks = append(r.seeks, fmt.Sprintf("Seek(%d,%d)", offset, whence))
	return r.r.Seek(offset, whence)
}

// Seeks lists the Seek calls, e.g. ["Seek(0,1)"].
func (r *RecSK) Seeks() []string { return append([]string(nil), r.seeks...) }

// Calls is the number of Seek calls.
func (r *RecSK) Calls() int { return len(r.seeks) }

// SeekFail is SEEKFAIL: Seek and Read both return ErrInjected.
type SeekFail struct{ calls int }

// SEEKFAIL returns a ReadSeeker that always fails.
func SEEKFAIL() *SeekFail { return &SeekFail{} }

func (s *SeekFail) Read([]byte) (int, error) { s.calls++; return 0, ErrInjected }

func (s *SeekFail) Seek(int64, int) (int64, error) { s.calls++; return 0, ErrInjected }

// Calls is the number of Read and Seek calls.
func (s *SeekFail) Calls() int { return s.calls }

// ReadAllString reads r to EOF; a nil reader or an error shows in the text.
func ReadAllString(r io.Reader) string {
	if r == nil {
		return "<nil reader>"
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return string(b) + "<error: " + err.Error() + ">"
	}
	return string(b)
}

// ProbeFd opens a file, returns its descriptor number and closes it: the
// lowest free descriptor, which a correct FileDescriptor also returns.
func ProbeFd() uintptr {
	f, err := os.Open(os.DevNull)
	if err != nil {
		return 0
	}
	defer f.Close()
	return f.Fd()
}
