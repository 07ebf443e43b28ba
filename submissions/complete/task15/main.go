package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	name := "your_file.txt"
	if len(args) > 0 {
		name, args = args[0], args[1:]
	}

	// Check every step before touching the file.
	steps := make([]int64, 0, len(args))
	for _, a := range args {
		n, err := strconv.ParseInt(a, 10, 64)
		if err != nil {
			return fmt.Errorf("bad byte count: %w", err)
		}
		if n < 0 {
			return fmt.Errorf("bad byte count %q: must not be negative", a)
		}
		steps = append(steps, n)
	}

	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()

	if err := showPosition(f); err != nil {
		return err
	}
	for _, n := range steps {
		if err := skipBytes(f, n); err != nil {
			return err
		}
		if err := showPosition(f); err != nil {
			return err
		}
	}
	return nil
}

func showPosition(s io.Seeker) error {
	pos, err := Tell(s)
	if err != nil {
		return err
	}
	fmt.Printf("Current position: %d\n", pos)
	return nil
}

// skipBytes reads up to n bytes straight from f (no buffering layer), stopping
// early only at end of file.
func skipBytes(f *os.File, n int64) error {
	scratch := make([]byte, 32*1024)
	for n > 0 {
		want := int64(len(scratch))
		if n < want {
			want = n
		}
		got, err := f.Read(scratch[:want])
		n -= int64(got)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}
