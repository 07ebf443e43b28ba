package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

const maxN = 3037000499 // the largest |N| whose square fits in an int64

func parseN(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if n > maxN || n < -maxN {
		return 0, fmt.Errorf("N out of range (|N| <= %d): %s", int64(maxN), s)
	}
	return n, nil
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "error: "+format+"\n", a...)
	os.Exit(1)
}

// child mode: print one square and start nothing.
func child(args []string) {
	if len(args) != 1 {
		fail("usage: task39 child N")
	}
	n, err := parseN(args[0])
	if err != nil {
		fail("%v", err)
	}
	fmt.Printf("square(%d) = %d\n", n, n*n)
}

type job struct {
	arg string
	cmd *exec.Cmd
	out bytes.Buffer
	err error
}

func parent(args []string) {
	if len(args) == 0 {
		args = []string{"1", "2", "3", "4"}
	}
	for _, a := range args {
		if _, err := parseN(a); err != nil {
			fail("%v", err)
		}
	}

	// Start every child first, then wait for them: they run at the same time.
	jobs := make([]*job, len(args))
	for i, a := range args {
		j := &job{arg: a, cmd: exec.Command(os.Args[0], "child", a)}
		j.cmd.Stdout = &j.out
		j.err = j.cmd.Start()
		jobs[i] = j
	}
	for _, j := range jobs {
		if j.err == nil {
			j.err = j.cmd.Wait()
		}
	}

	var firstErr *job
	for _, j := range jobs {
		if j.err != nil {
			if firstErr == nil {
				firstErr = j
			}
			continue
		}
		line := strings.TrimRight(j.out.String(), "\n")
		fmt.Printf("process %d: %s\n", j.cmd.Process.Pid, line)
	}
	if firstErr != nil {
		fail("child %s: %v", firstErr.arg, firstErr.err)
	}
	fmt.Printf("parent %d: %d child processes finished\n", os.Getpid(), len(jobs))
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		child(os.Args[2:])
		return
	}
	parent(os.Args[1:])
}
