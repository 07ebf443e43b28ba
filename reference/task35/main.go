// Command task35 sums 1..N with one goroutine per P (runtime.GOMAXPROCS(0)):
// Go has no global interpreter lock, so these goroutines can run in parallel
// on as many OS threads as GOMAXPROCS allows.
//
// Usage: task35 [N] (0 <= N <= 1000000000, default 10000000)
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

// maxN keeps 1 + 2 + … + N within int64.
const maxN = 1_000_000_000

// ParallelSum returns 1 + 2 + … + n computed by `workers` goroutines. Worker
// i sums one contiguous range (the first n%workers ranges are one number
// longer; ranges are empty when workers > n) into its own slot of a slice, so
// no two goroutines write the same memory; the slots are added only after all
// goroutines have been joined.
func ParallelSum(n int64, workers int) (int64, error) {
	if n < 0 || n > maxN {
		return 0, fmt.Errorf("n = %d: want 0 <= n <= %d", n, maxN)
	}
	if workers < 1 {
		return 0, fmt.Errorf("workers = %d: want at least 1", workers)
	}
	parts := make([]int64, workers)
	chunk, rem := n/int64(workers), n%int64(workers)
	var wg sync.WaitGroup
	next := int64(1) // the first number not yet given to a worker
	for i := range workers {
		size := chunk
		if int64(i) < rem {
			size++
		}
		lo, hi := next, next+size-1 // inclusive; hi < lo when the range is empty
		next = hi + 1
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s int64
			for k := lo; k <= hi; k++ {
				s += k
			}
			parts[i] = s
		}()
	}
	wg.Wait()
	var total int64
	for _, s := range parts {
		total += s
	}
	return total, nil
}

func run(args []string) error {
	n := int64(10_000_000)
	switch len(args) {
	case 0:
	case 1:
		var err error
		if n, err = strconv.ParseInt(args[0], 10, 64); err != nil {
			return err
		}
		if n < 0 || n > maxN {
			return fmt.Errorf("N = %d: want 0 <= N <= %d", n, maxN)
		}
	default:
		return errors.New("usage: task35 [N]")
	}
	p := runtime.GOMAXPROCS(0)
	sum, err := ParallelSum(n, p)
	if err != nil {
		return err
	}
	fmt.Printf("GOMAXPROCS=%d\nworkers=%d\nsum=%d\n", p, p, sum)
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
