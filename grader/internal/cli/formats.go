package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/classgrade/gograder/grader/internal/report"
	"github.com/classgrade/gograder/grader/internal/score"
)

// format is a report format of `check --format`.
type format struct {
	help string
	// shared: the report may share stdout with other shared formats
	// (what a person reads: the scorecard, annotations); the others are
	// documents, which need a stream of their own.
	shared bool
	write  func(w io.Writer, res *score.Result, rc *renderContext) error
}

// renderContext is what formats need beyond the result: how the report
// is shown and where the submission is.
type renderContext struct {
	env     *Env
	dir     string        // the submission, as given
	color   bool          // the text format may use colour
	elapsed time.Duration // how long grading took
}

var formats = map[string]format{
	"text": {help: "the scorecard (default)", shared: true,
		write: func(w io.Writer, res *score.Result, rc *renderContext) error {
			return report.Text(w, res, report.TextOptions{Color: rc.color})
		}},
	"json": {help: "the result document (specs/result.schema.json)",
		write: func(w io.Writer, res *score.Result, _ *renderContext) error { return report.JSON(w, res) }},
	"junit": {help: "JUnit XML for CI test reporters",
		write: func(w io.Writer, res *score.Result, _ *renderContext) error { return report.JUnit(w, res) }},
	"gradescope": {help: "Gradescope's results.json",
		write: func(w io.Writer, res *score.Result, rc *renderContext) error {
			return report.Gradescope(w, res, report.GradescopeOptions{ExecutionTime: rc.elapsed})
		}},
	"classroom": {help: "GitHub Classroom's autograding result (version 1)",
		write: func(w io.Writer, res *score.Result, _ *renderContext) error { return report.Classroom(w, res) }},
	"github": {help: "GitHub Actions annotations, and the job summary appended to $GITHUB_STEP_SUMMARY", shared: true,
		write: writeGitHub},
	"csv": {help: "a gradebook row: the submission, a column per task, the total",
		write: func(w io.Writer, res *score.Result, _ *renderContext) error {
			return report.Gradebook(w, []*score.Result{res})
		}},
	"csv-canvas": {help: "the same under the header Canvas's gradebook imports",
		write: func(w io.Writer, res *score.Result, _ *renderContext) error {
			return report.Canvas(w, []*score.Result{res})
		}},
}

func formatNames() string {
	var names []string
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// output is one report to write: a format, to a file or to stdout ("").
type output struct {
	format string
	path   string
	hasOut bool
}

// outputs collects the repeatable --format and --out flags in the order
// given: each --out names the file of the --format before it (or, given
// first, of the one after it); --format NAME=FILE says both at once.
// Without any --format the report is text.
type outputs struct {
	list    []output
	pending *string // an --out given before any --format
}

// formatFlag and outFlag are the two flag.Values writing into outputs.
type (
	formatFlag struct{ o *outputs }
	outFlag    struct{ o *outputs }
)

func (f formatFlag) String() string { return "" }
func (f outFlag) String() string    { return "" }

func (f formatFlag) Set(v string) error {
	name, path, hasPath := strings.Cut(v, "=")
	if _, ok := formats[name]; !ok {
		return fmt.Errorf("unknown format %q (want %s)", name, formatNames())
	}
	if hasPath && path == "" {
		return fmt.Errorf("format %s=: want a file after =", name)
	}
	out := output{format: name, path: path, hasOut: hasPath}
	if p := f.o.pending; p != nil {
		if hasPath {
			return fmt.Errorf("--out %s and --format %s both name a file", *p, v)
		}
		out.path, out.hasOut, f.o.pending = *p, true, nil
	}
	f.o.list = append(f.o.list, out)
	return nil
}

func (f outFlag) Set(v string) error {
	if v == "" {
		return errors.New("want a file")
	}
	if n := len(f.o.list); n > 0 && !f.o.list[n-1].hasOut {
		f.o.list[n-1].path, f.o.list[n-1].hasOut = v, true
		return nil
	}
	if f.o.pending != nil || len(f.o.list) > 0 {
		return fmt.Errorf("--out %s: every --out follows its own --format", v)
	}
	f.o.pending = &v
	return nil
}

// register declares --format and --out.
func (o *outputs) register(fs *flag.FlagSet) {
	fs.Var(formatFlag{o}, "format", "report `format`: "+formatNames()+"; repeatable, each with its --out, or as NAME=FILE (default text)")
	fs.Var(outFlag{o}, "out", "write the report of the --format before it to this `file` (- for stdout)")
}

// resolve returns the outputs to write, checking that at most one
// document goes to stdout, and alone.
func (o *outputs) resolve() ([]output, error) {
	list := append([]output(nil), o.list...)
	if len(list) == 0 {
		out := output{format: "text"}
		if o.pending != nil {
			out.path, out.hasOut = *o.pending, true
		}
		list = append(list, out)
	}
	var onStdout []string
	document := false
	files := map[string]bool{}
	for i := range list {
		if list[i].path == "-" {
			list[i].path = ""
		}
		if p := list[i].path; p != "" {
			if files[filepath.Clean(p)] {
				return nil, usagef("two reports would be written to %s", p)
			}
			files[filepath.Clean(p)] = true
			continue
		}
		onStdout = append(onStdout, list[i].format)
		if !formats[list[i].format].shared {
			document = true
		}
	}
	if document && len(onStdout) > 1 {
		return nil, usagef("formats %s would all be written to stdout: give --out FILE to all but one", strings.Join(onStdout, ", "))
	}
	return list, nil
}

// writeReports renders res in every output: files are replaced atomically,
// stdout gets its reports in the order given.
func writeReports(env *Env, list []output, res *score.Result, rc *renderContext) error {
	for _, o := range list {
		var buf bytes.Buffer
		ctx := *rc
		ctx.color = rc.color && o.path == ""
		if err := formats[o.format].write(&buf, res, &ctx); err != nil {
			return fmt.Errorf("render %s report: %w", o.format, err)
		}
		if o.path == "" {
			if _, err := env.Stdout.Write(buf.Bytes()); err != nil {
				return err
			}
			continue
		}
		if err := writeAtomic(o.path, buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// useColor: the scorecard is coloured only on a terminal, and never when
// NO_COLOR is set (no-color.org) or TERM is dumb.
func useColor(env *Env) bool {
	if env.Getenv("NO_COLOR") != "" || env.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := env.Stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// writeGitHub writes annotations and, when $GITHUB_STEP_SUMMARY names a
// file, appends the job summary to it.
func writeGitHub(w io.Writer, res *score.Result, rc *renderContext) error {
	opt := report.GitHubOptions{Dir: repoRelative(rc.dir), Locate: newLocator(rc.dir).locate}
	path := rc.env.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return report.GitHub(w, nil, res, opt)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("open $GITHUB_STEP_SUMMARY: %w", err)
	}
	err = report.GitHub(w, f, res, opt)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("write $GITHUB_STEP_SUMMARY: %w", cerr)
	}
	return err
}

// repoRelative is the submission's folder as annotations name it: relative
// to the working directory (the repository's root in a workflow), "" for
// the root itself.
func repoRelative(dir string) string {
	wd, err := os.Getwd()
	if err != nil {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}
