package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/classgrade/gograder/grader/internal/sandbox"
)

// TestGoCommandLimits: a go command on a submission starts through the
// sandbox's shim with its memory limit (shown here by a shell in its
// place), in its own process group, with goEnv's environment.
func TestGoCommandLimits(t *testing.T) {
	cmd, cancel := goCommand(context.Background(), "sh", t.TempDir(), workspace{}, "-c", `ulimit -d; ulimit -c; echo "$GOPROXY $CGO_ENABLED"`)
	defer cancel()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got, want := strings.Fields(string(out)), []string{"2097152", "0", "off", "0"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("data limit (KiB), core limit, GOPROXY, CGO_ENABLED = %q, want %q", got, want)
	}
	if cmd.SysProcAttr == nil || !cmd.SysProcAttr.Setpgid {
		t.Errorf("not in a process group of its own")
	}
}

// TestGoCommandConfined: with the isolation Detect finds, a go command on
// a submission writes only its workspace and the build cache, and has no
// network; its temporary files are in the workspace.
func TestGoCommandConfined(t *testing.T) {
	iso := sandbox.Detect()
	if iso.Landlock == 0 || !iso.Seccomp {
		t.Skipf("no Landlock or seccomp here (%s)", iso.Level)
	}
	root, cache, outside := t.TempDir(), t.TempDir(), t.TempDir()
	script := `echo in > in.txt && echo cached > ` + cache + `/c.txt && echo "tmp=$GOTMPDIR"
echo out > ` + outside + `/out.txt 2>/dev/null || echo "outside: refused"
exec 3<>/dev/tcp/127.0.0.1/9 2>/dev/null || echo "network: refused"`
	cmd, cancel := goCommand(context.Background(), "/bin/bash", root, workspace{root: root, cache: cache, iso: iso}, "-c", script)
	defer cancel()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := "tmp=" + filepath.Join(root, "tmp") + "\noutside: refused\nnetwork: refused\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if _, err := os.Stat(filepath.Join(outside, "out.txt")); err == nil {
		t.Errorf("wrote outside its workspace")
	}
	if b, err := os.ReadFile(filepath.Join(root, "in.txt")); err != nil || string(b) != "in\n" {
		t.Errorf("did not write its workspace: %q %v", b, err)
	}
}
