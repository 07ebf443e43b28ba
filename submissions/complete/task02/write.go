package main

import (
	"bufio"
	"os"
)

// WriteLines creates path (truncating an existing file), writes every line
// followed by "\n", closes the file and reports the first failure among
// open, write/flush and close.
func WriteLines(path string, lines []string) (err error) {
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
	}()

	bw := bufio.NewWriter(out)
	for _, ln := range lines {
		if _, err = bw.WriteString(ln); err != nil {
			return err
		}
		if err = bw.WriteByte('\n'); err != nil {
			return err
		}
	}
	return bw.Flush()
}
