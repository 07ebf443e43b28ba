package grade

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// DebugTimeout bounds a whole debugging session (catalogue 1.4 DLV item 2).
const DebugTimeout = 90 * time.Second

// dlvSession is the shell script a debugging session runs in the sandbox:
// a headless Delve server with the program, then a client replaying the
// student's script against it; the server is killed when the client ends.
// The program's stdout and stderr are the server's, kept apart from the
// transcript (the client's stdout).
const dlvSession = `#!/bin/sh
"$DLV" exec --headless --listen=127.0.0.1:0 --api-version=2 "$PROG" -- "$@" >"$OUT/server.out" 2>"$OUT/server.err" </dev/null &
server=$!
tries=0
while :; do
	addr=$(sed -n 's/^API server listening at: //p' "$OUT/server.out" | head -n 1)
	[ -n "$addr" ] && break
	kill -0 "$server" 2>/dev/null || { echo "grader: the Delve server ended before it listened" >&2; exit 97; }
	tries=$((tries + 1))
	[ "$tries" -gt 1200 ] && { echo "grader: the Delve server did not listen" >&2; exit 98; }
	sleep 0.05
done
"$DLV" connect "$addr" --init "$SCRIPT" --allow-non-terminal-interactive=true </dev/null
status=$?
kill -9 "$server" 2>/dev/null
exit $status
`

var dlvVersion = regexp.MustCompile(`Version: (\d+)\.(\d+)`)

// FindDelve locates a usable dlv (1.20 or later): the given path, then
// GRADER_DLV, then dlv beside the grader's executable, then bin/dlv of the
// current directory, then PATH. It returns "" and why when there is none.
func FindDelve(given string) (string, string) {
	var candidates []string
	if given != "" {
		candidates = append(candidates, given)
	}
	if env := os.Getenv("GRADER_DLV"); env != "" {
		candidates = append(candidates, env)
	}
	if exe, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(exe), "dlv"))
	}
	candidates = append(candidates, filepath.Join("bin", "dlv"))
	if p, err := exec.LookPath("dlv"); err == nil {
		candidates = append(candidates, p)
	}
	why := "Delve (dlv) not found: run 'make dlv' or install github.com/go-delve/delve/cmd/dlv"
	for _, c := range candidates {
		abs, err := filepath.Abs(c)
		if err != nil {
			continue
		}
		if fi, err := os.Stat(abs); err != nil || fi.IsDir() {
			continue
		}
		out, err := exec.Command(abs, "version").Output()
		if err != nil {
			continue
		}
		m := dlvVersion.FindSubmatch(out)
		if m == nil {
			continue
		}
		major, _ := strconv.Atoi(string(m[1]))
		minor, _ := strconv.Atoi(string(m[2]))
		if major < 1 || major == 1 && minor < 20 {
			why = fmt.Sprintf("Delve at %s is %s.%s; 1.20 or later is needed", abs, m[1], m[2])
			continue
		}
		return abs, ""
	}
	return "", why
}

// execDebug runs one debugger run: the task's debug build under Delve,
// driven by the task's debug.dlv, in the sandbox.
func (g *Grader) execDebug(ctx context.Context, built *build.Result, bt *build.Task, src *build.Source, r *spec.Run, x execOpts) (*check.Observation, error) {
	base, dir, home := x.base, x.dir, x.home
	if err := fixture.Stage(dir, r.Stage, g.owner()); err != nil {
		return nil, err
	}
	name := r.Debug.Script
	if name == "" {
		name = "debug.dlv"
	}
	script, ok := src.Extra[name]
	if !ok {
		return &check.Observation{Problem: fmt.Sprintf("no %s in %s/: the debugger script is part of the task", name, bt.Name)}, nil
	}
	if msg := check.ScriptProblem(script); msg != "" {
		return &check.Observation{Problem: msg}, nil
	}
	prog, err := built.DebugBinary(ctx, bt.Name)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(base, "dlv-"+r.Name)
	if err := os.Mkdir(out, 0o755); err != nil {
		return nil, fmt.Errorf("prepare debug run: %w", err)
	}
	if err := g.own(out); err != nil {
		return nil, err
	}
	// Go telemetry off (its documented mode file): Delve then starts no
	// telemetry child process for each dlv command, and writes no counters.
	files := map[string][]byte{"session.sh": []byte(dlvSession), "debug.dlv": script,
		"config/go/telemetry/mode": []byte("off\n")}
	for n, b := range files {
		p := filepath.Join(out, n)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("prepare debug run: %w", err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return nil, fmt.Errorf("prepare debug run: %w", err)
		}
	}
	cmd := &sandbox.Cmd{
		Path: "/bin/sh",
		Args: append([]string{"sh", filepath.Join(out, "session.sh")}, r.Debug.Args...),
		Dir:  dir,
		Env: append(append([]string(nil), baseEnv...), "HOME="+home, "TERM=dumb",
			"DLV="+g.dlv, "PROG="+prog, "OUT="+out, "SCRIPT="+filepath.Join(out, "debug.dlv"),
			"XDG_CONFIG_HOME="+filepath.Join(out, "config")),
		Timeout:   DebugTimeout,
		StdoutCap: StdoutCap,
		StderrCap: StderrCap,
		Disk:      x.disk,
	}
	start := time.Now()
	res, err := g.debugRunner.Run(ctx, cmd)
	if err != nil {
		return nil, fmt.Errorf("debug %s: %w", bt.Name, err)
	}
	o := &check.Observation{Stdout: res.Stdout, Stderr: res.Stderr, ExitCode: res.ExitCode, Signal: res.Signal,
		TimedOut: res.TimedOut, OutputLimit: res.OutputLimit, Elapsed: res.Duration, Timeout: cmd.Timeout, Start: start}
	st, err := fixture.Observe(out, []string{"server.out", "server.err"})
	if err != nil {
		return nil, err
	}
	o.ServerStdout = dropBanner(st["server.out"].Content)
	o.ServerStderr = st["server.err"].Content
	if res.ExitCode == 97 || res.ExitCode == 98 {
		o.Problem = "the debugger could not start the program: " + string(res.Stderr)
	}
	return o, nil
}

// banner is Delve's first line on the server's stdout.
var banner = regexp.MustCompile(`\AAPI server listening at: [^\n]*\n`)

// dropBanner removes Delve's "API server listening at:" line.
func dropBanner(b []byte) []byte {
	if loc := banner.FindIndex(b); loc != nil {
		return b[loc[1]:]
	}
	return b
}
