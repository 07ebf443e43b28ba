// Command task23 opens and reads a file inside a "try", prints its content in
// the "else" branch, and handles any failure in the "except" branch.
//
// Usage: task23 [FILE] (FILE defaults to file.txt)
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// OpenAndRead opens path with os.Open, reads everything and closes the file.
// Errors are returned unchanged, so they keep their *fs.PathError: Op "open"
// when opening fails, Op "read" when reading fails (e.g. on a directory).
func OpenAndRead(path string) (string, error) {
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
		return errors.New("usage: task23 [FILE]")
	}
	path := "file.txt"
	if len(args) == 1 {
		path = args[0]
	}
	content, err := OpenAndRead(path)
	if err != nil {
		// except: the failure is handled, so the program still succeeds.
		fmt.Println("Could not open/read the file.")
		return nil
	}
	// else: only reached when nothing failed.
	_, err = io.WriteString(os.Stdout, content)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
