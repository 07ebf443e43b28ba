package grade_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/classgrade/gograder/grader/internal/spec"
	"github.com/classgrade/gograder/reference"
	"github.com/classgrade/gograder/specs"
	"gotest.tools/v3/assert"
)

// newGrader grades with the project's specs and references; timeout, when
// set, replaces every run's time limit (hostile programs run into it).
func newGrader(t testing.TB, timeout time.Duration) *grade.Grader {
	t.Helper()
	all, err := spec.LoadFS(specs.FS, "specs")
	assert.NilError(t, err)
	if timeout > 0 {
		for _, s := range all {
			for ci := range s.Cases {
				for ri := range s.Cases[ci].Runs {
					s.Cases[ci].Runs[ri].Timeout = spec.Duration(timeout)
				}
			}
		}
	}
	iso := sandbox.Detect()
	syscall.Umask(0o022)
	return grade.New(grade.Options{Specs: all, Reference: reference.FS, Runner: sandbox.New(iso),
		Isolation: iso, RevealHidden: true})
}

var (
	expectLine  = regexp.MustCompile(`(?m)^// expect: (.*)$`)
	explainLine = regexp.MustCompile(`(?m)^// explain: (.*)$`)
)

// TestHostile grades the hostile programs of testdata/hostile and the
// crashing ones of testdata/crashes: each gets the verdicts (and the
// explanations) its header states, within bounded time, and leaves no
// process running.
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs hostile programs")
	}
	g := newGrader(t, time.Second)
	hostile, err := filepath.Glob("../../../testdata/hostile/*")
	assert.NilError(t, err)
	assert.Assert(t, len(hostile) >= 3)
	crashes, err := filepath.Glob("../../../testdata/crashes/*")
	assert.NilError(t, err)
	dirs := append(hostile, crashes...)
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, "task01", "main.go"))
			assert.NilError(t, err)
			m := expectLine.FindSubmatch(src)
			assert.Assert(t, m != nil, "no // expect: line")
			start := time.Now()
			res, err := g.Grade(context.Background(), dir, []int{1})
			assert.NilError(t, err)
			elapsed := time.Since(start)
			got := map[string]string{}
			for _, c := range res.Tasks[0].Cases {
				got[c.ID] = c.Status
			}
			for _, kv := range strings.Fields(string(m[1])) {
				id, want, _ := strings.Cut(kv, "=")
				assert.Equal(t, got[id], want, "case %s", id)
			}
			// The explanation a student reads, in one line with what to change.
			for _, e := range explainLine.FindAllSubmatch(src, -1) {
				id, pattern, _ := strings.Cut(string(e[1]), "=")
				msg := ""
				for _, c := range res.Tasks[0].Cases {
					if c.ID == id {
						msg = c.Message
					}
				}
				assert.Assert(t, regexp.MustCompile(strings.ReplaceAll(pattern, `\n`, "\n")).MatchString(msg), "case %s: message %q does not match %q", id, msg, pattern)
			}
			// 7 cases of at most a few 1 s runs each, two at a time at worst.
			assert.Assert(t, elapsed < 30*time.Second, "grading took %v", elapsed)
			assert.DeepEqual(t, leftovers(t, "hostile-"), []string(nil))
		})
	}
}

// leftovers lists processes whose command line contains marker.
func leftovers(t *testing.T, marker string) []string {
	t.Helper()
	time.Sleep(50 * time.Millisecond)
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), marker) {
			out = append(out, strings.ReplaceAll(string(b), "\x00", " "))
		}
	}
	return out
}

// TestCompleteSample: an independently written correct solution of every
// task with a spec gets full marks.
func TestCompleteSample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the sample")
	}
	g := newGrader(t, 0)
	res, err := g.Grade(context.Background(), "../../../submissions/complete", nil)
	assert.NilError(t, err)
	graded := 0
	for _, tk := range res.Tasks {
		if tk.Status == score.TaskNotSubmitted {
			continue // tasks the sample does not cover yet
		}
		graded++
		for _, c := range tk.Cases {
			if c.Status != "pass" && c.Status != "skipped" {
				t.Errorf("task %02d case %s: %s: %s\n%s", tk.Task, c.ID, c.Status, c.Message, c.Diff)
			}
		}
		if tk.Score != tk.MaxScore {
			t.Errorf("task %02d: %.1f of %.1f: %s %+v", tk.Task, tk.Score, tk.MaxScore, tk.Message, tk.Written)
		}
	}
	assert.Assert(t, graded >= 23, "the complete sample covers %d tasks", graded)
}
