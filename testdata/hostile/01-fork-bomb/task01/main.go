// Hostile #1: a fork bomb. main forks with the raw system call in a loop;
// every child does the same, forever. Killing must not be outrun: the PID
// namespace's teardown, the cgroup's pids.max = 0 or RLIMIT_NPROC.
//
// expect: c1=timeout|runtime-error c6=pass
package main

import (
	"fmt"
	"os"
	"syscall"
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
	for {
		syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
	}
}
