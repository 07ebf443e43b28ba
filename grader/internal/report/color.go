package report

import (
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// ANSI SGR sequences.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiFaint  = "\x1b[2m"
)

// painter colours text when true; when false every method returns its
// argument unchanged, so the plain scorecard is byte for byte the same.
type painter bool

func (p painter) paint(sgr, s string) string {
	if !p || s == "" {
		return s
	}
	return sgr + s + ansiReset
}

func (p painter) bold(s string) string { return p.paint(ansiBold, s) }

// status colours a task or case status: green pass, yellow partial,
// faint skipped, red anything that lost points.
func (p painter) status(s string) string {
	switch s {
	case check.Pass:
		return p.paint(ansiGreen, s)
	case score.TaskPartial:
		return p.paint(ansiYellow, s)
	case check.Skipped:
		return p.paint(ansiFaint, s)
	}
	return p.paint(ansiRed, s)
}

// diff colours the lines of an (indented) unified diff.
func (p painter) diff(s string) string {
	if !p {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		switch t := strings.TrimLeft(l, " "); {
		case strings.HasPrefix(t, "--- "), strings.HasPrefix(t, "+++ "):
			lines[i] = p.bold(l)
		case strings.HasPrefix(t, "@@"):
			lines[i] = p.paint(ansiCyan, l)
		case strings.HasPrefix(t, "-"):
			lines[i] = p.paint(ansiRed, l)
		case strings.HasPrefix(t, "+"):
			lines[i] = p.paint(ansiGreen, l)
		}
	}
	return strings.Join(lines, "\n")
}
