package main

import (
	"fmt"
	"os"
)

// ReadContents returns everything stored in the file at path.
func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func main() {
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task01 [FILE]")
		os.Exit(1)
	}
	path := "filename.txt"
	if len(os.Args) == 2 {
		path = os.Args[1]
	}
	s, err := ReadContents(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Print(s)
}
