package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
)

const usage = "usage: task13 [FILE [OFFSET [WHENCE]]]"

var whenceWords = map[string]int{
	"start":   io.SeekStart,
	"current": io.SeekCurrent,
	"end":     io.SeekEnd,
}

func main() {
	line, err := run(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Println(line)
}

func run(args []string) (string, error) {
	if len(args) > 3 {
		return "", errors.New(usage)
	}
	// Fill in the defaults for whatever was not given.
	given := append(args[:len(args):len(args)], []string{"sample.txt", "10", "start"}[len(args):]...)
	name, offText, whenceText := given[0], given[1], given[2]

	whence, ok := whenceWords[whenceText]
	if !ok {
		return "", fmt.Errorf("%s (unknown WHENCE %q)", usage, whenceText)
	}
	off, err := strconv.ParseInt(offText, 10, 64)
	if err != nil {
		return "", fmt.Errorf("bad OFFSET: %w", err)
	}

	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return ReadLineAt(f, off, whence)
}
