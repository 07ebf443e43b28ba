// Task 12: detach(). Python's detach() gives you the raw stream under the
// buffered one, so my Detach just gives back the raw file. If something goes
// wrong I panic, because the example can't continue anyway.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
)

func Detach(br *bufio.Reader, raw io.Reader) io.Reader {
	return raw
}

func readFive(r io.Reader) string {
	buf := make([]byte, 5)
	n, err := io.ReadFull(r, buf)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		panic(err)
	}
	return string(buf[:n])
}

func main() {
	fileName := "example.txt"
	if len(os.Args) > 1 {
		fileName = os.Args[1]
	}

	file, err := os.Open(fileName)
	if err != nil {
		panic(err)
	}
	defer file.Close()

	br := bufio.NewReaderSize(file, 16)
	first := readFive(br)
	raw := Detach(br, file)
	second := readFive(raw)

	fmt.Printf("buffered: %q\n", first)
	fmt.Printf("detached: %q\n", second)
}
