package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/classgrade/gograder/grader/internal/grade"
)

var selftestCmd = &Command{
	Name:  "selftest",
	Usage: "[flags]",
	Short: "prove the specs: the reference passes, every mutant is caught",
	Long: `Selftest grades each task's reference solution on its spec, which must
score full marks (so every explicit expectation of the spec holds for the
reference), and every mutant of the reference (reference/taskNN/mutants/*.patch,
one typical mistake each), which must fail the cases its header names.

It exits with status 1 when a reference loses points or a mutant survives,
naming what failed.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var gf gradeFlags
		gf.register(fs)
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) > 0 {
				return usagef("takes no arguments")
			}
			g, err := gf.grader(grade.Options{RevealHidden: true})
			if err != nil {
				return err
			}
			st, err := g.SelfTest(ctx, gf.tasks)
			if err != nil {
				return err
			}
			printSelfTest(env, st)
			if !st.OK() {
				return exitCode(ExitError)
			}
			return nil
		}
	},
}

func printSelfTest(env *Env, st *grade.SelfTest) {
	w := env.Stdout
	caught, total := 0, 0
	for _, t := range st.Tasks {
		mc := 0
		for _, m := range t.Mutants {
			total++
			if len(m.Missed) == 0 {
				mc++
				caught++
			}
		}
		status := "ok"
		if !t.ReferenceOK() || mc != len(t.Mutants) {
			status = "FAIL"
		}
		fmt.Fprintf(w, "%-4s task%02d  reference %.1f/%.1f  mutants caught %d/%d\n", status, t.Task, t.Reference.Score, t.Reference.MaxScore, mc, len(t.Mutants))
		if !t.ReferenceOK() {
			for _, c := range t.Reference.Cases {
				if c.Status != "pass" && c.Status != "skipped" {
					fmt.Fprintf(w, "      reference fails %s [%s]: %s\n", c.ID, c.Status, strings.ReplaceAll(c.Message, "\n", "\n        "))
					if c.Diff != "" {
						fmt.Fprintf(w, "        %s\n", strings.ReplaceAll(strings.TrimSpace(c.Diff), "\n", "\n        "))
					}
				}
			}
			if t.Reference.Message != "" {
				fmt.Fprintf(w, "      %s\n", t.Reference.Message)
			}
		}
		for _, m := range t.Mutants {
			if len(m.Missed) > 0 {
				fmt.Fprintf(w, "      mutant %s (%s) not caught by %s\n", m.ID, m.Mistake, strings.Join(m.Missed, ", "))
			}
			if len(m.Skipped) > 0 {
				fmt.Fprintf(w, "      mutant %s: %s skipped on this machine\n", m.ID, strings.Join(m.Skipped, ", "))
			}
		}
	}
	verdict := "PASS"
	if !st.OK() {
		verdict = "FAIL"
	}
	refsOK := 0
	for _, t := range st.Tasks {
		if t.ReferenceOK() {
			refsOK++
		}
	}
	fmt.Fprintf(w, "%s: %d tasks, %d/%d mutants caught\n", verdict, len(st.Tasks), caught, total)
	// A closing line CI tools read: each reference and each mutant is a check.
	fmt.Fprintf(w, "selftest: %d passed, %d failed\n", refsOK+caught, len(st.Tasks)-refsOK+total-caught)
}
