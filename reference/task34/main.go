// Command task34 starts one goroutine per worker; each prints its line
// ("ab 1000"), and main prints "Exit" only after every worker has printed:
// unlike the seed, which never joined its threads, main waits for them.
//
// Usage: task34 [NAME ID]... (default: ab 1000 abhijit 2000)
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"
)

// Worker is what one goroutine prints.
type Worker struct {
	Name string
	ID   int
}

// Line returns Name + " " + the decimal ID, e.g. "ab 1000".
func (w Worker) Line() string {
	return w.Name + " " + strconv.Itoa(w.ID)
}

// StartAll starts one goroutine per worker; each writes w.Line()+"\n" to out.
// The writes are serialised by a mutex (out need not be safe for concurrent
// use), and StartAll returns only after every goroutine has written its line.
func StartAll(out io.Writer, workers []Worker) {
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for _, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			line := w.Line() + "\n"
			mu.Lock()
			defer mu.Unlock()
			io.WriteString(out, line)
		}()
	}
	wg.Wait()
}

// parseWorkers turns NAME ID pairs into workers.
func parseWorkers(args []string) ([]Worker, error) {
	if len(args) == 0 {
		return []Worker{{Name: "ab", ID: 1000}, {Name: "abhijit", ID: 2000}}, nil
	}
	if len(args)%2 != 0 {
		return nil, errors.New("usage: task34 [NAME ID]...")
	}
	workers := make([]Worker, 0, len(args)/2)
	for i := 0; i < len(args); i += 2 {
		id, err := strconv.Atoi(args[i+1])
		if err != nil {
			return nil, err
		}
		workers = append(workers, Worker{Name: args[i], ID: id})
	}
	return workers, nil
}

func run(args []string) error {
	workers, err := parseWorkers(args)
	if err != nil {
		return err
	}
	StartAll(os.Stdout, workers)
	fmt.Println("Exit")
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
