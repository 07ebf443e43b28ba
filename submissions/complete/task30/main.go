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

type NegativeValueError struct {
	Value float64
}

func (*NegativeValueError) Error() string { return "Value must be positive" }

func ValidatePositive(v float64) error {
	if math.Signbit(v) && v != 0 {
		return &NegativeValueError{v}
	}
	return nil
}

func main() {
	if len(os.Args) != 1 {
		fmt.Fprintln(os.Stderr, "error: usage: task30")
		os.Exit(1)
	}
	fmt.Print("Enter a value: ")
	sc := bufio.NewScanner(os.Stdin)
	if !sc.Scan() {
		fmt.Fprintln(os.Stderr, "error: no input")
		os.Exit(1)
	}
	text := strings.TrimSpace(sc.Text())
	v, err := strconv.ParseFloat(text, 64)
	if err != nil || v != v {
		fmt.Println("Error: could not convert string to float: '" + text + "'")
		return
	}
	if err := ValidatePositive(v); err != nil {
		var nve *NegativeValueError
		if errors.As(err, &nve) {
			fmt.Println("Error: " + nve.Error())
		}
		return
	}
	fmt.Println("The value " + strconv.FormatFloat(v, 'g', -1, 64) + " is positive.")
}
