package main

import (
	"fmt"
	"os"
	"strconv"
)

// CalculateSquares returns the squares of 0..n-1.
func CalculateSquares(n int) []int {
	var out []int
	for i := range n {
		square := i * i
		out = append(out, square)
	}
	return out
}

func main() {
	n := 5
	switch len(os.Args) {
	case 1:
	case 2:
		v, err := strconv.Atoi(os.Args[1])
		if err != nil || v < 1 || v > 1000 {
			fmt.Fprintf(os.Stderr, "error: bad N %q\n", os.Args[1])
			os.Exit(1)
		}
		n = v
	default:
		fmt.Fprintln(os.Stderr, "error: usage: task18 [N]")
		os.Exit(1)
	}
	fmt.Printf("Squares of numbers from 0 to %d: %v\n", n-1, CalculateSquares(n))
}
