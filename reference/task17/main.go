// Command task17 shows how a logging level filters records: it logs one
// record at each of slog's four levels and only those at or above LEVEL
// appear.
//
// Usage: task17 [LEVEL] (LEVEL is DEBUG, INFO, WARN or ERROR in any letter
// case; default INFO)
package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// ParseLevel maps "DEBUG", "INFO", "WARN" and "ERROR", in any letter case,
// to slog's levels; any other string is an error.
func ParseLevel(s string) (slog.Level, error) {
	switch strings.ToUpper(s) {
	case "DEBUG":
		return slog.LevelDebug, nil
	case "INFO":
		return slog.LevelInfo, nil
	case "WARN":
		return slog.LevelWarn, nil
	case "ERROR":
		return slog.LevelError, nil
	}
	return 0, fmt.Errorf("unknown level %q (want DEBUG, INFO, WARN or ERROR)", s)
}

// dropTime removes the record's time so that the output is reproducible.
func dropTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func run(args []string) error {
	if len(args) > 1 {
		return errors.New("usage: task17 [LEVEL]")
	}
	name := "INFO"
	if len(args) == 1 {
		name = args[0]
	}
	level, err := ParseLevel(name)
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		Level:       level,
		ReplaceAttr: dropTime,
	}))
	logger.Debug("debug message")
	logger.Info("info message")
	logger.Warn("warning message")
	logger.Error("error message")
	return nil
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
}
