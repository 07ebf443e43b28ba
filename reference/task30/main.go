// Command task30 reads a value from stdin and reports, with a custom error
// type, when it is negative.
//
// Usage: task30 (no arguments; the value is read from stdin)
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

// NegativeValueError reports a value below zero.
type NegativeValueError struct{ Value float64 }

// Error returns the fixed message of the error.
func (e *NegativeValueError) Error() string {
	return "Value must be positive"
}

// ValidatePositive returns a *NegativeValueError when v < 0, and nil
// otherwise (0 and -0 are accepted).
func ValidatePositive(v float64) error {
	if v < 0 {
		return &NegativeValueError{Value: v}
	}
	return nil
}

// errNoInput: stdin ended before the first byte of a line.
var errNoInput = errors.New("no input")

// readLine reads one line without its "\n"; a last line without "\n"
// counts, while end of input before any byte is errNoInput.
func readLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	switch {
	case err == io.EOF && line == "":
		return "", errNoInput
	case err != nil && err != io.EOF:
		return "", err
	}
	return strings.TrimSuffix(line, "\n"), nil
}

func run(args []string) error {
	if len(args) > 0 {
		return errors.New("usage: task30")
	}
	fmt.Print("Enter a value: ")
	line, err := readLine(os.Stdin)
	if err != nil {
		return err
	}
	s := strings.TrimSpace(line)
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) {
		fmt.Printf("Error: could not convert string to float: '%s'\n", s)
		return nil
	}
	var nve *NegativeValueError
	if err := ValidatePositive(v); errors.As(err, &nve) {
		fmt.Println("Error:", nve.Error())
		return nil
	} else if err != nil {
		return err
	}
	fmt.Printf("The value %s is positive.\n", strconv.FormatFloat(v, 'g', -1, 64))
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
