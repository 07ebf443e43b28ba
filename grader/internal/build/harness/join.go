package harness

import (
	"math/rand/v2"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The JOIN battery of catalogue 1.4: work functions that tell whether a
// function under test ran them concurrently and waited for all of them.

// OverlapWriter is OVW: an io.Writer that sleeps 1 ms inside Write and
// records whether two Writes were ever in flight at once.
type OverlapWriter struct {
	mu         sync.Mutex
	inflight   atomic.Int32
	overlapped atomic.Bool
	calls      atomic.Int64
	buf        strings.Builder
}

// OVW returns an overlap-detecting writer.
func OVW() *OverlapWriter { return &OverlapWriter{} }

func (w *OverlapWriter) Write(p []byte) (int, error) {
	if w.inflight.Add(1) > 1 {
		w.overlapped.Store(true)
	}
	defer w.inflight.Add(-1)
	w.calls.Add(1)
	time.Sleep(time.Millisecond)
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}

// Overlapped reports whether two Write calls were ever in flight at once.
func (w *OverlapWriter) Overlapped() bool { return w.overlapped.Load() }

// Calls is the number of Write calls so far.
func (w *OverlapWriter) Calls() int { return int(w.calls.Load()) }

// String is everything written.
func (w *OverlapWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// Lines are the lines written, sorted.
func (w *OverlapWriter) Lines() []string {
	s := strings.TrimSuffix(w.String(), "\n")
	if s == "" {
		return nil
	}
	ls := strings.Split(s, "\n")
	sort.Strings(ls)
	return ls
}

// QuietFor reports whether no Write arrives during the next d: after a
// function returned, a late Write means it did not wait for its goroutines.
func (w *OverlapWriter) QuietFor(d time.Duration) bool {
	before := w.Calls()
	time.Sleep(d)
	return w.Calls() == before
}

// workLog records which work ran and finished.
type workLog struct {
	mu   sync.Mutex
	ids  []int
	done atomic.Int64
}

func (l *workLog) started(id int) {
	l.mu.Lock()
	l.ids = append(l.ids, id)
	l.mu.Unlock()
}

// Done is how many work calls have returned.
func (l *workLog) Done() int { return int(l.done.Load()) }

// IDs are the ids the work was called with, sorted.
func (l *workLog) IDs() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	ids := append([]int(nil), l.ids...)
	sort.Ints(ids)
	return ids
}

// BarrierWork is n pieces of work that wait for each other: each arrives,
// the last to arrive releases all, and none waits longer than timeout. A
// function that runs them one after another cannot meet the barrier.
type BarrierWork struct {
	workLog
	n       int
	timeout time.Duration
	arrived atomic.Int64
	release chan struct{}
	once    sync.Once
	missed  atomic.Bool
}

// Barrier returns n barrier tasks that give up after timeout.
func Barrier(n int, timeout time.Duration) *BarrierWork {
	return &BarrierWork{n: n, timeout: timeout, release: make(chan struct{})}
}

// Work is one barrier task, usable as func(id int).
func (b *BarrierWork) Work(id int) {
	b.started(id)
	defer b.done.Add(1)
	if int(b.arrived.Add(1)) == b.n {
		b.once.Do(func() { close(b.release) })
	}
	select {
	case <-b.release:
	case <-time.After(b.timeout):
		b.missed.Store(true)
	}
}

// Tasks are the n tasks as func().
func (b *BarrierWork) Tasks() []func() {
	ts := make([]func(), b.n)
	for i := range ts {
		id := i + 1
		ts[i] = func() { b.Work(id) }
	}
	return ts
}

// Met reports whether all n tasks were in flight at once.
func (b *BarrierWork) Met() bool {
	select {
	case <-b.release:
		return !b.missed.Load()
	default:
		return false
	}
}

// SleepyWork is n pieces of work that each sleep a seeded random time.
type SleepyWork struct {
	workLog
	n      int
	sleeps []time.Duration
}

// Sleepy returns n tasks sleeping between 0 and max each (seeded, so the
// same every run).
func Sleepy(n int, max time.Duration) *SleepyWork {
	r := rand.New(rand.NewPCG(34, 37))
	s := &SleepyWork{n: n, sleeps: make([]time.Duration, n+1)}
	for i := range s.sleeps {
		if max > 0 {
			s.sleeps[i] = time.Duration(r.Int64N(int64(max)))
		}
	}
	return s
}

// Work is one task, usable as func(id int).
func (s *SleepyWork) Work(id int) {
	s.started(id)
	defer s.done.Add(1)
	time.Sleep(s.sleeps[(id%len(s.sleeps)+len(s.sleeps))%len(s.sleeps)])
}

// Tasks are the n tasks as func().
func (s *SleepyWork) Tasks() []func() {
	ts := make([]func(), s.n)
	for i := range ts {
		id := i + 1
		ts[i] = func() { s.Work(id) }
	}
	return ts
}

// Goroutines is the number of goroutines now.
func Goroutines() int { return runtime.NumGoroutine() }

// GoroutinesBack reports whether the number of goroutines comes back down
// to base within the given time (JOIN-4: none left running).
func GoroutinesBack(base int, within time.Duration) bool {
	deadline := time.Now().Add(within)
	for {
		if runtime.NumGoroutine() <= base {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(5 * time.Millisecond)
	}
}
