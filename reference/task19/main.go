// Command task19 divides A by B; debug.dlv inspects Divide under Delve.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// ErrDivideByZero is returned by Divide when the divisor is zero.
var ErrDivideByZero = errors.New("division by zero")

// Divide returns a / b, or (0, ErrDivideByZero) when b is zero (also -0).
func Divide(a, b float64) (float64, error) {
	if b == 0 {
		return 0, ErrDivideByZero
	}
	result := a / b
	return result, nil
}

func format(x float64) string {
	return strconv.FormatFloat(x, 'g', -1, 64)
}

func run(args []string) error {
	a, b := 5.0, 0.0
	switch len(args) {
	case 0:
	case 2:
		var err error
		if a, err = strconv.ParseFloat(args[0], 64); err != nil {
			return err
		}
		if b, err = strconv.ParseFloat(args[1], 64); err != nil {
			return err
		}
	default:
		return errors.New("usage: task19 [A B]")
	}
	q, err := Divide(a, b)
	if err != nil {
		return err
	}
	fmt.Printf("%s / %s = %s\n", format(a), format(b), format(q))
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
