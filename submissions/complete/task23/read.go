package main

import (
	"fmt"
	"os"
)

func OpenAndRead(path string) (s string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("cannot open: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = cerr
		}
	}()
	buf := make([]byte, 0, 512)
	chunk := make([]byte, 256)
	for {
		n, rerr := f.Read(chunk)
		buf = append(buf, chunk[:n]...)
		if rerr != nil {
			if rerr.Error() == "EOF" {
				break
			}
			return "", fmt.Errorf("cannot read: %w", rerr)
		}
	}
	return string(buf), nil
}

func main() {
	name := "file.txt"
	switch len(os.Args) {
	case 1:
	case 2:
		name = os.Args[1]
	default:
		fmt.Fprintln(os.Stderr, "error: usage: task23 [FILE]")
		os.Exit(2 - 1)
	}
	data, err := OpenAndRead(name)
	if err != nil {
		fmt.Println("Could not open/read the file.")
		return
	}
	fmt.Print(data)
}
