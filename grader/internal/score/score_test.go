package score_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// c is a case of the given weight and status.
func c(weight int, status string) score.Case {
	return score.Case{ID: "c", Weight: weight, Status: status}
}

type casePoints struct{ Score, MaxScore float64 }

func TestTally(t *testing.T) {
	const (
		pass = check.Pass
		fail = check.Fail
		skip = check.Skipped
	)
	tests := []struct {
		name       string
		status     string // the task's status before Tally
		points     int
		cases      []score.Case
		wantScore  float64
		wantMax    float64
		wantStatus string
		wantCases  []casePoints
	}{
		{
			name:      "all pass",
			points:    10,
			cases:     []score.Case{c(2, pass), c(3, pass)},
			wantScore: 10, wantMax: 10, wantStatus: score.TaskPass,
			wantCases: []casePoints{{4, 4}, {6, 6}},
		},
		{
			name:      "weights",
			points:    10,
			cases:     []score.Case{c(1, pass), c(3, fail), c(1, check.Timeout)},
			wantScore: 2, wantMax: 10, wantStatus: score.TaskPartial,
			wantCases: []casePoints{{2, 2}, {0, 6}, {0, 2}},
		},
		{
			name:      "rounded to 0.1",
			points:    10,
			cases:     []score.Case{c(1, pass), c(1, pass), c(1, fail)},
			wantScore: 6.7, wantMax: 10, wantStatus: score.TaskPartial,
			wantCases: []casePoints{{3.3, 3.3}, {3.3, 3.3}, {0, 3.3}},
		},
		{
			name:      "rounded down to 0.1",
			points:    10,
			cases:     []score.Case{c(1, pass), c(2, fail)},
			wantScore: 3.3, wantMax: 10, wantStatus: score.TaskPartial,
			wantCases: []casePoints{{3.3, 3.3}, {0, 6.7}},
		},
		{
			name:      "hybrid demo half",
			points:    5,
			cases:     []score.Case{c(2, pass), c(1, fail), c(4, pass)},
			wantScore: 4.3, wantMax: 5, wantStatus: score.TaskPartial,
			wantCases: []casePoints{{1.4, 1.4}, {0, 0.7}, {2.9, 2.9}},
		},
		{
			name:      "skipped cases leave both sums",
			points:    10,
			cases:     []score.Case{c(2, pass), c(3, skip), c(2, fail)},
			wantScore: 5, wantMax: 10, wantStatus: score.TaskPartial,
			wantCases: []casePoints{{5, 5}, {0, 0}, {0, 5}},
		},
		{
			name:      "skipped cases and the rest passes",
			points:    10,
			cases:     []score.Case{c(2, pass), c(3, skip)},
			wantScore: 10, wantMax: 10, wantStatus: score.TaskPass,
			wantCases: []casePoints{{10, 10}, {0, 0}},
		},
		{
			name:      "every case skipped",
			points:    10,
			cases:     []score.Case{c(2, skip), c(3, skip)},
			wantScore: 0, wantMax: 0, wantStatus: score.TaskSkipped,
			wantCases: []casePoints{{0, 0}, {0, 0}},
		},
		{
			name:      "all fail",
			points:    10,
			cases:     []score.Case{c(2, fail), c(3, check.RuntimeError), c(1, check.WrongErrorKind)},
			wantScore: 0, wantMax: 10, wantStatus: score.TaskFail,
			wantCases: []casePoints{{0, 3.3}, {0, 5}, {0, 1.7}},
		},
		{
			name:      "compile error",
			status:    score.TaskCompileError,
			points:    10,
			cases:     []score.Case{c(2, check.CompileError), c(3, check.CompileError)},
			wantScore: 0, wantMax: 10, wantStatus: score.TaskCompileError,
			wantCases: []casePoints{{0, 4}, {0, 6}},
		},
		{
			name:      "compile error with every case skipped",
			status:    score.TaskCompileError,
			points:    10,
			cases:     []score.Case{c(2, skip)},
			wantScore: 0, wantMax: 10, wantStatus: score.TaskCompileError,
			wantCases: []casePoints{{0, 0}},
		},
		{
			name:      "not submitted",
			status:    score.TaskNotSubmitted,
			points:    10,
			cases:     []score.Case{c(2, check.NotSubmitted)},
			wantScore: 0, wantMax: 10, wantStatus: score.TaskNotSubmitted,
			wantCases: []casePoints{{0, 10}},
		},
		{
			name:      "no cases",
			points:    10,
			wantScore: 0, wantMax: 0, wantStatus: score.TaskSkipped,
		},
		{
			name:   "a previous tally is replaced",
			status: score.TaskPass,
			points: 10,
			cases: []score.Case{
				{ID: "c1", Weight: 1, Status: fail, Score: 5, MaxScore: 5},
				{ID: "c2", Weight: 1, Status: skip, Score: 5, MaxScore: 5},
				{ID: "c3", Weight: 1, Status: pass},
			},
			wantScore: 5, wantMax: 10, wantStatus: score.TaskPartial,
			wantCases: []casePoints{{0, 5}, {0, 0}, {5, 5}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			task := &score.Task{Task: 1, Status: tt.status, Cases: tt.cases}
			score.Tally(task, tt.points)
			assert.Equal(t, task.Score, tt.wantScore)
			assert.Equal(t, task.MaxScore, tt.wantMax)
			assert.Equal(t, task.Status, tt.wantStatus)
			var got []casePoints
			for _, c := range task.Cases {
				got = append(got, casePoints{c.Score, c.MaxScore})
			}
			if diff := cmp.Diff(tt.wantCases, got); diff != "" {
				t.Errorf("case points mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTotal(t *testing.T) {
	r := &score.Result{Score: 99, MaxScore: 99, Tasks: []score.Task{
		{Task: 1, Score: 6.7, MaxScore: 10},
		{Task: 2, Score: 3.3, MaxScore: 10},
		{Task: 3, Score: 0.1, MaxScore: 10},
		{Task: 4, Score: 0, MaxScore: 0, Status: score.TaskSkipped},
		{Task: 5, Score: 0, MaxScore: 10, Status: score.TaskCompileError},
	}}
	score.Total(r)
	assert.Equal(t, r.Score, 10.1)
	assert.Equal(t, r.MaxScore, 40.0)

	r = &score.Result{Score: 5, MaxScore: 5}
	score.Total(r)
	assert.Equal(t, r.Score, 0.0)
	assert.Equal(t, r.MaxScore, 0.0)
}

func TestTotalOfManyTasks(t *testing.T) {
	// 40 tasks of 3.3 points: the float sum must still come out as 132.
	r := &score.Result{}
	for i := 1; i <= 40; i++ {
		r.Tasks = append(r.Tasks, score.Task{Task: i, Score: 3.3, MaxScore: 10})
	}
	score.Total(r)
	assert.Equal(t, r.Score, 132.0)
	assert.Equal(t, r.MaxScore, 400.0)
}

func TestRound1(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{0, 0},
		{6.666, 6.7},
		{3.333, 3.3},
		{0.05, 0.1},
		{9.95, 10},
		{9.94, 9.9},
		{10, 10},
	}
	for _, tt := range tests {
		assert.Equal(t, score.Round1(tt.in), tt.want, "Round1(%v)", tt.in)
	}
}
