// Command task21 divides two integers and handles division by zero the way
// Python's try/except ZeroDivisionError does: the failing division panics, and
// the panic is recovered and turned into an error that the program handles.
//
// Usage: task21 [A B] (A and B default to 10 and 0)
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
)

// SafeDivide returns a / b with Go's integer division. When b is 0 the
// division panics with a runtime error; the deferred function recovers it and
// returns it wrapped (%w), with q = 0. Any other panic is not ours to handle
// and goes on.
func SafeDivide(a, b int) (q int, err error) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		re, ok := r.(runtime.Error)
		if !ok {
			panic(r)
		}
		q, err = 0, fmt.Errorf("divide %d by %d: %w", a, b, re)
	}()
	return a / b, nil
}

func run(args []string) error {
	a, b := 10, 0
	switch len(args) {
	case 0:
	case 2:
		var err error
		if a, err = strconv.Atoi(args[0]); err != nil {
			return err
		}
		if b, err = strconv.Atoi(args[1]); err != nil {
			return err
		}
	default:
		return errors.New("usage: task21 [A B]")
	}
	q, err := SafeDivide(a, b)
	if err != nil {
		// The except branch: the error is handled, not a failure of the program.
		fmt.Println("Cannot divide by zero")
		return nil
	}
	fmt.Printf("%d / %d = %d\n", a, b, q)
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
