// Task 34: create a thread. In Python I made a MyThread class and called
// start() on two of them, then printed "Exit". In Go a goroutine is the thread,
// so StartAll starts one goroutine per worker with the go keyword and main
// prints "Exit" at the end like my Python program did.
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
)

type Worker struct {
	Name string
	ID   int
}

func (w Worker) Line() string {
	return w.Name + " " + strconv.Itoa(w.ID)
}

func StartAll(out io.Writer, workers []Worker) {
	for _, w := range workers {
		go func(w Worker) {
			fmt.Fprintln(out, w.Line())
		}(w)
	}
}

func main() {
	workers := []Worker{{"ab", 1000}, {"abhijit", 2000}}
	args := os.Args[1:]
	if len(args) > 0 {
		if len(args)%2 != 0 {
			fmt.Fprintln(os.Stderr, "error: usage: task34 [NAME ID]...")
			os.Exit(1)
		}
		workers = nil
		for i := 0; i < len(args); i += 2 {
			id, err := strconv.Atoi(args[i+1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "error:", err)
				os.Exit(1)
			}
			workers = append(workers, Worker{args[i], id})
		}
	}

	StartAll(os.Stdout, workers)
	fmt.Println("Exit")
}
