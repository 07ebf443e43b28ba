package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// Markdown writes the scorecard as GitHub-flavoured Markdown, for a job
// summary: a heading with the total, the table of tasks, then each task
// message and failed case in a collapsed section with its diff.
func Markdown(w io.Writer, r *score.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## gograder: %s: %s\n\n", mdEscape(r.Submission), points(r.Score, r.MaxScore))
	if r.PublicEstimate {
		b.WriteString("Public estimate: hidden cases were not run.\n\n")
	}
	b.WriteString("| Task | Title | Points | Status | Cases |\n|---:|---|---:|---|---|\n")
	for _, t := range r.Tasks {
		fmt.Fprintf(&b, "| %02d | %s | %s | %s %s | %s |\n", t.Task, mdEscape(t.Title), points(t.Score, t.MaxScore), statusMark(t.Status), t.Status, caseCounts(t))
	}
	fmt.Fprintf(&b, "| | **Total** | **%s** | | |\n", points(r.Score, r.MaxScore))
	if r.Isolation != "" {
		fmt.Fprintf(&b, "\nIsolation: %s\n", mdEscape(r.Isolation))
	}
	for _, t := range r.Tasks {
		mdTask(&b, t)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdTask(b *strings.Builder, t score.Task) {
	section := func(summary, body string) {
		fmt.Fprintf(b, "\n<details><summary>%s</summary>\n\n%s\n</details>\n", htmlEscape(summary), fence(body))
	}
	if t.Message != "" && !(t.Status == score.TaskNotSubmitted && strings.HasPrefix(t.Message, "no folder")) {
		section(fmt.Sprintf("%s: %s", taskTitle(t), t.Status), t.Message)
	}
	if t.Written != nil && t.Status != score.TaskNotSubmitted && writtenPoints(t) < t.Written.MaxScore {
		section(taskName(t.Task)+" written answer: "+writtenMessage(t), writtenDetails(t.Written, t.Override))
	}
	if t.Status == score.TaskCompileError || t.Status == score.TaskNotSubmitted {
		return
	}
	for _, c := range t.Cases {
		if detailed(c) {
			section(fmt.Sprintf("%s %s [%s]", taskName(t.Task), caseName(c), c.Status), caseDetails(t.Task, c))
		}
	}
}

// statusMark is a glyph for a status, to scan the table.
func statusMark(s string) string {
	switch s {
	case check.Pass:
		return "✅"
	case score.TaskPartial:
		return "🟡"
	case check.Skipped:
		return "⏭️"
	}
	return "❌"
}

// fence puts text in a code block whose fence no backtick run inside can
// close.
func fence(s string) string {
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", max(3, longest+1))
	return f + "text\n" + strings.TrimSuffix(s, "\n") + "\n" + f + "\n"
}

// mdEscape makes text safe in a table cell.
func mdEscape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

// htmlEscape makes text safe in a <summary>.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\n", " ").Replace(s)
}
