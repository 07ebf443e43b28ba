package harness

import (
	"fmt"
	"os"
	"runtime/debug"
)

// MaxFDGrowth is how many descriptors the FD-LEAK battery tolerates.
const MaxFDGrowth = 5

// FDLeak is the FD-LEAK battery of catalogue 1.4: with GC off (so *os.File
// finalizers cannot close leaked descriptors and hide the leak) it makes n
// more calls, each of which must return what the first call returned, and
// fails when the open descriptors grew by more than MaxFDGrowth.
func (t *T) FDLeak(n int, call func() bool) {
	old := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(old)
	before := countFDs()
	for i := 1; i <= n; i++ {
		if !call() {
			t.cur.Battery = fmt.Sprintf("call %d of %d returned something else than the first call (running out of file descriptors?)", i, n)
			break
		}
	}
	after := countFDs()
	t.cur.FDs = [2]int{before, after}
	if t.cur.Battery == "" && after-before > MaxFDGrowth {
		t.cur.Battery = fmt.Sprintf("%d calls left %d more file descriptors open (files opened but never closed)", n, after-before)
	}
}

// countFDs counts open descriptors through /proc/self/fd or, elsewhere, as
// the number a fresh open receives (descriptors are allocated lowest first).
func countFDs() int {
	if ents, err := os.ReadDir("/proc/self/fd"); err == nil {
		return len(ents)
	}
	return int(ProbeFd())
}
