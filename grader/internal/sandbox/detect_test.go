package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestDetect(t *testing.T) {
	start := time.Now()
	iso := Detect()
	took := time.Since(start)
	t.Logf("Detect: %+v in %v", iso, took)
	if took > 100*time.Millisecond {
		t.Errorf("Detect took %v, want well under 100ms", took)
	}
	if iso.Level == "" {
		t.Errorf("no Level")
	}
	if iso.Dropped != (iso.UID != os.Geteuid()) {
		t.Errorf("Dropped = %v with uid %d for a grader of uid %d", iso.Dropped, iso.UID, os.Geteuid())
	}
	if os.Geteuid() == 0 && iso.Dropped && (iso.UID != Nobody || iso.GID != Nobody || !iso.NonRoot()) {
		t.Errorf("dropped to %d/%d, NonRoot %v", iso.UID, iso.GID, iso.NonRoot())
	}
	if !iso.PIDNamespace && len(iso.Notes) == 0 {
		t.Errorf("no PID namespace and no note saying why")
	}
}

func TestLevel(t *testing.T) {
	for _, tc := range []struct {
		pidns, subreaper, dropped bool
		want                      string
	}{
		{true, false, true, "pidns+uid"},
		{true, true, false, "pidns"},
		{false, true, true, "subreaper+uid"},
		{false, false, false, "pgroup"},
	} {
		if got := level(tc.pidns, tc.subreaper, tc.dropped); got != tc.want {
			t.Errorf("level(%v, %v, %v) = %q, want %q", tc.pidns, tc.subreaper, tc.dropped, got, tc.want)
		}
	}
}

// nonRootResult is what TestNonRootHelper reports to TestNonRoot.
type nonRootResult struct {
	Iso      Isolation
	Report   report
	Survived []int
	Errors   []string
}

// TestNonRoot runs this test binary again as uid 65534 (TestNonRootHelper)
// to cover a grader that is not root: Detect must find the PID namespace
// through a user namespace where the machine allows one, and runs must work
// and leave nothing behind.
func TestNonRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to start a non-root grader")
	}
	prog := buildProg(t, progSrc)
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := workDir(t, Isolation{UID: Nobody, GID: Nobody})
	bin := filepath.Join(dir, "sandbox.test")
	copyFile(t, self, bin)

	cmd := exec.Command(bin, "-test.run=^TestNonRootHelper$", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = []string{"SANDBOX_NONROOT_PROG=" + prog, "SANDBOX_NONROOT_DIR=" + dir, "TMPDIR=" + dir}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: Nobody, Gid: Nobody}}
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, b)
	}
	var res nonRootResult
	data, err := os.ReadFile(filepath.Join(dir, "result.json"))
	if err != nil {
		t.Fatalf("helper wrote no result: %v\n%s", err, b)
	}
	if err := json.Unmarshal(data, &res); err != nil {
		t.Fatal(err)
	}
	t.Logf("non-root Detect: %+v", res.Iso)
	for _, e := range res.Errors {
		t.Error(e)
	}
	if res.Iso.UID != Nobody || res.Iso.Dropped {
		t.Errorf("non-root isolation %+v, want own uid, not dropped", res.Iso)
	}
	if res.Report.UID != Nobody || (res.Report.PID == 1) != res.Iso.PIDNamespace {
		t.Errorf("run saw uid %d pid %d under %+v", res.Report.UID, res.Report.PID, res.Iso)
	}
	if len(res.Survived) > 0 {
		t.Errorf("daemon %v survived", res.Survived)
		killAll(res.Survived)
	}
}

// TestNonRootHelper is TestNonRoot's other half; it does nothing unless
// started by it.
func TestNonRootHelper(t *testing.T) {
	prog, dir := os.Getenv("SANDBOX_NONROOT_PROG"), os.Getenv("SANDBOX_NONROOT_DIR")
	if prog == "" {
		t.Skip("started only by TestNonRoot")
	}
	var res nonRootResult
	res.Iso = Detect()
	r := New(res.Iso)
	out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: []string{prog, "echo"}, Dir: dir})
	if err != nil {
		res.Errors = append(res.Errors, "echo: "+err.Error())
	} else if err := json.Unmarshal(out.Stdout, &res.Report); err != nil {
		res.Errors = append(res.Errors, "echo: "+err.Error())
	}
	marker := filepath.Join(dir, "marker")
	out, err = r.Run(context.Background(), &Cmd{Path: prog, Args: []string{prog, "daemon", marker, "1"}, Dir: dir})
	if err != nil || out.ExitCode != 0 {
		res.Errors = append(res.Errors, "daemon did not run")
	} else if !markerStops(t, marker) {
		res.Errors = append(res.Errors, "daemon still writes its marker")
	}
	res.Survived = survivors(t, "SANDBOX_TEST_DAEMON="+marker)

	// The fallback as non-root: the subreaper sweep, no uid change.
	fb := Isolation{UID: os.Geteuid(), GID: os.Getegid()}
	marker = filepath.Join(dir, "marker-fallback")
	out, err = New(fb).Run(context.Background(), &Cmd{Path: prog, Args: []string{prog, "daemon", marker, "1"}, Dir: dir})
	if err != nil || out.ExitCode != 0 {
		res.Errors = append(res.Errors, "fallback: daemon did not run")
	} else if !markerStops(t, marker) || out.Leftover < 1 {
		res.Errors = append(res.Errors, "fallback: daemon not swept")
	}
	res.Survived = append(res.Survived, survivors(t, "SANDBOX_TEST_DAEMON="+marker)...)
	data, _ := json.Marshal(res)
	write(t, filepath.Join(dir, "result.json"), string(data))
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	src, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
}
