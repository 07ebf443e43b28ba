package main

import (
	"errors"
	"fmt"
	"os"
)

type CustomError struct {
	Msg string
}

func (e *CustomError) Error() string {
	if e == nil || len(e.Msg) == 0 {
		return "My default message"
	}
	return e.Msg
}

func NewCustomError(msg string) error { return &CustomError{msg} }

func FailIf(cond bool, msg string) error {
	if !cond {
		return nil
	}
	return NewCustomError(msg)
}

func main() {
	args := os.Args[1:]
	if len(args) > 1 {
		fmt.Fprintln(os.Stderr, "error: usage: task28 [MSG]")
		os.Exit(1)
	}
	var msg string
	if len(args) > 0 {
		msg = args[0]
	}
	err := fmt.Errorf("wrapped: %w", FailIf(true, msg))
	var ce *CustomError
	if errors.As(err, &ce) {
		fmt.Println(ce)
	}
}
