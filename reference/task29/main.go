// Command task29 "raises" a custom error by returning it (wrapped) and
// "catches" it with errors.As.
//
// Usage: task29 [STEP] (STEP is ok, fail or default; default fail)
package main

import (
	"errors"
	"fmt"
	"os"
)

// MyCustomError is the error Process raises.
type MyCustomError struct{ Message string }

// Error returns e.Message, or a default text when Message is empty.
func (e *MyCustomError) Error() string {
	if e.Message == "" {
		return "This is a custom exception."
	}
	return e.Message
}

// Process returns nil for "ok", a wrapped *MyCustomError for "fail" and
// "default", and an ordinary error for any other step.
func Process(step string) error {
	switch step {
	case "ok":
		return nil
	case "fail":
		return fmt.Errorf("process %q: %w", step, &MyCustomError{Message: "Something went wrong!"})
	case "default":
		return fmt.Errorf("process %q: %w", step, &MyCustomError{})
	}
	return fmt.Errorf("unknown step %q", step)
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task29 [STEP]")
	}
	step := "fail"
	if len(args) == 1 {
		step = args[0]
	}
	err := Process(step)
	var ce *MyCustomError
	switch {
	case err == nil:
		fmt.Println("No exception raised.")
	case errors.As(err, &ce):
		fmt.Println("Caught custom exception:", ce.Error())
	default:
		return err
	}
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
