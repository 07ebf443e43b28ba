// Hostile: main floods stdout and stderr forever.
//
// expect: c1=output-limit c2=output-limit c6=pass
package main

import (
	"bytes"
	"os"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func main() {
	line := bytes.Repeat([]byte("y"), 4095)
	line = append(line, '\n')
	go func() {
		for {
			os.Stderr.Write(line)
		}
	}()
	for {
		os.Stdout.Write(line)
	}
}
