package sandbox

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"
)

// TestOverhead measures the median wall time of Run for a program that
// does nothing, under each isolation this machine allows, next to a bare
// os/exec run. It only runs when asked:
//
//	SANDBOX_OVERHEAD=1 go test -run TestOverhead -v ./grader/internal/sandbox/
func TestOverhead(t *testing.T) {
	if os.Getenv("SANDBOX_OVERHEAD") == "" {
		t.Skip("set SANDBOX_OVERHEAD=1 to measure")
	}
	const n = 200
	prog := buildProg(t, "package main\n\nfunc main() {}\n")
	dir := workDir(t, Isolation{UID: Nobody, GID: Nobody})
	median := func(run func() error) time.Duration {
		d := make([]time.Duration, n)
		for i := range d {
			start := time.Now()
			if err := run(); err != nil {
				t.Fatal(err)
			}
			d[i] = time.Since(start)
		}
		slices.Sort(d)
		return d[n/2]
	}
	t.Logf("%-22s median of %d: %v", "os/exec", n, median(func() error {
		c := exec.Command(prog)
		c.Env, c.Dir = []string{}, dir
		return c.Run()
	}))
	det := Detect()
	for _, off := range [][]string{
		{OffShim, OffNamespaces, OffUID},
		{OffShim, OffUID},
		{OffShim},
		{OffNamespaces, OffLandlock, OffSeccomp, OffCgroup},
		{OffNamespaces},
		{OffLandlock, OffSeccomp, OffCgroup},
		{OffCgroup},
		nil,
	} {
		iso, err := det.Without(off...)
		if err != nil {
			t.Fatal(err)
		}
		r := New(iso)
		t.Logf("%-60s median of %d: %v", iso.Level, n, median(func() error {
			out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: []string{prog}, Dir: dir})
			if err == nil && out.ExitCode != 0 {
				t.Errorf("exit %d", out.ExitCode)
			}
			return err
		}))
	}
}
