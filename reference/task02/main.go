// Command task02 creates (or truncates) a file and writes two lines to it.
//
// Usage: task02 [FILE] (FILE defaults to my_file.txt)
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// WriteLines creates path (or truncates it if it exists) with mode 0644, writes every element
// of lines followed by "\n", closes the file, and returns the first error from open, write or
// close. A nil or empty slice leaves an empty file.
func WriteLines(path string, lines []string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0644)
	if err != nil {
		return err
	}
	for _, line := range lines {
		if _, err := io.WriteString(f, line+"\n"); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task02 [FILE]")
	}
	path := "my_file.txt"
	if len(args) == 1 {
		path = args[0]
	}
	lines := []string{"Hello, world!", "This is a line written to the file."}
	if err := WriteLines(path, lines); err != nil {
		return err
	}
	_, err := fmt.Println("Data written to the file successfully!")
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
