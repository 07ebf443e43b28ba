package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// GradescopeOptions are what a Gradescope report needs beyond the result.
type GradescopeOptions struct {
	// ExecutionTime is how long grading took (execution_time, whole
	// seconds); zero leaves it out.
	ExecutionTime time.Duration
}

// Gradescope visibilities of a test.
const (
	gsVisible = "visible"
	// Hidden cases are shown after the due date: during the assignment a
	// student sees only that some hidden case failed (the total includes
	// it, as in the scorecard), and once the deadline has passed, when the
	// feedback can no longer be used to game the tests, which one.
	// "hidden" would keep it from them for good.
	gsAfterDueDate = "after_due_date"
)

// Gradescope writes the result as the results.json of Gradescope's
// autograder (gradescope-autograders.readthedocs.io, "Autograder
// Specifications"): the total score, a test per case (number "T.I": task
// T, case I) and one per written answer, each with its points, passed or
// failed, and its output for the student. Hidden cases get visibility
// after_due_date. Skipped cases are listed with no points and no status.
//
// The output validates against testdata/gradescope.schema.json.
func Gradescope(w io.Writer, r *score.Result, opt GradescopeOptions) error {
	doc := gsResults{
		Score:         r.Score,
		ExecutionTime: int(opt.ExecutionTime.Round(time.Second) / time.Second),
		Output:        gsOutput(r),
		Tests:         []gsTest{},
	}
	for _, t := range r.Tasks {
		for i, c := range t.Cases {
			doc.Tests = append(doc.Tests, gsCase(t, i+1, c))
		}
		if t.Written != nil {
			test := gsTest{
				Name:       taskName(t.Task) + " written answer",
				Number:     fmt.Sprintf("%d.%d", t.Task, len(t.Cases)+1),
				Score:      writtenPoints(t),
				MaxScore:   t.Written.MaxScore,
				Status:     gsStatus(writtenPoints(t) >= t.Written.MaxScore),
				Output:     writtenMessage(t) + "\n" + writtenDetails(t.Written, t.Override),
				Visibility: gsVisible,
			}
			doc.Tests = append(doc.Tests, test)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

type gsResults struct {
	Score         float64  `json:"score"`
	ExecutionTime int      `json:"execution_time,omitempty"`
	Output        string   `json:"output"`
	Tests         []gsTest `json:"tests"`
}

type gsTest struct {
	Name       string  `json:"name"`
	Number     string  `json:"number"`
	Score      float64 `json:"score"`
	MaxScore   float64 `json:"max_score"`
	Status     string  `json:"status,omitempty"`
	Output     string  `json:"output,omitempty"`
	Visibility string  `json:"visibility"`
}

func gsStatus(passed bool) string {
	if passed {
		return "passed"
	}
	return "failed"
}

func gsCase(t score.Task, i int, c score.Case) gsTest {
	test := gsTest{
		Name:       taskName(t.Task) + " " + caseName(c),
		Number:     fmt.Sprintf("%d.%d", t.Task, i),
		Score:      c.Score,
		MaxScore:   c.MaxScore,
		Visibility: gsVisible,
	}
	if c.Hidden {
		test.Visibility = gsAfterDueDate
	}
	switch {
	case c.Status == check.Skipped:
		test.Output = skipReason(c)
	case c.Status == check.Pass:
		test.Status = gsStatus(true)
	default:
		test.Status = gsStatus(false)
		test.Output = caseMessage(t, c)
		if detailed(c) {
			test.Output = caseDetails(t.Task, c)
		}
	}
	return test
}

// gsOutput is the text above the tests: the total, and what concerns a
// whole task (a compiler's messages, a missing folder).
func gsOutput(r *score.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s / %s points", num(r.Score), num(r.MaxScore))
	if r.PublicEstimate {
		b.WriteString(" (public estimate: hidden cases not run)")
	}
	b.WriteString(".\n")
	for _, t := range r.Tasks {
		if t.Message != "" {
			fmt.Fprintf(&b, "\n%s (%s):\n%s\n", taskTitle(t), t.Status, indent(t.Message, "  "))
		}
	}
	return b.String()
}
