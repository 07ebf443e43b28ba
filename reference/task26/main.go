// Command task26 divides two integers given as text and handles each kind of
// failure with its own message, like a try block with several except clauses.
//
// Usage: task26 [A B] (A and B default to 10 and 0)
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// ErrDivideByZero is returned by Divide when the divisor is 0.
var ErrDivideByZero = errors.New("division by zero")

// Divide parses a, then b, with strconv.Atoi (their errors are returned
// unchanged, as *strconv.NumError), then returns ErrDivideByZero if b is 0,
// else the integer quotient a / b.
func Divide(a, b string) (int, error) {
	x, err := strconv.Atoi(a)
	if err != nil {
		return 0, err
	}
	y, err := strconv.Atoi(b)
	if err != nil {
		return 0, err
	}
	if y == 0 {
		return 0, ErrDivideByZero
	}
	return x / y, nil
}

// Describe plays the except clauses, most specific first: the first rule that
// matches err gives the message.
func Describe(err error) string {
	var ne *strconv.NumError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrDivideByZero):
		return "You cannot divide by zero."
	case errors.Is(err, strconv.ErrRange) && errors.As(err, &ne):
		return "Number out of range: " + ne.Num
	case errors.As(err, &ne):
		return "Invalid number: " + ne.Num
	default:
		return "Unexpected error: " + err.Error()
	}
}

func run(args []string) error {
	a, b := "10", "0"
	switch len(args) {
	case 0:
	case 2:
		a, b = args[0], args[1]
	default:
		return errors.New("usage: task26 [A B]")
	}
	q, err := Divide(a, b)
	if err != nil {
		// The except clauses: every failure of Divide is handled here.
		fmt.Println(Describe(err))
		return nil
	}
	// Divide parsed both without error just now.
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	fmt.Printf("%d / %d = %d\n", x, y, q)
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
