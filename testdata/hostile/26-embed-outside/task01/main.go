// Hostile #26 (build time): embeds files from outside the submission (the
// reference): patterns may not leave the module: a compile error.
//
// expect: c1=compile-error
package main

import (
	"embed"
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

//go:embed ../../reference/*
var ref embed.FS

func main() {
	fmt.Println(ref)
	answer()
}
