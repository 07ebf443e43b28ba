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
	if limit := 100 * time.Millisecond; took > limit && !raceEnabled {
		t.Errorf("Detect took %v, want well under %v", took, limit)
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
	if iso.Tier < TierFull && len(iso.Notes) == 0 {
		t.Errorf("tier %v and no note saying why", iso.Tier)
	}
}

func TestTiers(t *testing.T) {
	root := os.Geteuid() == 0
	all := Isolation{PIDNamespace: true, MountNamespace: true, NetNamespace: true, IPCNamespace: true, UTSNamespace: true,
		UserNamespace: true, UID: Nobody, GID: Nobody, Dropped: true, Shim: true, Landlock: 7, Seccomp: true,
		Cgroup: 1, cgroup: cgroupParent{Version: 1}}
	for _, tc := range []struct {
		off  []string
		want Tier
	}{
		{nil, TierFull},
		{[]string{OffCgroup}, TierIsolated},
		{[]string{OffNamespaces}, TierConfined},
		{[]string{OffLandlock}, TierConfined},
		{[]string{OffLandlock, OffSeccomp}, TierConfined},
		{[]string{OffNamespaces, OffLandlock}, TierBasic},
		{[]string{OffShim}, TierNone},
		{[]string{OffNamespaces, OffLandlock, OffCgroup}, TierBasic},
	} {
		i, err := all.Without(tc.off...)
		if err != nil {
			t.Fatal(err)
		}
		if !root && tc.want > TierBasic {
			continue // Without(OffUID) semantics differ; the others hold
		}
		if i.Tier != tc.want {
			t.Errorf("Without(%v): tier %v (%s), want %v", tc.off, i.Tier, i.Level, tc.want)
		}
	}
	if _, err := all.Without("bogus"); err == nil {
		t.Errorf("Without(bogus): no error")
	}
	for _, n := range TierNames() {
		if tr, err := ParseTier(n); err != nil || tr.String() != n {
			t.Errorf("ParseTier(%q) = %v, %v", n, tr, err)
		}
	}
	if _, err := ParseTier("strong"); err == nil {
		t.Errorf("ParseTier(strong): no error")
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
