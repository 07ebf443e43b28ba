package grade

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/spec"
	"gotest.tools/v3/assert"
)

// TestSlotsLongestFirst: a freed slot goes to the costliest case waiting,
// whatever the order the cases asked in.
func TestSlotsLongestFirst(t *testing.T) {
	s := newSlots(1)
	ctx := context.Background()
	assert.NilError(t, s.acquire(ctx, 0)) // the one slot is taken
	got := make(chan time.Duration, 3)
	var wg sync.WaitGroup
	for _, cost := range []time.Duration{10, 30, 20} {
		wg.Go(func() {
			if s.acquire(ctx, cost) == nil {
				got <- cost
				s.release()
			}
		})
	}
	for {
		s.mu.Lock()
		n := len(s.waiting)
		s.mu.Unlock()
		if n == 3 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	s.release()
	assert.DeepEqual(t, []time.Duration{<-got, <-got, <-got}, []time.Duration{30, 20, 10})
	wg.Wait()
	assert.Equal(t, s.free, 1)
}

// TestSlotsCancel: a case that gives up waiting leaves the queue, and a
// slot handed to it as it gave up is passed on, not lost.
func TestSlotsCancel(t *testing.T) {
	s := newSlots(1)
	assert.NilError(t, s.acquire(context.Background(), 0))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.acquire(ctx, 5) }()
	for {
		s.mu.Lock()
		n := len(s.waiting)
		s.mu.Unlock()
		if n == 1 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
	assert.Equal(t, len(s.waiting), 0)
	s.release()
	assert.Equal(t, s.free, 1)
	assert.NilError(t, s.acquire(context.Background(), 0))
}

func TestCaseCost(t *testing.T) {
	c := &spec.Case{Runs: []spec.Run{{Repeat: 30}, {Race: true}, {Name: "d", Debug: &spec.Debug{}}}}
	want := []*check.Observation{{Elapsed: 10 * time.Millisecond}, {Elapsed: 20 * time.Millisecond}, {}}
	assert.Equal(t, caseCost(c, want), 30*10*time.Millisecond+4*20*time.Millisecond+debugCost)
	// Without the reference's timings every run counts a millisecond.
	assert.Equal(t, caseCost(&spec.Case{Runs: []spec.Run{{Repeat: 8}}}, nil), 8*time.Millisecond)
}
