package grade_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/spec"
	"github.com/classgrade/gograder/reference"
	"github.com/classgrade/gograder/specs"
	"gotest.tools/v3/assert"
)

// The hostile corpus (testdata/hostile, HOSTILE.md's 28 programs and a
// few more) and the crashing programs (testdata/crashes) are task01
// submissions; each states the verdicts it must get in its header:
//
//	// expect: c1=timeout|runtime-error c6=pass
//
// TestHostile grades them through the whole pipeline at the strongest
// isolation this machine has. TestHostileLevels runs each program's main
// (case c1's run) straight through the sandbox at every level this
// machine can reach: detected, without namespaces, without Landlock, and
// with the grader itself not root. After every program both check that no
// process of it is left, that the canaries outside its directory (files,
// the grader's environment, its ports) were neither read (the canary
// string is in no output) nor changed, that the grader's memory stayed
// bounded, and (the sweep) that the verdict came within the wall limit
// plus one second.

var (
	expectLine  = regexp.MustCompile(`(?m)^// expect: (.*)$`)
	explainLine = regexp.MustCompile(`(?m)^// explain: (.*)$`)
	// Where the grader mounts a tmpfs per case (sandbox.Isolation.Tmpfs)
	// these replace the expectations and add explanations.
	tmpfsExpectLine  = regexp.MustCompile(`(?m)^// with tmpfs: (.*)$`)
	tmpfsExplainLine = regexp.MustCompile(`(?m)^// explain with tmpfs: (.*)$`)
)

// corpusProg is one program of the corpus.
type corpusProg struct {
	name, dir string // dir holds task01/
	src       []byte
	expect    map[string][]string // case ID → the statuses it may get
}

func loadCorpus(t testing.TB) []corpusProg {
	t.Helper()
	root := os.Getenv("CORPUS_HELPER_ROOT")
	if root == "" {
		var err error
		root, err = filepath.Abs("../../../testdata")
		assert.NilError(t, err)
	}
	var progs []corpusProg
	for _, pattern := range []string{root + "/hostile/*", root + "/crashes/*"} {
		dirs, err := filepath.Glob(pattern)
		assert.NilError(t, err)
		for _, d := range dirs {
			src, err := os.ReadFile(filepath.Join(d, "task01", "main.go"))
			assert.NilError(t, err)
			m := expectLine.FindSubmatch(src)
			assert.Assert(t, m != nil, "%s: no // expect: line", d)
			p := corpusProg{name: filepath.Base(d), dir: d, src: src, expect: map[string][]string{}}
			for _, kv := range strings.Fields(string(m[1])) {
				id, want, _ := strings.Cut(kv, "=")
				p.expect[id] = strings.Split(want, "|")
			}
			progs = append(progs, p)
		}
	}
	assert.Assert(t, len(progs) >= 31, "the corpus has %d programs", len(progs))
	return progs
}

// corpusGrader grades task01 with only the cases the corpus names, in a
// temporary directory of its own (tmp).
func corpusGrader(t testing.TB, iso sandbox.Isolation, timeout time.Duration, cases []string, tmp string) *grade.Grader {
	t.Helper()
	all, err := spec.LoadFS(specs.FS, "specs")
	assert.NilError(t, err)
	var keep []*spec.Spec
	for _, s := range all {
		if s.Task != 1 {
			continue
		}
		var cs []spec.Case
		for _, c := range s.Cases {
			if slices.Contains(cases, c.ID) {
				for ri := range c.Runs {
					c.Runs[ri].Timeout = spec.Duration(timeout)
				}
				cs = append(cs, c)
			}
		}
		s.Cases = cs
		keep = append(keep, s)
	}
	syscall.Umask(0o022)
	return grade.New(grade.Options{Specs: keep, Reference: reference.FS, Runner: sandbox.New(iso),
		Isolation: iso, RevealHidden: true, Jobs: 4, TmpDir: tmp})
}

// TestHostile grades every program of the corpus at the detected level:
// each gets the verdicts (and explanations) its header states, and leaves
// nothing behind.
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs hostile programs")
	}
	progs := loadCorpus(t)
	iso := sandbox.Detect()
	t.Logf("isolation: %s", iso.Level)
	var cases []string
	for _, p := range progs {
		for id := range p.expect {
			if !slices.Contains(cases, id) {
				cases = append(cases, id)
			}
		}
	}
	tmp, err := os.MkdirTemp("", "corpus-grade-")
	assert.NilError(t, err)
	assert.NilError(t, os.Chmod(tmp, 0o755))
	t.Cleanup(func() { removeRunDir(tmp) })
	g := corpusGrader(t, iso, 2*time.Second, cases, tmp)
	can := plantCanaries(t, iso)
	sem := make(chan struct{}, 3)
	t.Run("programs", func(t *testing.T) {
		for _, p := range progs {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				start := time.Now()
				res, err := g.Grade(context.Background(), p.dir, []int{1})
				assert.NilError(t, err) // includes "processes of the run survived its teardown"
				elapsed := time.Since(start)
				got := map[string]string{}
				for _, c := range res.Tasks[0].Cases {
					got[c.ID] = c.Status
				}
				expect, explain := p.expect, explainLine.FindAllSubmatch(p.src, -1)
				if iso.Tmpfs {
					expect = maps.Clone(expect)
					if m := tmpfsExpectLine.FindSubmatch(p.src); m != nil {
						for _, kv := range strings.Fields(string(m[1])) {
							id, want, _ := strings.Cut(kv, "=")
							expect[id] = strings.Split(want, "|")
						}
					}
					explain = append(explain, tmpfsExplainLine.FindAllSubmatch(p.src, -1)...)
				}
				for id, want := range expect {
					assert.Assert(t, slices.Contains(want, got[id]), "case %s: %s, want %s", id, got[id], strings.Join(want, " or "))
				}
				// The explanation a student reads, in one line with what to change.
				for _, e := range explain {
					id, pattern, _ := strings.Cut(string(e[1]), "=")
					msg := ""
					for _, c := range res.Tasks[0].Cases {
						if c.ID == id {
							msg = c.Message
						}
					}
					assert.Assert(t, regexp.MustCompile(strings.ReplaceAll(pattern, `\n`, "\n")).MatchString(msg), "case %s: message %q does not match %q", id, msg, pattern)
				}
				// A build and a few 2 s runs, three programs at a time.
				assert.Assert(t, elapsed < 30*time.Second, "grading took %v", elapsed)
				report, _ := json.Marshal(res)
				for _, problem := range can.check(iso, report) {
					t.Error(problem)
				}
				assertMemoryBounded(t)
			})
		}
	})
	assert.DeepEqual(t, leftovers(t, "hostile-"), []string(nil))
	assert.DeepEqual(t, leftoverRuns(t, tmp), []string(nil))
}

// leftovers lists processes whose command line contains marker.
func leftovers(t *testing.T, marker string) []string {
	t.Helper()
	time.Sleep(50 * time.Millisecond)
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(b), marker) && !zombie(filepath.Dir(p)) {
			out = append(out, strings.ReplaceAll(string(b), "\x00", " "))
		}
	}
	return out
}

// leftoverRuns lists the live processes running a program from under
// dir (the corpus grader's workspaces, the corpus's binaries).
func leftoverRuns(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, p := range procs {
		exe, err := os.Readlink(p)
		if err == nil && strings.HasPrefix(exe, dir+"/") && !zombie(filepath.Dir(p)) {
			out = append(out, filepath.Dir(p)+" "+exe)
		}
	}
	return out
}

func zombie(procDir string) bool {
	b, err := os.ReadFile(filepath.Join(procDir, "stat"))
	if err != nil {
		return true
	}
	i := bytes.LastIndexByte(b, ')')
	return i < 0 || i+2 >= len(b) || b[i+2] == 'Z' || b[i+2] == 'X'
}

// assertMemoryBounded fails when the grader's (this process's) peak
// resident memory passed 1 GiB.
func assertMemoryBounded(t testing.TB) {
	t.Helper()
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		assert.Assert(t, ru.Maxrss < 1<<20, "the grader's peak RSS is %d MiB", ru.Maxrss>>10)
	}
}

// canaries are what a hostile run must neither read nor change: files in
// /tmp/gograder-canary-<pid> (the programs look there), the grader's
// environment, and the grader's ports (TCP 47311, UDP 47312, the abstract
// unix socket @gograder-canary), which answer with the canary string.
type canaries struct {
	secret string
	dir    string
	files  map[string]string // path → mode and content
	net    *canaryNet
}

const canaryEnv = "GOGRADER_CANARY_ENV"

// plantCanaries writes the canary files for a level: readable by every
// uid where the level confines reads (so only the confinement keeps them
// secret), else root's only; a world-writable directory and file where
// it confines writes.
func plantCanaries(t testing.TB, iso sandbox.Isolation) *canaries {
	t.Helper()
	b := make([]byte, 8)
	rand.Read(b)
	// The marker is split in the sources so that no file of the project
	// holds it: a hostile program walking up into a checkout must not
	// take the test's own source for a leaked secret.
	c := &canaries{secret: "GOGRADER-" + "CANARY-" + hex.EncodeToString(b), files: map[string]string{}}
	c.dir = fmt.Sprintf("/tmp/gograder-canary-%d", os.Getpid())
	os.RemoveAll(c.dir)
	assert.NilError(t, os.Mkdir(c.dir, 0o755))
	assert.NilError(t, os.Chmod(c.dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(c.dir) })
	mode := os.FileMode(0o600)
	if iso.ConfinesReads() {
		mode = 0o644
	}
	for _, n := range []string{"secret.txt", "reference.go"} {
		c.plant(t, filepath.Join(c.dir, n), mode)
	}
	if iso.ConfinesWrites() {
		for _, d := range []string{"open", "gocache"} {
			assert.NilError(t, os.Mkdir(filepath.Join(c.dir, d), 0o777))
			assert.NilError(t, os.Chmod(filepath.Join(c.dir, d), 0o777))
		}
		victim := filepath.Join(c.dir, "open", "victim.txt")
		assert.NilError(t, os.WriteFile(victim, []byte("victim\n"), 0o666))
		assert.NilError(t, os.Chmod(victim, 0o666))
		c.files[victim] = fmt.Sprintf("%v victim\n", os.FileMode(0o666))
	}
	t.Setenv(canaryEnv, c.secret)
	c.net = listenCanary(t, c.secret)
	os.Remove("/tmp/gograder-escape.txt")
	os.Remove("/tmp/results.json")
	return c
}

func (c *canaries) plant(t testing.TB, path string, mode os.FileMode) {
	t.Helper()
	assert.NilError(t, os.WriteFile(path, []byte(c.secret+"\n"), mode))
	assert.NilError(t, os.Chmod(path, mode))
	c.files[path] = fmt.Sprintf("%v %s\n", mode, c.secret)
}

// check returns what went wrong: the canary in an output, a canary file
// changed or added, a write outside that got through, a port reached.
func (c *canaries) check(iso sandbox.Isolation, outputs ...[]byte) []string {
	var problems []string
	for _, o := range outputs {
		if bytes.Contains(o, []byte(c.secret)) {
			i := bytes.Index(o, []byte(c.secret))
			problems = append(problems, fmt.Sprintf("the canary leaked into an output: …%q…", o[max(0, i-120):i]))
		}
	}
	filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		want, planted := c.files[p]
		fi, _ := os.Lstat(p)
		b, _ := os.ReadFile(p)
		if got := fmt.Sprintf("%v %s", fi.Mode(), b); !planted || got != want {
			problems = append(problems, fmt.Sprintf("canary file %s changed or added: %q", p, got))
		}
		return nil
	})
	for _, p := range []string{"/tmp/gograder-escape.txt", "/tmp/results.json"} {
		if _, err := os.Lstat(p); err == nil && iso.ConfinesWrites() {
			problems = append(problems, "a run wrote "+p)
		}
	}
	if n := c.net.hits.Load(); n > 0 && iso.NoNetwork() {
		problems = append(problems, fmt.Sprintf("runs reached the grader's ports %d times", n))
	}
	return problems
}

// canaryNet is the grader's ports.
type canaryNet struct{ hits atomic.Int64 }

var (
	canaryNetOnce sync.Once
	canaryNetMu   sync.Mutex
	canarySecret  string
	theCanaryNet  *canaryNet
)

// listenCanary opens the ports once per test binary; each level's secret
// replaces the last.
func listenCanary(t testing.TB, secret string) *canaryNet {
	canaryNetMu.Lock()
	canarySecret = secret
	canaryNetMu.Unlock()
	canaryNetOnce.Do(func() {
		n := &canaryNet{}
		answer := func() []byte {
			canaryNetMu.Lock()
			defer canaryNetMu.Unlock()
			return []byte(canarySecret + "\n")
		}
		serve := func(l net.Listener) {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				n.hits.Add(1)
				c.Write(answer())
				c.Close()
			}
		}
		if l, err := net.Listen("tcp", "127.0.0.1:47311"); err == nil {
			go serve(l)
		} else {
			t.Logf("no canary TCP port: %v", err)
		}
		if l, err := net.Listen("unix", "@gograder-canary"); err == nil {
			go serve(l)
		}
		if u, err := net.ListenPacket("udp", "127.0.0.1:47312"); err == nil {
			go func() {
				buf := make([]byte, 512)
				for {
					_, addr, err := u.ReadFrom(buf)
					if err != nil {
						return
					}
					n.hits.Add(1)
					u.WriteTo(answer(), addr)
				}
			}()
		}
		theCanaryNet = n
	})
	theCanaryNet.hits.Store(0)
	return theCanaryNet
}

// sweepTimeout is the wall limit of each program's run in the sweep.
const sweepTimeout = 500 * time.Millisecond

// TestHostileLevels runs the main of every program that builds, as case
// c1 does, at every level this machine reaches, checking the verdict
// class and everything that must always hold.
func TestHostileLevels(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs hostile programs")
	}
	progs := loadCorpus(t)
	bins := buildCorpus(t, progs)
	det := sandbox.Detect()
	levels := []struct {
		name string
		off  []string
	}{
		{"detected", nil},
		{"no-namespaces", []string{sandbox.OffNamespaces}},
		{"no-landlock", []string{sandbox.OffLandlock}},
	}
	for _, l := range levels {
		iso, err := det.Without(l.off...)
		assert.NilError(t, err)
		if l.off != nil && iso.Level == det.Level {
			continue // nothing to turn off here
		}
		t.Run(l.name+"-"+iso.Tier.String(), func(t *testing.T) {
			t.Logf("isolation: %s", iso.Level)
			can := plantCanaries(t, iso)
			problems, verdicts := sweep(iso, progs, bins, can.secret, os.TempDir())
			t.Logf("verdicts:\n%s", strings.Join(verdicts, "\n"))
			for _, p := range problems {
				t.Error(p)
			}
			for _, p := range can.check(iso) {
				t.Error(p)
			}
			assertMemoryBounded(t)
		})
	}
	if os.Geteuid() == 0 {
		t.Run("non-root-grader", func(t *testing.T) { sweepNonRoot(t, bins) })
	}
	assert.DeepEqual(t, leftoverRuns(t, bins.dir), []string(nil))
}

// corpusBins maps a program's name to its binary.
type corpusBins struct {
	dir  string
	path map[string]string
}

// buildCorpus builds the main of every program whose c1 is not a compile
// error, two at a time, into a directory every uid can read.
func buildCorpus(t testing.TB, progs []corpusProg) corpusBins {
	t.Helper()
	dir, err := os.MkdirTemp("", "corpus-bin-")
	assert.NilError(t, err)
	assert.NilError(t, os.Chmod(dir, 0o755))
	t.Cleanup(func() { os.RemoveAll(dir) })
	bins := corpusBins{dir: dir, path: map[string]string{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, p := range progs {
		if slices.Contains(p.expect["c1"], "compile-error") {
			continue
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out := filepath.Join(dir, p.name, "task01")
			cmd := exec.Command("go", "build", "-o", out, ".")
			cmd.Dir = filepath.Join(p.dir, "task01")
			cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=", "GOTOOLCHAIN=local", "GOWORK=off")
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("build %s: %v\n%s", p.name, err, b)
				return
			}
			os.Chmod(filepath.Dir(out), 0o755)
			mu.Lock()
			bins.path[p.name] = out
			mu.Unlock()
		})
	}
	wg.Wait()
	return bins
}

// baseEnv is the environment the grader gives runs (execute.go).
var sweepEnv = []string{"PATH=/usr/bin:/bin", "TZ=UTC", "LANG=C.UTF-8", "NO_COLOR=1"}

const c1Input = "first line\nsecond line\n"

// sweep runs each program's c1 under iso and returns the problems, and
// one line per program saying what it got.
func sweep(iso sandbox.Isolation, progs []corpusProg, bins corpusBins, secret, tmp string) (problems, verdicts []string) {
	fail := func(p corpusProg, format string, args ...any) {
		problems = append(problems, p.name+": "+fmt.Sprintf(format, args...))
	}
	r := sandbox.New(iso)
	for _, p := range progs {
		bin, ok := bins.path[p.name]
		if !ok {
			continue
		}
		// c1: filename.txt staged, printed; c2 (for the programs that
		// name only c2): no file, an error.
		c := "c1"
		if p.expect["c1"] == nil {
			c = "c2"
		}
		if p.expect[c] == nil {
			continue
		}
		base, work, err := runDirs(iso, tmp, c == "c1")
		if err != nil {
			return append(problems, err.Error()), verdicts
		}
		cmd := &sandbox.Cmd{Path: bin, Args: []string{bin}, Dir: work, Timeout: sweepTimeout,
			Env: append(append([]string(nil), sweepEnv...), "HOME="+filepath.Join(base, "home"))}
		out, err := r.Run(context.Background(), cmd)
		switch {
		case err != nil:
			fail(p, "run: %v", err)
		case out.Duration > sweepTimeout+time.Second:
			fail(p, "verdict after %v, past the wall limit plus one second", out.Duration)
		}
		if out != nil {
			verdicts = append(verdicts, fmt.Sprintf("%-24s %s=%-14s %6v %s", p.name, c, outcomeStatus(out, c),
				out.Duration.Round(time.Millisecond), out.LimitDetail))
			if got := outcomeStatus(out, c); !slices.Contains(p.expect[c], got) {
				fail(p, "%s %s, want %s (exit %d, signal %q, limit %q)\nstdout %.200q\nstderr %.300q", c, got,
					strings.Join(p.expect[c], " or "), out.ExitCode, out.Signal, out.LimitDetail, out.Stdout, out.Stderr)
			}
			for _, o := range [][]byte{out.Stdout, out.Stderr} {
				if bytes.Contains(o, []byte(secret)) {
					fail(p, "the canary leaked into its output")
				}
			}
		}
		if left := corpusLeftovers(bins.dir); len(left) > 0 {
			fail(p, "processes left: %v", left)
		}
		if marker := filepath.Join(work, "marker"); fileExists(marker) {
			a, _ := os.ReadFile(marker)
			time.Sleep(50 * time.Millisecond)
			if b, _ := os.ReadFile(marker); !bytes.Equal(a, b) {
				fail(p, "its daemon still writes its marker")
			}
		}
		if cores, _ := filepath.Glob(filepath.Join(work, "core*")); len(cores) > 0 {
			fail(p, "core dumped: %v", cores)
		}
		if fileExists("/dev/shm/gograder-hostile-shm") {
			os.Remove("/dev/shm/gograder-hostile-shm")
			if iso.ConfinesWrites() {
				fail(p, "wrote /dev/shm")
			}
		}
		removeRunDir(base)
	}
	return problems, verdicts
}

// runDirs makes a run's directory as the grader does: base/work (with
// c1's filename.txt) and base/home, owned by the runs' uid.
func runDirs(iso sandbox.Isolation, tmp string, stage bool) (base, work string, err error) {
	base, err = os.MkdirTemp(tmp, "corpus-run-")
	if err != nil {
		return "", "", err
	}
	os.Chmod(base, 0o755)
	work = filepath.Join(base, "work")
	for _, d := range []string{work, filepath.Join(base, "home")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return "", "", err
		}
	}
	owned := []string{work, filepath.Join(base, "home")}
	if stage {
		in := filepath.Join(work, "filename.txt")
		if err := os.WriteFile(in, []byte(c1Input), 0o644); err != nil {
			return "", "", err
		}
		owned = append(owned, in)
	}
	if iso.Dropped {
		for _, p := range owned {
			os.Chown(p, iso.UID, iso.GID)
		}
	}
	return base, work, nil
}

func removeRunDir(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() && d.Type()&fs.ModeSymlink == 0 {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	os.RemoveAll(dir)
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// outcomeStatus is the status check gives a c1 or c2 run, in check's
// order: output limit, timeout, crash (a Go crash report or a signal),
// then the answer: for c1 the file printed exactly and nothing on stderr,
// for c2 exit status 1 with "error: " on stderr and nothing on stdout.
func outcomeStatus(o *sandbox.Outcome, c string) string {
	switch {
	case o.OutputLimit != "":
		return "output-limit"
	case o.TimedOut:
		return "timeout"
	case o.Signal != "", o.Limit == sandbox.LimitMemory, o.Limit == sandbox.LimitProcesses,
		o.ExitCode == 2 && regexp.MustCompile(`(?m)^(panic: |fatal error: |goroutine \d+ |SIG[A-Z]+: |\[signal )`).Match(o.Stderr):
		return "runtime-error"
	case c == "c1" && o.ExitCode == 0 && string(o.Stdout) == c1Input && len(o.Stderr) == 0,
		c == "c2" && o.ExitCode == 1 && len(o.Stdout) == 0 && bytes.HasPrefix(o.Stderr, []byte("error: ")):
		return "pass"
	}
	return "fail"
}

// corpusLeftovers lists the live processes running a corpus binary.
func corpusLeftovers(binDir string) []string {
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*/exe")
	for _, p := range procs {
		if exe, err := os.Readlink(p); err == nil && strings.HasPrefix(exe, binDir+"/") && !zombie(filepath.Dir(p)) {
			out = append(out, filepath.Dir(p))
		}
	}
	return out
}

// sweepResult is what TestHostileLevelsHelper reports.
type sweepResult struct {
	Level              string
	Problems, Verdicts []string
}

// sweepNonRoot runs the sweep in this test binary started again as uid
// 65534: the grader is not root, runs keep its uid (in a user namespace
// where the machine allows).
func sweepNonRoot(t *testing.T, bins corpusBins) {
	self, err := os.Executable()
	assert.NilError(t, err)
	dir, err := os.MkdirTemp("", "corpus-nonroot-")
	assert.NilError(t, err)
	defer removeRunDir(dir)
	assert.NilError(t, os.Chmod(dir, 0o755))
	assert.NilError(t, os.Chown(dir, sandbox.Nobody, sandbox.Nobody))
	bin := filepath.Join(dir, "grade.test")
	data, err := os.ReadFile(self)
	assert.NilError(t, err)
	assert.NilError(t, os.WriteFile(bin, data, 0o755))
	// The helper's own level is the non-root one: Landlock where there is
	// one confines reads.
	can := plantCanaries(t, sandbox.Isolation{UID: sandbox.Nobody, Shim: true, Landlock: 1})
	cmd := exec.Command(bin, "-test.run=^TestHostileLevelsHelper$", "-test.count=1")
	cmd.Dir = dir
	list, _ := json.Marshal(bins.path)
	root, err := filepath.Abs("../../../testdata")
	assert.NilError(t, err)
	cmd.Env = []string{"CORPUS_HELPER_BINS=" + string(list), "CORPUS_HELPER_BINDIR=" + bins.dir, "CORPUS_HELPER_ROOT=" + root,
		"CORPUS_HELPER_OUT=" + filepath.Join(dir, "result.json"), "TMPDIR=" + dir, canaryEnv + "=" + can.secret,
		"PATH=" + os.Getenv("PATH")}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: sandbox.Nobody, Gid: sandbox.Nobody}}
	b, err := cmd.CombinedOutput()
	assert.NilError(t, err, "helper:\n%s", b)
	var res sweepResult
	data, err = os.ReadFile(filepath.Join(dir, "result.json"))
	assert.NilError(t, err, "helper wrote no result:\n%s", b)
	assert.NilError(t, json.Unmarshal(data, &res))
	t.Logf("isolation: %s", res.Level)
	t.Logf("verdicts:\n%s", strings.Join(res.Verdicts, "\n"))
	for _, p := range res.Problems {
		t.Error(p)
	}
	iso := sandbox.Isolation{UID: sandbox.Nobody, Shim: true, Landlock: 1, NetNamespace: true}
	for _, p := range can.check(iso) {
		t.Error(p)
	}
}

// TestHostileLevelsHelper is the non-root half of TestHostileLevels; it
// does nothing unless started by it.
func TestHostileLevelsHelper(t *testing.T) {
	out := os.Getenv("CORPUS_HELPER_OUT")
	if out == "" {
		t.Skip("started only by TestHostileLevels")
	}
	bins := corpusBins{dir: os.Getenv("CORPUS_HELPER_BINDIR")}
	assert.NilError(t, json.Unmarshal([]byte(os.Getenv("CORPUS_HELPER_BINS")), &bins.path))
	iso := sandbox.Detect()
	res := sweepResult{Level: iso.Level}
	res.Problems, res.Verdicts = sweep(iso, loadCorpus(t), bins, os.Getenv(canaryEnv), os.TempDir())
	data, _ := json.Marshal(res)
	assert.NilError(t, os.WriteFile(out, data, 0o644))
}
