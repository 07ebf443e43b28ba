// Command task14 prints the file descriptor number a file gets when it is opened.
//
// Usage: task14 [FILE] (FILE defaults to example.txt; "-" means standard input)
package main

import (
	"errors"
	"fmt"
	"os"
)

// FileDescriptor opens path, reads its descriptor number with (*os.File).Fd, closes the file,
// and returns the number. The number is only meaningful while the file was open: the next open
// reuses it.
func FileDescriptor(path string) (uintptr, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	fd := f.Fd()
	if err := f.Close(); err != nil {
		return 0, err
	}
	return fd, nil
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task14 [FILE]")
	}
	path := "example.txt"
	if len(args) == 1 {
		path = args[0]
	}
	if path == "-" {
		_, err := fmt.Printf("File descriptor for 'stdin': %d\n", os.Stdin.Fd())
		return err
	}
	fd, err := FileDescriptor(path)
	if err != nil {
		return err
	}
	_, err = fmt.Printf("File descriptor for '%s': %d\n", path, fd)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
