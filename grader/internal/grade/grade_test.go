package grade_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
	"github.com/classgrade/gograder/reference"
	"github.com/classgrade/gograder/specs"
	"gotest.tools/v3/assert"
)

// newGrader grades with the project's specs and references; timeout, when
// set, replaces every run's time limit (hostile programs run into it).
func newGrader(t testing.TB, timeout time.Duration) *grade.Grader {
	t.Helper()
	all, err := spec.LoadFS(specs.FS, "specs")
	assert.NilError(t, err)
	if timeout > 0 {
		for _, s := range all {
			for ci := range s.Cases {
				for ri := range s.Cases[ci].Runs {
					s.Cases[ci].Runs[ri].Timeout = spec.Duration(timeout)
				}
			}
		}
	}
	iso := sandbox.Detect()
	syscall.Umask(0o022)
	return grade.New(grade.Options{Specs: all, Reference: reference.FS, Runner: sandbox.New(iso),
		Isolation: iso, RevealHidden: true})
}

// TestCompleteSample: an independently written correct solution of every
// task with a spec gets full marks.
func TestCompleteSample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the sample")
	}
	g := newGrader(t, 0)
	res, err := g.Grade(context.Background(), "../../../submissions/complete", nil)
	assert.NilError(t, err)
	graded := 0
	for _, tk := range res.Tasks {
		if tk.Status == score.TaskNotSubmitted {
			continue // tasks the sample does not cover yet
		}
		graded++
		for _, c := range tk.Cases {
			if c.Status != "pass" && c.Status != "skipped" {
				t.Errorf("task %02d case %s: %s: %s\n%s", tk.Task, c.ID, c.Status, c.Message, c.Diff)
			}
		}
		if tk.Score != tk.MaxScore {
			t.Errorf("task %02d: %.1f of %.1f: %s %+v", tk.Task, tk.Score, tk.MaxScore, tk.Message, tk.Written)
		}
	}
	assert.Assert(t, graded >= 23, "the complete sample covers %d tasks", graded)
}
