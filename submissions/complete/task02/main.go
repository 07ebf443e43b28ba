package main

import (
	"errors"
	"fmt"
	"os"
)

var greeting = []string{
	"Hello, world!",
	"This is a line written to the file.",
}

func main() {
	name := "my_file.txt"
	if len(os.Args) > 2 {
		exitWith(errors.New("usage: task02 [FILE]"))
	}
	if len(os.Args) == 2 {
		name = os.Args[1]
	}

	if err := WriteLines(name, greeting); err != nil {
		exitWith(err)
	}
	fmt.Println("Data written to the file successfully!")
}

func exitWith(err error) {
	fmt.Fprintln(os.Stderr, "error:", err)
	os.Exit(1)
}
