// Task 13: seek(). Python's seek(10) goes to position 10 from the start, so I
// always seek from the start. Then I read one line with a Scanner (like
// readline). Errors go to log.Fatal so the program stops.
package main

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
)

func ReadLineAt(rs io.ReadSeeker, offset int64, whence int) (string, error) {
	_, err := rs.Seek(offset, io.SeekStart)
	if err != nil {
		return "", err
	}
	scanner := bufio.NewScanner(rs)
	if scanner.Scan() {
		return scanner.Text(), nil
	}
	return "", scanner.Err()
}

func main() {
	fileName := "sample.txt"
	offset := 10
	if len(os.Args) > 1 {
		fileName = os.Args[1]
	}
	if len(os.Args) > 2 {
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			log.Fatal(err)
		}
		offset = n
	}

	fileHandle, err := os.Open(fileName)
	if err != nil {
		log.Fatal(err)
	}
	defer fileHandle.Close()

	line, err := ReadLineAt(fileHandle, int64(offset), io.SeekStart)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(line)
}
