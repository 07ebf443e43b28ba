// log.Fatal with the default flags: a timestamp before the message.
//
// expect: c2=fail
// explain: c2=log.Fatal prints a timestamp first
package main

import (
	"fmt"
	"log"
	"os"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func main() {
	s, err := ReadContents("filename.txt")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(s)
}
