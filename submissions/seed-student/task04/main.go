// Task 4: read a binary file ("rb" in Python). os.ReadFile gives bytes so it
// is already binary. I don't see why it should return an error too, if the
// file is not there the program can't do anything anyway so it just panics.
package main

import (
	"crypto/sha256"
	"fmt"
	"os"
)

func ReadBinary(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return data
}

func main() {
	fileName := "example.bin"
	if len(os.Args) > 1 {
		fileName = os.Args[1]
	}

	data := ReadBinary(fileName)

	fmt.Printf("size: %d bytes\n", len(data))
	fmt.Print("head:")
	for i, b := range data {
		if i == 16 {
			break
		}
		fmt.Printf(" %02x", b)
	}
	fmt.Println()
	fmt.Printf("sha256: %x\n", sha256.Sum256(data))
}
