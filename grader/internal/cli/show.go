package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/spec"
)

var showCmd = &Command{
	Name:  "show",
	Usage: "[flags] N [CASE[/RUN]]",
	Short: "print a task's contract and its public cases",
	Long: `Show prints task N's contract: its title, kind and points, the functions
the grader calls with their Go types, and every public case: what each run
stages, runs or calls, what it must produce, and the case's hint. Whatever
a case does not state (an exit status, an output, a value) must be what the
reference solution does under the same run, and the error convention
(E1–E9) always holds. Hidden cases are never shown.

With CASE (c3) only that case is shown. With --stage DIR, show prints
nothing but writes the files the case's run stages (its first run, or RUN:
c3/b) into DIR, which must be empty or not exist: the scorecard's repro
commands use it to replay a failed run outside the grader.

Examples:

	grader show 8
	grader show 1 c3
	grader show 1 c3/b --stage /tmp/c3`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var specsDir, stage string
		fs.StringVar(&specsDir, "specs", "", "read task specs from this `dir` instead of the built-in ones")
		fs.StringVar(&stage, "stage", "", "write the files the case's run stages into this `dir`")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) < 1 || len(args) > 2 {
				return usagef("want a task number, and optionally a case")
			}
			var n taskList
			if err := n.Set(args[0]); err != nil || len(n) != 1 {
				return usagef("task %q: want a number from 1 to 40", args[0])
			}
			all, err := loadSpecs(specsDir)
			if err != nil {
				return err
			}
			var s *spec.Spec
			var nums []int
			for _, sp := range all {
				nums = append(nums, sp.Task)
				if sp.Task == n[0] {
					s = sp
				}
			}
			if s == nil {
				return usagef("no spec for task %d (tasks with specs: %s)", n[0], listInts(nums))
			}
			var c *spec.Case
			var run string
			if len(args) == 2 {
				if c, run, err = findCase(s, args[1]); err != nil {
					return err
				}
			} else if stage != "" {
				return usagef("--stage needs a case: grader show %d CASE --stage DIR", s.Task)
			}
			if stage != "" {
				return stageRun(s, c, run, stage)
			}
			if c != nil {
				printCase(env.Stdout, s, c)
				return nil
			}
			printSpec(env.Stdout, s)
			return nil
		}
	},
}

// findCase finds the public case "c3" or "c3/b" of a task.
func findCase(s *spec.Spec, arg string) (*spec.Case, string, error) {
	id, run, _ := strings.Cut(arg, "/")
	var public []string
	for i := range s.Cases {
		c := &s.Cases[i]
		if c.Hidden {
			if c.ID == id {
				return nil, "", fmt.Errorf("case %s of task %d is hidden: only its result is shown", id, s.Task)
			}
			continue
		}
		public = append(public, c.ID)
		if c.ID != id {
			continue
		}
		if run == "" {
			return c, "", nil
		}
		for _, r := range c.Runs {
			if r.Name == run {
				return c, run, nil
			}
		}
		return nil, "", usagef("case %s of task %d has no run %q", id, s.Task, run)
	}
	return nil, "", usagef("task %d has no public case %q (its public cases: %s)", s.Task, id, strings.Join(public, ", "))
}

// stageRun writes the files a run stages into dir, as the grader does
// before the run.
func stageRun(s *spec.Spec, c *spec.Case, name, dir string) error {
	if len(c.Runs) == 0 {
		return fmt.Errorf("case %s of task %d runs nothing: it checks the source", c.ID, s.Task)
	}
	r := &c.Runs[0]
	for i := range c.Runs {
		if c.Runs[i].Name == name {
			r = &c.Runs[i]
		}
	}
	if r.Then {
		return fmt.Errorf("run %s of case %s continues in the directory the run before it left: replay the case's runs in order (grader show %d %s)", r.Name, c.ID, s.Task, c.ID)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("stage: %w", err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("stage: %w", err)
	}
	if len(ents) > 0 {
		return fmt.Errorf("stage: %s is not empty", dir)
	}
	return fixture.Stage(dir, r.Stage, fixture.Owner{UID: -1, GID: -1})
}

func printSpec(w io.Writer, s *spec.Spec) {
	fmt.Fprintf(w, "Task %02d: %s\n", s.Task, s.Title)
	fmt.Fprintf(w, "Kind: %s, %d points\n", s.Kind, s.Points)
	folder := grade.TaskName(s.Task)
	switch s.Kind {
	case spec.KindWritten:
		fmt.Fprintf(w, "Files: %s/%s\n", folder, grade.AnswerFile)
	case spec.KindHybrid:
		fmt.Fprintf(w, "Files: %s/*.go (package main) and %s/%s\n", folder, folder, grade.AnswerFile)
	default:
		fmt.Fprintf(w, "Files: %s/*.go (package main)\n", folder)
	}
	if len(s.Functions) > 0 {
		fmt.Fprintln(w, "Functions the grader calls:")
		var names []string
		width := 0
		for name := range s.Functions {
			names = append(names, name)
			width = max(width, len(name))
		}
		sort.Strings(names)
		for _, name := range names {
			fmt.Fprintf(w, "  %-*s  %s\n", width, name, s.Functions[name])
		}
	}
	if r := s.Rubric; r != nil {
		fmt.Fprintf(w, "Written answer: %s/%s, at least %d words, graded on %d concepts (the scorecard names those it misses) and wrong claims\n",
			folder, grade.AnswerFile, r.MinWords, len(r.Groups))
	}
	fmt.Fprintf(w, "Time limit: %s a run, unless a case says otherwise\n", limit(s.Timeout))
	fmt.Fprintf(w, "Grade it alone: grader check . --task %d\n", s.Task)
	hidden := 0
	for _, c := range s.Cases {
		if c.Hidden {
			hidden++
		}
	}
	switch {
	case len(s.Cases) == 0:
		return
	case hidden > 0:
		fmt.Fprintf(w, "\nPublic cases (and %d hidden, not shown). What a case does not state must be what the\nreference solution does; the error convention (E1-E9) always holds.\n", hidden)
	default:
		fmt.Fprintf(w, "\nCases. What a case does not state must be what the reference solution does;\nthe error convention (E1-E9) always holds.\n")
	}
	for i := range s.Cases {
		if !s.Cases[i].Hidden {
			fmt.Fprintln(w)
			printCase(w, s, &s.Cases[i])
		}
	}
}

func limit(d spec.Duration) string {
	if d == 0 {
		return spec.DefaultTimeout.String()
	}
	return time.Duration(d).String()
}

func printCase(w io.Writer, s *spec.Spec, c *spec.Case) {
	head := "-- " + c.ID
	if c.Title != "" {
		head += ": " + c.Title
	}
	fmt.Fprintf(w, "%s (weight %d)\n", head, c.Weight)
	if len(c.Tags) > 0 {
		fmt.Fprintf(w, "   needs: %s (skipped where the machine cannot)\n", strings.Join(c.Tags, ", "))
	}
	for _, st := range c.Static {
		for _, rule := range staticRules(st) {
			fmt.Fprintf(w, "   rule:  %s\n", rule)
		}
	}
	for i := range c.Runs {
		printRun(w, s, &c.Runs[i], len(c.Runs) > 1)
	}
	if c.Hint != "" {
		fmt.Fprintf(w, "   hint:  %s\n", c.Hint)
	}
}

func printRun(w io.Writer, s *spec.Spec, r *spec.Run, named bool) {
	in := "   "
	if named {
		fmt.Fprintf(w, "   run %s:\n", r.Name)
		in = "     "
	}
	line := func(label, format string, args ...any) {
		fmt.Fprintf(w, "%s%-7s %s\n", in, label+":", fmt.Sprintf(format, args...))
	}
	switch {
	case r.Then:
		line("where", "in the directory the run before left")
	case len(r.Stage) == 0:
		line("where", "in an empty directory")
	}
	for _, p := range sortedPaths(r.Stage) {
		line("stage", "%s", describeFile(p, r.Stage[p]))
	}
	if len(r.Env) > 0 {
		var kv []string
		for _, k := range sortedPaths(r.Env) {
			kv = append(kv, k+"="+shellWord(r.Env[k]))
		}
		line("env", "%s", strings.Join(kv, " "))
	}
	name := grade.TaskName(s.Task)
	switch {
	case r.IsDebug():
		script := r.Debug.Script
		if script == "" {
			script = "debug.dlv"
		}
		line("debug", "%s under Delve, replaying %s/%s", command(name, r.Debug.Args), name, script)
	case r.IsFunction():
		for _, c := range r.Calls {
			if c.Setup != "" {
				line("setup", "%s", oneLine(c.Setup))
			}
			call := c.Call
			if c.Battery != "" {
				n := c.N
				if n == 0 {
					n = spec.DefaultBatteryN
				}
				call += fmt.Sprintf("  (then %d more times: %s)", n, c.Battery)
			}
			if c.Within != 0 {
				call += fmt.Sprintf("  (within %s)", time.Duration(c.Within))
			}
			line("call", "%s", call)
			if c.Then != "" {
				line("then", "%s", oneLine(c.Then))
			}
			for _, e := range callExpects(c) {
				line("expect", "%s", e)
			}
		}
	default:
		run := command(name, r.Args)
		if r.Stdin != nil {
			run += " <<< " + strconv.Quote(*r.Stdin)
		}
		line("run", "%s", run)
	}
	if r.Repeat > 1 {
		line("repeat", "%d times, cycling GOMAXPROCS 1, 2, 4, 8: every run must pass", r.Repeat)
	}
	if r.Race {
		line("race", "built with the race detector: a data race fails the run")
	}
	if r.Shim {
		line("shim", "os.Args[0] is a shim that counts the children the program starts")
	}
	if r.Timeout != 0 && r.Timeout != s.Timeout {
		line("limit", "%s", time.Duration(r.Timeout))
	}
	for _, e := range expects(s, &r.Expect) {
		line("expect", "%s", e)
	}
}

func command(name string, args []string) string {
	for _, a := range args {
		name += " " + shellWord(a)
	}
	return name
}

// shellWord quotes a word for a POSIX shell when it needs it.
func shellWord(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func sortedPaths[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// describeFile says what a staged file is: its content when short, else
// its size and how it starts.
func describeFile(p string, f spec.File) string {
	if f.Dir {
		d := p + "/ (a directory)"
		if f.Mode != "" {
			d += ", mode " + f.Mode
		}
		return d
	}
	data := fixture.Content(f)
	d := fmt.Sprintf("%s (%d bytes", p, len(data))
	if f.Pattern != "" {
		d += ", pattern " + f.Pattern
	}
	if f.Mode != "" {
		d += ", mode " + f.Mode
	}
	return d + "): " + quoteShort(string(data))
}

// quoteShort is s Go-quoted, cut after 200 bytes (a staged file, which
// --stage writes in full).
func quoteShort(s string) string { return quoteCut(s, 200) }

// quoteExpected is an expected output Go-quoted: in full unless huge.
func quoteExpected(s string) string { return quoteCut(s, 2000) }

func quoteCut(s string, max int) string {
	if len(s) <= max {
		return strconv.Quote(s)
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}

// oneLine puts Go statements on one line.
func oneLine(src string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimSpace(src), "\n", "; ")), " ")
}

// callExpects says what a call must return and leave.
func callExpects(c spec.Call) []string {
	var out []string
	switch {
	case c.Err == "":
	case c.Err == "nil" && c.Value == nil:
		out = append(out, "err nil, and the value the reference returns")
	case c.Value != nil:
		out = append(out, fmt.Sprintf("err %s, value %s", c.Err, showValue(c.Value)))
	default:
		out = append(out, "err "+c.Err)
	}
	for _, a := range c.Assert {
		msg := a.That
		if a.Msg != "" {
			msg += " (" + a.Msg + ")"
		}
		out = append(out, "holds: "+msg)
	}
	for _, o := range c.Observe {
		out = append(out, "as the reference: "+o)
	}
	return out
}

func showValue(v any) string {
	if s, ok := v.(string); ok {
		return quoteExpected(s)
	}
	return fmt.Sprint(v)
}

// expects says what a run must produce, beyond the error convention.
func expects(s *spec.Spec, e *spec.Expect) []string {
	var out []string
	if e.Exit != nil {
		out = append(out, fmt.Sprintf("exit status %d", *e.Exit))
	}
	switch {
	case e.Stdout != nil:
		out = append(out, "stdout exactly "+quoteExpected(*e.Stdout))
	case e.StdoutRegex != "":
		out = append(out, "stdout matching the regexp "+e.StdoutRegex)
	case e.StdoutLines != nil:
		l := e.StdoutLines
		quoted := make([]string, len(l.Lines))
		for i, x := range l.Lines {
			quoted[i] = strconv.Quote(x)
		}
		out = append(out, "stdout lines, in any order: "+strings.Join(quoted, ", "))
		if l.First != "" {
			out = append(out, "first line "+strconv.Quote(l.First))
		}
		if l.Last != "" {
			out = append(out, "last line "+strconv.Quote(l.Last))
		}
		for _, o := range l.Order {
			out = append(out, fmt.Sprintf("every %q before every %q", o[0], o[1]))
		}
	case e.StdoutFile != "":
		if data, err := s.ReadFile(e.StdoutFile); err == nil {
			out = append(out, fmt.Sprintf("stdout exactly (%d bytes) %s", len(data), quoteExpected(string(data))))
		}
	case e.AnyStdout:
		out = append(out, "any stdout")
	}
	if e.StderrRegex != "" {
		out = append(out, "stderr matching the regexp "+e.StderrRegex)
	}
	for _, p := range sortedPaths(e.Files) {
		out = append(out, describeWant(p, e.Files[p]))
	}
	if d := e.Dlv; d != nil {
		if d.Exit != nil {
			out = append(out, fmt.Sprintf("the debugged program exits with status %d", *d.Exit))
		}
		if d.StdoutLine != "" {
			out = append(out, "the program prints the line "+strconv.Quote(d.StdoutLine))
		}
		if d.Stderr != nil {
			out = append(out, "the program's stderr exactly "+quoteExpected(*d.Stderr))
		}
		if st := d.Stops; st != nil {
			out = append(out, fmt.Sprintf("breakpoint stops in %s show (%s): %v", st.Func, st.Match, st.Want))
		}
	}
	if sp := e.Spawn; sp != nil {
		out = append(out, fmt.Sprintf("children started with the arguments %v", sp.Args))
		if sp.Together {
			out = append(out, "every child starts before the first one ends")
		}
		if sp.PIDs {
			out = append(out, "the printed process ids are the children's and the program's own")
		}
	}
	return out
}

func describeWant(p string, w spec.Want) string {
	var parts []string
	switch {
	case w.Absent:
		parts = append(parts, "must not exist")
	case w.Dir:
		parts = append(parts, "is a directory")
	case w.Content != nil:
		parts = append(parts, "holds exactly "+quoteExpected(*w.Content))
	case w.FromReference:
		parts = append(parts, "holds what the reference writes")
	case w.Unchanged:
		parts = append(parts, "is left unchanged")
	case w.AppendedLines != nil:
		a := w.AppendedLines
		n := "new lines"
		if a.Count > 0 {
			n = fmt.Sprintf("%d new lines", a.Count)
		}
		parts = append(parts, fmt.Sprintf("keeps its content, then %s matching %s", n, a.Regex))
	}
	if w.Mode != "" {
		parts = append(parts, "mode "+w.Mode)
	}
	return "file " + p + ": " + strings.Join(parts, ", ")
}

// staticRules says what a static rule requires of the source.
func staticRules(st spec.Static) []string {
	var out []string
	in := func(fn string) string {
		if fn == "" {
			return "anywhere in the task"
		}
		return "in " + fn
	}
	if len(st.ForbidCall) > 0 {
		out = append(out, "no call of "+strings.Join(st.ForbidCall, ", "))
	}
	if fc := st.ForbidCallIn; fc != nil {
		out = append(out, "no call of "+fc.Call+" "+in(fc.In))
	}
	if rc := st.RequireCall; rc != nil {
		r := "a call of " + rc.Call + " " + in(rc.In)
		if rc.FirstArg != "" {
			r += " with " + rc.FirstArg + " as its first argument"
		}
		out = append(out, r)
	}
	if rs := st.RequireStmt; rs != nil {
		out = append(out, "a "+rs.Stmt+" statement "+in(rs.In))
	}
	if st.ForbidStmt != "" {
		out = append(out, "no "+st.ForbidStmt+" statement")
	}
	if st.RequireLiteral != "" {
		out = append(out, "the literal "+st.RequireLiteral)
	}
	if st.RequireDeferredText != "" {
		out = append(out, "a deferred call that prints "+strconv.Quote(st.RequireDeferredText))
	}
	if st.RequireMethod != "" {
		out = append(out, "the method "+st.RequireMethod)
	}
	if st.RequireWait {
		out = append(out, "the task waits (sync.WaitGroup.Wait or a channel receive)")
	}
	return out
}
