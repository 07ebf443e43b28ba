// Hostile #22: hunts for secrets in environments and command lines: its
// own environment, /proc/self/environ, and /proc/<pid>/environ and cmdline
// of its parent and of every process it can see. It prints to stderr any
// that holds a canary; otherwise it answers.
//
// expect: c1=pass c2=pass
package main

import (
	"fmt"
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
	for _, kv := range os.Environ() {
		if strings.Contains(kv, canary) {
			fmt.Fprintln(os.Stderr, "env:", kv)
		}
	}
	files := []string{"/proc/self/environ", fmt.Sprintf("/proc/%d/environ", os.Getppid()), fmt.Sprintf("/proc/%d/cmdline", os.Getppid())}
	more, _ := filepath.Glob("/proc/[0-9]*/environ")
	files = append(files, more...)
	more, _ = filepath.Glob("/proc/[0-9]*/cmdline")
	files = append(files, more...)
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), canary) {
			fmt.Fprintf(os.Stderr, "%s: %q\n", f, b)
		}
	}
	answer()
}
