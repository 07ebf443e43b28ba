// Task 36: a simple multithreading example. In Python I started two threads
// (square and cube of 5) and then called join() on both. Goroutines don't have
// a join() method, so RunConcurrently just starts every task with go and the
// program carries on to print the last line.
package main

import (
	"fmt"
	"os"
	"strconv"
)

func RunConcurrently(tasks ...func()) {
	for _, task := range tasks {
		go task()
	}
}

func calculateSquare(number int64) {
	fmt.Printf("Square of %d: %d\n", number, number*number)
}

func calculateCube(number int64) {
	fmt.Printf("Cube of %d: %d\n", number, number*number*number)
}

func main() {
	var number int64 = 5
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task36 [N]")
		os.Exit(1)
	}
	if len(os.Args) == 2 {
		n, err := strconv.ParseInt(os.Args[1], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		if n > 2097151 || n < -2097151 {
			fmt.Fprintln(os.Stderr, "error: number too big, the cube would not fit:", n)
			os.Exit(1)
		}
		number = n
	}

	RunConcurrently(
		func() { calculateSquare(number) },
		func() { calculateCube(number) },
	)
	fmt.Println("Multithreading example completed.")
}
