// Hostile #18: looks for other submissions, the reference and the grader's
// secrets: walks up from its directory, reads the canary directories
// (/tmp/gograder-canary*), /etc/shadow, ~root/.ssh and the working
// directories of every process it can see through /proc. It prints to
// stderr whatever it read that holds a canary, so a leak fails c1 (and the
// corpus test finds the canary in the output); otherwise it answers.
//
// expect: c1=pass c2=pass
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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

// canary is split so that this source does not hold it.
var canary = "GOGRADER-" + "CANARY"

func main() {
	var roots []string
	canaries, _ := filepath.Glob("/tmp/gograder-canary*")
	roots = append(roots, canaries...)
	roots = append(roots, "..", "../..", "../../..", "/etc/shadow", "/root/.ssh", os.Getenv("HOME")+"/../..")
	procs, _ := filepath.Glob("/proc/[0-9]*/cwd")
	roots = append(roots, procs...)
	n := 0
	for _, r := range roots {
		filepath.WalkDir(r, func(p string, d fs.DirEntry, err error) error {
			if n++; n > 5000 {
				return filepath.SkipAll
			}
			if err != nil || !d.Type().IsRegular() {
				return nil
			}
			if fi, err := d.Info(); err != nil || fi.Size() > 1<<16 {
				return nil
			}
			if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), canary) {
				fmt.Fprintf(os.Stderr, "read %s: %s\n", p, b)
			}
			return nil
		})
	}
	answer()
}
