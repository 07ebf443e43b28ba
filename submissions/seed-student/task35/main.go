// Task 35: the GIL. Python can't run threads in parallel because of the GIL,
// so here I split the sum between goroutines, one per CPU. I ask the runtime
// how many CPUs there are with runtime.NumCPU() and use that many workers.
// Each goroutine puts its part in its own place in a slice and I add them up
// after the WaitGroup.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"
)

func ParallelSum(n int64, workers int) (int64, error) {
	if n < 0 || workers < 1 {
		return 0, errors.New("bad arguments")
	}
	parts := make([]int64, workers)
	size := n / int64(workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		start := int64(i)*size + 1
		end := start + size - 1
		if i == workers-1 {
			end = n
		}
		wg.Add(1)
		go func(i int, start, end int64) {
			defer wg.Done()
			var sum int64
			for k := start; k <= end; k++ {
				sum += k
			}
			parts[i] = sum
		}(i, start, end)
	}
	wg.Wait()
	var total int64
	for _, p := range parts {
		total += p
	}
	return total, nil
}

func main() {
	var n int64 = 10000000
	if len(os.Args) > 1 {
		num, err := strconv.ParseInt(os.Args[1], 10, 64)
		if err != nil || num < 0 || num > 1000000000 {
			fmt.Fprintln(os.Stderr, "error: N must be a number from 0 to 1000000000:", os.Args[1])
			os.Exit(1)
		}
		n = num
	}
	cpus := runtime.NumCPU()
	sum, err := ParallelSum(n, cpus)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("GOMAXPROCS=%d\n", cpus)
	fmt.Printf("workers=%d\n", cpus)
	fmt.Printf("sum=%d\n", sum)
}
