package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/score"
)

// ExitBelowMin is check's exit status when the score is below --min-score.
const ExitBelowMin = 3

var checkCmd = &Command{
	Name:  "check",
	Usage: "[flags] DIR",
	Short: "grade one submission and print its scorecard",
	Long: `Check grades the submission in DIR, a folder holding task01/ … task40/,
and prints a scorecard: a table of tasks with their points, then, for every
failed public case, what was run, a diff of the expected against the actual
output, the error-convention rule that was broken, a hint, and a command
that reproduces the run outside the grader. Hidden cases show as counts only.
The scorecard is in colour on a terminal, unless NO_COLOR is set.

The submission is copied into a temporary workspace and never changed.

--format chooses the report, and is repeatable: each report goes to the
file of the --out after it, or to stdout (at most one document on stdout;
the scorecard and GitHub annotations may share it). --format NAME=FILE is
the same as --format NAME --out FILE. Formats:

` + formatList() + `
With --watch, check grades once, then re-grades the tasks whose files
change each time they are saved, until interrupted (Ctrl-C).

Exit status: 0 graded, whatever the score; with --min-score N, 3 when the
score is below N points (or N% of the maximum), for CI to gate on.

Examples:

	grader check .
	grader check . --task 8 --watch
	grader check ~/hw --task 1,2,3 --format json --out result.json
	grader check . --format github --format junit --out report.xml --min-score 60%
	grader check /autograder/submission --format gradescope=/autograder/results/results.json`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var (
			gf                   gradeFlags
			outs                 outputs
			public, revealHidden bool
			work, watch          bool
			overrides            string
			min                  minScore
		)
		gf.register(fs)
		outs.register(fs)
		fs.BoolVar(&public, "public", false, "run public cases only (the score is an estimate)")
		fs.BoolVar(&revealHidden, "show-hidden", false, "show the details of failed hidden cases (instructors)")
		fs.BoolVar(&work, "work", false, "keep the build workspace and print where it is")
		fs.StringVar(&overrides, "overrides", "", "instructor scores for written answers, from this YAML `file`")
		fs.Var(&min, "min-score", "exit with status 3 when the score is below `N` points, or N% of the maximum")
		fs.BoolVar(&watch, "watch", false, "re-grade the tasks whose files change, on save, until interrupted")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) != 1 {
				return usagef("want one submission folder")
			}
			list, err := outs.resolve()
			if err != nil {
				return err
			}
			if watch && min.text != "" {
				return usagef("--min-score gives an exit status, and --watch runs until interrupted: use one of them")
			}
			opt := grade.Options{Public: public, RevealHidden: revealHidden}
			if work {
				opt.KeepWork = func(dir string) { fmt.Fprintf(env.Stderr, "work: %s\n", dir) }
			}
			if overrides != "" {
				if opt.Overrides, err = grade.LoadOverrides(overrides); err != nil {
					return err
				}
			}
			g, err := gf.grader(opt)
			if err != nil {
				return err
			}
			if overrides != "" {
				abs, _ := filepath.Abs(args[0])
				if err := grade.CheckOverrides(overrides, opt.Overrides, []string{filepath.Base(abs)}, g.Specs()); err != nil {
					return err
				}
			}
			rc := &renderContext{env: env, dir: args[0], color: useColor(env)}
			if watch {
				return watchSubmission(ctx, g, args[0], gf.tasks, list, rc)
			}
			start := time.Now()
			res, err := g.Grade(ctx, args[0], gf.tasks)
			if err != nil {
				return err
			}
			rc.elapsed = time.Since(start)
			if err := writeReports(env, list, res, rc); err != nil {
				return err
			}
			if min.below(res) {
				fmt.Fprintf(env.Stderr, "grader check: score %.1f / %.1f is below --min-score %s\n", res.Score, res.MaxScore, min.text)
				return exitCode(ExitBelowMin)
			}
			return nil
		}
	},
}

// formatList is the formats for the help, one a line.
func formatList() string {
	var b strings.Builder
	for _, n := range strings.Split(formatNames(), ", ") {
		fmt.Fprintf(&b, "\t%-11s %s\n", n, formats[n].help)
	}
	return b.String()
}

// minScore is --min-score: points, or a percentage of the maximum.
type minScore struct {
	text    string
	value   float64
	percent bool
}

func (m *minScore) String() string { return m.text }

func (m *minScore) Set(v string) error {
	num, percent := strings.CutSuffix(strings.TrimSpace(v), "%")
	x, err := strconv.ParseFloat(num, 64)
	if err != nil || x < 0 || percent && x > 100 {
		return fmt.Errorf("want a number of points, or a percentage such as 60%%")
	}
	*m = minScore{text: v, value: x, percent: percent}
	return nil
}

// below reports whether the result scores under the minimum (never when
// no minimum was asked for).
func (m *minScore) below(r *score.Result) bool {
	if m.text == "" {
		return false
	}
	min := m.value
	if m.percent {
		min = score.Round1(r.MaxScore * m.value / 100)
	}
	return r.Score < min
}
