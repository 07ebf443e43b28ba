// Crash: panics instead of reporting the missing file.
//
// expect: c2=runtime-error
// explain: c2=crashed: panic: open filename.txt: no such file or directory\nReport the error instead
package main

import (
	"fmt"
	"os"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func main() {
	s, err := ReadContents("filename.txt")
	if err != nil {
		panic(err)
	}
	fmt.Print(s)
}
