package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

// AppendBuffered sends every line plus "\n" to w through a bufio.Writer of
// bufSize bytes and flushes once at the end, so w sees full buffers only
// (at most ceil(total/bufSize) Write calls).
func AppendBuffered(w io.Writer, lines []string, bufSize int) error {
	if bufSize < 1 {
		return fmt.Errorf("AppendBuffered: invalid buffer size %d", bufSize)
	}
	if len(lines) == 0 {
		return nil
	}

	bw := bufio.NewWriterSize(w, bufSize)
	for _, s := range lines {
		if _, err := bw.WriteString(s); err != nil {
			return err
		}
		if err := bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// AppendToFile appends lines to path (created with 0644 if needed) using a
// 4 KiB buffer, and returns the first error of open, write/flush or close.
func AppendToFile(path string, lines []string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	werr := AppendBuffered(f, lines, 4096)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	return werr
}
