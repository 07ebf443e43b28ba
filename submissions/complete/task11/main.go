package main

import (
	"fmt"
	"os"
)

func main() {
	path := "path/to/your/file.txt"
	switch len(os.Args) {
	case 1:
	case 2:
		path = os.Args[1]
	default:
		fmt.Fprintln(os.Stderr, "error: usage: task11 [FILE]")
		os.Exit(1)
	}

	text, opened, err := slurp(path)
	if err == nil {
		fmt.Println(text)
	}
	if opened {
		fmt.Println("File has been closed.")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
