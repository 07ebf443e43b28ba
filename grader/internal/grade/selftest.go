package grade

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"sync"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/mutant"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// SelfTest is the outcome of grading the reference and its mutants.
type SelfTest struct {
	Tasks []SelfTestTask
}

// SelfTestTask is one task's self-test.
type SelfTestTask struct {
	Task      int
	Reference score.Task // must be full marks
	Mutants   []MutantResult
}

// MutantResult says whether the cases a mutant claims caught it.
type MutantResult struct {
	ID       string
	Mistake  string
	CaughtBy []string
	// Missed lists the named cases that passed the mutant; Skipped the
	// named cases this machine cannot run.
	Missed, Skipped []string
	Score           float64
}

// OK reports whether every reference scored full marks and every mutant
// was caught by the cases it names.
func (st *SelfTest) OK() bool {
	for _, t := range st.Tasks {
		if !t.ReferenceOK() {
			return false
		}
		for _, m := range t.Mutants {
			if len(m.Missed) > 0 {
				return false
			}
		}
	}
	return true
}

// ReferenceOK reports whether the reference scored full marks on every case
// this machine can run.
func (t SelfTestTask) ReferenceOK() bool {
	return t.Reference.Score == t.Reference.MaxScore && t.Reference.Status != score.TaskSkipped
}

// SelfTest grades the reference of each task on its own spec and every
// mutant of it, all in one build. Explicit expectations of the specs are
// checked against the reference on the way.
func (g *Grader) SelfTest(ctx context.Context, tasks []int) (*SelfTest, error) {
	specs, err := g.pick(tasks)
	if err != nil {
		return nil, err
	}
	type unit struct {
		s   *spec.Spec
		src *build.Source
		mut *mutant.Mutant
	}
	var units []unit
	var srcs []*build.Source
	for _, s := range specs {
		ref, err := ReferenceSource(g.opt.Reference, s.Task)
		if err != nil {
			return nil, err
		}
		ref.Spec = s
		units = append(units, unit{s: s, src: ref})
		srcs = append(srcs, ref)
		muts, err := Mutants(g.opt.Reference, s.Task)
		if err != nil {
			return nil, err
		}
		for _, m := range muts {
			all := map[string][]byte{}
			for n, b := range ref.Files {
				all[n] = b
			}
			for n, b := range ref.Extra {
				all[n] = b
			}
			patched, err := m.Apply(all)
			if err != nil {
				return nil, err
			}
			src := &build.Source{Name: TaskName(s.Task) + "~" + m.ID, Files: map[string][]byte{}, Extra: map[string][]byte{}, Spec: s}
			for n, b := range patched {
				if _, extra := ref.Extra[n]; extra {
					src.Extra[n] = b
				} else {
					src.Files[n] = b
				}
			}
			units = append(units, unit{s: s, src: src, mut: m})
			srcs = append(srcs, src)
		}
	}
	if err := g.prepareReferences(ctx, specs); err != nil {
		return nil, err
	}
	var code []*build.Source
	for _, src := range srcs {
		if src.Spec.Kind != spec.KindWritten {
			code = append(code, src)
		}
	}
	built, err := g.buildAll(ctx, code, g.opt.Build)
	if err != nil {
		return nil, err
	}
	defer built.Cleanup()

	results := make([]score.Task, len(units))
	errs := make([]error, len(units))
	var wg sync.WaitGroup
	for i, u := range units {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = g.gradeTask(ctx, u.s, built, u.src, built.Tasks[u.src.Name])
			if u.s.Kind == spec.KindWritten && u.mut == nil && len(u.src.Extra) == 0 {
				errs[i] = fmt.Errorf("reference/%s: no %s", TaskName(u.s.Task), AnswerFile)
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	st := &SelfTest{}
	for i, u := range units {
		if u.mut == nil {
			st.Tasks = append(st.Tasks, SelfTestTask{Task: u.s.Task, Reference: results[i]})
			continue
		}
		last := &st.Tasks[len(st.Tasks)-1]
		last.Mutants = append(last.Mutants, judgeMutant(u.mut, results[i]))
	}
	return st, nil
}

func judgeMutant(m *mutant.Mutant, t score.Task) MutantResult {
	r := MutantResult{ID: m.ID, Mistake: m.Mistake, CaughtBy: m.CaughtBy, Score: t.Score}
	status := map[string]string{}
	for _, c := range t.Cases {
		status[c.ID] = c.Status
	}
	for _, id := range m.CaughtBy {
		switch st, ok := status[id]; {
		case t.Status == score.TaskCompileError:
			// a mutant that does not compile proves nothing
			r.Missed = append(r.Missed, id+" (the mutant does not compile: "+firstLine(t.Message)+")")
		case !ok:
			r.Missed = append(r.Missed, id+" (no such case)")
		case st == check.Skipped:
			r.Skipped = append(r.Skipped, id)
		case st == check.Pass:
			r.Missed = append(r.Missed, id)
		}
	}
	return r
}

func firstLine(s string) string {
	for i, c := range s {
		if c == '\n' {
			return s[:i]
		}
	}
	return s
}

// Mutants reads the mutants of a task's reference, sorted by id.
func Mutants(fsys fs.FS, task int) ([]*mutant.Mutant, error) {
	dir := path.Join(TaskName(task), "mutants")
	names, err := fs.Glob(fsys, path.Join(dir, "*.patch"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*mutant.Mutant
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("read mutant: %w", err)
		}
		m, err := mutant.Parse("reference/"+n, data)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}
