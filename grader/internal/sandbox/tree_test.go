package sandbox

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runDaemon runs the program's "daemon" mode: the run starts a copy of
// itself in a new session (through one more fork and exit when hops is 1)
// that rewrites a marker file every 10 ms forever, waits for the marker and
// exits 0. It returns the outcome, the marker path and the environment
// entry that marks the daemon.
func runDaemon(t *testing.T, r Runner, iso Isolation, hops int) (*Outcome, string, string) {
	t.Helper()
	prog := buildProg(t, progSrc)
	dir := workDir(t, iso)
	marker := filepath.Join(dir, "marker")
	c := &Cmd{Path: prog, Args: []string{prog, "daemon", marker, fmt.Sprint(hops)}, Dir: dir}
	out, err := r.Run(context.Background(), c)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if out.ExitCode != 0 || string(out.Stdout) != "parent done\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q", out.ExitCode, out.Stdout, out.Stderr)
	}
	return out, marker, "SANDBOX_TEST_DAEMON=" + marker
}

func TestSetsidDaemonIsKilled(t *testing.T) {
	for _, ic := range isolations(t) {
		for _, hops := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/hops=%d", ic.name, hops), func(t *testing.T) {
				out, marker, env := runDaemon(t, New(ic.iso), ic.iso, hops)
				if !markerStops(t, marker) {
					t.Errorf("the daemon still writes its marker after Run returned")
				}
				if pids := survivors(t, env); len(pids) > 0 {
					t.Errorf("daemon processes %v survived", pids)
					killAll(pids)
				}
				// Without a namespace the daemon is found by the sweep.
				if !ic.iso.PIDNamespace && out.Leftover < 1 {
					t.Errorf("Leftover = %d, want the daemon counted", out.Leftover)
				}
				if ic.iso.PIDNamespace && out.Leftover != 0 {
					t.Errorf("Leftover = %d in a PID namespace", out.Leftover)
				}
			})
		}
	}
}

// TestSetsidDaemonSurvivesGroupKill shows that the daemon test above is
// sharp: killing the run's process group alone leaves the daemon running.
func TestSetsidDaemonSurvivesGroupKill(t *testing.T) {
	iso := Isolation{}
	r := &runner{iso: iso, noSweep: true}
	enableSubreaper()
	_, marker, env := runDaemon(t, r, iso, 0)
	pids := survivors(t, env)
	defer killAll(pids)
	if markerStops(t, marker) || len(pids) == 0 {
		t.Errorf("the daemon died without the sweep: the daemon test cannot fail")
	}
}

func TestOrphanHoldingStdout(t *testing.T) {
	prog := buildProg(t, progSrc)
	for _, ic := range isolations(t) {
		t.Run(ic.name, func(t *testing.T) {
			token := uniqueToken(t)
			c := &Cmd{Path: prog, Args: []string{prog, "orphan", token}, Dir: workDir(t, ic.iso), Timeout: 2 * time.Second}
			start := time.Now()
			out, err := New(ic.iso).Run(context.Background(), c)
			took := time.Since(start)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			if out.ExitCode != 0 || !strings.Contains(string(out.Stdout), "parent done\n") || out.TimedOut {
				t.Errorf("exit %d, stdout %q, TimedOut %v", out.ExitCode, out.Stdout, out.TimedOut)
			}
			if took > c.Timeout+WaitDelay+time.Second {
				t.Errorf("Run took %v", took)
			}
			if pids := survivors(t, "SANDBOX_TEST_ORPHAN="+token); len(pids) > 0 {
				t.Errorf("orphans %v survived", pids)
				killAll(pids)
			}
		})
	}
}

// TestOrphanEscapingTeardown covers the last line of defence: an orphan
// that nothing killed (here: a setsid orphan with the sweep off) keeps the
// stdout pipe open, and Run still returns about WaitDelay after the run's
// leader exits.
func TestOrphanEscapingTeardown(t *testing.T) {
	prog := buildProg(t, progSrc)
	iso := Isolation{}
	r := &runner{iso: iso, noSweep: true}
	token := uniqueToken(t)
	// The orphan is started in a new session by the program's spawn.
	c := &Cmd{Path: prog, Args: []string{prog, "orphan", token}, Dir: workDir(t, iso), Timeout: 5 * time.Second}
	start := time.Now()
	out, err := r.Run(context.Background(), c)
	took := time.Since(start)
	pids := survivors(t, "SANDBOX_TEST_ORPHAN="+token)
	defer killAll(pids)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(pids) == 0 {
		t.Fatalf("no orphan survived: the test shows nothing")
	}
	if out.ExitCode != 0 || !strings.Contains(string(out.Stdout), "parent done\n") {
		t.Errorf("exit %d, stdout %q", out.ExitCode, out.Stdout)
	}
	if took < WaitDelay || took > WaitDelay+time.Second {
		t.Errorf("Run took %v, want about WaitDelay (%v)", took, WaitDelay)
	}
}

// uniqueToken names a test's orphans, unique across concurrent test
// processes.
func uniqueToken(t *testing.T) string {
	return fmt.Sprintf("%s-%d-%d", strings.ReplaceAll(t.Name(), "/", "_"), os.Getpid(), time.Now().UnixNano())
}
