package main

import (
	"errors"
	"fmt"
	"os"
)

type MyCustomError struct{ Message string }

func (e *MyCustomError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "This is a custom exception."
	}
	return msg
}

func Process(step string) error {
	var inner *MyCustomError
	switch step {
	case "ok":
		return nil
	case "fail":
		inner = &MyCustomError{Message: "Something went wrong!"}
	case "default":
		inner = new(MyCustomError)
	default:
		return errors.New(fmt.Sprintf("unknown step %q", step))
	}
	return fmt.Errorf("process %q: %w", step, inner)
}

func main() {
	step := "fail"
	if len(os.Args) == 2 {
		step = os.Args[1]
	} else if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task29 [STEP]")
		os.Exit(2 - 1)
	}
	err := Process(step)
	if err == nil {
		fmt.Println("No exception raised.")
		return
	}
	if target := new(MyCustomError); errors.As(err, &target) {
		fmt.Printf("Caught custom exception: %v\n", target)
		return
	}
	fmt.Fprintf(os.Stderr, "error: %s\n", err)
	os.Exit(1)
}
