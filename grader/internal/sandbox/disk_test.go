package sandbox

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
	"gotest.tools/v3/assert"
)

// TestDisk: on a case disk, a run that makes too many files or writes too
// much is refused with ENOSPC and its Outcome names the limit; one that
// stays within it is not; and the host's disk is never written.
func TestDisk(t *testing.T) {
	detectOnce.Do(func() { detected = Detect() })
	if !detected.Tmpfs {
		t.Skip("no tmpfs per case here (the grader is not root)")
	}
	prog := buildProg(t, progSrc)
	r := New(detected)
	for _, tc := range []struct {
		name       string
		args       []string
		limit, out string
		detail     string
	}{
		{"within", []string{"files", "20", "1000"}, "", "", ""},
		{"too many files", []string{"files", "1000000", "0"}, LimitDisk, "the disk", "filled its disk (limit 64 files)"},
		{"too much data", []string{"files", "100", "1048576"}, LimitDisk, "the disk", "filled its disk (limit 8 MiB)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := filepath.Dir(workDir(t, detected))
			disk, err := MountDisk(base, 8<<20, 64, detected.UID, detected.GID)
			assert.NilError(t, err)
			defer func() { assert.NilError(t, disk.Unmount()) }()
			dir := filepath.Join(base, "w")
			assert.NilError(t, os.Mkdir(dir, 0o755))
			assert.NilError(t, os.Chown(dir, detected.UID, detected.GID))
			out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: append([]string{prog}, tc.args...),
				Dir: dir, Timeout: 20 * time.Second, Disk: disk})
			assert.NilError(t, err)
			assert.Equal(t, out.Limit, tc.limit, "stdout %q", out.Stdout)
			assert.Equal(t, out.OutputLimit, tc.out)
			assert.Equal(t, out.LimitDetail, tc.detail)
			if tc.limit != "" {
				assert.Assert(t, strings.Contains(string(out.Stdout), "no space left on device"), "%s", out.Stdout)
			}
		})
	}
}

// TestSweepDisks: a case disk whose grader died is unmounted at the next
// start; one of a live grader is left alone.
func TestSweepDisks(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting needs root")
	}
	dead := exec.Command("true")
	assert.NilError(t, dead.Run())
	mount := func(pid int) string {
		dir := t.TempDir()
		assert.NilError(t, unix.Mount(fmt.Sprintf("%s%d", diskSource, pid), dir, "tmpfs", 0, "size=1m"))
		t.Cleanup(func() { unix.Unmount(dir, unix.MNT_DETACH) })
		return dir
	}
	stale, live := mount(dead.Process.Pid), mount(os.Getppid())
	assert.NilError(t, sweepDisks())
	mounted := func(dir string) bool {
		b, err := os.ReadFile("/proc/self/mountinfo")
		assert.NilError(t, err)
		return strings.Contains(string(b), " "+dir+" ")
	}
	assert.Assert(t, !mounted(stale), "the dead grader's disk is still mounted")
	assert.Assert(t, mounted(live), "a live grader's disk was unmounted")
}

func TestUnescapeMount(t *testing.T) {
	assert.Equal(t, unescapeMount(`/tmp/a\040b\011c`), "/tmp/a b\tc")
	assert.Equal(t, unescapeMount(`/tmp/plain`), "/tmp/plain")
	assert.Equal(t, unescapeMount(`/tmp/end\04`), `/tmp/end\04`)
}

// TestCgroupPool: a run's cgroups serve the next run once emptied, with
// the next run's limits, a fresh peak and no OOM kill of the run before
// counted against it; Release removes them.
func TestCgroupPool(t *testing.T) {
	detectOnce.Do(func() { detected = Detect() })
	if detected.Cgroup != 1 {
		t.Skipf("no cgroup v1 here (%s)", detected.Level)
	}
	assert.NilError(t, Release())
	prog := buildProg(t, progSrc)
	r := New(detected)
	dir := workDir(t, detected)
	run := func(args ...string) *Outcome {
		t.Helper()
		// GORACE set: no RLIMIT_DATA, so the cgroup's OOM killer is what
		// stops the hog.
		out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: append([]string{prog}, args...), Dir: dir,
			Env: []string{"GORACE=halt_on_error=1"}, Timeout: 10 * time.Second, Memory: 64 << 20})
		assert.NilError(t, err)
		return out
	}
	hog := run("alloc", "200")
	assert.Equal(t, hog.Limit, LimitMemory)
	assert.Equal(t, hog.Signal, "killed", "the cgroup's OOM killer stops it")
	cgroupPool.Lock()
	assert.Equal(t, len(cgroupPool.idle), 1, "the emptied cgroup is kept")
	reused := cgroupPool.idle[0].memory
	cgroupPool.Unlock()

	small := run("alloc", "4")
	assert.Equal(t, small.Limit, "", "the OOM kill of the run before is not this run's: %s", small.LimitDetail)
	assert.Assert(t, small.Memory < 60<<20, "peak %d MiB: the peak of the run before", small.Memory>>20)
	cgroupPool.Lock()
	assert.Equal(t, cgroupPool.idle[0].memory, reused)
	cgroupPool.Unlock()

	// A higher limit, then a lower one: the pooled cgroup takes both.
	for _, mem := range []int64{256 << 20, 96 << 20} {
		out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: []string{prog, "alloc", "4"}, Dir: dir,
			Timeout: 10 * time.Second, Memory: mem})
		assert.NilError(t, err)
		assert.Equal(t, out.Limit, "")
		cgroupPool.Lock()
		assert.Equal(t, cgroupPool.idle[0].memory, reused)
		assert.Equal(t, cgroupPool.idle[0].limit, mem)
		cgroupPool.Unlock()
	}

	assert.NilError(t, Release())
	_, err := os.Stat(reused)
	assert.Assert(t, os.IsNotExist(err), "Release left %s", reused)
}

// TestCheckLauncher: the launcher built from this package answers with
// this build's protocol; a program that is no shim does not pass.
func TestCheckLauncher(t *testing.T) {
	dir := t.TempDir()
	exe := filepath.Join(dir, LauncherName)
	build := exec.Command("go", "build", "-o", exe, "github.com/classgrade/gograder/grader/gograder-launcher")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	assert.NilError(t, checkLauncher(exe))
	assert.ErrorContains(t, checkLauncher("/bin/true"), "is not this build's launcher")
}
