// Command task37 shows what join() is for: main starts N worker goroutines and
// waits for all of them (sync.WaitGroup.Wait is Go's join) before it prints
// that they were joined.
//
// Usage: task37 [N] (0 <= N <= 1000, default 3)
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"sync"
)

// maxWorkers bounds the program's N.
const maxWorkers = 1000

// StartWorkers starts n goroutines calling work(1) … work(n) and returns nil
// only after all of them have returned (the join). n < 0 is an error and work
// is never called; n == 0 returns nil at once.
func StartWorkers(n int, work func(id int)) error {
	if n < 0 {
		return fmt.Errorf("n = %d: the number of workers cannot be negative", n)
	}
	var wg sync.WaitGroup
	wg.Add(n) // before any goroutine starts, so that Wait cannot miss one
	for id := 1; id <= n; id++ {
		go func() {
			defer wg.Done()
			work(id)
		}()
	}
	wg.Wait() // the join
	return nil
}

func run(args []string) error {
	n := 3
	switch len(args) {
	case 0:
	case 1:
		var err error
		if n, err = strconv.Atoi(args[0]); err != nil {
			return err
		}
		if n > maxWorkers {
			return fmt.Errorf("N = %d: at most %d workers", n, maxWorkers)
		}
	default:
		return errors.New("usage: task37 [N]")
	}
	// A negative N is rejected by StartWorkers itself.
	if err := StartWorkers(n, func(id int) { fmt.Printf("worker %d done\n", id) }); err != nil {
		return err
	}
	fmt.Printf("all %d workers joined\n", n)
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
