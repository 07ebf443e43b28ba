// Task 2: write two lines to my_file.txt. This one worked in Python so I did
// the same thing: os.Create is like open(..., "w"), and I only print the
// success message if nothing went wrong.
package main

import (
	"fmt"
	"os"
)

func WriteLines(path string, lines []string) error {
	file, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, line := range lines {
		_, err = file.WriteString(line + "\n")
		if err != nil {
			file.Close()
			return err
		}
	}
	return file.Close()
}

func main() {
	fileName := "my_file.txt"
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task02 [FILE]")
		os.Exit(1)
	}
	if len(os.Args) == 2 {
		fileName = os.Args[1]
	}

	err := WriteLines(fileName, []string{"Hello, world!", "This is a line written to the file."})
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Println("Data written to the file successfully!")
}
