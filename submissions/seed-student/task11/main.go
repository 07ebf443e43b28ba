// Task 11: show close(). In Python I used try/finally and printed
// "File has been closed." at the end. Go has defer for the finally part.
// (I couldn't get this one to build, not sure what is wrong with the function line.)
package main

import (
	"fmt"
	"io"
	"os"
)

func ReadAndClose(file path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() {
		file.Close()
		fmt.Println("File has been closed.")
	}()

	contents, err := io.ReadAll(file)
	if err != nil {
		return "", err
	}
	return string(contents), nil
}

func ReadAfterClose(path string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	file.Close()
	_, err = file.Read(make([]byte, 10))
	return err
}

func main() {
	filePath := "path/to/your/file.txt"
	if len(os.Args) > 1 {
		filePath = os.Args[1]
	}
	contents, err := ReadAndClose(filePath)
	if err != nil {
		fmt.Println("An error occurred:", err)
		return
	}
	fmt.Println(contents)
}
