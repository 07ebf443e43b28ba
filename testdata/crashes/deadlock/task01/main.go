// A deadlock: main waits on a channel nobody sends on.
//
// expect: c1=runtime-error
// explain: c1=all goroutines are asleep - deadlock!\nA deadlock
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
	done := make(chan bool)
	s, _ := ReadContents("filename.txt")
	<-done
	fmt.Print(s)
}
