package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

// RunConcurrently starts every task in its own goroutine and returns when all
// of them have returned.
func RunConcurrently(tasks ...func()) {
	var wg sync.WaitGroup
	wg.Add(len(tasks))
	for _, t := range tasks {
		go func() {
			defer wg.Done()
			t()
		}()
	}
	wg.Wait()
}

const maxN = 2097151 // the largest |N| whose cube fits in an int64

func main() {
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task36 [N]")
		os.Exit(1)
	}
	n := int64(5)
	if len(os.Args) == 2 {
		v, err := strconv.ParseInt(os.Args[1], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		if v > maxN || v < -maxN {
			fmt.Fprintf(os.Stderr, "error: N out of range (|N| <= %d): %d\n", maxN, v)
			os.Exit(1)
		}
		n = v
	}
	square := func() { fmt.Printf("Square of %d: %d\n", n, n*n) }
	cube := func() { fmt.Printf("Cube of %d: %d\n", n, n*n*n) }
	RunConcurrently(square, cube)
	fmt.Println("Multithreading example completed.")
}
