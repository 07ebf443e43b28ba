// Command task08 prints a text file that it reads in fixed-size chunks.
//
// Usage: task08 [FILE] (FILE defaults to your_text_file.txt)
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

// ReadChunked reads r until io.EOF, at most bufSize bytes per Read call, and returns everything
// read. Bytes returned together with an error are kept. The first error other than io.EOF is
// returned as ("", err). A bufSize below 1 is an error and r is not read at all.
func ReadChunked(r io.Reader, bufSize int) (string, error) {
	if bufSize < 1 {
		return "", fmt.Errorf("invalid buffer size %d: must be at least 1", bufSize)
	}
	buf := make([]byte, bufSize)
	var sb strings.Builder
	for {
		n, err := r.Read(buf)
		sb.Write(buf[:n])
		if err == io.EOF {
			return sb.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// ReadTextFile opens path, reads it with ReadChunked in chunks of BufferSize bytes, and closes
// the file.
func ReadTextFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return ReadChunked(f, BufferSize)
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task08 [FILE]")
	}
	path := "your_text_file.txt"
	if len(args) == 1 {
		path = args[0]
	}
	content, err := ReadTextFile(path)
	if err != nil {
		return err
	}
	_, err = os.Stdout.WriteString(content)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
