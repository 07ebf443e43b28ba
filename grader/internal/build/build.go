package build

import (
	"bytes"
	"context"
	"fmt"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// Status of one task after the build.
const (
	StatusOK           = "ok"
	StatusNoGo         = "no-go-files"
	StatusCompileError = "compile-error"
	StatusNonStd       = "non-stdlib-import"
)

// Task is how one unit came out of the build.
type Task struct {
	Name    string
	Status  string
	Message string // compiler output (paths relative to the submission), first 20 lines
	// Probes tells whether the function probes compiled; when not,
	// ProbeMessage says why (a missing function or another signature).
	Probes       bool
	ProbeMessage string
	Exe          string // the program to run (its base name is the task's)
	Unit         string // GRADER_UNIT to set, when the base name is not enough
	Own          string // why the task was built alone ("" when it shares the binary)
	Ignored      []string
}

// Result is a built workspace.
type Result struct {
	Dir      string // the workspace; removed by Cleanup
	Tasks    map[string]*Task
	Binaries int           // how many binaries were linked
	Elapsed  time.Duration // wall time of the build

	// race, when set, waits for the same sources built with the race
	// detector (see SetRace).
	race     func() (*Result, error)
	raceOnce sync.Once
	raceRes  *Result
	raceErr  error

	sources   map[string]*Source
	goVersion string
	goCmd     string
	iso       sandbox.Isolation
	debug     debugBuilds
}

// SetRace attaches a race-detector build that may still be in progress,
// so that runs which do not need it start at once.
func (r *Result) SetRace(wait func() (*Result, error)) { r.race = wait }

// Race waits for the race-detector build; nil without one.
func (r *Result) Race() (*Result, error) {
	if r.race == nil {
		return nil, nil
	}
	r.raceOnce.Do(func() { r.raceRes, r.raceErr = r.race() })
	return r.raceRes, r.raceErr
}

// Cleanup removes the workspace (and the race build's, once done).
func (r *Result) Cleanup() error {
	if rb, _ := r.Race(); rb != nil {
		rb.Cleanup()
	}
	return os.RemoveAll(r.Dir)
}

// Options tune a build.
type Options struct {
	GoVersion string        // the go directive of the workspace module (default 1.22)
	Timeout   time.Duration // for all go commands of this build (default 3 min)
	GoCmd     string        // the go command (default "go")
	// Race builds with the race detector (cgo on: the one exception).
	Race bool
	// Isolation is what go commands get beside their rlimits (no
	// network, seccomp, Landlock; see sandbox.ConfineCommand); the zero
	// value gives the rlimits alone.
	Isolation sandbox.Isolation
}

const maxMessageLines = 20

// Build compiles every source into as few binaries as possible, in a new
// workspace under tmpDir. Failures of the submission's code are recorded in
// the tasks' Status; the error is for the grader's own failures.
func Build(ctx context.Context, tmpDir string, srcs []*Source, opt Options) (*Result, error) {
	start := time.Now()
	if opt.GoVersion == "" {
		opt.GoVersion = "1.22"
	}
	if opt.Timeout == 0 {
		opt.Timeout = 3 * time.Minute
	}
	if opt.GoCmd == "" {
		opt.GoCmd = "go"
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	dir, err := os.MkdirTemp(tmpDir, "grader-build-")
	if err != nil {
		return nil, fmt.Errorf("create workspace: %w", err)
	}
	// Runs happen as another user: they must reach the binaries.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create workspace: %w", err)
	}
	b := &builder{opt: opt, dir: dir, res: &Result{Dir: dir, Tasks: map[string]*Task{},
		sources: map[string]*Source{}, goVersion: opt.GoVersion, goCmd: opt.GoCmd, iso: opt.Isolation}}
	for _, s := range srcs {
		b.res.sources[s.Name] = s
	}
	if err := b.run(ctx, srcs); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	b.res.Elapsed = time.Since(start)
	return b.res, nil
}

type builder struct {
	opt   Options
	dir   string
	res   *Result
	units map[string]*unit
}

type unit struct {
	src  *Source
	task *Task
	pkg  string // directory (and import path element) in the workspace
	rw   *rewritten
}

func (b *builder) run(ctx context.Context, srcs []*Source) error {
	std, err := stdPackages(ctx, b.opt.GoCmd)
	if err != nil {
		return err
	}
	srcDir := filepath.Join(b.dir, "src")
	if err := writeFiles(srcDir, map[string][]byte{"go.mod": goMod(b.opt.GoVersion)}); err != nil {
		return err
	}
	hfiles, err := harnessFiles()
	if err != nil {
		return fmt.Errorf("read harness: %w", err)
	}
	if err := writeFiles(filepath.Join(srcDir, harnessDir), hfiles); err != nil {
		return err
	}

	b.units = map[string]*unit{}
	var shared, own []*unit
	for _, s := range srcs {
		t := &Task{Name: s.Name, Ignored: s.Ignored}
		b.res.Tasks[s.Name] = t
		u := &unit{src: s, task: t, pkg: pkgDir(s.Name)}
		b.units[u.pkg] = u
		if len(s.Files) == 0 {
			t.Status, t.Message = StatusNoGo, fmt.Sprintf("no Go files in %s", s.Name)
			continue
		}
		u.rw, err = rewrite(s.Name, s.Files, "main")
		if err != nil {
			// Let the compiler say it, in the words the student knows.
			b.compileError(ctx, u)
			continue
		}
		if msg := nonStd(u.rw.imports, std); msg != "" {
			t.Status, t.Message = StatusNonStd, msg
			continue
		}
		t.Own = u.rw.ownBuild
		if t.Own == "" {
			u.rw, err = rewrite(s.Name, s.Files, u.pkg)
			if err != nil {
				return fmt.Errorf("rewrite %s: %w", s.Name, err)
			}
			shared = append(shared, u)
		} else {
			own = append(own, u)
		}
		t.Status = StatusOK
		t.Probes = s.Spec != nil && len(s.Spec.Functions) > 0
		if err := b.writeUnit(u); err != nil {
			return err
		}
	}
	if err := b.buildShared(ctx, shared); err != nil {
		return err
	}
	for _, u := range own {
		if err := b.buildOwn(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// pkgDir turns a unit name into a workspace directory name.
func pkgDir(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, strings.ToLower(name))
}

func goMod(version string) []byte {
	return []byte(fmt.Sprintf("module %s\n\ngo %s\n", modulePath, version))
}

func writeFiles(dir string, files map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write workspace: %w", err)
	}
	for n, data := range files {
		if err := os.WriteFile(filepath.Join(dir, n), data, 0o644); err != nil {
			return fmt.Errorf("write workspace: %w", err)
		}
	}
	return nil
}

// writeUnit writes the rewritten task, its glue and its probes.
func (b *builder) writeUnit(u *unit) error {
	dir := filepath.Join(b.dir, "src", u.pkg)
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("write workspace: %w", err)
	}
	files := map[string][]byte{}
	for n, d := range u.rw.files {
		files[n] = d
	}
	pkg := "main"
	if u.task.Own == "" {
		pkg = u.pkg
	}
	files["zz_grader_glue.go"] = glueSource(pkg, u.rw.inits, u.task.Own != "")
	probes := []byte(fmt.Sprintf("package %s\n\nimport graderh %q\n\nvar graderProbes = map[string]func(*graderh.T){}\n", pkg, harnessImport))
	if u.task.Probes {
		var err error
		if probes, err = probeSource(u.src.Spec, pkg); err != nil {
			return err
		}
	}
	files["zz_grader_probe.go"] = probes
	return writeFiles(dir, files)
}

// glueSource exposes a task as a harness.Unit; a task built alone gets its
// own func main instead.
func glueSource(pkg string, inits []string, own bool) []byte {
	var w bytes.Buffer
	fmt.Fprintf(&w, "// Code generated by the grader. DO NOT EDIT.\n\npackage %s\n\nimport graderh %q\n\n", pkg, harnessImport)
	fmt.Fprintf(&w, "func graderInit() {\n")
	for _, in := range inits {
		fmt.Fprintf(&w, "\t%s()\n", in)
	}
	fmt.Fprintf(&w, "}\n\n")
	if own {
		fmt.Fprintf(&w, "func main() {\n\tgraderh.Run(map[string]graderh.Unit{\"\": {Main: graderMain, Init: graderInit, Probes: graderProbes}})\n}\n")
	} else {
		fmt.Fprintf(&w, "// GraderUnit is the task as the shared driver runs it.\nvar GraderUnit = graderh.Unit{Main: graderMain, Init: graderInit, Probes: graderProbes}\n")
	}
	return w.Bytes()
}

// driverSource imports every shared unit and dispatches by name.
func driverSource(units []*unit) []byte {
	var w bytes.Buffer
	fmt.Fprintf(&w, "// Code generated by the grader. DO NOT EDIT.\n\npackage main\n\nimport (\n\tgraderh %q\n", harnessImport)
	for i, u := range units {
		fmt.Fprintf(&w, "\tu%d %q\n", i, modulePath+"/"+u.pkg)
	}
	fmt.Fprintf(&w, ")\n\nfunc main() {\n\tgraderh.Run(map[string]graderh.Unit{\n")
	for i, u := range units {
		fmt.Fprintf(&w, "\t\t%q: u%d.GraderUnit,\n", u.src.Name, i)
	}
	fmt.Fprintf(&w, "\t})\n}\n")
	return w.Bytes()
}

const driverPkg = "zz_grader_main"

// buildShared links all shared units into one binary, excluding the units
// that fail to compile, and dropping the probes of the units whose probes
// fail, until the rest links.
func (b *builder) buildShared(ctx context.Context, units []*unit) error {
	binDir := filepath.Join(b.dir, "bin")
	exe := filepath.Join(binDir, ".shared", "submission")
	for attempt := 0; len(units) > 0; attempt++ {
		if err := writeFiles(filepath.Join(b.dir, "src", driverPkg), map[string][]byte{"main.go": driverSource(units)}); err != nil {
			return err
		}
		out, err := b.goBuild(ctx, "-o", exe, "./"+driverPkg)
		if err == nil {
			b.res.Binaries++
			for _, u := range units {
				if err := b.link(u, exe); err != nil {
					return err
				}
			}
			return nil
		}
		if ctx.Err() != nil || attempt > len(units)+1 {
			return fmt.Errorf("build submission: %w\n%s", err, out)
		}
		blamed := b.blame(out, units)
		if len(blamed) == 0 {
			// Output we cannot attribute: compile the units one by one.
			for _, u := range units {
				if o, err := b.goBuild(ctx, "./"+u.pkg); err != nil {
					blamed[u] = o
				}
			}
			if len(blamed) == 0 {
				return fmt.Errorf("build submission: %w\n%s", err, out)
			}
		}
		var keep []*unit
		for _, u := range units {
			msg, bad := blamed[u]
			if !bad {
				keep = append(keep, u)
				continue
			}
			if u.task.Probes && onlyIn(msg, "zz_grader_probe.go") {
				if err := b.dropProbes(u, msg); err != nil {
					return err
				}
				keep = append(keep, u)
				continue
			}
			b.compileError(ctx, u)
		}
		units = keep
	}
	return nil
}

// buildOwn builds a unit alone, as package main.
func (b *builder) buildOwn(ctx context.Context, u *unit) error {
	exe := filepath.Join(b.dir, "bin", ".own", u.pkg, "task")
	for {
		out, err := b.goBuild(ctx, "-o", exe, "./"+u.pkg)
		if err == nil {
			b.res.Binaries++
			return b.link(u, exe)
		}
		if ctx.Err() != nil {
			return fmt.Errorf("build %s: %w", u.src.Name, ctx.Err())
		}
		if u.task.Probes && onlyIn(out, "zz_grader_probe.go") {
			if err := b.dropProbes(u, out); err != nil {
				return err
			}
			continue
		}
		b.compileError(ctx, u)
		return nil
	}
}

func (b *builder) dropProbes(u *unit, msg string) error {
	u.task.Probes = false
	u.task.ProbeMessage = probeMessage(msg)
	return b.writeUnit(u)
}

// link gives the unit a program path whose base name is the task's.
func (b *builder) link(u *unit, exe string) error {
	base := u.src.Name
	if i := strings.IndexAny(base, "~"); i >= 0 {
		base = base[:i]
		u.task.Unit = u.src.Name
	}
	dir := filepath.Join(b.dir, "bin", u.pkg)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("link %s: %w", u.src.Name, err)
	}
	p := filepath.Join(dir, base)
	if err := os.Symlink(exe, p); err != nil {
		return fmt.Errorf("link %s: %w", u.src.Name, err)
	}
	u.task.Exe = p
	return nil
}

// compileError marks the unit as not compiling, with the compiler's own
// message for the student's files as they were handed in.
func (b *builder) compileError(ctx context.Context, u *unit) {
	u.task.Status = StatusCompileError
	u.task.Probes = false
	dir := filepath.Join(b.dir, "orig")
	files := map[string][]byte{}
	for n, d := range u.src.Files {
		files[n] = d
	}
	msg := ""
	if err := writeFiles(dir, map[string][]byte{"go.mod": goMod(b.opt.GoVersion)}); err == nil {
		if err := writeFiles(filepath.Join(dir, u.src.Name), files); err == nil {
			cmd, cancel := goCommand(ctx, b.opt.GoCmd, dir, b.workspace(), "build", "-o", os.DevNull, "./"+u.src.Name)
			out, err := cmd.CombinedOutput()
			cancel()
			if err != nil {
				msg = string(out)
			}
		}
	}
	if msg == "" {
		msg = fmt.Sprintf("%s does not compile together with the grader's code (does it define func main in package main?)", u.src.Name)
	}
	u.task.Message = trimMessage(msg)
}

func (b *builder) workspace() workspace {
	return workspace{root: b.dir, cache: goCache(b.opt.GoCmd), iso: b.opt.Isolation}
}

func (b *builder) goBuild(ctx context.Context, args ...string) (string, error) {
	// No symbol table or DWARF: panics and race reports name functions
	// and lines from the runtime's own tables, and Delve gets a build of
	// its own (DebugBinary). The link is then a fifth faster.
	flags := []string{"build", "-trimpath", "-ldflags=-s -w"}
	if b.opt.Race {
		flags = append(flags, "-race")
	}
	cmd, cancel := goCommand(ctx, b.opt.GoCmd, filepath.Join(b.dir, "src"), b.workspace(), append(flags, args...)...)
	defer cancel()
	if b.opt.Race {
		cmd.Env = append(cmd.Env, "CGO_ENABLED=1") // the last value wins
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// goEnv is the environment of every go command: no network, no toolchain
// switch, no cgo, no workspace file, nothing from GOFLAGS.
func goEnv() []string {
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GOFLAGS", "GOPROXY", "GOTOOLCHAIN", "CGO_ENABLED", "GOWORK", "GO111MODULE", "GOOS", "GOARCH", "GOEXPERIMENT":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOFLAGS=-mod=mod", "GOPROXY=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0", "GOWORK=off", "GO111MODULE=on")
}

var pkgHeader = regexp.MustCompile(`^# ` + modulePath + `/(\S+)`)

// blame attributes go build output to units: "# submission/task08"
// sections and lines starting with a unit's directory.
func (b *builder) blame(out string, units []*unit) map[*unit]string {
	byPkg := map[string]*unit{}
	for _, u := range units {
		byPkg[u.pkg] = u
	}
	blamed := map[*unit]string{}
	var cur *unit
	for _, line := range strings.Split(out, "\n") {
		if m := pkgHeader.FindStringSubmatch(line); m != nil {
			cur = byPkg[m[1]]
			if cur != nil {
				blamed[cur] += ""
			}
			continue
		}
		if strings.HasPrefix(line, "# ") {
			cur = nil
			continue
		}
		target := cur
		if i := strings.IndexByte(line, '/'); i > 0 {
			if u, ok := byPkg[strings.TrimPrefix(line[:i], "./")]; ok {
				target = u
			}
		}
		if target != nil && strings.TrimSpace(line) != "" {
			blamed[target] += line + "\n"
		}
	}
	return blamed
}

// onlyIn reports whether every located message line is in the named file.
func onlyIn(msg, file string) bool {
	seen := false
	for _, line := range strings.Split(msg, "\n") {
		if !strings.Contains(line, ".go:") {
			continue
		}
		if !strings.Contains(line, "/"+file+":") && !strings.HasPrefix(line, file+":") {
			return false
		}
		seen = true
	}
	return seen
}

var locPrefix = regexp.MustCompile(`^\S+\.go:\d+(:\d+)?: `)

// probeMessage turns compile errors of the generated probe file into what
// the student must fix, e.g. "undefined: WriteLines".
func probeMessage(msg string) string {
	var lines []string
	for _, line := range strings.Split(msg, "\n") {
		if !strings.Contains(line, ".go:") {
			continue
		}
		line = locPrefix.ReplaceAllString(line, "")
		line = strings.TrimSuffix(line, " in variable declaration")
		lines = append(lines, line)
	}
	// The signature assertions say it best; other lines are consequences.
	var direct []string
	for _, l := range lines {
		if strings.HasPrefix(l, "undefined: ") || strings.HasPrefix(l, "cannot use ") {
			direct = append(direct, l)
		}
	}
	if len(direct) > 0 {
		lines = direct
	}
	sort.Strings(lines)
	lines = dedupe(lines)
	return trimMessage(strings.Join(lines, "\n"))
}

func dedupe(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// trimMessage keeps the first lines of compiler output, without the
// "# package" headers.
func trimMessage(msg string) string {
	var lines []string
	for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
		if strings.HasPrefix(line, "# ") {
			continue
		}
		lines = append(lines, line)
	}
	if len(lines) > maxMessageLines {
		lines = append(lines[:maxMessageLines], fmt.Sprintf("… (%d more lines)", len(lines)-maxMessageLines))
	}
	return strings.Join(lines, "\n")
}
