// Command task20 traces the plain recursive computation of a Fibonacci number,
// printing one line per call and one per return, like a Python trace decorator.
//
// Usage: task20 [N] (N defaults to 4, 0 <= N <= 20)
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// maxN bounds the program's argument: fib(20) already traces 43 782 lines.
const maxN = 20

// Fib returns the n-th Fibonacci number (Fib(0) = 0, Fib(1) = 1), recursively.
func Fib(n int) int {
	if n < 2 {
		return n
	}
	return Fib(n-1) + Fib(n-2)
}

// TraceFib computes Fib(n) with the plain, non-memoised recursion and writes
// to w a line for every call and every return, indented by the call depth.
// The depth lives in a tracer made for this call only, so every trace starts
// at depth 0.
func TraceFib(w io.Writer, n int) int {
	t := &tracer{w: w}
	return t.fib(n)
}

// tracer plays the decorator: it owns the indentation of one trace.
type tracer struct {
	w     io.Writer
	depth int
}

func (t *tracer) fib(n int) int {
	fmt.Fprintf(t.w, "%s|-- fib %d\n", strings.Repeat("| ", t.depth), n)
	t.depth++
	v := n
	if n >= 2 {
		v = t.fib(n-1) + t.fib(n-2)
	}
	fmt.Fprintf(t.w, "%s|-- return %d\n", strings.Repeat("| ", t.depth), v)
	t.depth--
	return v
}

func run(args []string, stdout io.Writer) error {
	if len(args) > 1 {
		return errors.New("usage: task20 [N]")
	}
	n := 4
	if len(args) == 1 {
		var err error
		if n, err = strconv.Atoi(args[0]); err != nil {
			return err
		}
		if n < 0 || n > maxN {
			return fmt.Errorf("N must be between 0 and %d, not %d", maxN, n)
		}
	}
	out := bufio.NewWriter(stdout)
	result := TraceFib(out, n)
	fmt.Fprintln(out, result)
	return out.Flush()
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
