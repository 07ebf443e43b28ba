// Task 8: read a text file with buffered reading, 1024 bytes at a time like
// file.read(1024) in my Python version. I stop the loop when Read gives an
// error because that means the file is finished. If the file is not found I
// print the same message as my Python function did.
package main

import (
	"fmt"
	"io"
	"os"
)

const BufferSize = 1024

func ReadChunked(r io.Reader, bufSize int) (string, error) {
	result := ""
	buffer := make([]byte, bufSize)
	for {
		n, err := r.Read(buffer)
		if err != nil {
			break
		}
		result += string(buffer[:n])
	}
	return result, nil
}

func ReadTextFile(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer file.Close()
	return ReadChunked(file, BufferSize)
}

func main() {
	filePath := "your_text_file.txt"
	if len(os.Args) > 1 {
		filePath = os.Args[1]
	}

	fileContents, err := ReadTextFile(filePath)
	if err != nil {
		fmt.Printf("Error: The file '%s' was not found.\n", filePath)
		return
	}
	fmt.Println(fileContents)
}
