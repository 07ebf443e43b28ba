package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

// ParallelSum adds 1..n with `workers` goroutines. Worker i sums its own
// contiguous range into parts[i]; nothing is shared, and the parts are added
// after Wait.
func ParallelSum(n int64, workers int) (int64, error) {
	if n < 0 {
		return 0, errors.New("n must not be negative")
	}
	if workers < 1 {
		return 0, errors.New("need at least one worker")
	}
	parts := make([]int64, workers)
	var wg sync.WaitGroup
	w := int64(workers)
	for i := range workers {
		// numbers lo..hi-1 of 1..n; the first n%w ranges get one extra
		lo := 1 + int64(i)*(n/w) + min(int64(i), n%w)
		hi := lo + n/w
		if int64(i) < n%w {
			hi++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s int64
			for k := lo; k < hi; k++ {
				s += k
			}
			parts[i] = s
		}()
	}
	wg.Wait()
	var total int64
	for _, p := range parts {
		total += p
	}
	return total, nil
}

func main() {
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task35 [N]")
		os.Exit(1)
	}
	n := int64(10_000_000)
	if len(os.Args) == 2 {
		v, err := strconv.ParseInt(os.Args[1], 10, 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		if v < 0 || v > 1_000_000_000 {
			fmt.Fprintf(os.Stderr, "error: N must be between 0 and 1000000000, got %d\n", v)
			os.Exit(1)
		}
		n = v
	}
	p := runtime.GOMAXPROCS(0)
	sum, err := ParallelSum(n, p)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("GOMAXPROCS=%d\nworkers=%d\nsum=%d\n", p, p, sum)
}
