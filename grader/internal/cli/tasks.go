package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/classgrade/gograder/grader/internal/spec"
	"github.com/classgrade/gograder/specs"
)

var tasksCmd = &Command{
	Name:  "tasks",
	Usage: "[flags]",
	Short: "list the tasks with their kind, points and public cases",
	Long: `Tasks lists the tasks the grader has specs for: number, title, kind
(function, program, written, debugger, hybrid), points, and how many public
cases grade it (hidden cases are not counted here; the scorecard shows how
many of them passed). 'grader show N' prints a task's contract and its
public cases.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var specsDir string
		fs.StringVar(&specsDir, "specs", "", "read task specs from this `dir` instead of the built-in ones")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) > 0 {
				return usagef("takes no arguments")
			}
			all, err := loadSpecs(specsDir)
			if err != nil {
				return err
			}
			return printTasks(env, all)
		}
	},
}

// loadSpecs loads the specs of dir, or the built-in ones.
func loadSpecs(dir string) ([]*spec.Spec, error) {
	var (
		fsys  fs.FS = specs.FS
		label       = "specs"
	)
	if dir != "" {
		fsys, label = os.DirFS(dir), dir
	}
	return spec.LoadFS(fsys, label)
}

func printTasks(env *Env, all []*spec.Spec) error {
	t := tablewriter.NewTable(env.Stdout, tablewriter.WithRowAlignmentConfig(tw.CellAlignment{
		PerColumn: []tw.Align{tw.AlignRight, tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignLeft},
	}))
	t.Header("Task", "Title", "Kind", "Points", "Public cases")
	total := 0
	for _, s := range all {
		public := 0
		for _, c := range s.Cases {
			if !c.Hidden {
				public++
			}
		}
		cases := fmt.Sprint(public)
		switch {
		case s.Kind == spec.KindWritten:
			cases = "written answer"
		case s.Rubric != nil:
			cases += " + written answer"
		}
		total += s.Points
		if err := t.Append(fmt.Sprintf("%02d", s.Task), s.Title, s.Kind, fmt.Sprint(s.Points), cases); err != nil {
			return err
		}
	}
	t.Footer("", fmt.Sprintf("%d tasks", len(all)), "", fmt.Sprint(total), "")
	if err := t.Render(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(env.Stdout, "Run 'grader show N' for task N's contract and public cases.")
	return err
}
