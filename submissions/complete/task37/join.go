package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
)

// StartWorkers runs work(1) … work(n), each in its own goroutine, and returns
// only after all of them have returned: the WaitGroup is Go's join().
func StartWorkers(n int, work func(id int)) error {
	if n < 0 {
		return fmt.Errorf("number of workers must not be negative: %d", n)
	}
	var wg sync.WaitGroup
	wg.Add(n)
	for id := 1; id <= n; id++ {
		go func() {
			defer wg.Done()
			work(id)
		}()
	}
	wg.Wait()
	return nil
}

func main() {
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task37 [N]")
		os.Exit(1)
	}
	n := 3
	if len(os.Args) == 2 {
		v, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		if v < 0 || v > 1000 {
			fmt.Fprintf(os.Stderr, "error: N must be between 0 and 1000, got %d\n", v)
			os.Exit(1)
		}
		n = v
	}
	err := StartWorkers(n, func(id int) {
		fmt.Printf("worker %d done\n", id)
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Printf("all %d workers joined\n", n)
}
