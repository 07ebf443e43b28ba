// Command task03 appends one line of text to a file, creating the file if needed.
//
// Usage: task03 [FILE [TEXT]] (FILE defaults to my_file.txt)
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// AppendLine appends line followed by "\n" to the file at path, creating the file with mode
// 0644 if it does not exist. Existing bytes are never modified. It returns the first error
// from open, write or close.
func AppendLine(path, line string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0644)
	if err != nil {
		return err
	}
	_, err = io.WriteString(f, line+"\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func run(args []string) error {
	if len(args) > 2 {
		return errors.New("usage: task03 [FILE [TEXT]]")
	}
	path := "my_file.txt"
	text := "whatever you want to write here (in append mode) here."
	if len(args) >= 1 {
		path = args[0]
	}
	if len(args) == 2 {
		text = args[1]
	}
	return AppendLine(path, text)
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
