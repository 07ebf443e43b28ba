// Hostile #3: a thread bomb: 10 000 goroutines, each locked to an OS thread
// and blocked in a system call. The runtime dies with "failed to create new
// OS thread" at the process limit (RLIMIT_NPROC, which means something only
// for a non-root uid, or pids.max). On a loaded machine the wall limit may
// come first: a timeout is then the verdict.
//
// expect: c1=runtime-error|timeout c6=pass
package main

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

// answer is a correct task01 main.
func answer() {
	path := "filename.txt"
	if len(os.Args) == 2 {
		path = os.Args[1]
	} else if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task01 [FILE]")
		os.Exit(1)
	}
	s, err := ReadContents(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Print(s)
}

func main() {
	for i := 0; i < 10000; i++ {
		go func() {
			runtime.LockOSThread()
			syscall.Nanosleep(&syscall.Timespec{Sec: 3600}, nil)
		}()
	}
	time.Sleep(time.Hour)
}
