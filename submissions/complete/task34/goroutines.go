package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
)

type Worker struct {
	Name string
	ID   int
}

// Line is what the worker prints, e.g. "ab 1000".
func (w Worker) Line() string {
	return w.Name + " " + strconv.Itoa(w.ID)
}

// StartAll runs every worker in its own goroutine and waits for all of them.
// out is shared, so the writes go through a mutex.
func StartAll(out io.Writer, workers []Worker) {
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for _, w := range workers {
		wg.Add(1)
		go func(w Worker) {
			defer wg.Done()
			line := w.Line() + "\n"
			mu.Lock()
			defer mu.Unlock()
			io.WriteString(out, line)
		}(w)
	}
	wg.Wait()
}

func main() {
	args := os.Args[1:]
	workers := []Worker{{"ab", 1000}, {"abhijit", 2000}}
	if len(args) > 0 {
		if len(args)%2 != 0 {
			fmt.Fprintln(os.Stderr, "error: usage: task34 [NAME ID]...")
			os.Exit(1)
		}
		workers = workers[:0]
		for i := 0; i < len(args); i += 2 {
			id, err := strconv.Atoi(args[i+1])
			if err != nil {
				fmt.Fprintln(os.Stderr, "error:", err)
				os.Exit(1)
			}
			workers = append(workers, Worker{Name: args[i], ID: id})
		}
	}
	StartAll(os.Stdout, workers)
	fmt.Println("Exit")
}
