package main

import (
	"io"
	"os"
)

// ReadAndClose opens path, reads all of it and closes the handle exactly once
// on every path after a successful open (the Close is deferred).
func ReadAndClose(path string) (string, error) {
	text, _, err := slurp(path)
	return text, err
}

// slurp is ReadAndClose plus a flag telling main whether the file was
// actually opened (and therefore closed).
func slurp(path string) (text string, opened bool, err error) {
	fh, err := os.Open(path)
	if err != nil {
		return "", false, err
	}
	defer func() {
		// Report the Close error only when nothing failed earlier.
		if cerr := fh.Close(); cerr != nil && err == nil {
			text, err = "", cerr
		}
	}()

	data, err := io.ReadAll(fh)
	if err != nil {
		return "", true, err
	}
	return string(data), true, nil
}

// ReadAfterClose shows what reading a closed *os.File does: the Read fails
// with an error wrapping os.ErrClosed, which is what gets returned.
func ReadAfterClose(path string) error {
	fh, err := os.Open(path)
	if err != nil {
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	var one [1]byte
	_, err = fh.Read(one[:])
	return err
}
