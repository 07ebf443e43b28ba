package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

var ErrDivideByZero = errors.New("division by zero")

func Divide(a, b float64) (float64, error) {
	if b != 0 {
		result := a / b
		return result, nil
	}
	return 0, ErrDivideByZero
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		args = []string{"5", "0"}
	}
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task19 [A B]")
		os.Exit(1)
	}
	var x [2]float64
	for k, s := range args {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		x[k] = v
	}
	q, err := Divide(x[0], x[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("%v / %v = %v\n", x[0], x[1], q)
}
