package main

import (
	"fmt"
	"os"
)

func main() {
	name := "your_text_file.txt"
	switch len(os.Args) {
	case 1:
	case 2:
		name = os.Args[1]
	default:
		die("usage: task08 [FILE]")
	}

	body, err := ReadTextFile(name)
	if err != nil {
		die(err.Error())
	}
	if _, err := fmt.Fprint(os.Stdout, body); err != nil {
		die(err.Error())
	}
}

func die(msg string) {
	fmt.Fprintf(os.Stderr, "error: %s\n", msg)
	os.Exit(1)
}
