// Hostile: main sleeps for a day, like a program waiting for input that
// never comes (a bare select{} would be caught as a deadlock instead). ReadContents itself is correct.
//
// expect: c1=timeout c2=timeout c6=pass
package main

import (
	"os"
	"time"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func main() {
	time.Sleep(24 * time.Hour)
}
