// Command task36 is a simple multithreading example: two goroutines print
// the square and the cube of N, and main prints its completion line only after
// both have finished.
//
// Usage: task36 [N] (|N| <= 2097151 so that N³ fits in an int64; default 5)
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
)

// maxAbs is the largest |N| whose cube fits in an int64.
const maxAbs = 2_097_151

// RunConcurrently runs every task in its own goroutine and returns only after
// all of them have returned. With no tasks it returns immediately.
func RunConcurrently(tasks ...func()) {
	var wg sync.WaitGroup
	for _, task := range tasks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			task()
		}()
	}
	wg.Wait()
}

func run(args []string) error {
	n := int64(5)
	switch len(args) {
	case 0:
	case 1:
		var err error
		if n, err = strconv.ParseInt(args[0], 10, 64); err != nil {
			return err
		}
		if n < -maxAbs || n > maxAbs {
			return fmt.Errorf("N = %d: |N| must be at most %d", n, maxAbs)
		}
	default:
		return errors.New("usage: task36 [N]")
	}
	RunConcurrently(
		func() { fmt.Printf("Square of %d: %d\n", n, n*n) },
		func() { fmt.Printf("Cube of %d: %d\n", n, n*n*n) },
	)
	fmt.Println("Multithreading example completed.")
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
