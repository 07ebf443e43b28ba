// Hostile #20: plants links for the grader to follow after the run:
// result.json to /etc/shadow, ref.go to a canary, up to the root, and a
// hard link to a host file. The grader reads a run's files only through
// os.Root, without following links, and never chowns or chmods through
// them; then it answers correctly.
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
	os.Symlink("/etc/shadow", "result.json")
	os.Symlink("../../../..", "up")
	if c, _ := filepath.Glob("/tmp/gograder-canary*/secret.txt"); len(c) > 0 {
		os.Symlink(c[0], "ref.go")
		os.Link(c[0], "hard-secret.txt")
	}
	os.Link("/etc/passwd", "passwd")
	answer()
}
