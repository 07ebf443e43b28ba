package grade

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/rules"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// staticOnce type-checks a task's source once, for all its static cases.
type staticOnce struct {
	once sync.Once
	pkg  *rules.Package
	err  error
}

func (g *Grader) gradeCase(ctx context.Context, s *spec.Spec, c *spec.Case, built *build.Result, src *build.Source, bt *build.Task, ref *refTask, st *staticOnce) (score.Case, error) {
	if reason := g.unmet(c); reason != "" {
		return g.caseResult(c, check.Verdict{Status: check.Skipped, Message: reason}, "", ""), nil
	}
	if len(c.Static) > 0 {
		st.once.Do(func() { st.pkg, st.err = rules.Load(src.Name, src.Files) })
		if st.err != nil {
			return g.caseResult(c, check.Verdict{Status: check.Fail, Message: st.err.Error()}, "", ""), nil
		}
		for _, r := range c.Static {
			if msg := st.pkg.Check(r); msg != "" {
				return g.caseResult(c, check.Verdict{Status: check.Fail, Message: msg}, "", ""), nil
			}
		}
	}
	if len(c.Runs) == 0 {
		return g.caseResult(c, check.Verdict{Status: check.Pass}, "", ""), nil
	}
	for _, r := range c.Runs {
		if r.IsFunction() && !bt.Probes {
			return g.caseResult(c, check.Verdict{Status: check.SignatureMismatch,
				Message: "signature mismatch: " + bt.ProbeMessage}, r.Name, describeRun(bt.Name, &r)), nil
		}
	}
	want := ref.obs[c.ID]
	if len(want) != len(c.Runs) {
		return score.Case{}, fmt.Errorf("%s case %s: the reference has no observation for this case", s.File, c.ID)
	}
	// The builds a case waits for are made before it takes a slot.
	for _, r := range c.Runs {
		switch {
		case r.Race:
			if _, err := built.Race(); err != nil {
				return score.Case{}, err
			}
		case r.IsDebug() && g.dlv != "":
			built.DebugBinary(ctx, bt.Name) // a failure is reported by the run
		}
	}
	if err := g.slots.acquire(ctx, caseCost(c, want)); err != nil {
		return score.Case{}, err
	}
	obs, err := g.runCase(ctx, built, bt, src, c, false)
	g.slots.release()
	if err != nil {
		return score.Case{}, err
	}
	for i := range c.Runs {
		r := &c.Runs[i]
		v, err := checkRun(s, r, obs[i], want[i])
		if err != nil {
			return score.Case{}, err
		}
		if !v.OK() {
			return g.caseResult(c, v, r.Name, describeRun(bt.Name, r)), nil
		}
	}
	return g.caseResult(c, check.Verdict{Status: check.Pass}, "", ""), nil
}

// checkRun checks a run against its spec and the reference's run; a
// repeated run must pass every time, and its verdict says how often not.
func checkRun(s *spec.Spec, r *spec.Run, obs, ref *check.Observation) (check.Verdict, error) {
	if len(obs.Repeats) == 0 {
		return checkOnce(s, r, obs, ref)
	}
	all := append([]*check.Observation{obs}, obs.Repeats...)
	failed, firstAt := 0, -1
	var first check.Verdict
	for i, o := range all {
		v, err := checkOnce(s, r, o, ref)
		if err != nil {
			return v, err
		}
		if !v.OK() {
			failed++
			if firstAt < 0 {
				first, firstAt = v, i
			}
		}
	}
	if failed == 0 {
		return check.Verdict{Status: check.Pass}, nil
	}
	gmp := r.Env["GOMAXPROCS"]
	if gmp == "" {
		gmp = gomaxprocs[firstAt%len(gomaxprocs)]
	}
	// How many of the runs failed varies from grading to grading when a
	// program races: say what fails, not how often, so that the same
	// submission gets the same report.
	first.Message = fmt.Sprintf("every one of %d runs must pass, and one with GOMAXPROCS=%s did not: %s", len(all), gmp, first.Message)
	return first, nil
}

func checkOnce(s *spec.Spec, r *spec.Run, obs, ref *check.Observation) (check.Verdict, error) {
	switch {
	case r.IsFunction():
		return check.Calls(r, obs, ref), nil
	case r.IsDebug():
		return check.Debug(r.Expect.Dlv, obs), nil
	}
	var golden []byte
	if f := r.Expect.StdoutFile; f != "" {
		var err error
		if golden, err = s.ReadFile(f); err != nil {
			return check.Verdict{}, fmt.Errorf("%s: read %s: %w", s.File, f, err)
		}
	}
	return check.Program(r, obs, ref, golden), nil
}

// unmet returns why the case cannot run here, or "".
func (g *Grader) unmet(c *spec.Case) string {
	var why []string
	for _, t := range c.Tags {
		if reason, ok := g.tags[t]; ok {
			why = append(why, fmt.Sprintf("[%s] %s", t, reason))
		}
	}
	return strings.Join(why, "; ")
}

// caseResult turns a verdict into the case's entry of the result; a hidden
// case shows its status only, unless the grader reveals hidden cases.
func (g *Grader) caseResult(c *spec.Case, v check.Verdict, run, command string) score.Case {
	out := score.Case{ID: c.ID, Title: c.Title, Status: v.Status, Weight: c.Weight, Hidden: c.Hidden}
	if v.OK() {
		return out
	}
	if len(c.Runs) < 2 {
		run = "" // naming the only run says nothing
	}
	out.Message, out.Rule, out.Diff, out.Hint, out.Run, out.Command = v.Message, v.Rule, v.Diff, c.Hint, run, command
	if v.Status == check.Skipped || v.Status == check.CompileError || v.Status == check.NotSubmitted {
		out.Hint = ""
	}
	if c.Hidden && !g.opt.RevealHidden {
		out.Title, out.Message, out.Rule, out.Diff, out.Hint, out.Run, out.Command = "", "", "", "", "", "", ""
	}
	return out
}
