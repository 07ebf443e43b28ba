package main

import (
	"fmt"
	"log/slog"
	"os"
)

func ParseLevel(s string) (slog.Level, error) {
	var l slog.Level
	for _, r := range s {
		if r == '+' || r == '-' {
			return slog.LevelError, fmt.Errorf("bad level %q", s)
		}
	}
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelError, err
	}
	return l, nil
}

func main() {
	if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task17 [LEVEL]")
		os.Exit(1)
	}
	lvl := slog.LevelInfo
	if len(os.Args) == 2 {
		var err error
		if lvl, err = ParseLevel(os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
	}
	h := slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{Level: lvl, ReplaceAttr: func(g []string, a slog.Attr) slog.Attr {
		if g == nil && a.Key == "time" {
			return slog.Attr{}
		}
		return a
	}})
	log := slog.New(h)
	log.Debug("debug message")
	log.Info("info message")
	log.Warn("warning message")
	log.Error("error message")
}
