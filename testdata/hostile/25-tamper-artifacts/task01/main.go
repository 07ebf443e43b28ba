// Hostile #25: tries to tamper with the grader's artifacts: overwrite its
// own binary and write beside it (the build workspace), poison the build
// cache (GOCACHE, ~root/.cache/go-build, the canary build cache), and
// write a forged results file. It reports on stderr every write that
// worked; otherwise it answers.
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
	var targets []string
	if exe, err := os.Executable(); err == nil {
		targets = append(targets, exe, filepath.Join(filepath.Dir(exe), "forged"))
	}
	for _, d := range []string{os.Getenv("GOCACHE"), "/root/.cache/go-build", os.Getenv("HOME") + "/.cache/go-build"} {
		if d != "" {
			targets = append(targets, filepath.Join(d, "00", "poison-a"))
		}
	}
	caches, _ := filepath.Glob("/tmp/gograder-canary*/gocache")
	for _, c := range caches {
		targets = append(targets, filepath.Join(c, "poison-a"))
	}
	targets = append(targets, "../results.json", "/tmp/results.json")
	for _, t := range targets {
		f, err := os.OpenFile(t, os.O_WRONLY|os.O_CREATE, 0o666)
		if err != nil {
			continue
		}
		if _, err := f.WriteString("poison"); err == nil {
			fmt.Fprintln(os.Stderr, "wrote", t)
		}
		f.Close()
	}
	answer()
}
