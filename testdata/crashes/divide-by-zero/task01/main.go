// Crash: an integer division by zero (a runtime.Error).
//
// expect: c1=runtime-error
// explain: c1=integer divide by zero\nCheck the divisor
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
	s, _ := ReadContents("filename.txt")
	zero := len(s) - len(s)
	fmt.Println(len(s) / zero)
}
