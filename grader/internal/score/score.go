// Package score turns case verdicts into points and defines the result
// document every report is derived from.
//
// The formula (catalogue 0.5): each case has an integer weight w. A task
// scores
//
//	points × Σw(passed) / Σw(applicable)
//
// rounded to 0.1, where skipped cases (the machine cannot run them) are not
// applicable: they leave both sums. A task that does not build, or whose
// folder is missing, scores 0 for its cases. A task whose every case was
// skipped is not counted at all (score 0 of max 0) and says why.
//
// Written answers are scored by their rubric (package rubric) out of the
// written share: all the points of a written task, half of a hybrid one,
// whose cases then carry the other half. An instructor's override replaces
// the automatic written score. The submission's score is the sum of its
// tasks' scores.
package score

import (
	"math"

	"github.com/classgrade/gograder/grader/internal/check"
)

// SchemaVersion is the version of the Result document (schema/result.schema.json).
const SchemaVersion = 1

// Result is the graded submission: the source of every report format.
type Result struct {
	SchemaVersion int     `json:"schema_version"`
	Submission    string  `json:"submission"`
	Score         float64 `json:"score"`
	MaxScore      float64 `json:"max_score"`
	// PublicEstimate is true when hidden cases were not run: the score is
	// an estimate from the public cases only.
	PublicEstimate bool   `json:"public_estimate,omitempty"`
	Isolation      string `json:"isolation,omitempty"`
	Tasks          []Task `json:"tasks"`
}

// Task statuses.
const (
	TaskPass         = "pass"    // full marks
	TaskPartial      = "partial" // some points
	TaskFail         = "fail"    // no points, but it ran
	TaskCompileError = check.CompileError
	TaskNotSubmitted = check.NotSubmitted
	TaskSkipped      = check.Skipped
)

// Task is one task's result.
type Task struct {
	Task     int     `json:"task"`
	Title    string  `json:"title"`
	Kind     string  `json:"kind"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Status   string  `json:"status"`
	// Message explains a task-level status (the compiler's output, the
	// signature mismatch, the files that were ignored).
	Message string `json:"message,omitempty"`
	Cases   []Case `json:"cases"`
	// Written is the rubric grading of answer.md (written and hybrid tasks).
	Written *Written `json:"written,omitempty"`
	// Override is an instructor's replacement of the written score.
	Override *Override `json:"override,omitempty"`
}

// Written is an automatically graded answer: always provisional
// ("review"), with what an instructor needs to confirm or override it.
type Written struct {
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Review   bool    `json:"review"`
	Words    int     `json:"words"`
	MinWords int     `json:"min_words"`
	// Short: fewer words than the minimum, so the concept score was halved.
	Short          bool                   `json:"short,omitempty"`
	Groups         []WrittenGroup         `json:"groups"`
	Misconceptions []WrittenMisconception `json:"misconceptions,omitempty"`
	Message        string                 `json:"message,omitempty"`
}

// WrittenGroup is one concept of the rubric.
type WrittenGroup struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Hit     bool   `json:"hit"`
	Phrase  string `json:"phrase,omitempty"`  // what matched, when hit
	Missing string `json:"missing,omitempty"` // what to add, when missed
}

// WrittenMisconception is a wrong claim found, with the sentence making it.
type WrittenMisconception struct {
	ID       string `json:"id"`
	Claim    string `json:"claim"`
	Sentence string `json:"sentence"`
}

// Override replaces the automatic written score.
type Override struct {
	Points    float64 `json:"points"`
	Comment   string  `json:"comment,omitempty"`
	Automatic float64 `json:"automatic"` // the score it replaced
}

// Case is one case's result. Hidden cases carry only id, status and points
// unless the grader was asked to reveal them.
type Case struct {
	ID       string  `json:"id"`
	Title    string  `json:"title,omitempty"`
	Status   string  `json:"status"`
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	Weight   int     `json:"weight"`
	Hidden   bool    `json:"hidden"`
	Message  string  `json:"message,omitempty"`
	Rule     string  `json:"rule,omitempty"`
	Diff     string  `json:"diff,omitempty"`
	Hint     string  `json:"hint,omitempty"`
	// Run is the failing run ("a", "b" …) and Command what it ran.
	Run     string `json:"run,omitempty"`
	Command string `json:"command,omitempty"`
}

// Round1 rounds to one decimal, as every score is.
func Round1(x float64) float64 { return math.Round(x*10) / 10 }

// Tally fills in the case and task points from the case statuses and the
// written part; points is the share of the task's points its cases carry.
func Tally(t *Task, points int) {
	var passed, applicable int
	for _, c := range t.Cases {
		if c.Status == check.Skipped {
			continue
		}
		applicable += c.Weight
		if c.Status == check.Pass {
			passed += c.Weight
		}
	}
	for i := range t.Cases {
		c := &t.Cases[i]
		c.Score, c.MaxScore = 0, 0
		if c.Status == check.Skipped || applicable == 0 {
			continue
		}
		c.MaxScore = Round1(float64(points*c.Weight) / float64(applicable))
		if c.Status == check.Pass {
			c.Score = c.MaxScore
		}
	}
	var score, max float64
	fixed := t.Status == TaskCompileError || t.Status == TaskNotSubmitted
	switch {
	case len(t.Cases) == 0:
	case fixed:
		max = float64(points)
	case applicable > 0:
		max = float64(points)
		score = Round1(float64(points*passed) / float64(applicable))
	}
	if w := t.Written; w != nil {
		max += w.MaxScore
		if t.Override != nil {
			score += t.Override.Points
		} else {
			score += w.Score
		}
	}
	t.Score, t.MaxScore = Round1(score), Round1(max)
	switch {
	case fixed:
	case t.MaxScore == 0:
		t.Status = TaskSkipped
	case t.Score == t.MaxScore:
		t.Status = TaskPass
	case t.Score > 0:
		t.Status = TaskPartial
	default:
		t.Status = TaskFail
	}
}

// Total sums the tasks into the result.
func Total(r *Result) {
	r.Score, r.MaxScore = 0, 0
	for _, t := range r.Tasks {
		r.Score += t.Score
		r.MaxScore += t.MaxScore
	}
	r.Score, r.MaxScore = Round1(r.Score), Round1(r.MaxScore)
}
