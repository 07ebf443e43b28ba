package sandbox

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// runCase is one behaviour of the test program and what Run must report.
type runCase struct {
	name  string
	cmd   Cmd // Path, Args[0] and Dir are filled in; Args here are the rest
	check func(t *testing.T, iso Isolation, c *Cmd, out *Outcome)
}

func TestRun(t *testing.T) {
	prog := buildProg(t, progSrc)
	secret := secretFile(t)
	cases := []runCase{
		{
			name: "echo",
			cmd: Cmd{
				Args:  []string{"echo", "two words", ""},
				Env:   []string{"A=1", "EMPTY=", "PATH=/nonexistent"},
				Stdin: []byte("hello\nworld"),
			},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, 0, "")
				r := decodeReport(t, out)
				if !reflect.DeepEqual(r.Args, c.Args) {
					t.Errorf("argv = %q, want %q", r.Args, c.Args)
				}
				if !reflect.DeepEqual(r.Env, c.Env) {
					t.Errorf("env = %q, want exactly %q", r.Env, c.Env)
				}
				if r.Cwd != c.Dir {
					t.Errorf("cwd = %q, want %q", r.Cwd, c.Dir)
				}
				if r.Stdin != "hello\nworld" {
					t.Errorf("stdin = %q", r.Stdin)
				}
				if string(out.Stderr) != "to stderr\n" {
					t.Errorf("stderr = %q, want only the program's stderr", out.Stderr)
				}
				if r.UID != iso.UID || r.GID != iso.GID {
					t.Errorf("uid/gid = %d/%d, want %d/%d", r.UID, r.GID, iso.UID, iso.GID)
				}
				if iso.PIDNamespace != (r.PID == 1) {
					t.Errorf("pid = %d with PIDNamespace %v", r.PID, iso.PIDNamespace)
				}
				for _, fd := range []string{"0", "1", "2"} {
					if !contains(r.FDs, fd) {
						t.Errorf("/proc/self/fd = %q, missing %s", r.FDs, fd)
					}
				}
				if want := []int{0, 1, 2}; !reflect.DeepEqual(r.Open, want) {
					t.Errorf("open descriptors %v, want only %v", r.Open, want)
				}
			},
		},
		{
			name: "stdin nil reads EOF at once",
			cmd:  Cmd{Args: []string{"echo"}, Timeout: 2 * time.Second},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, 0, "")
				if r := decodeReport(t, out); r.Stdin != "" || len(r.Env) != 0 {
					t.Errorf("stdin = %q, env = %q; want both empty", r.Stdin, r.Env)
				}
			},
		},
		{
			name: "exit 3",
			cmd:  Cmd{Args: []string{"exit3"}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, 3, "")
			},
		},
		{
			name: "panic",
			cmd:  Cmd{Args: []string{"panic"}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, 2, "")
				if !strings.Contains(string(out.Stderr), "panic: boom") {
					t.Errorf("stderr = %q, want the panic", out.Stderr)
				}
			},
		},
		{
			// As PID 1 of a namespace the program cannot kill itself: the
			// kernel drops signals sent to a namespace's init from inside
			// it unless the init handles them (SIGKILL never is).
			name: "self SIGKILL",
			cmd:  Cmd{Args: []string{"selfkill"}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				if iso.PIDNamespace {
					wantStatus(t, out, 9, "")
					return
				}
				wantStatus(t, out, -1, "killed")
			},
		},
		{
			// With GOTRACEBACK=crash the runtime ends a panic with SIGABRT,
			// which PID 1 of a namespace cannot send itself; no core file
			// either way.
			name: "panic with GOTRACEBACK=crash",
			cmd:  Cmd{Args: []string{"panic"}, Env: []string{"GOTRACEBACK=crash"}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				if iso.PIDNamespace {
					wantStatus(t, out, 2, "")
				} else {
					wantStatus(t, out, -1, "aborted")
				}
				if cores, _ := filepath.Glob(filepath.Join(c.Dir, "core*")); len(cores) > 0 {
					t.Errorf("core dumped: %v", cores)
				}
			},
		},
		{
			// The Go runtime handles a SIGSEGV sent with kill(2) itself:
			// it prints it and exits 2, whatever the isolation.
			name: "self SIGSEGV",
			cmd:  Cmd{Args: []string{"selfsegv"}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, 2, "")
				if !strings.Contains(string(out.Stderr), "SIGSEGV") {
					t.Errorf("stderr = %q, want SIGSEGV", out.Stderr)
				}
			},
		},
		{
			// The kernel's own SIGKILL at the hard RLIMIT_CPU kills even a
			// namespace's init.
			name: "killed by the kernel at RLIMIT_CPU",
			cmd:  Cmd{Args: []string{"cpulimit"}, Timeout: 10 * time.Second},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, -1, "killed")
				if out.TimedOut {
					t.Errorf("TimedOut set for a kill the grader did not send")
				}
			},
		},
		{
			name: "sleeps forever",
			cmd:  Cmd{Args: []string{"sleep"}, Timeout: 500 * time.Millisecond},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantTimedOut(t, c, out)
			},
		},
		{
			name: "ignores SIGTERM and spins",
			cmd:  Cmd{Args: []string{"ignoreterm"}, Timeout: 500 * time.Millisecond},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantTimedOut(t, c, out)
			},
		},
		{
			name: "stdout flood",
			cmd:  Cmd{Args: []string{"floodout"}, StdoutCap: 100_000, Timeout: 10 * time.Second},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				if out.OutputLimit != "stdout" || out.TimedOut {
					t.Errorf("OutputLimit = %q, TimedOut = %v; want stdout, false", out.OutputLimit, out.TimedOut)
				}
				if len(out.Stdout) != 100_000 || strings.Trim(string(out.Stdout), "o") != "" {
					t.Errorf("kept %d bytes of stdout, want the first 100000", len(out.Stdout))
				}
				if out.Duration > 2*time.Second {
					t.Errorf("took %v to stop a flood", out.Duration)
				}
				wantStatus(t, out, -1, "killed")
			},
		},
		{
			name: "stdout and stderr flood",
			cmd:  Cmd{Args: []string{"floodboth"}, Timeout: 10 * time.Second},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				if out.OutputLimit != "stdout" && out.OutputLimit != "stderr" || out.TimedOut {
					t.Errorf("OutputLimit = %q, TimedOut = %v", out.OutputLimit, out.TimedOut)
				}
				if len(out.Stdout) > DefaultStdoutCap || len(out.Stderr) > DefaultStderrCap {
					t.Errorf("kept %d/%d bytes, over the caps", len(out.Stdout), len(out.Stderr))
				}
				if out.Duration > 3*time.Second {
					t.Errorf("took %v to stop two floods", out.Duration)
				}
			},
		},
		{
			name: "results on fd 3",
			cmd:  Cmd{Args: []string{"results"}, Results: true},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				wantStatus(t, out, 0, "")
				if got := string(out.Results); got != `{"failed":1,"passed":3}`+"\n" {
					t.Errorf("Results = %q", got)
				}
				if string(out.Stdout) != "done\n" {
					t.Errorf("stdout = %q", out.Stdout)
				}
			},
		},
		{
			name: "fd 3 open with Results",
			cmd:  Cmd{Args: []string{"echo"}, Results: true},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				if r, want := decodeReport(t, out), []int{0, 1, 2, 3}; !reflect.DeepEqual(r.Open, want) {
					t.Errorf("open descriptors %v, want only %v", r.Open, want)
				}
			},
		},
		{
			name: "no core dumps",
			cmd:  Cmd{Args: []string{"core"}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				// The hard limit is 0 too where the grader may set it:
				// for a run of its own uid, or with CAP_SYS_RESOURCE.
				if !strings.HasPrefix(string(out.Stdout), "0 ") {
					t.Errorf("RLIMIT_CORE = %q, want a soft limit of 0", out.Stdout)
				}
				if !iso.Dropped && string(out.Stdout) != "0 0\n" {
					t.Errorf("RLIMIT_CORE = %q, want 0 0", out.Stdout)
				}
				t.Logf("RLIMIT_CORE soft, hard = %s", out.Stdout)
			},
		},
		{
			name: "cannot read a root-only file",
			cmd:  Cmd{Args: []string{"readfile", secret}},
			check: func(t *testing.T, iso Isolation, c *Cmd, out *Outcome) {
				if !iso.NonRoot() {
					t.Skip("runs as root")
				}
				if !strings.Contains(string(out.Stdout), "permission denied") {
					t.Errorf("stdout = %q, want permission denied", out.Stdout)
				}
			},
		},
	}
	for _, ic := range isolations(t) {
		t.Run(ic.name, func(t *testing.T) {
			t.Setenv("SANDBOX_TEST_LEAK", "inherited") // must not reach the run
			r := New(ic.iso)
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					c := tc.cmd
					c.Path = prog
					c.Args = append([]string{prog}, tc.cmd.Args...)
					c.Dir = workDir(t, ic.iso)
					out, err := r.Run(context.Background(), &c)
					if err != nil {
						t.Fatalf("Run: %v", err)
					}
					tc.check(t, ic.iso, &c, out)
					if out.Leftover != 0 {
						t.Errorf("Leftover = %d", out.Leftover)
					}
				})
			}
		})
	}
}

func wantStatus(t *testing.T, out *Outcome, code int, sig string) {
	t.Helper()
	if out.ExitCode != code || out.Signal != sig {
		t.Errorf("exit %d, signal %q; want %d, %q\nstdout: %.300q\nstderr: %.300q",
			out.ExitCode, out.Signal, code, sig, out.Stdout, out.Stderr)
	}
}

func wantTimedOut(t *testing.T, c *Cmd, out *Outcome) {
	t.Helper()
	if !out.TimedOut || out.OutputLimit != "" {
		t.Errorf("TimedOut = %v, OutputLimit = %q; want true, \"\"", out.TimedOut, out.OutputLimit)
	}
	wantStatus(t, out, -1, "killed")
	if out.Duration < c.Timeout || out.Duration > c.Timeout+time.Second {
		t.Errorf("Duration = %v, want between %v and %v", out.Duration, c.Timeout, c.Timeout+time.Second)
	}
}

// secretFile writes a root-owned 0600 file in /tmp.
func secretFile(t *testing.T) string {
	f, err := os.CreateTemp("", "sandbox-secret-")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("canary")
	f.Close()
	t.Cleanup(func() { os.Remove(f.Name()) })
	return f.Name()
}

func TestRunCanceled(t *testing.T) {
	prog := buildProg(t, progSrc)
	for _, ic := range isolations(t) {
		t.Run(ic.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(200*time.Millisecond, cancel)
			c := &Cmd{Path: prog, Args: []string{prog, "sleep"}, Dir: workDir(t, ic.iso), Timeout: 10 * time.Second}
			start := time.Now()
			out, err := New(ic.iso).Run(ctx, c)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if out == nil || out.Signal != "killed" || out.TimedOut {
				t.Errorf("outcome = %+v, want killed, not timed out", out)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("returned after %v", d)
			}
		})
	}
}

func TestRunErrors(t *testing.T) {
	r := New(Isolation{})
	missing := filepath.Join(t.TempDir(), "missing")
	for _, c := range []*Cmd{
		nil,
		{Path: "relative/prog"},
		{Path: "/bin/true", Timeout: -1},
		{Path: missing, Args: []string{missing}},
	} {
		if out, err := r.Run(context.Background(), c); err == nil {
			t.Errorf("Run(%+v) = %+v, nil; want an error", c, out)
		}
	}
}
