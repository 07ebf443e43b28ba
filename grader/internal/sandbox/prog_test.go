package sandbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// progSrc is the test program: one binary, the behaviour chosen by argv[1],
// so the suite pays for one go build.
const progSrc = `package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

type report struct {
	Args  []string
	Env   []string
	Cwd   string
	Stdin string
	PID   int
	UID   int
	GID   int
	FDs   []string // entries of /proc/self/fd
	Open  []int    // descriptors open when echo started
}

func main() {
	if m := os.Getenv("SANDBOX_TEST_DAEMON"); m != "" {
		daemon(m)
	}
	if os.Getenv("SANDBOX_TEST_ORPHAN") != "" {
		fmt.Println("orphan holds stdout")
		sleepForever()
	}
	if len(os.Args) < 2 {
		os.Exit(100)
	}
	switch os.Args[1] {
	case "echo":
		echo()
	case "exit3":
		os.Exit(3)
	case "panic":
		panic("boom")
	case "selfkill":
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(200 * time.Millisecond)
		fmt.Println("still alive")
		os.Exit(9)
	case "selfsegv":
		syscall.Kill(os.Getpid(), syscall.SIGSEGV)
		time.Sleep(200 * time.Millisecond)
		fmt.Println("still alive")
		os.Exit(9)
	case "cpulimit":
		lim := syscall.Rlimit{Cur: 1, Max: 1}
		if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &lim); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		for {
		}
	case "sleep":
		sleepForever()
	case "ignoreterm":
		signal.Ignore(syscall.SIGTERM)
		for {
		}
	case "floodout":
		buf := bytes.Repeat([]byte("o"), 64<<10)
		for {
			os.Stdout.Write(buf)
		}
	case "floodboth":
		buf := bytes.Repeat([]byte("x"), 64<<10)
		go func() {
			for {
				os.Stderr.Write(buf)
			}
		}()
		for {
			os.Stdout.Write(buf)
		}
	case "daemon": // marker hops
		marker := os.Args[2]
		spawn(nil, "SANDBOX_TEST_DAEMON="+marker, "SANDBOX_TEST_HOPS="+os.Args[3])
		for i := 0; i < 1000; i++ {
			if _, err := os.Stat(marker); err == nil {
				break
			}
			time.Sleep(2 * time.Millisecond)
		}
		fmt.Println("parent done")
	case "orphan": // token
		spawn(os.Stdout, "SANDBOX_TEST_ORPHAN="+os.Args[2])
		fmt.Println("parent done")
	case "results":
		f := os.NewFile(3, "results")
		if err := json.NewEncoder(f).Encode(map[string]int{"passed": 3, "failed": 1}); err != nil {
			fmt.Println(err)
		}
		fmt.Println("done")
	case "core": // RLIMIT_CORE is set just after the start: wait for it
		var lim syscall.Rlimit
		for i := 0; i < 20; i++ {
			syscall.Getrlimit(syscall.RLIMIT_CORE, &lim)
			if lim.Max == 0 {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		fmt.Println(lim.Cur, lim.Max)
	case "readfile":
		_, err := os.ReadFile(os.Args[2])
		fmt.Println(err)
	default:
		os.Exit(101)
	}
}

func echo() {
	var r report
	for fd := 0; fd < 1024; fd++ {
		var st syscall.Stat_t
		if syscall.Fstat(fd, &st) == nil {
			r.Open = append(r.Open, fd)
		}
	}
	r.Args = os.Args
	r.Env = os.Environ()
	r.Cwd, _ = os.Getwd()
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	r.Stdin = string(in)
	r.PID, r.UID, r.GID = os.Getpid(), os.Getuid(), os.Getgid()
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
	}
	for _, e := range ents {
		r.FDs = append(r.FDs, e.Name())
	}
	json.NewEncoder(os.Stdout).Encode(r)
	fmt.Fprintln(os.Stderr, "to stderr")
}

// sleepForever blocks in select{}; the sleeping goroutine keeps the
// runtime from declaring a deadlock.
func sleepForever() {
	go func() {
		for {
			time.Sleep(time.Hour)
		}
	}()
	select {}
}

// spawn starts this program again in a new session with extra environment.
func spawn(stdout *os.File, env ...string) {
	exe, err := os.Executable()
	if err != nil {
		panic(err)
	}
	c := exec.Command(exe)
	c.Env = append(os.Environ(), env...)
	if stdout != nil {
		c.Stdout = stdout
	}
	c.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := c.Start(); err != nil {
		panic(err)
	}
}

// daemon writes the time into marker every 10 ms, forever; with hops left
// it first forks once more and exits (a double fork).
func daemon(marker string) {
	if n, _ := strconv.Atoi(os.Getenv("SANDBOX_TEST_HOPS")); n > 0 {
		spawn(nil, "SANDBOX_TEST_HOPS="+strconv.Itoa(n-1))
		os.Exit(0)
	}
	for {
		os.WriteFile(marker, []byte(strconv.FormatInt(time.Now().UnixNano(), 10)), 0o644)
		time.Sleep(10 * time.Millisecond)
	}
}
`

// report mirrors the test program's report.
type report struct {
	Args  []string
	Env   []string
	Cwd   string
	Stdin string
	PID   int
	UID   int
	GID   int
	FDs   []string
	Open  []int
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

var (
	buildMu sync.Mutex
	binDir  string                // world-readable, so a dropped uid can execute what is built
	built   = map[string]string{} // source hash -> binary
)

// buildProg builds a Go program from src once per test binary and returns
// the path of the executable, readable and executable by every uid. It
// skips the test under -short.
func buildProg(t testing.TB, src string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program; skipped under -short")
	}
	sum := sha256.Sum256([]byte(src))
	key := hex.EncodeToString(sum[:8])
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := built[key]; ok {
		return p
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	if binDir == "" {
		d, err := os.MkdirTemp("", "sandbox-bin-")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
		binDir = d
	}
	srcDir := t.TempDir()
	write(t, filepath.Join(srcDir, "go.mod"), "module prog\n\ngo 1.22\n")
	write(t, filepath.Join(srcDir, "main.go"), src)
	out := filepath.Join(binDir, "prog-"+key)
	cmd := exec.Command(gobin, "build", "-o", out, ".")
	cmd.Dir = srcDir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	built[key] = out
	return out
}

func write(t testing.TB, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// workDir returns a fresh directory owned by the uid runs use under iso.
func workDir(t testing.TB, iso Isolation) string {
	t.Helper()
	d, err := os.MkdirTemp("", "sandbox-work-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	if os.Geteuid() == 0 {
		if err := os.Chown(d, iso.UID, iso.GID); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

var (
	detectOnce sync.Once
	detected   Isolation
)

// isolations returns what the tests run under: what Detect found, and the
// fallbacks this machine can also show: no PID namespace with the same
// credentials, and the zero Isolation (no namespace, no uid drop).
func isolations(t testing.TB) []struct {
	name string
	iso  Isolation
} {
	t.Helper()
	detectOnce.Do(func() { detected = Detect() })
	type isoCase = struct {
		name string
		iso  Isolation
	}
	cases := []isoCase{{"detected-" + detected.Level, detected}}
	if detected.PIDNamespace {
		fb := detected
		fb.PIDNamespace = false
		fb.Level = level(false, true, fb.Dropped)
		cases = append(cases, isoCase{"fallback-" + fb.Level, fb})
	}
	if detected.Dropped {
		cases = append(cases, isoCase{"fallback-plain", Isolation{Level: "subreaper"}})
	}
	return cases
}

func decodeReport(t testing.TB, out *Outcome) report {
	t.Helper()
	var r report
	if err := json.Unmarshal(out.Stdout, &r); err != nil {
		t.Fatalf("decode report: %v\nstdout: %q\nstderr: %q", err, out.Stdout, out.Stderr)
	}
	return r
}

// survivors lists the processes whose environment contains needle.
func survivors(t testing.TB, needle string) []int {
	t.Helper()
	ents, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var pids []int
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil {
			continue
		}
		for _, kv := range bytes.Split(b, []byte{0}) {
			if string(kv) == needle {
				if p, err := readStat(pid); err == nil && !p.zombie() {
					pids = append(pids, pid)
				}
				break
			}
		}
	}
	return pids
}

// killAll kills and reaps (when they are our children) the given pids;
// for tests that leave processes behind on purpose.
func killAll(pids []int) {
	for _, pid := range pids {
		syscall.Kill(pid, syscall.SIGKILL)
	}
	deadline := time.Now().Add(2 * time.Second)
	for _, pid := range pids {
		reap(pid, deadline)
	}
}

// markerStops reports whether the marker file stays unchanged for 300 ms.
func markerStops(t testing.TB, marker string) bool {
	t.Helper()
	before, err := os.ReadFile(marker)
	if err != nil {
		t.Fatalf("marker: %v", err)
	}
	time.Sleep(300 * time.Millisecond)
	after, _ := os.ReadFile(marker)
	return bytes.Equal(before, after)
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
