// Task 37: join(). My answer says join() makes the main thread wait, but
// goroutines have no join() in Go, so StartWorkers starts the n workers with
// go and returns nil straight away. Main prints the "joined" line after it.
package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
)

func StartWorkers(n int, work func(id int)) error {
	if n < 0 {
		return errors.New("n can't be negative")
	}
	for i := 1; i <= n; i++ {
		go work(i)
	}
	return nil
}

func main() {
	n := 3
	if len(os.Args) > 1 {
		num, err := strconv.Atoi(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
		if num > 1000 {
			fmt.Fprintln(os.Stderr, "error: too many workers:", num)
			os.Exit(1)
		}
		n = num
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
