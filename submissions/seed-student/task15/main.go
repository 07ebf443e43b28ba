// Task 15: tell(). Go has no tell() but Seek(0, io.SeekCurrent) returns where
// you are. I read the numbers from the command line and read that many bytes
// with a bufio reader to make it faster, then print the position.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
)

func Tell(s io.Seeker) (int64, error) {
	return s.Seek(0, io.SeekCurrent)
}

func main() {
	fileName := "your_file.txt"
	if len(os.Args) > 1 {
		fileName = os.Args[1]
	}

	file, err := os.Open(fileName)
	if err != nil {
		panic(err)
	}
	defer file.Close()

	position, _ := Tell(file)
	fmt.Println("Current position:", position)

	reader := bufio.NewReader(file)
	if len(os.Args) > 2 {
		for _, arg := range os.Args[2:] {
			n, err := strconv.Atoi(arg)
			if err != nil {
				panic(err)
			}
			buf := make([]byte, n)
			io.ReadFull(reader, buf)
			position, _ = Tell(file)
			fmt.Println("Current position:", position)
		}
	}
}
