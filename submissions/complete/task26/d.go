package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

var ErrDivideByZero = errors.New("division by zero")

func Divide(a, b string) (int, error) {
	x, err := strconv.Atoi(a)
	if err != nil {
		return 0, fmt.Errorf("a: %w", err)
	}
	y, err := strconv.Atoi(b)
	if err != nil {
		return 0, fmt.Errorf("b: %w", err)
	}
	if y == 0 {
		return 0, fmt.Errorf("%d / 0: %w", x, ErrDivideByZero)
	}
	return x / y, nil
}

func Describe(err error) string {
	if err == nil {
		return ""
	}
	if errors.Is(err, ErrDivideByZero) {
		return "You cannot divide by zero."
	}
	var ne *strconv.NumError
	if errors.As(err, &ne) {
		if errors.Is(err, strconv.ErrRange) {
			return "Number out of range: " + ne.Num
		}
		return "Invalid number: " + ne.Num
	}
	return "Unexpected error: " + err.Error()
}

func main() {
	a, b := "10", "0"
	if n := len(os.Args); n == 3 {
		a, b = os.Args[1], os.Args[2]
	} else if n != 1 {
		fmt.Fprintln(os.Stderr, "error: usage: task26 [A B]")
		os.Exit(1)
	}
	q, err := Divide(a, b)
	if err != nil {
		fmt.Println(Describe(err))
		return
	}
	x, _ := strconv.Atoi(a)
	y, _ := strconv.Atoi(b)
	fmt.Println(fmt.Sprintf("%d / %d = %d", x, y, q))
}
