package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := demo(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func demo(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task12 [FILE]")
	}
	name := "example.txt"
	if len(args) == 1 {
		name = args[0]
	}

	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()

	br := bufio.NewReaderSize(f, 16)
	first, err := upTo(br, 5)
	if err != nil {
		return err
	}
	second, err := upTo(Detach(br, f), 5)
	if err != nil {
		return err
	}
	fmt.Printf("buffered: %q\ndetached: %q\n", first, second)
	return nil
}

// upTo reads at most n bytes; a short result is fine only at end of input.
func upTo(r io.Reader, n int) (string, error) {
	buf := make([]byte, n)
	got, err := io.ReadFull(r, buf)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	return string(buf[:got]), err
}
