package report

import (
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// GitHubOptions say where the student's files are, for annotations.
type GitHubOptions struct {
	// Dir is the submission's folder relative to the repository root, as
	// annotations name files ("" when the submission is the repository).
	Dir string
	// Locate returns the file (relative to the submission, "task08/main.go")
	// and line that declare function fn of a task; fn is "main" for a
	// program run and "" for a rule over the task's source. It returns ""
	// when it cannot tell, and may be nil: annotations then point at line
	// 1 of taskNN/main.go.
	Locate func(task int, fn string) (file string, line int)
}

// GitHub writes GitHub Actions workflow commands to w: an ::error
// annotation on the student's file for every failed case whose details
// the result holds (the line of the function the case calls, or of main
// for a program), one per compiler message of a task that does not build,
// and a ::warning on answer.md for a written answer that lost points.
// When summary is not nil it also writes there the Markdown job summary
// (for $GITHUB_STEP_SUMMARY): the scorecard table, then each failed case
// with its diff.
//
// Messages are escaped as the runner expects: %25, %0D and %0A in the
// message, and also %3A and %2C in properties.
func GitHub(w, summary io.Writer, r *score.Result, opt GitHubOptions) error {
	for _, t := range r.Tasks {
		if err := annotateTask(w, t, opt); err != nil {
			return err
		}
	}
	if summary == nil {
		return nil
	}
	return Markdown(summary, r)
}

// compilerLine is a Go compiler message about a file of the submission.
var compilerLine = regexp.MustCompile(`^(task\d\d/[^:\s]+\.go):(\d+):(?:(\d+):)? (.*)$`)

func annotateTask(w io.Writer, t score.Task, opt GitHubOptions) error {
	var err error
	emit := func(kind, file string, line, col int, title, msg string) {
		if err != nil {
			return
		}
		props := "file=" + escapeProperty(path.Join(opt.Dir, file)) + fmt.Sprintf(",line=%d", line)
		if col > 0 {
			props += fmt.Sprintf(",col=%d", col)
		}
		props += ",title=" + escapeProperty(title)
		_, err = fmt.Fprintf(w, "::%s %s::%s\n", kind, props, escapeData(msg))
	}
	if t.Status == score.TaskCompileError {
		for _, l := range strings.Split(t.Message, "\n") {
			if m := compilerLine.FindStringSubmatch(l); m != nil {
				var line, col int
				fmt.Sscan(m[2], &line)
				fmt.Sscan(m[3], &col)
				emit("error", m[1], line, col, taskName(t.Task)+" does not compile", m[4])
			}
		}
		return err
	}
	for _, c := range t.Cases {
		if !detailed(c) || c.Status == check.NotSubmitted {
			continue
		}
		file, line := locate(opt, t.Task, calledFunction(c.Command))
		emit("error", file, line, 0, taskName(t.Task)+" "+caseName(c)+" ["+c.Status+"]", caseDetails(t.Task, c))
	}
	if wr := t.Written; wr != nil && t.Status != score.TaskNotSubmitted && writtenPoints(t) < wr.MaxScore {
		emit("warning", taskName(t.Task)+"/answer.md", 1, 0, taskName(t.Task)+" written answer", writtenMessage(t)+"\n"+writtenDetails(wr, t.Override))
	}
	return err
}

func locate(opt GitHubOptions, task int, fn string) (string, int) {
	if opt.Locate != nil {
		if file, line := opt.Locate(task, fn); file != "" {
			return file, max(line, 1)
		}
	}
	return taskName(task) + "/main.go", 1
}

// calledFunction is the function a case's failing run exercised, from its
// Command: the first call of "called F(…); G(…)", "main" for "ran: …",
// "" for a static rule.
func calledFunction(command string) string {
	if _, ran, ok := strings.Cut(command, ", ran: "); ok && ran != "" {
		return "main"
	}
	_, calls, ok := strings.Cut(command, ", called ")
	if !ok {
		return ""
	}
	end := strings.IndexFunc(calls, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end <= 0 {
		return ""
	}
	return calls[:end]
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
