// Task 1: read the contents of a file. In Python I did open().read() but the
// file wasn't there. Here I read it line by line with a Scanner like a for loop
// over the file, and if it's missing I print a friendly message instead of crashing.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func ReadContents(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer file.Close()

	contents := ""
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		contents += scanner.Text() + "\n"
	}
	if err := scanner.Err(); err != nil {
		return "", err
	}
	return contents, nil
}

func main() {
	fileName := "filename.txt"
	if len(os.Args) > 1 {
		fileName = os.Args[1]
	}

	contents, err := ReadContents(fileName)
	if err != nil {
		fmt.Printf("Error: The file '%s' was not found.\n", fileName)
		return
	}
	fmt.Print(contents)
}
