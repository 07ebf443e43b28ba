package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/classgrade/gograder/grader/internal/score"
)

// Canvas writes the results as a CSV that Canvas's gradebook imports
// (Grades, Import): the columns Student, ID, SIS User ID, SIS Login ID
// and Section, then one column per task, each a Canvas assignment named
// "Task 08: its title" (Canvas creates the ones it does not have), then
// a "Points Possible" row with each task's points, then a row per
// submission.
//
// The submission's name (its folder) goes in Student and SIS Login ID,
// by which Canvas matches a row to a student when ID is empty; ID, SIS
// User ID and Section are left empty. Name the folders by the students'
// login IDs (or fill ID from a Canvas export) before importing. There is
// no total column: Canvas computes its own, and would take one as another
// assignment. A task with no points anywhere (every case skipped) gets
// no column; a task a submission was not graded on is left empty, which
// Canvas leaves as it was.
func Canvas(w io.Writer, results []*score.Result) error {
	type column struct {
		title string
		max   float64
	}
	cols := map[int]*column{}
	for _, r := range results {
		for _, t := range r.Tasks {
			c := cols[t.Task]
			if c == nil {
				c = &column{title: t.Title}
				cols[t.Task] = c
			}
			c.max = max(c.max, t.MaxScore)
		}
	}
	var nums []int
	for n, c := range cols {
		if c.max > 0 {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	cw := newCSV(w)
	head := []string{"Student", "ID", "SIS User ID", "SIS Login ID", "Section"}
	possible := []string{"Points Possible", "", "", "", ""}
	for _, n := range nums {
		name := fmt.Sprintf("Task %02d", n)
		if t := cols[n].title; t != "" {
			name += ": " + t
		}
		head = append(head, name)
		possible = append(possible, num(cols[n].max))
	}
	cw.Write(head)
	cw.Write(possible)
	for _, r := range results {
		byTask := map[int]float64{}
		for _, t := range r.Tasks {
			byTask[t.Task] = t.Score
		}
		row := []string{r.Submission, "", "", r.Submission, ""}
		for _, n := range nums {
			if s, ok := byTask[n]; ok {
				row = append(row, num(s))
			} else {
				row = append(row, "")
			}
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}
