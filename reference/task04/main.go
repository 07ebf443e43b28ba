// Command task04 reads a binary file and prints its size, its first bytes in hex and its
// SHA-256 digest.
//
// Usage: task04 [FILE] (FILE defaults to example.bin)
package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ReadBinary returns every byte of the file at path unchanged (no text or newline processing).
func ReadBinary(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// report formats the three summary lines for data.
func report(data []byte) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "size: %d bytes\n", len(data))
	sb.WriteString("head:")
	for _, b := range data[:min(len(data), 16)] {
		fmt.Fprintf(&sb, " %02x", b)
	}
	fmt.Fprintf(&sb, "\nsha256: %x\n", sha256.Sum256(data))
	return sb.String()
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task04 [FILE]")
	}
	path := "example.bin"
	if len(args) == 1 {
		path = args[0]
	}
	data, err := ReadBinary(path)
	if err != nil {
		return err
	}
	_, err = io.WriteString(os.Stdout, report(data))
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
