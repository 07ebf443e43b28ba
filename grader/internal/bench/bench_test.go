// Package bench measures the grader against the way other graders work,
// in the same run: a `go run` or `go test` per case, serially (GitHub
// Classroom's command grader, most course scripts).
//
//	make bench    # or: go test -run '^$' -bench . -benchtime 1x ./grader/internal/bench
//
// It grades N distinct copies of the complete sample (each file gets a
// unique comment, so no build is reused) and reports medians: seconds per
// submission for the grader and for the baseline, their ratio, a cold
// single submission, a cached re-grade, and the grader's peak memory.
package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/classgrade/gograder/grader/internal/spec"
	"github.com/classgrade/gograder/specs"
)

// submissions is how many distinct submissions each side grades.
var submissions = envInt("BENCH_N", 6)

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func BenchmarkClass(b *testing.B) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	// The grader as users run it: the binary make build links (with its
	// launcher beside it), not this test binary.
	grader := filepath.Join(root, "bin", "grader")
	if _, err := os.Stat(grader); err != nil {
		b.Skip("run make build first (make bench does)")
	}
	all, err := spec.LoadFS(specs.FS, "specs")
	if err != nil {
		b.Fatal(err)
	}
	sample := filepath.Join(root, "submissions", "complete")
	cache := b.TempDir()
	run := func(args ...string) (time.Duration, int64) {
		b.Helper()
		cmd := exec.Command(grader, append(args, "--cache", cache)...)
		cmd.Dir = root
		start := time.Now()
		peak, err := runWithPeak(cmd)
		if err != nil {
			b.Fatalf("grader %s: %v", strings.Join(args, " "), err)
		}
		return time.Since(start), peak
	}

	// Warm what every grader has warm: the standard library in the build
	// cache and the reference's results.
	run("check", sample)
	for i := 0; i < b.N; i++ {
		base := b.TempDir()
		dirs := variants(b, sample, base, 2*submissions+1)
		cold := dirs[0]
		ours, theirs := filepath.Join(base, "ours"), dirs[1+submissions:]
		if err := os.Mkdir(ours, 0o755); err != nil {
			b.Fatal(err)
		}
		for _, d := range dirs[1 : 1+submissions] {
			if err := os.Rename(d, filepath.Join(ours, filepath.Base(d))); err != nil {
				b.Fatal(err)
			}
		}

		coldTime, _ := run("check", cold)
		out := b.TempDir()
		run("batch", cold, "--out", out)
		cached, _ := run("batch", cold, "--out", out) // unchanged: found in its report

		// The grader as an instructor runs it: grader batch on the class.
		oursWall, peak := run("batch", ours, "--out", b.TempDir())

		var per []time.Duration
		start := time.Now()
		for _, d := range theirs {
			t0 := time.Now()
			baseline(b, d, all)
			per = append(per, time.Since(t0))
		}
		theirsWall := time.Since(start)

		oursPer := oursWall / time.Duration(submissions)
		theirsPer := median(per)
		b.ReportMetric(coldTime.Seconds(), "s/cold-submission")
		b.ReportMetric(cached.Seconds(), "s/cached-regrade")
		b.ReportMetric(oursPer.Seconds(), "s/submission(grader)")
		b.ReportMetric(theirsPer.Seconds(), "s/submission(baseline)")
		b.ReportMetric(theirsPer.Seconds()/oursPer.Seconds(), "x-speedup")
		b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-rss")
		fmt.Printf("\n%d submissions each side, %d cores\n", submissions, runtime.NumCPU())
		fmt.Printf("grader:   %.2f s per submission in a batch (grader batch, wall %.1f s)\n", oursPer.Seconds(), oursWall.Seconds())
		fmt.Printf("baseline: %.2f s per submission, median (wall %.1f s)\n", theirsPer.Seconds(), theirsWall.Seconds())
		fmt.Printf("speed-up: %.1fx\n", theirsPer.Seconds()/oursPer.Seconds())
		fmt.Printf("one cold submission (grader check): %.2f s; unchanged re-grade (grader batch): %.3f s; grader peak RSS in the batch %.0f MiB\n",
			coldTime.Seconds(), cached.Seconds(), float64(peak)/(1<<20))
	}
}

// runWithPeak runs cmd and samples its resident memory as it goes (its
// own, not its children's): the peak (VmHWM) it last saw.
func runWithPeak(cmd *exec.Cmd) (int64, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	var peak int64
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if p := vmHWM(status); p > peak {
			peak = p
		}
		select {
		case err := <-done:
			if err != nil {
				return peak, fmt.Errorf("%w\n%s", err, stderr.String())
			}
			return peak, nil
		case <-tick.C:
		}
	}
}

// variants makes n copies of the sample whose Go files all differ, so
// that no build is cached.
func variants(b *testing.B, sample, parent string, n int) []string {
	var dirs []string
	for k := range n {
		dst := filepath.Join(parent, fmt.Sprintf("student%02d", k))
		err := filepath.WalkDir(sample, func(p string, d os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(sample, p)
			target := filepath.Join(dst, rel)
			if d.IsDir() {
				return os.MkdirAll(target, 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if strings.HasSuffix(p, ".go") {
				data = append(data, fmt.Sprintf("\n// variant %d %d\n", k, time.Now().UnixNano())...)
			}
			return os.WriteFile(target, data, 0o644)
		})
		if err != nil {
			b.Fatal(err)
		}
		dirs = append(dirs, dst)
	}
	return dirs
}

// baseline grades the way GitHub Classroom's command grader and most
// course scripts do: every test is a shell command run one after another,
// here `go run ./taskNN ARGS` for each program run of each case (each
// repetition of a repeated one; `go run -race` for a race run), and
// `go test -run '^TestCaseID$' ./taskNN` for each case that calls the
// task's functions (the test it runs is empty: the command's cost, not the
// checks'). The output comparison is not timed, and debugger cases are
// left out: both only flatter the baseline.
func baseline(b *testing.B, dir string, all []*spec.Spec) {
	mod := filepath.Join(dir, "go.mod")
	if _, err := os.Stat(mod); err != nil {
		os.WriteFile(mod, []byte("module submission\n\ngo 1.22\n"), 0o644)
	}
	for _, s := range all {
		task := fmt.Sprintf("task%02d", s.Task)
		if _, err := os.Stat(filepath.Join(dir, task)); err != nil || s.Kind == spec.KindWritten {
			continue
		}
		writeCaseTests(b, filepath.Join(dir, task), s)
		for _, c := range s.Cases {
			for _, r := range c.Runs {
				if r.IsDebug() {
					continue
				}
				for range max(r.Repeat, 1) {
					if r.IsFunction() {
						goTest(dir, task, c.ID, r)
					} else {
						goRun(dir, task, r)
					}
				}
			}
		}
	}
}

// writeCaseTests gives the task an empty test per case that calls its
// functions, as a peer's harness would have one test per case.
func writeCaseTests(b *testing.B, dir string, s *spec.Spec) {
	var src strings.Builder
	src.WriteString("package main\n\nimport \"testing\"\n")
	for _, c := range s.Cases {
		for _, r := range c.Runs {
			if r.IsFunction() {
				fmt.Fprintf(&src, "\nfunc TestCase%s(t *testing.T) {}\n", strings.ToUpper(c.ID))
				break
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "zz_bench_test.go"), []byte(src.String()), 0o644); err != nil {
		b.Fatal(err)
	}
}

// goRun is one test of the baseline: `go run ./taskNN ARGS`.
func goRun(dir, task string, r spec.Run) {
	args := []string{"run"}
	if r.Race {
		args = append(args, "-race")
	}
	goCommand(dir, r, append(append(args, "./"+task), r.Args...)...)
}

// goTest is one function case of the baseline: `go test -run` of its test.
func goTest(dir, task, id string, r spec.Run) {
	goCommand(dir, r, "test", "-count=1", "-run", "^TestCase"+strings.ToUpper(id)+"$", "./"+task)
}

func goCommand(dir string, r spec.Run, args ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), r.Timeout.Std()+30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cgo := "CGO_ENABLED=0"
	if r.Race {
		cgo = "CGO_ENABLED=1"
	}
	cmd.Env = append(os.Environ(), cgo, "GOFLAGS=-mod=mod", "GOPROXY=off")
	for k, v := range r.Env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	if r.Stdin != nil {
		cmd.Stdin = strings.NewReader(*r.Stdin)
	}
	cmd.Run()
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// vmHWM reads the peak resident memory (VmHWM) of a /proc status file,
// in bytes; 0 once the process is gone.
func vmHWM(status string) int64 {
	data, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
