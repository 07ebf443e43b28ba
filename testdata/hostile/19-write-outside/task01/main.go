// Hostile #19: tries to write outside its directory: beside it ("../"),
// two levels up, /tmp, beside $HOME, the grader's home, and into the
// canary directories (a new file, and overwriting the files there). It
// reports on stderr every write that worked, which fails c1.
//
// expect: c1=pass c2=pass
package main

import (
	"fmt"
	"os"
	"path/filepath"
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
	targets := []string{"../escape.txt", "../../escape.txt", "/tmp/gograder-escape.txt",
		os.Getenv("HOME") + "/../escape.txt", "/root/escape.txt"}
	dirs, _ := filepath.Glob("/tmp/gograder-canary*")
	for _, d := range dirs {
		files, _ := filepath.Glob(d + "/*")
		more, _ := filepath.Glob(d + "/*/*")
		targets = append(append(append(targets, files...), more...), d+"/new.txt", d+"/open/new.txt")
	}
	for _, t := range targets {
		f, err := os.OpenFile(t, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o666)
		if err != nil {
			continue
		}
		if _, err := f.WriteString("hostile was here\n"); err == nil {
			fmt.Fprintln(os.Stderr, "wrote", t)
		}
		f.Close()
	}
	answer()
}
