// Command task28 creates a custom error, catches it with errors.As and prints
// its message.
//
// Usage: task28 [MSG] (an empty or missing MSG gives the default message)
package main

import (
	"errors"
	"fmt"
	"os"
)

// defaultMessage is the message of a CustomError without one.
const defaultMessage = "My default message"

// CustomError is an error with a message of its own.
type CustomError struct{ Msg string }

// Error returns e.Msg, or the default message when Msg is empty.
func (e *CustomError) Error() string {
	if e.Msg == "" {
		return defaultMessage
	}
	return e.Msg
}

// NewCustomError returns a *CustomError with message msg, as an error.
func NewCustomError(msg string) error {
	return &CustomError{Msg: msg}
}

// FailIf returns a CustomError with message msg when cond is true, and nil
// otherwise.
func FailIf(cond bool, msg string) error {
	if cond {
		return NewCustomError(msg)
	}
	return nil
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task28 [MSG]")
	}
	msg := ""
	if len(args) == 1 {
		msg = args[0]
	}
	err := FailIf(true, msg)
	var ce *CustomError
	if !errors.As(err, &ce) {
		return fmt.Errorf("not a custom error: %v", err)
	}
	_, err = fmt.Println(ce.Error())
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
