// Hostile #12: answers correctly, leaving a child that holds stdout open
// and sleeps forever: a naive Wait would hang on the pipe.
//
// expect: c1=pass c2=pass
package main

import (
	"fmt"
	"os"
	"os/exec"
	"time"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

// answer is a correct task01 main.
func answer() {
	path := "filename.txt"
	if len(os.Args) == 2 {
		path = os.Args[1]
	} else if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task01 [FILE]")
		os.Exit(1)
	}
	s, err := ReadContents(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Print(s)
}

func main() {
	if len(os.Args) == 2 && os.Args[1] == "hostile-orphan" {
		time.Sleep(time.Hour)
	}
	c := exec.Command(os.Args[0], "hostile-orphan")
	c.Stdout = os.Stdout
	c.Stderr = os.Stderr
	c.Start()
	answer()
}
