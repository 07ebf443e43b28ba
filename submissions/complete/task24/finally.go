package main

import (
	"errors"
	"fmt"
	"os"
)

// RunWithFinally is try/finally in Go: the deferred cleanup runs once the
// action is over, whether it returned nil, returned an error or panicked.
// It does not recover, so a panic keeps going after the cleanup.
func RunWithFinally(action func() error, cleanup func()) error {
	defer cleanup()
	return action()
}

func main() {
	mode := "ok"
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task24 [ok|error|panic]")
		os.Exit(1)
	}
	if len(os.Args) == 2 {
		mode = os.Args[1]
	}
	if mode != "ok" && mode != "error" && mode != "panic" {
		fmt.Fprintln(os.Stderr, "error: usage: task24 [ok|error|panic]")
		os.Exit(1)
	}
	if err := run(mode); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Println("result: ok")
}

// run turns a panic that came out of RunWithFinally into an error.
func run(mode string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered panic: %v", r)
		}
	}()
	action := func() error {
		fmt.Println("try: running")
		switch mode {
		case "error":
			return errors.New("action failed")
		case "panic":
			panic("boom")
		}
		return nil
	}
	cleanup := func() { fmt.Println("finally: cleanup") }
	return RunWithFinally(action, cleanup)
}
