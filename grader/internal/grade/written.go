package grade

import (
	"fmt"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/rubric"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// AnswerFile is the written answer of a task.
const AnswerFile = "answer.md"

// writtenShare is the points a task's written answer carries.
func writtenShare(s *spec.Spec) int {
	switch {
	case s.Rubric == nil:
		return 0
	case s.Kind == spec.KindWritten:
		return s.Points
	}
	return s.Points - casePoints(s)
}

// gradeWritten scores the task's answer.md on its rubric; src is nil when
// the task folder is missing.
func gradeWritten(s *spec.Spec, src *build.Source) (*score.Written, error) {
	share := float64(writtenShare(s))
	w := &score.Written{MaxScore: share, Review: true, MinWords: s.Rubric.MinWords}
	var answer []byte
	if src != nil {
		answer = src.Extra[AnswerFile]
	}
	if answer == nil {
		w.Message = fmt.Sprintf("no %s/%s: the written answer is missing", TaskName(s.Task), AnswerFile)
		for _, g := range s.Rubric.Groups {
			w.Groups = append(w.Groups, score.WrittenGroup{ID: g.ID, Name: g.Name, Missing: g.Missing})
		}
		return w, nil
	}
	r, err := rubric.Grade(s.Rubric, answer, share)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	w.Score, w.Words, w.Short = r.Score, r.Words, r.Short
	for _, g := range r.Groups {
		wg := score.WrittenGroup{ID: g.ID, Name: g.Name, Hit: g.Hit, Phrase: g.Phrase}
		if !g.Hit {
			wg.Missing = g.Missing
		}
		w.Groups = append(w.Groups, wg)
	}
	for _, m := range r.Misconceptions {
		w.Misconceptions = append(w.Misconceptions, score.WrittenMisconception{ID: m.ID, Claim: m.Claim, Sentence: m.Sentence})
	}
	if r.Short {
		w.Message = fmt.Sprintf("%d words, fewer than the %d asked for: the concept score was halved", r.Words, r.MinWords)
	}
	return w, nil
}
