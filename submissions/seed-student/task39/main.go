// Task 39: multiprocessing. Python has multiprocessing.Process; in Go I start
// the same program again as a child with exec.Command(os.Args[0], "child", n).
// I run the children in a loop with cmd.Run(), which starts the child and
// waits for it, like p.start() followed by p.join() in Python.
package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

func square(arg string) (int64, error) {
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil {
		return 0, err
	}
	if n > 3037000499 || n < -3037000499 {
		return 0, fmt.Errorf("number too big: %s", arg)
	}
	return n * n, nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		if len(os.Args) != 3 {
			fmt.Fprintln(os.Stderr, "error: usage: task39 child N")
			os.Exit(1)
		}
		n, _ := strconv.ParseInt(os.Args[2], 10, 64)
		sq, err := square(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		fmt.Printf("square(%d) = %d\n", n, sq)
		return
	}

	numbers := os.Args[1:]
	if len(numbers) == 0 {
		numbers = []string{"1", "2", "3", "4"}
	}
	for _, arg := range numbers {
		if _, err := square(arg); err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
	}

	var lines []string
	var firstErr error
	for _, arg := range numbers {
		cmd := exec.Command(os.Args[0], "child", arg)
		var out bytes.Buffer
		cmd.Stdout = &out
		err := cmd.Run()
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("child %s: %v", arg, err)
			}
			continue
		}
		lines = append(lines, fmt.Sprintf("process %d: %s", cmd.Process.Pid, strings.TrimSpace(out.String())))
	}
	for _, line := range lines {
		fmt.Println(line)
	}
	if firstErr != nil {
		fmt.Fprintln(os.Stderr, "error:", firstErr)
		os.Exit(1)
	}
	fmt.Printf("parent %d: %d child processes finished\n", os.Getpid(), len(numbers))
}
