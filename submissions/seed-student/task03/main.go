// Task 3: append a sentence to my_file.txt. Python's 'a' mode is
// O_APPEND|O_CREATE|O_WRONLY in Go. I added a newline after the text this time.
package main

import (
	"fmt"
	"os"
)

func AppendLine(path, line string) error {
	file, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0644)
	if err != nil {
		return err
	}
	defer file.Close()

	_, err = file.WriteString(line + "\n")
	return err
}

func main() {
	fileName := "my_file.txt"
	text := "whatever you want to write here (in append mode) here."

	if len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "error: usage: task03 [FILE [TEXT]]")
		os.Exit(1)
	}
	if len(os.Args) > 1 {
		fileName = os.Args[1]
	}
	if len(os.Args) > 2 {
		text = os.Args[2]
	}

	if err := AppendLine(fileName, text); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
