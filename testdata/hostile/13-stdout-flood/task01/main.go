// Hostile #13: floods stdout: stopped within milliseconds of the cap, the
// grader's memory bounded, the first bytes kept.
//
// expect: c1=output-limit c6=pass
package main

import (
	"bytes"
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
	line := append(bytes.Repeat([]byte("y"), 4095), '\n')
	for {
		os.Stdout.Write(line)
	}
}
