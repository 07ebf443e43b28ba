package grade

import (
	"container/heap"
	"context"
	"sync"
	"time"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// slots bounds how many cases run at once and hands a free slot to the
// most expensive case waiting: a case of thirty repetitions started last
// would otherwise run alone on an idle machine at the end of a grading.
// The order changes how long a grading takes, never its result.
type slots struct {
	mu      sync.Mutex
	free    int
	waiting waiters
	seq     int
}

func newSlots(n int) *slots { return &slots{free: n} }

// waiter is a case waiting for a slot.
type waiter struct {
	cost  time.Duration
	seq   int // first come first served among equal costs
	ready chan struct{}
	index int
}

type waiters []*waiter

func (w waiters) Len() int { return len(w) }
func (w waiters) Less(i, j int) bool {
	if w[i].cost != w[j].cost {
		return w[i].cost > w[j].cost
	}
	return w[i].seq < w[j].seq
}
func (w waiters) Swap(i, j int) {
	w[i], w[j] = w[j], w[i]
	w[i].index, w[j].index = i, j
}
func (w *waiters) Push(x any) {
	x.(*waiter).index = len(*w)
	*w = append(*w, x.(*waiter))
}
func (w *waiters) Pop() any {
	old := *w
	x := old[len(old)-1]
	*w = old[:len(old)-1]
	x.index = -1
	return x
}

// acquire waits for a slot; the longest case waiting gets the next one.
func (s *slots) acquire(ctx context.Context, cost time.Duration) error {
	s.mu.Lock()
	if s.free > 0 && len(s.waiting) == 0 {
		s.free--
		s.mu.Unlock()
		return nil
	}
	w := &waiter{cost: cost, seq: s.seq, ready: make(chan struct{})}
	s.seq++
	heap.Push(&s.waiting, w)
	s.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		s.mu.Lock()
		defer s.mu.Unlock()
		if w.index < 0 {
			// Handed a slot while giving up: pass it on.
			s.releaseLocked()
		} else {
			heap.Remove(&s.waiting, w.index)
		}
		return ctx.Err()
	}
}

// release frees a slot, handing it to the longest case waiting.
func (s *slots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.releaseLocked()
}

func (s *slots) releaseLocked() {
	if len(s.waiting) == 0 {
		s.free++
		return
	}
	close(heap.Pop(&s.waiting).(*waiter).ready)
}

// debugCost stands for a debugger session, which the reference does not
// time: starting Delve and the program is slower than any plain run.
const debugCost = 300 * time.Millisecond

// caseCost estimates how long a case keeps its slot from what the
// reference took (want, one observation per run): every repetition
// counts, and race builds run several times slower.
func caseCost(c *spec.Case, want []*check.Observation) time.Duration {
	var d time.Duration
	for i := range c.Runs {
		r := &c.Runs[i]
		one := time.Millisecond
		switch {
		case r.IsDebug():
			one = debugCost
		case i < len(want) && want[i] != nil:
			one = max(want[i].Elapsed, one)
		}
		if r.Race {
			one *= 4
		}
		d += one * time.Duration(max(r.Repeat, 1))
	}
	return d
}
