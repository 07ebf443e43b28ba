package build

import (
	"context"
	"strings"
	"testing"
)

// TestGoCommandLimits: a go command on a submission starts through the
// sandbox's shim with its memory limit (shown here by a shell in its
// place), in its own process group, with goEnv's environment.
func TestGoCommandLimits(t *testing.T) {
	cmd, cancel := goCommand(context.Background(), "sh", t.TempDir(), "-c", `ulimit -d; ulimit -c; echo "$GOPROXY $CGO_ENABLED"`)
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
