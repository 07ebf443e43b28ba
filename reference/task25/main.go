// Command task25 reads a number from stdin and prints its square root, with
// the shape of Python's try/except/finally: a parse failure or a negative
// number is handled with a message, and a deferred call (the finally) always
// prints the closing line last.
//
// Usage: task25 (the number comes from stdin)
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

// ErrNegative is returned (possibly wrapped) for a number below zero.
var ErrNegative = errors.New("negative number")

// ParseAndSqrt trims surrounding white space from s, parses it with
// strconv.Atoi and returns its square root. A parse failure returns the
// *strconv.NumError unchanged; a negative number returns ErrNegative wrapped.
func ParseAndSqrt(s string) (float64, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, fmt.Errorf("%d: %w", n, ErrNegative)
	}
	return math.Sqrt(float64(n)), nil
}

// errNoInput is the failure of a run whose stdin ends before any byte.
var errNoInput = errors.New("no input")

// readLine returns the first line of r without its "\n"; a last line without
// "\n" counts, and EOF before any byte is errNoInput.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err == io.EOF {
		if line == "" {
			return "", errNoInput
		}
		err = nil
	}
	return strings.TrimSuffix(line, "\n"), err
}

func run(args []string, stdin io.Reader, stdout io.Writer) error {
	if len(args) != 0 {
		return errors.New("usage: task25")
	}
	fmt.Fprint(stdout, "Please enter a positive number: ")
	// finally: printed last on every path out of here, the failing one too.
	defer fmt.Fprintln(stdout, "The 'try-except' block is finished.")

	line, err := readLine(stdin)
	if err != nil {
		return err
	}
	s := strings.TrimSpace(line)
	root, err := ParseAndSqrt(s)
	if err != nil {
		// except: a bad or negative number is handled, not a failure.
		fmt.Fprintf(stdout, "You entered %s, which is not a positive number.\n", s)
		return nil
	}
	n, _ := strconv.Atoi(s) // parsed without error by ParseAndSqrt just now
	fmt.Fprintf(stdout, "Square Root of %d is %v\n", n, root)
	return nil
}

func main() {
	if err := run(os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
