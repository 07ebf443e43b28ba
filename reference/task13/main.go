// Command task13 seeks to an offset in a file and prints the line found there.
//
// Usage: task13 [FILE [OFFSET [WHENCE]]] (defaults: sample.txt, 10, start)
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// ReadLineAt calls rs.Seek(offset, whence) and returns the bytes from there up to, not
// including, the next '\n' (or up to EOF). Seeking past the end yields ("", nil); a Seek error
// is returned as ("", err).
func ReadLineAt(rs io.ReadSeeker, offset int64, whence int) (string, error) {
	if _, err := rs.Seek(offset, whence); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(rs).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	return strings.TrimSuffix(line, "\n"), nil
}

const usage = "usage: task13 [FILE [OFFSET [WHENCE]]]"

// parseWhence maps the WHENCE argument to an io.Seek* constant.
func parseWhence(s string) (int, error) {
	switch s {
	case "start":
		return io.SeekStart, nil
	case "current":
		return io.SeekCurrent, nil
	case "end":
		return io.SeekEnd, nil
	}
	return 0, errors.New(usage)
}

func run(args []string) error {
	if len(args) > 3 {
		return errors.New(usage)
	}
	path, offsetArg, whenceArg := "sample.txt", "10", "start"
	if len(args) >= 1 {
		path = args[0]
	}
	if len(args) >= 2 {
		offsetArg = args[1]
	}
	if len(args) == 3 {
		whenceArg = args[2]
	}
	offset, err := strconv.ParseInt(offsetArg, 10, 64)
	if err != nil {
		return err
	}
	whence, err := parseWhence(whenceArg)
	if err != nil {
		return err
	}

	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	line, err := ReadLineAt(f, offset, whence)
	if err != nil {
		return err
	}
	_, err = fmt.Println(line)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
