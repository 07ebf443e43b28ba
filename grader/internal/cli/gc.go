package cli

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory the grader has to spare for CPU it has not: a
// grading starts hundreds of processes and keeps little, and collecting
// at every doubling of a small heap costs several percent of a cold
// grading on two cores. The heap may grow to nine times what is live,
// while a soft limit of 256 MiB keeps it well under the memory budget of
// a batch (500 MiB). A GOGC or GOMEMLIMIT of the user's wins.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(800)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}
