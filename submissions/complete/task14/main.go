package main

import (
	"fmt"
	"os"
)

func main() {
	name := "example.txt"
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task14 [FILE|-]")
		os.Exit(1)
	}
	if len(os.Args) == 2 {
		name = os.Args[1]
	}

	if name == "-" {
		fmt.Printf("File descriptor for 'stdin': %d\n", os.Stdin.Fd())
		return
	}

	fd, err := FileDescriptor(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("File descriptor for '%s': %d\n", name, fd)
}
