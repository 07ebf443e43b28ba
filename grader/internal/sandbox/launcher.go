package sandbox

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"time"
)

// The launcher is a small executable installed beside the grader
// (grader/gograder-launcher: this package's shim and nothing else). Runs
// start through it when it is there and from the same build: it starts in
// a fraction of the time the grader's own executable takes (a tenth of a
// grading's CPU is spent starting shims), and without the grader's other
// packages' init functions. Without it, the grader re-executes itself
// (/proc/self/exe), which is just as safe.

// LauncherName is the launcher's file name, beside the grader's executable.
const LauncherName = "gograder-launcher"

// The package's own source, whose hash is the shim's protocol: a launcher
// left from another build refuses the grader's configuration (and the
// grader, finding that out at start-up, re-executes itself instead).
//
//go:embed *.go
var sources embed.FS

var shimProto = sourceHash()

func sourceHash() string {
	names, _ := fs.Glob(sources, "*.go")
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, _ := sources.ReadFile(n)
		h.Write([]byte(n))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// findLauncher returns the launcher beside the grader's executable, or "".
func findLauncher() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	p := filepath.Join(filepath.Dir(exe), LauncherName)
	if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
		return ""
	}
	return p
}

// checkLauncher makes sure that the executable at path is this build's
// shim: asked to, it answers with its protocol on its error pipe. Anything
// else (another build, a program that is no shim at all and would "run"
// every program by exiting 0) is refused.
func checkLauncher(path string) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	defer r.Close()
	args, err := shimArgs(&shimConfig{Hello: true, ErrFD: 3})
	if err != nil {
		w.Close()
		return err
	}
	cmd := exec.Command(path)
	cmd.Args, cmd.Env, cmd.ExtraFiles = args, []string{}, []*os.File{w}
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		w.Close()
		return err
	}
	w.Close()
	got, _ := io.ReadAll(io.LimitReader(r, 256))
	cmd.Wait()
	if want := "hello " + shimProto; string(got) != want {
		return fmt.Errorf("%s is not this build's launcher (it answered %q, want %q)", path, got, want)
	}
	return nil
}

// shimExe is the executable runs start through under i.
func (i Isolation) shimExe() string {
	if i.Launcher != "" {
		return i.Launcher
	}
	return "/proc/self/exe"
}
