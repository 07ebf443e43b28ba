// Hostile #4: a heap hog: touches 4 GiB in 1 MiB slices. Go's "out of
// memory" under RLIMIT_DATA, or the cgroup's OOM kill.
// On a loaded machine the wall limit may come before the memory limit: a
// timeout is then the verdict.
//
// expect: c1=runtime-error|timeout c6=pass
package main

import (
	"fmt"
	"os"
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

var keep [][]byte

func main() {
	for i := 0; i < 4096; i++ {
		b := make([]byte, 1<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		keep = append(keep, b)
	}
	answer()
}
