// Command task11 reads a file, closes it, and reports that it was closed.
//
// Usage: task11 [FILE] (FILE defaults to path/to/your/file.txt)
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ReadAndClose opens path, reads everything and closes the file exactly once on every path
// after a successful open, also when reading fails. It returns the content, or the first error
// (open, read, or Close when nothing failed before).
func ReadAndClose(path string) (content string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			content, err = "", cerr
		}
	}()
	data, err := io.ReadAll(f)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// ReadAfterClose opens path, closes it, then calls Read on the closed *os.File and returns
// that Read's error, which satisfies errors.Is(err, os.ErrClosed). If opening fails it returns
// the open error.
func ReadAfterClose(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	_ = f.Close() // the point of this function is the Read that follows
	_, err = f.Read(make([]byte, 1))
	return err
}

// openFailed reports whether err came from opening the file (so nothing was closed).
func openFailed(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Op == "open"
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task11 [FILE]")
	}
	path := "path/to/your/file.txt"
	if len(args) == 1 {
		path = args[0]
	}
	content, err := ReadAndClose(path)
	if err != nil {
		if !openFailed(err) {
			fmt.Println("File has been closed.")
		}
		return err
	}
	_, err = fmt.Printf("%s\nFile has been closed.\n", content)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
