// Command task24 shows what Python's finally becomes in Go: a deferred call,
// which runs when the surrounding function returns, whether it returns
// normally, returns an error or is unwound by a panic.
//
// Usage: task24 [MODE] (MODE is ok, error or panic; default ok)
package main

import (
	"errors"
	"fmt"
	"os"
)

// RunWithFinally calls action and guarantees that cleanup runs exactly once
// after it, whether action returns nil, returns an error or panics. It
// returns action's error unchanged. It does not recover: a panic in action
// keeps propagating after cleanup has run.
func RunWithFinally(action func() error, cleanup func()) error {
	defer cleanup()
	return action()
}

// action returns the try block of the given mode, or nil for an unknown mode.
func action(mode string) func() error {
	switch mode {
	case "ok":
		return func() error {
			fmt.Println("try: running")
			return nil
		}
	case "error":
		return func() error {
			fmt.Println("try: running")
			return errors.New("action failed")
		}
	case "panic":
		return func() error {
			fmt.Println("try: running")
			panic("boom")
		}
	}
	return nil
}

func run(args []string) (err error) {
	if len(args) > 1 {
		return errors.New("usage: task24 [ok|error|panic]")
	}
	mode := "ok"
	if len(args) == 1 {
		mode = args[0]
	}
	act := action(mode)
	if act == nil {
		return errors.New("usage: task24 [ok|error|panic]")
	}
	// The panic goes through RunWithFinally (which runs the cleanup) and is
	// recovered here, in the caller, and reported as an error.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered panic: %v", r)
		}
	}()
	if err := RunWithFinally(act, func() { fmt.Println("finally: cleanup") }); err != nil {
		return err
	}
	fmt.Println("result: ok")
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
