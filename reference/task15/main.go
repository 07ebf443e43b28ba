// Command task15 opens a file, reads it in steps, and prints the current offset after each
// step.
//
// Usage: task15 [FILE [N...]] (FILE defaults to your_file.txt)
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
)

// Tell returns the current offset of s without moving it, i.e. s.Seek(0, io.SeekCurrent).
// On error it returns (0, err).
func Tell(s io.Seeker) (int64, error) {
	pos, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	return pos, nil
}

// parseCounts parses every N argument as a non-negative decimal integer.
func parseCounts(args []string) ([]int64, error) {
	counts := make([]int64, 0, len(args))
	for _, a := range args {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return nil, err
		}
		if n < 0 {
			return nil, fmt.Errorf("invalid count %q: must not be negative", a)
		}
		counts = append(counts, n)
	}
	return counts, nil
}

// printPosition prints the current offset of f.
func printPosition(f *os.File) error {
	pos, err := Tell(f)
	if err != nil {
		return err
	}
	_, err = fmt.Printf("Current position: %d\n", pos)
	return err
}

func run(args []string) error {
	path := "your_file.txt"
	if len(args) >= 1 {
		path = args[0]
		args = args[1:]
	}
	counts, err := parseCounts(args)
	if err != nil {
		return err
	}

	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := printPosition(f); err != nil {
		return err
	}
	for _, n := range counts {
		// Read up to n bytes straight from the file; fewer only at end of file.
		if _, err := io.CopyN(io.Discard, f, n); err != nil && err != io.EOF {
			return err
		}
		if err := printPosition(f); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
