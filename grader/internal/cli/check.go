package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/report"
	"github.com/classgrade/gograder/grader/internal/score"
)

var checkCmd = &Command{
	Name:  "check",
	Usage: "[flags] DIR",
	Short: "grade one submission and print its scorecard",
	Long: `Check grades the submission in DIR, a folder holding task01/ … task40/,
and prints a scorecard: a table of tasks with their points, then, for every
failed public case, what was run, a diff of the expected against the actual
output, the error-convention rule that was broken and a hint. Hidden cases
show as counts only.

The submission is copied into a temporary workspace and never changed.

Examples:

	grader check .
	grader check . --task 8
	grader check ~/hw --task 1,2,3 --format json --out result.json`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var (
			gf                   gradeFlags
			format, out          string
			public, revealHidden bool
			work                 bool
			overrides            string
		)
		gf.register(fs)
		fs.StringVar(&format, "format", "text", "report `format`: text or json")
		fs.StringVar(&out, "out", "", "write the report to this `file` instead of stdout")
		fs.BoolVar(&public, "public", false, "run public cases only (the score is an estimate)")
		fs.BoolVar(&revealHidden, "show-hidden", false, "show the details of failed hidden cases (instructors)")
		fs.BoolVar(&work, "work", false, "keep the build workspace and print where it is")
		fs.StringVar(&overrides, "overrides", "", "instructor scores for written answers, from this YAML `file`")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) != 1 {
				return usagef("want one submission folder")
			}
			if format != "text" && format != "json" {
				return usagef("unknown format %q (want text or json)", format)
			}
			var err error
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
			res, err := g.Grade(ctx, args[0], gf.tasks)
			if err != nil {
				return err
			}
			return write(env, out, format, res)
		}
	},
}

// write renders the result in a format to a file (atomically) or stdout.
func write(env *Env, out, format string, res *score.Result) error {
	var buf bytes.Buffer
	var err error
	switch format {
	case "json":
		err = report.JSON(&buf, res)
	default:
		err = report.Text(&buf, res)
	}
	if err != nil {
		return fmt.Errorf("render %s report: %w", format, err)
	}
	if out == "" {
		_, err = env.Stdout.Write(buf.Bytes())
		return err
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}
