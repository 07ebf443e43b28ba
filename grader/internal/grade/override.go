package grade

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
	"go.yaml.in/yaml/v3"
)

// Override is an instructor's decision on one written answer.
type Override struct {
	Submission string  `yaml:"submission"`
	Task       int     `yaml:"task"`
	Points     float64 `yaml:"points"`
	Comment    string  `yaml:"comment"`
	line       int
}

type overridesFile struct {
	Overrides []Override `yaml:"overrides"`
}

// LoadOverrides reads an overrides file:
//
//	overrides:
//	  - submission: alice
//	    task: 5
//	    points: 8
//	    comment: good use of defer; the GC point is missing
func LoadOverrides(path string) ([]Override, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load overrides: %w", err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var f overridesFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// Lines of the entries, for messages.
	if len(root.Content) > 0 {
		for i := 0; i+1 < len(root.Content[0].Content); i += 2 {
			if root.Content[0].Content[i].Value == "overrides" {
				for k, n := range root.Content[0].Content[i+1].Content {
					if k < len(f.Overrides) {
						f.Overrides[k].line = n.Line
					}
				}
			}
		}
	}
	for i := range f.Overrides {
		if f.Overrides[i].Submission == "" || f.Overrides[i].Task == 0 {
			return nil, fmt.Errorf("%s:%d: an override needs submission and task", path, f.Overrides[i].line)
		}
	}
	return f.Overrides, nil
}

// CheckOverrides refuses overrides that name a submission not being graded
// or a task without a written part, or give more points than it carries:
// a typo must not be silently ignored.
func CheckOverrides(path string, ovs []Override, submissions []string, specs []*spec.Spec) error {
	known := map[string]bool{}
	for _, s := range submissions {
		known[s] = true
	}
	byTask := map[int]*spec.Spec{}
	for _, s := range specs {
		byTask[s.Task] = s
	}
	var errs []error
	for _, o := range ovs {
		s := byTask[o.Task]
		switch {
		case !known[o.Submission]:
			sort.Strings(submissions)
			errs = append(errs, fmt.Errorf("%s:%d: no submission %q is being graded (graded: %v)", path, o.line, o.Submission, submissions))
		case s == nil:
			errs = append(errs, fmt.Errorf("%s:%d: no task %d", path, o.line, o.Task))
		case s.Rubric == nil:
			errs = append(errs, fmt.Errorf("%s:%d: task %d has no written part to override", path, o.line, o.Task))
		case o.Points < 0 || o.Points > float64(writtenShare(s)):
			errs = append(errs, fmt.Errorf("%s:%d: task %d's written part is worth 0 to %d points, not %v", path, o.line, o.Task, writtenShare(s), o.Points))
		}
	}
	return errors.Join(errs...)
}

// applyOverrides puts the instructor's scores in place of the automatic ones.
func (g *Grader) applyOverrides(res *score.Result) error {
	for _, o := range g.opt.Overrides {
		if o.Submission != res.Submission {
			continue
		}
		for i := range res.Tasks {
			t := &res.Tasks[i]
			if t.Task != o.Task || t.Written == nil {
				continue
			}
			t.Override = &score.Override{Points: score.Round1(o.Points), Comment: o.Comment, Automatic: t.Written.Score}
			score.Tally(t, casePoints(g.specs[t.Task]))
		}
	}
	return nil
}
