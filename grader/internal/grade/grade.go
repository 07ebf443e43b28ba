// Package grade is the pipeline: it builds a submission, runs every case of
// every task in the sandbox, runs the reference under the same cases for the
// expectations the specs leave unstated, checks, and scores.
//
//	specs + submission --build--> binaries --run--> observations
//	reference          --build--> binaries --run--> expected observations
//	observations vs expectations --check--> verdicts --score--> Result
//
// Failures of the submission (compile errors, panics, timeouts, wrong
// output) are verdicts in the Result; the error return is for the grader's
// own failures (a broken reference, a full disk).
package grade

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/rules"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// Options configure a Grader.
type Options struct {
	Specs     []*spec.Spec
	Reference fs.FS // holds taskNN/ folders with the reference solutions
	Runner    sandbox.Runner
	Isolation sandbox.Isolation
	TmpDir    string // for workspaces and run directories (default os.TempDir())
	Jobs      int    // cases run at once (default 2 × CPUs)
	// Public runs only the public cases: the score is an estimate.
	Public bool
	// RevealHidden keeps the details of hidden cases in the result
	// (instructors); by default students see their status only.
	RevealHidden bool
	// CacheDir keeps reference observations between runs ("" = no cache).
	CacheDir string
	// Build tunes the go builds.
	Build build.Options
	// Dlv is the Delve executable for debugger cases ("" skips them, with
	// DlvMissing as the reason).
	Dlv, DlvMissing string
	// Overrides replace automatic written scores (see LoadOverrides).
	Overrides []Override
	// KeepWork, when set, keeps each submission's build workspace and
	// is told where it is (for debugging a student's build).
	KeepWork func(dir string)
}

// Grader grades submissions against one set of specs.
type Grader struct {
	opt    Options
	specs  map[int]*spec.Spec
	runner sandbox.Runner
	iso    sandbox.Isolation
	tmp    string
	slots  *slots
	tags   map[string]string // unmet environment tag → reason
	dlv    string
	// debugRunner runs debugger sessions: the runs' isolation plus what
	// Delve needs (sandbox.Debugger), and a PID namespace only where /proc
	// is remounted for it.
	debugRunner sandbox.Runner

	refMu sync.Mutex
	refs  map[int]*refTask

	fpOnce sync.Once
	fp     string
}

// New returns a Grader.
func New(opt Options) *Grader {
	if opt.TmpDir == "" {
		opt.TmpDir = TempDir(opt.Isolation)
	}
	if opt.Jobs <= 0 {
		opt.Jobs = 2 * runtime.NumCPU()
	}
	// Builds of student code get the runs' isolation where it fits a
	// trusted tool: no network, seccomp, writes confined by Landlock.
	opt.Build.Isolation = opt.Isolation
	g := &Grader{opt: opt, specs: map[int]*spec.Spec{}, runner: opt.Runner, iso: opt.Isolation,
		tmp: opt.TmpDir, slots: newSlots(opt.Jobs), refs: map[int]*refTask{}}
	for _, s := range opt.Specs {
		g.specs[s.Task] = s
	}
	g.tags = unmetTags(opt.Isolation)
	g.dlv = opt.Dlv
	if g.dlv != "" {
		delete(g.tags, spec.TagDlv)
		g.debugRunner = g.runner
		if iso := opt.Isolation; iso.Shim || iso.PIDNamespace {
			// Delve reads /proc/<pid>: in a PID namespace only with /proc
			// remounted for it (the mount namespace).
			if !iso.MountNamespace {
				iso.PIDNamespace = false
			}
			g.debugRunner = sandbox.New(iso, sandbox.Debugger())
		}
	} else if opt.DlvMissing != "" {
		g.tags[spec.TagDlv] = opt.DlvMissing
	}
	return g
}

// Specs lists the specs the grader grades with, by task.
func (g *Grader) Specs() []*spec.Spec {
	var out []*spec.Spec
	for _, n := range g.Tasks() {
		out = append(out, g.specs[n])
	}
	return out
}

// Tasks lists the task numbers that have specs.
func (g *Grader) Tasks() []int {
	var ts []int
	for n := range g.specs {
		ts = append(ts, n)
	}
	sort.Ints(ts)
	return ts
}

// unmetTags says which environment tags this machine cannot provide, and why.
func unmetTags(iso sandbox.Isolation) map[string]string {
	m := map[string]string{spec.TagDlv: "Delve (dlv) not found"}
	if why := raceUnavailable(); why != "" {
		m[spec.TagRace] = why
	}
	if !iso.NonRoot() {
		m[spec.TagNonRoot] = "runs execute as root, which ignores permission bits"
	}
	if runtime.GOOS != "linux" {
		m[spec.TagLinux] = "needs Linux"
	} else if _, err := os.Stat("/dev/full"); err != nil {
		m[spec.TagLinux] = "needs /dev/full"
	}
	return m
}

// TempDir is where a grader under iso keeps its workspaces and run
// directories by default: TMPDIR, unless runs execute as another user
// and a private TMPDIR (0700) would lock them out of the binaries and
// their directories; then /tmp.
func TempDir(iso sandbox.Isolation) string {
	dir := os.TempDir()
	if iso.Dropped && !traversable(dir) && traversable("/tmp") {
		dir = "/tmp"
	}
	return dir
}

// traversable reports whether every user can pass through dir and its
// parents.
func traversable(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	for p := abs; ; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if p == filepath.Dir(p) {
			return true
		}
	}
}

// raceUnavailable says why -race builds cannot be made here, or "".
func raceUnavailable() string {
	switch runtime.GOOS + "/" + runtime.GOARCH {
	case "linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "freebsd/amd64", "windows/amd64":
	default:
		return "the race detector does not support " + runtime.GOOS + "/" + runtime.GOARCH
	}
	cc := os.Getenv("CC")
	if cc == "" {
		cc = "gcc"
	}
	if _, err := exec.LookPath(cc); err != nil {
		return "the race detector needs cgo and a C compiler (" + cc + " not found)"
	}
	return ""
}

// hasStatic reports whether a spec has static rules.
func hasStatic(s *spec.Spec) bool {
	for _, c := range s.Cases {
		if len(c.Static) > 0 {
			return true
		}
	}
	return false
}

// hasRace reports whether a spec has runs made with the race detector.
func hasRace(s *spec.Spec) bool {
	for _, c := range s.Cases {
		for _, r := range c.Runs {
			if r.Race {
				return true
			}
		}
	}
	return false
}

// buildAll builds the sources, then, while the runs that need no race
// binary start, those whose specs have race runs with the race detector,
// when this machine can. The race build comes second because it is needed
// last: the plain build gets both cores, and the runs start sooner.
func (g *Grader) buildAll(ctx context.Context, srcs []*build.Source, opt build.Options) (*build.Result, error) {
	built, err := build.Build(ctx, g.tmp, srcs, opt)
	if err != nil {
		return nil, err
	}
	var race []*build.Source
	if _, unmet := g.tags[spec.TagRace]; !unmet {
		for _, src := range srcs {
			if src.Spec != nil && hasRace(src.Spec) && len(src.Files) > 0 {
				race = append(race, src)
			}
		}
	}
	var (
		rb   *build.Result
		rerr error
		done = make(chan struct{})
	)
	if len(race) > 0 {
		go func() {
			defer close(done)
			ropt := opt
			ropt.Race = true
			rb, rerr = build.Build(ctx, g.tmp, race, ropt)
		}()
	} else {
		close(done)
	}
	built.SetRace(func() (*build.Result, error) {
		<-done
		if rerr != nil {
			return nil, fmt.Errorf("race build: %w", rerr)
		}
		return rb, nil
	})
	return built, nil
}

// TaskName is the folder of task n: "task08".
func TaskName(n int) string { return fmt.Sprintf("task%02d", n) }

var goDirective = regexp.MustCompile(`(?m)^go (1\.(\d+))(\.\d+)?\s*$`)

// goVersion takes the go directive of the submission's go.mod when it is a
// version this toolchain can build (1.22 up to its own), else 1.22.
func goVersion(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return "1.22"
	}
	m := goDirective.FindSubmatch(data)
	if m == nil {
		return "1.22"
	}
	var minor, own int
	fmt.Sscan(string(m[2]), &minor)
	fmt.Sscanf(runtime.Version(), "go1.%d", &own)
	if minor < 22 || minor > own {
		return "1.22"
	}
	return string(m[1])
}

// Grade grades the submission in dir (a folder holding taskNN/ folders) on
// the given tasks (all tasks with specs when empty).
func (g *Grader) Grade(ctx context.Context, dir string, tasks []int) (*score.Result, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("grade: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("grade %s: not a directory", dir)
	}
	abs, _ := filepath.Abs(dir)
	specs, err := g.pick(tasks)
	if err != nil {
		return nil, err
	}
	res := &score.Result{SchemaVersion: score.SchemaVersion, Submission: filepath.Base(abs),
		PublicEstimate: g.opt.Public, Isolation: g.iso.Level}

	srcs := map[int]*build.Source{}
	notFolder := map[int]string{}
	var list []*build.Source
	for _, s := range specs {
		folder := filepath.Join(dir, TaskName(s.Task))
		if fi, err := os.Lstat(folder); err != nil || !fi.IsDir() {
			if err == nil {
				notFolder[s.Task] = fmt.Sprintf("%s is not a folder (symbolic links are not followed)", TaskName(s.Task))
			}
			continue
		}
		src, err := build.Collect(folder, TaskName(s.Task))
		if err != nil {
			return nil, err
		}
		src.Spec = s
		srcs[s.Task] = src
		if s.Kind == spec.KindWritten {
			// Go files in a written task's folder are ignored.
			src.Files = nil
			continue
		}
		list = append(list, src)
	}
	opt := g.opt.Build
	opt.GoVersion = goVersion(dir)
	if err := g.prepareReferences(ctx, specs); err != nil {
		return nil, err
	}
	// The static rules' type checks need the standard library's export
	// data: found while the build runs.
	var static []map[string][]byte
	for _, src := range list {
		if hasStatic(src.Spec) {
			static = append(static, src.Files)
		}
	}
	prefetched := make(chan struct{})
	go func() {
		defer close(prefetched)
		rules.Prefetch(static...)
	}()
	defer func() { <-prefetched }()
	built, err := g.buildAll(ctx, list, opt)
	if err != nil {
		return nil, err
	}
	if g.opt.KeepWork != nil {
		g.opt.KeepWork(built.Dir)
	} else {
		defer built.Cleanup()
	}

	results := make([]score.Task, len(specs))
	errs := make([]error, len(specs))
	var wg sync.WaitGroup
	for i, s := range specs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := srcs[s.Task]
			var bt *build.Task
			if src != nil {
				bt = built.Tasks[src.Name]
			}
			results[i], errs[i] = g.gradeTask(ctx, s, built, src, bt)
			if why, ok := notFolder[s.Task]; ok {
				results[i].Message = why
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	res.Tasks = results
	if err := g.applyOverrides(res); err != nil {
		return nil, err
	}
	score.Total(res)
	return res, nil
}

func (g *Grader) pick(tasks []int) ([]*spec.Spec, error) {
	if len(tasks) == 0 {
		tasks = g.Tasks()
	}
	var out []*spec.Spec
	for _, n := range tasks {
		s, ok := g.specs[n]
		if !ok {
			return nil, fmt.Errorf("no spec for task %d (tasks with specs: %v)", n, g.Tasks())
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Task < out[j].Task })
	return out, nil
}

// gradeTask grades one task: src is nil when the folder is missing.
func (g *Grader) gradeTask(ctx context.Context, s *spec.Spec, built *build.Result, src *build.Source, bt *build.Task) (score.Task, error) {
	t := score.Task{Task: s.Task, Title: s.Title, Kind: s.Kind, Cases: []score.Case{}}
	if s.Rubric != nil {
		w, err := gradeWritten(s, src)
		if err != nil {
			return t, err
		}
		t.Written = w
	}
	cases := g.cases(s)
	mark := func(status, msg string) (score.Task, error) {
		t.Status, t.Message = status, msg
		for _, c := range cases {
			t.Cases = append(t.Cases, g.caseResult(c, check.Verdict{Status: status}, "", ""))
		}
		score.Tally(&t, casePoints(s))
		return t, nil
	}
	switch {
	case s.Kind == spec.KindWritten && src == nil:
		return mark(score.TaskNotSubmitted, fmt.Sprintf("no folder %s/", TaskName(s.Task)))
	case s.Kind == spec.KindWritten:
		t.Message = strings.Join(src.Ignored, "\n")
		score.Tally(&t, casePoints(s))
		return t, nil
	case src == nil:
		return mark(score.TaskNotSubmitted, fmt.Sprintf("no folder %s/", TaskName(s.Task)))
	case s.Kind == spec.KindHybrid && bt.Status == build.StatusNoGo && t.Written != nil:
		// The answer is there, the demo is not: the task is partly done.
		for _, c := range cases {
			t.Cases = append(t.Cases, g.caseResult(c, check.Verdict{Status: check.NotSubmitted}, "", ""))
		}
		t.Message = fmt.Sprintf("no Go files in %s/: the demo is not submitted", TaskName(s.Task))
		score.Tally(&t, casePoints(s))
		return t, nil
	case bt.Status != build.StatusOK:
		return mark(score.TaskCompileError, bt.Message)
	}
	ref, err := g.reference(ctx, s)
	if err != nil {
		return t, err
	}
	verdicts := make([]score.Case, len(cases))
	errs := make([]error, len(cases))
	var wg sync.WaitGroup
	var static staticOnce
	for i, c := range cases {
		wg.Add(1)
		go func() {
			defer wg.Done()
			verdicts[i], errs[i] = g.gradeCase(ctx, s, c, built, src, bt, ref, &static)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return t, err
	}
	t.Cases = verdicts
	var notes []string
	if bt.ProbeMessage != "" {
		notes = append(notes, "signature mismatch: "+bt.ProbeMessage)
	}
	notes = append(notes, src.Ignored...)
	if s.Kind == spec.KindHybrid && s.Rubric == nil {
		notes = append(notes, fmt.Sprintf("the written part (%d points) has no rubric yet", s.Points-casePoints(s)))
	}
	t.Message = strings.Join(notes, "\n")
	score.Tally(&t, casePoints(s))
	return t, nil
}

// casePoints is the share of a task's points its cases carry: all of them,
// or the demo half of a hybrid task (catalogue 0.5).
func casePoints(s *spec.Spec) int {
	if s.Kind == spec.KindHybrid {
		return s.Points / 2
	}
	return s.Points
}

// cases lists the cases this grader runs for a spec.
func (g *Grader) cases(s *spec.Spec) []*spec.Case {
	var out []*spec.Case
	for i := range s.Cases {
		if g.opt.Public && s.Cases[i].Hidden {
			continue
		}
		out = append(out, &s.Cases[i])
	}
	return out
}
