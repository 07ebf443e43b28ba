package main

import (
	"fmt"
	"os"
)

const defaultFile = "filename.txt"

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	target := defaultFile
	switch len(args) {
	case 0:
	case 1:
		target = args[0]
	default:
		return fmt.Errorf("usage: task01 [FILE]")
	}

	text, err := ReadContents(target)
	if err != nil {
		return err
	}
	_, err = os.Stdout.WriteString(text)
	return err
}
