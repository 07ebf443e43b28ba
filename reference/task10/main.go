// Command task10 appends lines to a file through a buffered writer.
//
// Usage: task10 [FILE [LINE...]] (FILE defaults to example.txt)
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// AppendBuffered writes each line followed by "\n" to w through bufio.NewWriterSize(w, bufSize),
// flushes, and returns the first error from a write or from Flush. A bufSize below 1 is an
// error and nothing is written to w.
func AppendBuffered(w io.Writer, lines []string, bufSize int) error {
	if bufSize < 1 {
		return fmt.Errorf("invalid buffer size %d: must be at least 1", bufSize)
	}
	bw := bufio.NewWriterSize(w, bufSize)
	for _, line := range lines {
		if _, err := bw.WriteString(line); err != nil {
			return err
		}
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// AppendToFile opens path for appending (creating it with mode 0644 if needed), appends lines
// with AppendBuffered using a 4096-byte buffer, closes the file, and returns the first error.
func AppendToFile(path string, lines []string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0644)
	if err != nil {
		return err
	}
	err = AppendBuffered(f, lines, 4096)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func run(args []string) error {
	path := "example.txt"
	lines := []string{"This is a new line of text."}
	if len(args) >= 1 {
		path = args[0]
	}
	if len(args) >= 2 {
		lines = args[1:]
	}
	if err := AppendToFile(path, lines); err != nil {
		return err
	}
	_, err := fmt.Printf("Text appended to %s successfully.\n", path)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
