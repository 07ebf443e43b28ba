// Hostile #6: shared-memory hog: writes 2 GiB into /dev/shm (RLIMIT_DATA
// does not count tmpfs pages), then, refused, onto the heap, touching a
// page in 16 (the memory limit, not page faults, decides how fast it
// fails). /dev/shm is read-only, private and tiny, or EFBIG at
// RLIMIT_FSIZE; the heap ends in "out of memory".
//
// expect: c1=runtime-error|output-limit c6=pass
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
	if f, err := os.Create("/dev/shm/gograder-hostile-shm"); err == nil {
		buf := make([]byte, 1<<20)
		for i := 0; i < 2048; i++ {
			if _, err := f.Write(buf); err != nil {
				break
			}
		}
		f.Close()
	}
	for i := 0; i < 4096; i++ {
		b := make([]byte, 1<<20)
		for j := 0; j < len(b); j += 64 << 10 {
			b[j] = 1
		}
		keep = append(keep, b)
	}
	answer()
}
