// Command task12 reads a few bytes through a bufio.Reader, detaches the underlying file
// without losing the buffered bytes, and reads on from the detached reader.
//
// Usage: task12 [FILE] (FILE defaults to example.txt)
package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// Detach returns a reader yielding exactly the bytes not yet consumed from br: first a copy of
// the bytes br has buffered, then the rest of raw. br must have been created over raw. Detach
// does not read from raw, and the result stays correct if br is later Reset and reused.
func Detach(br *bufio.Reader, raw io.Reader) io.Reader {
	// Peek(n) with n <= Buffered() returns the buffer without reading from raw.
	peeked, _ := br.Peek(br.Buffered())
	buffered := bytes.Clone(peeked)
	return io.MultiReader(bytes.NewReader(buffered), raw)
}

// readUpTo reads up to n bytes from r; it returns fewer only at end of input, which is not
// an error.
func readUpTo(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	k, err := io.ReadFull(r, buf)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return buf[:k], err
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task12 [FILE]")
	}
	path := "example.txt"
	if len(args) == 1 {
		path = args[0]
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()

	br := bufio.NewReaderSize(f, 16)
	first, err := readUpTo(br, 5)
	if err != nil {
		return err
	}
	d := Detach(br, f)
	second, err := readUpTo(d, 5)
	if err != nil {
		return err
	}
	_, err = fmt.Printf("buffered: %q\ndetached: %q\n", first, second)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
