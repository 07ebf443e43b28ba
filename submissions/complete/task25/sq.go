package main

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
)

var ErrNegative = errors.New("negative number")

func ParseAndSqrt(s string) (float64, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("parse: %w", err)
	}
	if n < 0 {
		return 0, ErrNegative
	}
	return math.Sqrt(float64(n)), nil
}

const finished = "The 'try-except' block is finished."

func finally() { fmt.Println(finished) }

func ask() bool {
	defer finally()
	fmt.Print("Please enter a positive number: ")
	sc := bufio.NewScanner(os.Stdin)
	if !sc.Scan() {
		return false
	}
	text := strings.TrimSpace(sc.Text())
	r, err := ParseAndSqrt(text)
	if err != nil {
		fmt.Println("You entered " + text + ", which is not a positive number.")
		return true
	}
	n, _ := strconv.Atoi(text)
	fmt.Println("Square Root of", strconv.Itoa(n), "is", r)
	return true
}

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "error: usage: task25")
		os.Exit(1)
	}
	if !ask() {
		fmt.Fprintln(os.Stderr, "error: no input")
		os.Exit(1)
	}
}
