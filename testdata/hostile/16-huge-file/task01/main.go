// Hostile #16: writes 1 GiB into out.bin. Go ignores SIGXFSZ: the write
// fails with EFBIG at RLIMIT_FSIZE, and the grader reports a file too large.
//
// expect: c1=output-limit c6=pass
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

func main() {
	f, err := os.Create("out.bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	buf := make([]byte, 1<<20)
	for i := 0; i < 1024; i++ {
		if _, err := f.Write(buf); err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
	}
	answer()
}
