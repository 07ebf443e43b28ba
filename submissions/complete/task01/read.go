package main

import "os"

// ReadContents returns the complete contents of the file at path.
// The error from os.ReadFile is passed through untouched, so callers can
// still test it with errors.Is (fs.ErrNotExist, syscall.EISDIR, ...).
func ReadContents(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	return string(raw), nil
}
