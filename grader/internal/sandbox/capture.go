package sandbox

import (
	"fmt"
	"os"
	"time"
)

// capture reads one output pipe of a run into memory, keeping at most
// limit bytes. Past the limit it calls over once and keeps draining (and
// discarding) until end of file, so the writer never blocks on a full pipe
// while the kill is on its way.
type capture struct {
	name  string
	limit int64
	r, w  *os.File // w is the child's end, closed in the grader after start
	buf   []byte
	over  bool
	done  chan struct{}
}

func newCapture(name string, limit int64) (*capture, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("create %s pipe: %w", name, err)
	}
	return &capture{name: name, limit: limit, r: r, w: w, done: make(chan struct{})}, nil
}

// start reads in a new goroutine; over is called (once) when the limit is
// exceeded.
func (c *capture) start(over func(stream string)) {
	go func() {
		defer close(c.done)
		chunk := make([]byte, 32<<10)
		for {
			n, err := c.r.Read(chunk)
			if n > 0 {
				keep := min(int64(n), c.limit-int64(len(c.buf)))
				c.buf = append(c.buf, chunk[:keep]...)
				if keep < int64(n) && !c.over {
					c.over = true
					over(c.name)
				}
			}
			if err != nil {
				return
			}
		}
	}()
}

// finish waits for every capture to reach end of file, but no later than
// delay from now: then it ends the reads that are still blocked (a process
// that escaped teardown holds the write end) and closes the read ends.
func finish(caps []*capture, delay time.Duration) {
	timer := time.NewTimer(delay)
	defer timer.Stop()
	expired := false
	for _, c := range caps {
		if !expired {
			select {
			case <-c.done:
				continue
			case <-timer.C:
				expired = true
				for _, c := range caps {
					c.r.SetReadDeadline(time.Now())
				}
			}
		}
		<-c.done
	}
	for _, c := range caps {
		c.r.Close()
	}
}

// closeAll closes both ends; used when a run cannot start.
func closeAll(caps []*capture) {
	for _, c := range caps {
		c.r.Close()
		c.w.Close()
	}
}
