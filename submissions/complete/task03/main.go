package main

import (
	"fmt"
	"os"
)

func main() {
	file, text := "my_file.txt", "whatever you want to write here (in append mode) here."

	args := os.Args[1:]
	if len(args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task03 [FILE [TEXT]]")
		os.Exit(1)
	}
	if len(args) >= 1 {
		file = args[0]
	}
	if len(args) == 2 {
		text = args[1]
	}

	if err := AppendLine(file, text); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
