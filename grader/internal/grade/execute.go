package grade

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/build/harness"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// Output caps of a run: past them the run is stopped as "output-limit".
const (
	StdoutCap = 16 << 20
	StderrCap = 1 << 20
)

// baseEnv is the environment every run starts from (catalogue 0.2); HOME
// is added per run, then the case's own variables.
var baseEnv = []string{"PATH=/usr/bin:/bin", "TZ=UTC", "LANG=C.UTF-8", "NO_COLOR=1"}

// runCase executes every run of a case with the task's program and returns
// what each did. Runs that continue (then: true) share a working directory.
// For the reference (expectations only), debugger runs are not made: their
// expectations are all explicit.
func (g *Grader) runCase(ctx context.Context, built *build.Result, bt *build.Task, src *build.Source, c *spec.Case, reference bool) ([]*check.Observation, error) {
	base, err := os.MkdirTemp(g.tmp, "grader-run-")
	if err != nil {
		return nil, fmt.Errorf("create run directory: %w", err)
	}
	defer removeAll(base)
	var disk *sandbox.Disk
	if g.iso.Tmpfs {
		// The case's directories on a tmpfs of their own: what its runs
		// write is bounded, and kept off the host's disk.
		if disk, err = sandbox.MountDisk(base, sandbox.DiskSize, sandbox.DiskFiles, g.iso.UID, g.iso.GID); err != nil {
			return nil, err
		}
		defer disk.Unmount()
	}
	if err := g.own(base); err != nil {
		return nil, err
	}
	var obs []*check.Observation
	dir := ""
	for i := range c.Runs {
		r := &c.Runs[i]
		// A repeated run is made again in fresh directories; the reference
		// says what to expect once.
		reps := max(r.Repeat, 1)
		if reference {
			reps = 1
		}
		var first *check.Observation
		for rep := range reps {
			name := r.Name
			if rep > 0 {
				name = fmt.Sprintf("%s%d", r.Name, rep)
			}
			if !r.Then || rep > 0 {
				dir = filepath.Join(base, "work-"+name)
				if err := g.mkdir(dir); err != nil {
					return nil, err
				}
			}
			home := filepath.Join(base, "home-"+name)
			if err := g.mkdir(home); err != nil {
				return nil, err
			}
			var o *check.Observation
			switch {
			case r.IsDebug() && reference:
				o = &check.Observation{}
			case r.IsDebug():
				o, err = g.execDebug(ctx, built, bt, src, r, execOpts{dir: dir, home: home, base: base, disk: disk})
			default:
				rb := bt
				if r.Race && !reference {
					if rb, err = raceTask(built, bt.Name); err != nil {
						return nil, err
					}
					if rb == nil {
						return nil, fmt.Errorf("case %s: no race build of %s", c.ID, bt.Name)
					}
				}
				o, err = g.execRun(ctx, rb, c, r, execOpts{dir: dir, home: home, base: base, disk: disk, rep: rep,
					race: r.Race && !reference})
			}
			if err != nil {
				return nil, err
			}
			if rep == 0 {
				first = o
			} else {
				first.Repeats = append(first.Repeats, o)
			}
			if o.Limit == sandbox.LimitDisk {
				// The case's disk is full: nothing more can run in it, and
				// this run's verdict (output-limit) is the case's.
				for len(obs) < len(c.Runs) {
					obs = append(obs, first)
				}
				return obs, nil
			}
		}
		obs = append(obs, first)
	}
	return obs, nil
}

// raceTask is the race-detector build of a task, waiting for it; nil
// when there is none.
func raceTask(built *build.Result, name string) (*build.Task, error) {
	rb, err := built.Race()
	if err != nil || rb == nil {
		return nil, err
	}
	t := rb.Tasks[name]
	if t == nil || t.Status != build.StatusOK {
		return nil, nil
	}
	return t, nil
}

// mkdir creates a directory the runs' user owns.
func (g *Grader) mkdir(dir string) error {
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("create run directory: %w", err)
	}
	return g.own(dir)
}

// execOpts says where and how one execution of a run happens.
type execOpts struct {
	dir, home, base string
	disk            *sandbox.Disk // the case's tmpfs, if any
	rep             int           // repetition number (GOMAXPROCS cycles with it)
	race            bool          // the binary is a race build
}

// gomaxprocs are the values repeated runs cycle through (catalogue "gmp").
var gomaxprocs = []string{"1", "2", "4", "8"}

// own hands a path to the user runs execute as.
func (g *Grader) own(path string) error {
	if !g.iso.Dropped {
		return nil
	}
	if err := os.Lchown(path, g.iso.UID, g.iso.GID); err != nil {
		return fmt.Errorf("prepare run directory: %w", err)
	}
	return nil
}

func (g *Grader) owner() fixture.Owner {
	if !g.iso.Dropped {
		return fixture.Owner{UID: -1, GID: -1}
	}
	return fixture.Owner{UID: g.iso.UID, GID: g.iso.GID}
}

func (g *Grader) execRun(ctx context.Context, bt *build.Task, c *spec.Case, r *spec.Run, x execOpts) (*check.Observation, error) {
	dir, home := x.dir, x.home
	if err := fixture.Stage(dir, r.Stage, g.owner()); err != nil {
		return nil, err
	}
	var watched, unchanged []string
	for p, w := range r.Expect.Files {
		watched = append(watched, p)
		if w.Unchanged || w.AppendedLines != nil {
			unchanged = append(unchanged, p)
		}
	}
	sort.Strings(watched)
	before, err := fixture.Observe(dir, unchanged)
	if err != nil {
		return nil, err
	}
	env := append(append([]string(nil), baseEnv...), "HOME="+home)
	keys := make([]string, 0, len(r.Env))
	for k := range r.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		env = append(env, k+"="+r.Env[k])
	}
	if _, set := r.Env["GOMAXPROCS"]; r.Repeat > 1 && !set {
		env = append(env, "GOMAXPROCS="+gomaxprocs[x.rep%len(gomaxprocs)])
	}
	timeout := r.Timeout.Std()
	if x.race {
		// Race binaries run several times slower; they report, then exit 66.
		env = append(env, "GORACE=halt_on_error=1 exitcode=66 atexit_sleep_ms=0")
		timeout *= 4
	}
	if bt.Unit != "" {
		env = append(env, harness.EnvUnit+"="+bt.Unit)
	}
	cmd := &sandbox.Cmd{
		Path:    bt.Exe,
		Args:    append([]string{bt.Exe}, r.Args...),
		Dir:     dir,
		Env:     env,
		Timeout: timeout,
		// Outputs are compared whole: keep far more than any contract asks for.
		StdoutCap: StdoutCap,
		StderrCap: StderrCap,
		Disk:      x.disk,
	}
	if r.Stdin != nil {
		cmd.Stdin = []byte(*r.Stdin)
	}
	if r.IsFunction() {
		cmd.Env = append(cmd.Env, harness.EnvProbe+"="+build.ProbeID(c.ID, r.Name))
		cmd.Results = true
	}
	var spawnLog string
	if r.Shim {
		var err error
		if spawnLog, err = g.shim(cmd, x.base, x.rep); err != nil {
			return nil, err
		}
	}
	start := time.Now()
	out, err := g.runner.Run(ctx, cmd)
	if err != nil {
		return nil, fmt.Errorf("run %s case %s: %w", bt.Name, c.ID, err)
	}
	after, err := fixture.Observe(dir, watched)
	if err != nil {
		return nil, err
	}
	o := &check.Observation{
		Stdout: out.Stdout, Stderr: out.Stderr, ExitCode: out.ExitCode, Signal: out.Signal,
		TimedOut: out.TimedOut, OutputLimit: out.OutputLimit, Elapsed: out.Duration,
		Timeout: cmd.Timeout, Files: after, Before: before, Start: start,
	}
	if r.IsFunction() {
		o.Calls = parseResults(out.Results)
	}
	o.PID = out.PID
	o.Limit, o.LimitDetail = out.Limit, out.LimitDetail
	if spawnLog != "" {
		st, err := fixture.Observe(filepath.Dir(spawnLog), []string{filepath.Base(spawnLog)})
		if err != nil {
			return nil, err
		}
		o.SpawnLog = st[filepath.Base(spawnLog)].Content
	}
	return o, nil
}

// parseResults decodes the probe's JSON lines; a torn last line (the
// process died while writing) is dropped.
func parseResults(b []byte) []harness.CallResult {
	var out []harness.CallResult
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), sandbox.ResultsCap)
	for sc.Scan() {
		var r harness.CallResult
		if json.Unmarshal(sc.Bytes(), &r) == nil {
			out = append(out, r)
		}
	}
	return out
}

// describeRun says what a run did, for a student: what was staged and what
// was run or called.
func describeRun(taskName string, r *spec.Run) string {
	var parts []string
	if len(r.Stage) > 0 {
		var staged []string
		for p, f := range r.Stage {
			switch {
			case f.Dir:
				staged = append(staged, p+"/ (a directory)")
			default:
				d := fmt.Sprintf("%s (%d bytes", p, len(fixture.Content(f)))
				if f.Mode != "" {
					d += ", mode " + f.Mode
				}
				staged = append(staged, d+")")
			}
		}
		sort.Strings(staged)
		parts = append(parts, "with "+strings.Join(staged, ", "))
	} else if !r.Then {
		parts = append(parts, "in an empty directory")
	}
	if r.Then {
		parts = append(parts, "in the directory the previous run left")
	}
	if r.IsFunction() {
		var calls []string
		for _, c := range r.Calls {
			d := c.Call
			if c.Battery != "" {
				d += fmt.Sprintf(" (then %d more times, counting open files)", c.N)
			}
			calls = append(calls, d)
		}
		return strings.Join(parts, " ") + ", called " + strings.Join(calls, "; ")
	}
	cmd := taskName
	for _, a := range r.Args {
		cmd += " " + shellQuote(a)
	}
	if r.Stdin != nil {
		cmd += " <<< " + strconv.Quote(*r.Stdin)
	}
	return strings.Join(parts, " ") + ", ran: " + cmd
}

func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// removeAll removes a run directory even where the run left it unreadable.
func removeAll(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if d != nil && d.IsDir() && d.Type()&fs.ModeSymlink == 0 {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	os.RemoveAll(dir)
}
