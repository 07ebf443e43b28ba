// Command task39 shows multiprocessing with os/exec: the parent starts one
// child process per number, re-executing its own program in child mode, and
// relays what each child printed.
//
// Usage: task39 [N...]   (parent mode; default 1 2 3 4)
//
//	task39 child N   (child mode: prints square(N) = N²)
//
// Every N is a decimal integer with |N| <= 3037000499, so that N² fits in an
// int64.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// maxAbs is the largest |N| whose square fits in an int64.
const maxAbs = 3_037_000_499

// parseN parses one N of the command line.
func parseN(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, err
	}
	if n < -maxAbs || n > maxAbs {
		return 0, fmt.Errorf("%s: |N| must be at most %d", s, maxAbs)
	}
	return n, nil
}

// child is the child mode: print the square of the one argument.
func child(args []string) error {
	if len(args) != 1 {
		return errors.New("usage: task39 child N")
	}
	n, err := parseN(args[0])
	if err != nil {
		return err
	}
	fmt.Printf("square(%d) = %d\n", n, n*n)
	return nil
}

// parent starts one child per argument, all before waiting for any, then
// prints their output in argument order.
func parent(args []string) error {
	if len(args) == 0 {
		args = []string{"1", "2", "3", "4"}
	}
	// Validate everything first: no child starts for an invalid command line.
	for _, a := range args {
		if _, err := parseN(a); err != nil {
			return err
		}
	}

	cmds := make([]*exec.Cmd, len(args))
	outs := make([]bytes.Buffer, len(args))
	errs := make([]error, len(args))
	for i, a := range args {
		// os.Args[0] is how this program was started: the child is this
		// same program, in child mode. Its stderr is not forwarded.
		cmds[i] = exec.Command(os.Args[0], "child", a)
		cmds[i].Stdout = &outs[i]
		errs[i] = cmds[i].Start()
	}
	for i, cmd := range cmds {
		if errs[i] == nil {
			errs[i] = cmd.Wait()
		}
	}

	var failed error
	for i, a := range args {
		if errs[i] != nil {
			if failed == nil {
				failed = fmt.Errorf("child %s: %w", a, errs[i])
			}
			continue
		}
		line := strings.TrimSuffix(outs[i].String(), "\n")
		fmt.Printf("process %d: %s\n", cmds[i].Process.Pid, line)
	}
	if failed != nil {
		return failed
	}
	fmt.Printf("parent %d: %d child processes finished\n", os.Getpid(), len(args))
	return nil
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "child" {
		return child(args[1:])
	}
	return parent(args)
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
