// Task 14: fileno(). In Go the file has Fd() which is the same number. I
// return it from the function; the Python version printed an error message
// when it could not get the descriptor so I kept that.
package main

import (
	"fmt"
	"os"
)

func FileDescriptor(path string) (uintptr, error) {
	file, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	return file.Fd(), nil
}

func main() {
	filePath := "example.txt"
	if len(os.Args) > 1 {
		filePath = os.Args[1]
	}

	descriptor, err := FileDescriptor(filePath)
	if err != nil {
		fmt.Printf("Error: Could not get file descriptor for %s\n", filePath)
		return
	}
	fmt.Printf("File descriptor for '%s': %d\n", filePath, descriptor)
}
