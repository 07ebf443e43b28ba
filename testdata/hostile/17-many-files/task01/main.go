// Hostile #17: creates empty files until it is stopped or refused (an
// inode bomb). On the case's tmpfs (a root grader: size=, nr_inodes=) the
// kernel refuses the 4097th file with ENOSPC and the verdict is
// output-limit; without one it is stopped by the wall-clock limit, the
// files it made bounded by the time it had, and gone with the run's
// directory. The host's disk is never touched.
//
// expect: c1=timeout|output-limit c6=pass
// with tmpfs: c1=output-limit
// explain with tmpfs: c1=^filled its disk \(limit 4096 files\)
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
	os.Mkdir("many", 0o755)
	for i := 0; ; i++ {
		f, err := os.Create(fmt.Sprintf("many/f%07d", i))
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		f.Close()
	}
}
