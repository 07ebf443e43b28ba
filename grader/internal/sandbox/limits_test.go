package sandbox

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestLimits checks each resource limit under every isolation with the
// shim: the run is stopped (or refused) and the Outcome names the limit.
func TestLimits(t *testing.T) {
	prog := buildProg(t, progSrc)
	cases := []struct {
		name  string
		cmd   Cmd
		check func(t *testing.T, iso Isolation, out *Outcome)
	}{
		{
			name: "heap beyond the memory limit",
			cmd:  Cmd{Args: []string{"alloc", "2048"}, Memory: 256 << 20, Timeout: 10 * time.Second},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				wantLimit(t, out, LimitMemory, "ran out of memory (limit 256 MiB)")
				if out.ExitCode == 0 {
					t.Errorf("exit 0 after running out of memory")
				}
				if out.Duration > 5*time.Second {
					t.Errorf("took %v", out.Duration)
				}
			},
		},
		{
			name: "one huge allocation",
			cmd:  Cmd{Args: []string{"hugealloc"}, Timeout: 10 * time.Second},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				wantLimit(t, out, LimitMemory, "ran out of memory (limit 512 MiB)")
				if out.Duration > 2*time.Second {
					t.Errorf("took %v", out.Duration)
				}
			},
		},
		{
			name: "CPU time on four goroutines",
			cmd:  Cmd{Args: []string{"spin", "4"}, CPUTime: time.Second, Timeout: 5 * time.Second},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				wantLimit(t, out, LimitCPU, "used ")
				if !out.TimedOut || out.Signal != "killed" {
					t.Errorf("TimedOut %v, signal %q", out.TimedOut, out.Signal)
				}
				if out.CPUTime < 500*time.Millisecond || out.Duration > 3*time.Second {
					t.Errorf("CPU %v in %v", out.CPUTime, out.Duration)
				}
			},
		},
		{
			name: "wall clock, no CPU",
			cmd:  Cmd{Args: []string{"sleep"}, Timeout: 300 * time.Millisecond},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				wantLimit(t, out, LimitWall, "still running after 300ms")
				if out.CPUTime > 100*time.Millisecond {
					t.Errorf("CPU %v for a sleeper", out.CPUTime)
				}
			},
		},
		{
			name: "file beyond the file-size limit",
			cmd:  Cmd{Args: []string{"bigfile", "100"}, FileSize: 1 << 20},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				wantLimit(t, out, LimitFileSize, "(1 MiB)")
				if out.OutputLimit != "a file" || !strings.Contains(string(out.Stdout), "file too large") {
					t.Errorf("OutputLimit %q, stdout %q", out.OutputLimit, out.Stdout)
				}
			},
		},
		{
			name: "threads beyond the process limit",
			cmd:  Cmd{Args: []string{"threads", "2000"}, Processes: 64, Timeout: 10 * time.Second},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				if iso.Cgroup == 0 && !iso.UserNamespace && !iso.Dropped {
					t.Skip("no process limit without a cgroup, a user namespace or a dropped uid")
				}
				wantLimit(t, out, LimitProcesses, "(limit 64)")
			},
		},
		{
			name: "open files",
			cmd:  Cmd{Args: []string{"openfiles"}, OpenFiles: 64},
			check: func(t *testing.T, iso Isolation, out *Outcome) {
				var n int
				fmt.Sscan(string(out.Stdout), &n)
				if n < 50 || n > 63 || !strings.Contains(string(out.Stdout), "too many open files") {
					t.Errorf("stdout %q, want about 60 files then EMFILE", out.Stdout)
				}
			},
		},
	}
	for _, ic := range isolations(t) {
		if !ic.iso.Shim {
			continue
		}
		t.Run(ic.name, func(t *testing.T) {
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
					t.Logf("%s: exit %d signal %q, %v wall, %v CPU, %d MiB; %s", tc.name, out.ExitCode, out.Signal,
						out.Duration.Round(time.Millisecond), out.CPUTime.Round(time.Millisecond), out.Memory>>20, out.LimitDetail)
					tc.check(t, ic.iso, out)
					if out.Leftover != 0 {
						t.Errorf("Leftover = %d", out.Leftover)
					}
				})
			}
		})
	}
}

func wantLimit(t *testing.T, out *Outcome, limit, detail string) {
	t.Helper()
	if out.Limit != limit || !strings.Contains(out.LimitDetail, detail) {
		t.Errorf("Limit %q (%q), want %q (%q)\nstdout: %.200q\nstderr: %.300q", out.Limit, out.LimitDetail, limit, detail, out.Stdout, out.Stderr)
	}
}
