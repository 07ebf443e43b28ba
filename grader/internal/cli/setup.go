package cli

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/spec"
	"github.com/classgrade/gograder/reference"
	"github.com/classgrade/gograder/specs"
)

// gradeFlags are the flags shared by the commands that grade.
type gradeFlags struct {
	specsDir, refDir, cacheDir string
	dlv                        string
	noCache                    bool
	jobs                       int
	tasks                      taskList
	strict                     string
}

func (f *gradeFlags) register(fs *flag.FlagSet) {
	f.registerShared(fs)
	fs.IntVar(&f.jobs, "j", 0, "cases to run at once (default: twice the CPUs)")
}

// registerShared registers every shared flag but -j, whose meaning a
// command may choose.
func (f *gradeFlags) registerShared(fs *flag.FlagSet) {
	fs.StringVar(&f.specsDir, "specs", "", "read task specs from this `dir` instead of the built-in ones")
	fs.StringVar(&f.refDir, "reference", "", "read reference solutions from this `dir` instead of the built-in ones")
	fs.Var(&f.tasks, "task", "grade only these tasks, by number: `N[,N-M…]` (repeatable)")
	fs.StringVar(&f.cacheDir, "cache", "", "keep reference results in this `dir` (default: the user cache dir)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not cache reference results")
	fs.StringVar(&f.dlv, "dlv", "", "the Delve `executable` for debugger cases (default: $GRADER_DLV, beside the grader, bin/dlv, then PATH)")
	fs.StringVar(&f.strict, "strict", "", "refuse to grade when the sandbox is weaker than `tier` (none, basic, confined, isolated, full; see grader doctor)")
}

// taskList is a repeatable, comma-separated list of task numbers.
type taskList []int

func (t *taskList) String() string {
	var s []string
	for _, n := range *t {
		s = append(s, strconv.Itoa(n))
	}
	return strings.Join(s, ",")
}

func (t *taskList) Set(v string) error {
	num := func(p string) (int, error) {
		p = strings.TrimPrefix(strings.TrimSpace(p), "task")
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 40 {
			return 0, fmt.Errorf("task %q: want a number from 1 to 40", p)
		}
		return n, nil
	}
	for _, p := range strings.Split(v, ",") {
		lo, hi, isRange := strings.Cut(p, "-")
		a, err := num(lo)
		if err != nil {
			return err
		}
		b := a
		if isRange {
			if b, err = num(hi); err != nil {
				return err
			}
		}
		for n := a; n <= b; n++ {
			*t = append(*t, n)
		}
	}
	sort.Ints(*t)
	return nil
}

var (
	isoOnce sync.Once
	iso     sandbox.Isolation
)

// isolation detects once per process what the machine allows.
func isolation() sandbox.Isolation {
	isoOnce.Do(func() { iso = sandbox.Detect() })
	return iso
}

// grader builds a Grader from the shared flags.
func (f *gradeFlags) grader(opt grade.Options) (*grade.Grader, error) {
	var (
		specFS fs.FS = specs.FS
		label        = "specs"
	)
	if f.specsDir != "" {
		specFS, label = os.DirFS(f.specsDir), f.specsDir
	}
	all, err := spec.LoadFS(specFS, label)
	if err != nil {
		return nil, err
	}
	opt.Specs = all
	opt.Reference = reference.FS
	if f.refDir != "" {
		opt.Reference = os.DirFS(f.refDir)
	}
	opt.Jobs = f.jobs
	if !f.noCache {
		opt.CacheDir = f.cacheDir
		if opt.CacheDir == "" {
			if d, err := os.UserCacheDir(); err == nil {
				opt.CacheDir = filepath.Join(d, "gograder")
			}
		}
	}
	opt.Dlv, opt.DlvMissing = grade.FindDelve(f.dlv)
	opt.Isolation = isolation()
	if err := checkStrict(f.strict, opt.Isolation); err != nil {
		return nil, err
	}
	opt.Runner = sandbox.New(opt.Isolation)
	if opt.Isolation.Tmpfs && opt.TmpDir == "" && opt.KeepWork == nil {
		// Workspaces and case directories on a tmpfs of the grader's own
		// (unmounted when the command ends: Main's sandbox.Release).
		if dir, err := sandbox.Scratch(grade.TempDir(opt.Isolation)); err == nil {
			opt.TmpDir = dir
		}
	}
	// Files a run creates get 0644 from 0666 (catalogue 0.2).
	syscall.Umask(0o022)
	g := grade.New(opt)
	for _, n := range f.tasks {
		if !contains(g.Tasks(), n) {
			return nil, usagef("no spec for task %d (tasks with specs: %s)", n, listInts(g.Tasks()))
		}
	}
	return g, nil
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func listInts(xs []int) string {
	var s []string
	for _, x := range xs {
		s = append(s, strconv.Itoa(x))
	}
	return strings.Join(s, ",")
}

// checkStrict refuses an isolation below the tier named by --strict.
func checkStrict(strict string, iso sandbox.Isolation) error {
	if strict == "" {
		return nil
	}
	want, err := sandbox.ParseTier(strict)
	if err != nil {
		return usagef("--strict: %v", err)
	}
	if iso.Tier < want {
		return fmt.Errorf("the sandbox here is %s, below --strict %s; run 'grader doctor' for what is missing", iso.Level, want)
	}
	return nil
}
