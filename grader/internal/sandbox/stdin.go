package sandbox

import (
	"fmt"
	"os"
)

// feeder writes a run's stdin bytes into a pipe and then closes it, so the
// program reads them and then end of file.
type feeder struct {
	r, w *os.File // r is the child's end, closed in the grader after start
	done chan struct{}
}

func newFeeder() (*feeder, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("create stdin pipe: %w", err)
	}
	return &feeder{r: r, w: w, done: make(chan struct{})}, nil
}

// start writes data in a new goroutine. A program that exits without
// reading makes the write fail with EPIPE, which is not an error of the
// grader.
func (f *feeder) start(data []byte) {
	go func() {
		defer close(f.done)
		f.w.Write(data)
		f.w.Close()
	}()
}

// stop ends a write still blocked on a full pipe (the tree is dead by now,
// or a process that escaped it never reads) and waits for the goroutine.
func (f *feeder) stop() {
	f.w.Close()
	<-f.done
}
