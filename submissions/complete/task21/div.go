package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
)

func SafeDivide(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			if re, ok := r.(runtime.Error); ok {
				err = fmt.Errorf("%w", re)
				q = 0
				return
			}
			panic(r)
		}
	}()
	q = a / b
	return
}

func main() {
	args := os.Args[1:]
	nums := []int{10, 0}
	if len(args) != 0 && len(args) != 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task21 [A B]")
		os.Exit(1)
	}
	for i, s := range args {
		v, err := strconv.Atoi(s)
		if err != nil {
			fmt.Fprintf(os.Stderr, "error: bad integer %q: %v\n", s, err)
			os.Exit(1)
		}
		nums[i] = v
	}
	if q, err := SafeDivide(nums[0], nums[1]); err != nil {
		fmt.Println("Cannot divide by zero")
	} else {
		fmt.Printf("%d / %d = %d\n", nums[0], nums[1], q)
	}
}
