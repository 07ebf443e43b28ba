// Command task18 prints the squares of 0 … N-1; debug.dlv watches the loop.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

// CalculateSquares returns [0², 1², …, (n-1)²], empty for n <= 0.
func CalculateSquares(n int) []int {
	squares := make([]int, 0, max(n, 0))
	for i := 0; i < n; i++ {
		square := i * i
		squares = append(squares, square)
	}
	return squares
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task18 [N]")
	}
	n := 5
	if len(args) == 1 {
		v, err := strconv.Atoi(args[0])
		if err != nil {
			return err
		}
		if v < 1 || v > 1000 {
			return fmt.Errorf("N must be between 1 and 1000, not %d", v)
		}
		n = v
	}
	fmt.Printf("Squares of numbers from 0 to %d: %v\n", n-1, CalculateSquares(n))
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
