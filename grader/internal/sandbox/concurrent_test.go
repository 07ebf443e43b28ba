package sandbox

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentRuns starts 20 runs at once, a mix of the behaviours above,
// and checks each one got its own result: no run's kill, sweep or output
// leaks into another's.
func TestConcurrentRuns(t *testing.T) {
	prog := buildProg(t, progSrc)
	type job struct {
		cmd   Cmd
		check func(out *Outcome) error
	}
	for _, ic := range isolations(t)[:min(2, len(isolations(t)))] {
		t.Run(ic.name, func(t *testing.T) {
			r := New(ic.iso)
			var jobs []job
			var markers []string
			for i := range 20 {
				dir := workDir(t, ic.iso)
				var j job
				switch i % 5 {
				case 0:
					in := fmt.Sprintf("input %d", i)
					j.cmd = Cmd{Args: []string{prog, "echo", fmt.Sprint(i)}, Stdin: []byte(in)}
					j.check = func(out *Outcome) error {
						if !strings.Contains(string(out.Stdout), `"Stdin":"`+in+`"`) || out.ExitCode != 0 {
							return fmt.Errorf("exit %d, stdout %q", out.ExitCode, out.Stdout)
						}
						return nil
					}
				case 1:
					j.cmd = Cmd{Args: []string{prog, "exit3"}}
					j.check = func(out *Outcome) error {
						if out.ExitCode != 3 {
							return fmt.Errorf("exit %d", out.ExitCode)
						}
						return nil
					}
				case 2:
					j.cmd = Cmd{Args: []string{prog, "floodout"}, StdoutCap: 50_000}
					j.check = func(out *Outcome) error {
						if out.OutputLimit != "stdout" || len(out.Stdout) != 50_000 {
							return fmt.Errorf("OutputLimit %q, %d bytes", out.OutputLimit, len(out.Stdout))
						}
						return nil
					}
				case 3:
					j.cmd = Cmd{Args: []string{prog, "sleep"}, Timeout: 300 * time.Millisecond}
					j.check = func(out *Outcome) error {
						if !out.TimedOut || out.Duration > 300*time.Millisecond+time.Second {
							return fmt.Errorf("TimedOut %v after %v", out.TimedOut, out.Duration)
						}
						return nil
					}
				case 4:
					marker := filepath.Join(dir, "marker")
					markers = append(markers, marker)
					j.cmd = Cmd{Args: []string{prog, "daemon", marker, "1"}}
					j.check = func(out *Outcome) error {
						if out.ExitCode != 0 || string(out.Stdout) != "parent done\n" {
							return fmt.Errorf("exit %d, stdout %q", out.ExitCode, out.Stdout)
						}
						return nil
					}
				}
				j.cmd.Path, j.cmd.Dir = prog, dir
				if j.cmd.Timeout == 0 {
					j.cmd.Timeout = 20 * time.Second // a loaded machine under -race
				}
				jobs = append(jobs, j)
			}
			var wg sync.WaitGroup
			for i, j := range jobs {
				wg.Go(func() {
					start := time.Now()
					out, err := r.Run(context.Background(), &j.cmd)
					t.Logf("run %d (%s): %v, Duration %v, Leftover %d", i, j.cmd.Args[1], time.Since(start), out.Duration, out.Leftover)
					if err != nil {
						t.Errorf("run %d (%s): %v", i, j.cmd.Args[1], err)
						return
					}
					if err := j.check(out); err != nil {
						t.Errorf("run %d (%s): %v", i, j.cmd.Args[1], err)
					}
				})
			}
			wg.Wait()
			for _, m := range markers {
				if pids := survivors(t, "SANDBOX_TEST_DAEMON="+m); len(pids) > 0 {
					t.Errorf("daemon %v of %s survived", pids, m)
					killAll(pids)
				}
			}
		})
	}
}
