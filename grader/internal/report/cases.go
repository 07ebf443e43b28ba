package report

import (
	"fmt"
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// taskName is the task's folder, "task08".
func taskName(n int) string { return fmt.Sprintf("task%02d", n) }

// failed reports whether a case lost its points (skipped cases did not:
// they leave both sums).
func failed(c score.Case) bool { return c.Status != check.Pass && c.Status != check.Skipped }

// detailed reports whether the result holds what went wrong in a case:
// a failed public case, or a hidden one the grader revealed.
func detailed(c score.Case) bool { return failed(c) && (!c.Hidden || c.Message != "") }

// caseName names a case for test reporters: "c2: its title", "c5 (hidden)".
func caseName(c score.Case) string {
	switch {
	case c.Title != "":
		return c.ID + ": " + c.Title
	case c.Hidden:
		return c.ID + " (hidden)"
	}
	return c.ID
}

// taskTitle is "task08: Count the lines".
func taskTitle(t score.Task) string {
	if t.Title == "" {
		return taskName(t.Task)
	}
	return taskName(t.Task) + ": " + t.Title
}

// caseDetails is what a student needs about a failed case, as plain text:
// what ran, why it failed, the rule, the diff, the hint and, for public
// cases, a command that reproduces the run.
func caseDetails(task int, c score.Case) string {
	var b strings.Builder
	line := func(label, text string) {
		if text != "" {
			fmt.Fprintf(&b, "%-7s%s\n", label+":", indent(text, "       ")[7:])
		}
	}
	what := c.Command
	if c.Run != "" && what != "" {
		what = "run " + c.Run + ": " + what
	}
	line("what", what)
	line("why", c.Message)
	if c.Rule != "" {
		line("rule", c.Rule+": "+check.Rules[c.Rule])
	}
	if c.Diff != "" {
		b.WriteString(strings.TrimSuffix(c.Diff, "\n") + "\n")
	}
	line("hint", c.Hint)
	if !c.Hidden {
		line("repro", Repro(task, c))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writtenDetails is the grading of a written answer as plain text.
func writtenDetails(w *score.Written, o *score.Override) string {
	var b strings.Builder
	written(w, o, func(format string, args ...any) { fmt.Fprintf(&b, format, args...) })
	return strings.TrimSpace(b.String())
}

// writtenPoints is the written part's score: the instructor's when overridden.
func writtenPoints(t score.Task) float64 {
	if t.Override != nil {
		return t.Override.Points
	}
	return t.Written.Score
}

// num formats points with one decimal.
func num(x float64) string { return fmt.Sprintf("%.1f", x) }
