package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"
	"gotest.tools/v3/poll"

	"github.com/classgrade/gograder/grader/internal/cli"
)

// syncBuffer is a bytes.Buffer the watcher writes to while the test reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// task01 prints its file with Println: case c1 fails (an extra newline).
const task01 = `package main

import (
	"fmt"
	"os"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func main() {
	name := "filename.txt"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	s, err := ReadContents(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Println(s)
}
`

// TestWatch drives `check --watch` in-process: it grades the submission,
// then a save of task01/main.go that fixes case c1 is re-graded on its
// own, and cancelling the context ends the watch with status 0.
func TestWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("grades a submission twice")
	}
	sub := t.TempDir()
	main := filepath.Join(sub, "task01", "main.go")
	assert.NilError(t, os.MkdirAll(filepath.Dir(main), 0o755))
	assert.NilError(t, os.WriteFile(main, []byte(task01), 0o644))

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	env := &cli.Env{Stdin: &bytes.Buffer{}, Stdout: &stdout, Stderr: &stderr, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- cli.Run(ctx, env, []string{"check", sub, "--task", "1", "--watch", "--cache", t.TempDir()})
	}()

	waitFor := func(what string, ok func() bool) {
		t.Helper()
		poll.WaitOn(t, func(poll.LogT) poll.Result {
			select {
			case code := <-done:
				return poll.Error(&exitError{code, stderr.String()})
			default:
			}
			if ok() {
				return poll.Success()
			}
			return poll.Continue("waiting for %s; stderr: %s", what, stderr.String())
		}, poll.WithTimeout(2*time.Minute), poll.WithDelay(50*time.Millisecond))
	}
	waitFor("the first scorecard and the watch", func() bool {
		return strings.Contains(stderr.String(), "watching ")
	})
	first := stdout.String()
	assert.Assert(t, strings.Contains(first, "-- c1: prints the file's bytes exactly [fail]"), first)

	// A save that fixes c1: Print instead of Println.
	fixed := strings.Replace(task01, "fmt.Println(s)", "fmt.Print(s)", 1)
	assert.NilError(t, os.WriteFile(main, []byte(fixed), 0o644))
	waitFor("the re-grade", func() bool {
		return strings.Count(stdout.String(), "Scorecard: ") == 2
	})
	assert.Assert(t, strings.Contains(stderr.String(), "task01/main.go changed: re-grading task01"), stderr.String())
	second := stdout.String()[len(first):]
	assert.Assert(t, !strings.Contains(second, "-- c1:"), second)
	assert.Assert(t, strings.Contains(second, "01 │ Read a whole text file"), second)

	// Files outside the task folders, and editor droppings, do not re-grade.
	assert.NilError(t, os.WriteFile(filepath.Join(sub, "notes.txt"), nil, 0o644))
	assert.NilError(t, os.WriteFile(filepath.Join(sub, "task01", ".main.go.swp"), nil, 0o644))
	time.Sleep(time.Second)
	assert.Equal(t, strings.Count(stdout.String(), "Scorecard: "), 2)

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, code, cli.ExitOK, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the watch did not end when its context was cancelled")
	}
}

type exitError struct {
	code   int
	stderr string
}

func (e *exitError) Error() string {
	return fmt.Sprintf("the watch ended early with status %d: %s", e.code, e.stderr)
}

// TestHelpCommands keeps the help of the student's commands as golden files.
func TestHelpCommands(t *testing.T) {
	for _, name := range []string{"tasks", "show"} {
		code, out, _ := run(t, "help", name)
		assert.Equal(t, code, cli.ExitOK)
		golden.Assert(t, out, "help-"+name+".golden")
	}
}
