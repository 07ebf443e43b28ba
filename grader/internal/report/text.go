package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// JSON writes the result document, indented, with a final newline.
func JSON(w io.Writer, r *score.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// TextOptions configure the scorecard.
type TextOptions struct {
	// Color marks statuses, headings and diff lines with ANSI colours
	// (for a terminal; the caller decides, honouring NO_COLOR).
	Color bool
}

// Text writes the scorecard: a table of tasks, then what went wrong in
// every failed public case, with what ran, the diff, the rule, a hint and
// a command that reproduces the run outside the grader.
func Text(w io.Writer, r *score.Result, opt TextOptions) error {
	p := painter(opt.Color)
	title := "Scorecard: " + r.Submission
	if r.PublicEstimate {
		title += " (public estimate: hidden cases not run)"
	}
	fmt.Fprintln(w, p.bold(title))
	t := tablewriter.NewTable(w, tablewriter.WithRowAlignmentConfig(tw.CellAlignment{
		PerColumn: []tw.Align{tw.AlignRight, tw.AlignLeft, tw.AlignRight, tw.AlignLeft, tw.AlignLeft},
	}))
	t.Header("Task", "Title", "Points", "Status", "Cases")
	for _, tk := range r.Tasks {
		if err := t.Append(fmt.Sprintf("%02d", tk.Task), tk.Title, points(tk.Score, tk.MaxScore), p.status(tk.Status), caseCounts(tk)); err != nil {
			return err
		}
	}
	t.Footer("", "Total", points(r.Score, r.MaxScore), "", "")
	if err := t.Render(); err != nil {
		return err
	}
	if r.Isolation != "" {
		fmt.Fprintf(w, "Isolation: %s\n", r.Isolation)
	}
	for _, tk := range r.Tasks {
		details(w, tk, p)
	}
	return nil
}

func points(score, max float64) string {
	return fmt.Sprintf("%.1f / %.1f", score, max)
}

// caseCounts is "5/7 passed, hidden 1/2".
func caseCounts(t score.Task) string {
	var pub, pubOK, hid, hidOK, skipped int
	for _, c := range t.Cases {
		switch {
		case c.Status == check.Skipped:
			skipped++
		case c.Hidden:
			hid++
			if c.Status == check.Pass {
				hidOK++
			}
		default:
			pub++
			if c.Status == check.Pass {
				pubOK++
			}
		}
	}
	var parts []string
	if len(t.Cases) > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d", pubOK, pub))
	}
	if hid > 0 {
		parts = append(parts, fmt.Sprintf("hidden %d/%d", hidOK, hid))
	}
	if skipped > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped", skipped))
	}
	if t.Written != nil {
		w := "written (review)"
		if t.Override != nil {
			w = "written (overridden)"
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, ", ")
}

func details(w io.Writer, t score.Task, p painter) {
	head := func() {
		fmt.Fprintf(w, "\n%s\n", p.bold(fmt.Sprintf("== Task %02d: %s (%s, %s)", t.Task, t.Title, t.Status, points(t.Score, t.MaxScore))))
	}
	printed := false
	if t.Message != "" && (t.Status != score.TaskNotSubmitted || !strings.HasPrefix(t.Message, "no folder")) {
		head()
		printed = true
		fmt.Fprintf(w, "%s\n", indent(t.Message, "  "))
	}
	if t.Written != nil && t.Status != score.TaskNotSubmitted {
		if !printed {
			head()
			printed = true
		}
		written(t.Written, t.Override, func(format string, args ...any) { fmt.Fprintf(w, format, args...) })
	}
	if t.Status == score.TaskCompileError || t.Status == score.TaskNotSubmitted {
		return
	}
	for _, c := range t.Cases {
		if c.Status == check.Pass || c.Hidden && c.Message == "" {
			continue
		}
		if !printed {
			head()
			printed = true
		}
		label := c.ID
		if c.Run != "" {
			label += " (run " + c.Run + ")"
		}
		if c.Title != "" {
			label += ": " + c.Title
		}
		fmt.Fprintf(w, "\n-- %s [%s]\n", label, p.status(c.Status))
		if c.Command != "" {
			fmt.Fprintf(w, "   what:  %s\n", c.Command)
		}
		if c.Message != "" {
			fmt.Fprintf(w, "   why:   %s\n", indent(c.Message, "          ")[10:])
		}
		if c.Rule != "" {
			fmt.Fprintf(w, "   rule:  %s: %s\n", c.Rule, check.Rules[c.Rule])
		}
		if c.Diff != "" {
			fmt.Fprintf(w, "%s", p.diff(indent(strings.TrimSuffix(c.Diff, "\n"), "     "))+"\n")
		}
		if c.Hint != "" {
			fmt.Fprintf(w, "   hint:  %s\n", c.Hint)
		}
		if repro := Repro(t.Task, c); repro != "" {
			fmt.Fprintf(w, "   repro: %s\n", repro)
		}
	}
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// written shows an automatically graded answer: points (provisional),
// the concepts found and what to add, misconceptions with their sentence.
func written(w *score.Written, o *score.Override, printf func(string, ...any)) {
	printf("\n-- written answer: %s [review: automatic score, an instructor may change it]\n", points(w.Score, w.MaxScore))
	if o != nil {
		printf("   override: %.1f points by the instructor", o.Points)
		if o.Comment != "" {
			printf(": %s", o.Comment)
		}
		printf("\n")
	}
	if w.Message != "" {
		printf("   note:  %s\n", w.Message)
	}
	if w.Words > 0 {
		printf("   words: %d (at least %d)\n", w.Words, w.MinWords)
	}
	for _, g := range w.Groups {
		if g.Hit {
			printf("   found: %s (%q)\n", g.Name, g.Phrase)
		}
	}
	for _, g := range w.Groups {
		if !g.Hit {
			printf("   add:   %s: %s\n", g.Name, g.Missing)
		}
	}
	for _, m := range w.Misconceptions {
		printf("   wrong: %s, in %q\n", m.Claim, m.Sentence)
	}
}
