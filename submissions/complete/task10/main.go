package main

import (
	"fmt"
	"os"
)

func main() {
	target := "example.txt"
	payload := []string{"This is a new line of text."}

	if rest := os.Args[1:]; len(rest) > 0 {
		target = rest[0]
		if len(rest) > 1 {
			payload = rest[1:]
		}
	}

	if err := AppendToFile(target, payload); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("Text appended to %s successfully.\n", target)
}
