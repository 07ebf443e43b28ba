// Command task01 prints the whole contents of a text file.
//
// Usage: task01 [FILE] (FILE defaults to filename.txt)
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadContents returns the complete contents of the file at path.
// Errors from opening or reading are returned unchanged.
func ReadContents(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()

	data, err := io.ReadAll(f)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task01 [FILE]")
	}
	path := "filename.txt"
	if len(args) == 1 {
		path = args[0]
	}
	content, err := ReadContents(path)
	if err != nil {
		return err
	}
	_, err = io.WriteString(os.Stdout, content)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
