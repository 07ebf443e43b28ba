package sandbox

import (
	"math"
	"os"
	"strconv"

	"golang.org/x/sys/unix"
)

// markCloexec sets close-on-exec on every file descriptor of the grader
// above 2. Go opens its own files close-on-exec, but descriptors the grader
// inherited (a test harness's or a CI runner's pipes, say) are passed to
// every child by default, and a run must get only its stdin, stdout, stderr
// and results. It is called before every start, so a descriptor opened
// without the flag by non-Go code is covered too. The grader keeps using
// its descriptors; only its children no longer inherit them.
func markCloexec() {
	if unix.CloseRange(3, math.MaxUint32, unix.CLOSE_RANGE_CLOEXEC) == nil {
		return
	}
	// Kernels before 5.11: one fcntl per open descriptor.
	d, err := os.Open("/proc/self/fd")
	if err != nil {
		return
	}
	names, _ := d.Readdirnames(-1)
	d.Close()
	for _, name := range names {
		if fd, err := strconv.Atoi(name); err == nil && fd > 2 {
			unix.CloseOnExec(fd)
		}
	}
}
