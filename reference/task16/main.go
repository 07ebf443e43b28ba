// Command task16 logs one message to a log file with log/slog.
//
// Usage: task16 [LOGFILE [MESSAGE]] (LOGFILE defaults to logfile.log, MESSAGE to
// "This is a sample log message.")
package main

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
)

// NewFileLogger returns a logger that writes records at or above level to w
// in slog's TextHandler format:
//
//	time=<RFC 3339, milliseconds> level=<LEVEL> msg=<message> [key=value ...]
func NewFileLogger(w io.Writer, level slog.Level) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level}))
}

// LogMessage appends one INFO record holding message to the file at path,
// creating the file with mode 0644 if needed. It returns the error from
// opening or closing the file.
func LogMessage(path, message string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	NewFileLogger(f, slog.LevelInfo).Info(message)
	return f.Close()
}

func run(args []string) error {
	if len(args) > 2 {
		return errors.New("usage: task16 [LOGFILE [MESSAGE]]")
	}
	path := "logfile.log"
	message := "This is a sample log message."
	if len(args) >= 1 {
		path = args[0]
	}
	if len(args) == 2 {
		message = args[1]
	}
	if err := LogMessage(path, message); err != nil {
		return err
	}
	_, err := fmt.Printf("Message logged to %s\n", path)
	return err
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
