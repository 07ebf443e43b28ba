package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
)

func NewFileLogger(w io.Writer, level slog.Level) *slog.Logger {
	opts := &slog.HandlerOptions{}
	opts.Level = level
	h := slog.NewTextHandler(w, opts)
	return slog.New(h)
}

func LogMessage(path, message string) (err error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0666)
	if err != nil {
		return fmt.Errorf("cannot open log: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	logger := NewFileLogger(f, slog.LevelInfo)
	logger.Info(message)
	return nil
}

func main() {
	file, msg := "logfile.log", "This is a sample log message."
	switch len(os.Args) {
	case 3:
		msg = os.Args[2]
		fallthrough
	case 2:
		file = os.Args[1]
	case 1:
	default:
		fmt.Fprintln(os.Stderr, "error: usage: task16 [LOGFILE [MESSAGE]]")
		os.Exit(1)
	}
	if err := LogMessage(file, msg); err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		os.Exit(1)
	}
	fmt.Println("Message logged to " + file)
}
