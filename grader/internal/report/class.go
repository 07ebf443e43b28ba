package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/olekukonko/tablewriter"
)

// mostFailed is how many of the most failed cases the class summary lists.
const mostFailed = 10

// ClassSummary writes a class's results: a table of students, a table of
// tasks (average points and how many got full marks), and the cases most
// students fail. results are in the order to list them.
func ClassSummary(w io.Writer, results []*score.Result) error {
	fmt.Fprintf(w, "Class summary: %d submissions\n", len(results))
	st := tablewriter.NewWriter(w)
	st.Header("Submission", "Points", "Tasks passed", "Cases failed")
	for _, r := range results {
		passed, failed := 0, 0
		for _, t := range r.Tasks {
			if t.Status == score.TaskPass {
				passed++
			}
			for _, c := range t.Cases {
				if c.Status != check.Pass && c.Status != check.Skipped {
					failed++
				}
			}
		}
		if err := st.Append(r.Submission, points(r.Score, r.MaxScore), fmt.Sprintf("%d/%d", passed, len(r.Tasks)), fmt.Sprint(failed)); err != nil {
			return err
		}
	}
	if err := st.Render(); err != nil {
		return err
	}

	type taskStat struct {
		title      string
		sum, max   float64
		full, seen int
	}
	tasks := map[int]*taskStat{}
	type caseKey struct {
		task int
		id   string
	}
	type caseStat struct {
		title          string
		failed, graded int
	}
	cases := map[caseKey]*caseStat{}
	for _, r := range results {
		for _, t := range r.Tasks {
			ts := tasks[t.Task]
			if ts == nil {
				ts = &taskStat{title: t.Title}
				tasks[t.Task] = ts
			}
			ts.seen++
			ts.sum += t.Score
			ts.max = max(ts.max, t.MaxScore)
			if t.MaxScore > 0 && t.Score == t.MaxScore {
				ts.full++
			}
			for _, c := range t.Cases {
				if c.Status == check.Skipped {
					continue
				}
				k := caseKey{t.Task, c.ID}
				cs := cases[k]
				if cs == nil {
					cs = &caseStat{}
					cases[k] = cs
				}
				if cs.title == "" {
					cs.title = c.Title
				}
				cs.graded++
				if c.Status != check.Pass {
					cs.failed++
				}
			}
		}
	}
	var nums []int
	for n := range tasks {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	tt := tablewriter.NewWriter(w)
	tt.Header("Task", "Title", "Average", "Full marks")
	for _, n := range nums {
		ts := tasks[n]
		avg := score.Round1(ts.sum / float64(ts.seen))
		if err := tt.Append(fmt.Sprintf("%02d", n), ts.title, points(avg, ts.max), fmt.Sprintf("%d/%d", ts.full, ts.seen)); err != nil {
			return err
		}
	}
	if err := tt.Render(); err != nil {
		return err
	}

	var keys []caseKey
	for k, cs := range cases {
		if cs.failed > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := cases[keys[i]], cases[keys[j]]
		if a.failed != b.failed {
			return a.failed > b.failed
		}
		if keys[i].task != keys[j].task {
			return keys[i].task < keys[j].task
		}
		return keys[i].id < keys[j].id
	})
	if len(keys) == 0 {
		return nil
	}
	if len(keys) > mostFailed {
		keys = keys[:mostFailed]
	}
	fmt.Fprintln(w, "Cases most submissions fail:")
	ft := tablewriter.NewWriter(w)
	ft.Header("Task", "Case", "Title", "Failed by")
	for _, k := range keys {
		cs := cases[k]
		title := cs.title
		if title == "" {
			title = "(hidden)"
		}
		if err := ft.Append(fmt.Sprintf("%02d", k.task), k.id, title, fmt.Sprintf("%d/%d", cs.failed, cs.graded)); err != nil {
			return err
		}
	}
	return ft.Render()
}

// Gradebook writes one CSV row per submission: its name, a column per task
// (the task's points) and the total. Columns are the union of the tasks of
// all results, in task order.
func Gradebook(w io.Writer, results []*score.Result) error {
	seen := map[int]bool{}
	var nums []int
	for _, r := range results {
		for _, t := range r.Tasks {
			if !seen[t.Task] {
				seen[t.Task] = true
				nums = append(nums, t.Task)
			}
		}
	}
	sort.Ints(nums)
	cw := newCSV(w)
	head := []string{"submission"}
	for _, n := range nums {
		head = append(head, fmt.Sprintf("task%02d", n))
	}
	cw.Write(append(head, "total", "max"))
	for _, r := range results {
		byTask := map[int]score.Task{}
		for _, t := range r.Tasks {
			byTask[t.Task] = t
		}
		row := []string{r.Submission}
		for _, n := range nums {
			if t, ok := byTask[n]; ok {
				row = append(row, fmt.Sprintf("%.1f", t.Score))
			} else {
				row = append(row, "")
			}
		}
		cw.Write(append(row, fmt.Sprintf("%.1f", r.Score), fmt.Sprintf("%.1f", r.MaxScore)))
	}
	cw.Flush()
	return cw.Error()
}

// newCSV returns a CSV writer that neutralises cells a spreadsheet would
// run as a formula (a submission named "=cmd()").
func newCSV(w io.Writer) *safeCSV { return &safeCSV{csv.NewWriter(w)} }

type safeCSV struct{ *csv.Writer }

func (c *safeCSV) Write(row []string) error {
	for i, cell := range row {
		if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
			if _, err := strconv.ParseFloat(cell, 64); err != nil {
				row[i] = "'" + cell
			}
		}
	}
	return c.Writer.Write(row)
}
