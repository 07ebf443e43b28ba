package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// BufferSize is the chunk size ReadTextFile uses.
const BufferSize = 1024

var errBadSize = errors.New("buffer size must be at least 1")

// ReadChunked pulls r dry one chunk at a time. No Read call ever gets a slice
// longer than bufSize. Bytes delivered together with an error are kept; io.EOF
// ends the loop normally, any other error aborts with ("", err).
func ReadChunked(r io.Reader, bufSize int) (string, error) {
	if bufSize < 1 {
		return "", fmt.Errorf("ReadChunked: %w (got %d)", errBadSize, bufSize)
	}

	chunk := make([]byte, bufSize)
	var acc strings.Builder
	for {
		n, err := r.Read(chunk)
		acc.Write(chunk[:n])
		switch {
		case err == io.EOF:
			return acc.String(), nil
		case err != nil:
			return "", err
		}
	}
}

// ReadTextFile opens path and reads it with ReadChunked in BufferSize pieces.
func ReadTextFile(path string) (text string, err error) {
	src, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := src.Close(); cerr != nil && err == nil {
			text, err = "", cerr
		}
	}()
	return ReadChunked(src, BufferSize)
}
