package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/classgrade/gograder/grader/internal/score"
)

// Classroom writes the result as a GitHub Classroom autograding result,
// version 1: what the classroom test-runner actions hand, base64-encoded,
// to the grading reporter (education/autograding-grading-reporter), which
// shows each test and posts the sum of their scores out of max_score.
//
// There is a test per task (tasks that could not run here, with no
// points, are left out): status pass when the task has full marks, its
// message the task's points and its failed cases, test_code the command
// that grades it alone.
//
// Points are integers. A task's score is its score rounded down or up so
// that the tests add up to the total rounded half up (the largest
// remainder method: every task gets its score rounded down, then the
// points still missing go to the tasks with the largest remainders,
// earlier tasks first on ties): 46.7 shows as 47 whatever the tasks.
// Maxima are rounded the same way; full marks stay full marks.
//
// The output validates against testdata/classroom.schema.json.
func Classroom(w io.Writer, r *score.Result) error {
	var tasks []score.Task
	for _, t := range r.Tasks {
		if t.MaxScore > 0 {
			tasks = append(tasks, t)
		}
	}
	scores := make([]float64, len(tasks))
	maxima := make([]float64, len(tasks))
	for i, t := range tasks {
		scores[i], maxima[i] = t.Score, t.MaxScore
	}
	points, maxPoints := apportion(scores), apportion(maxima)
	doc := crResult{Version: 1, Status: "pass", Tests: []crTest{}}
	for i, t := range tasks {
		test := crTest{
			Name:     taskTitle(t),
			Status:   "pass",
			Message:  crMessage(t),
			TestCode: fmt.Sprintf("grader check . --task %d", t.Task),
			Score:    points[i],
		}
		if t.Score < t.MaxScore {
			test.Status, doc.Status = "fail", "fail"
		}
		doc.MaxScore += maxPoints[i]
		doc.Tests = append(doc.Tests, test)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

type crResult struct {
	Version  int      `json:"version"`
	Status   string   `json:"status"`
	MaxScore int      `json:"max_score"`
	Tests    []crTest `json:"tests"`
}

type crTest struct {
	Name     string `json:"name"`
	Status   string `json:"status"`
	Message  string `json:"message"`
	TestCode string `json:"test_code"`
	Score    int    `json:"score"`
}

// crMessage is the task's points and, when it lost some, why.
func crMessage(t score.Task) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", points(t.Score, t.MaxScore), t.Status)
	if counts := caseCounts(t); counts != "" {
		fmt.Fprintf(&b, "; %s", counts)
	}
	if t.Message != "" {
		b.WriteString("\n" + t.Message)
	}
	for _, c := range t.Cases {
		if failed(c) && !c.Hidden && t.Status != score.TaskCompileError && t.Status != score.TaskNotSubmitted {
			fmt.Fprintf(&b, "\n%s [%s]: %s", caseName(c), c.Status, caseMessage(t, c))
		}
	}
	if t.Written != nil && writtenPoints(t) < t.Written.MaxScore {
		b.WriteString("\n" + writtenMessage(t))
	}
	return b.String()
}

// apportion rounds xs (each with at most one decimal) to integers that
// add up to their sum rounded half up: each is rounded down, then the
// units still missing go to the largest remainders, earlier on ties.
func apportion(xs []float64) []int {
	out := make([]int, len(xs))
	rem := make([]int, len(xs))
	total, floors := 0, 0
	for i, x := range xs {
		tenths := int(x*10 + 0.5)
		total += tenths
		out[i], rem[i] = tenths/10, tenths%10
		floors += out[i]
	}
	missing := (total+5)/10 - floors
	for ; missing > 0; missing-- {
		best := -1
		for i, r := range rem {
			if r > 0 && (best < 0 || r > rem[best]) {
				best = i
			}
		}
		out[best]++
		rem[best] = 0
	}
	return out
}
