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
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
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
	case "writefile": // path: write a small file, print the error
		fmt.Println(os.WriteFile(os.Args[2], []byte("changed"), 0o644))
	case "procs": // how many processes /proc shows
		ents, _ := os.ReadDir("/proc")
		n := 0
		for _, e := range ents {
			if _, err := strconv.Atoi(e.Name()); err == nil {
				n++
			}
		}
		fmt.Println(n)
	case "hostname":
		h, _ := os.Hostname()
		fmt.Println(h)
	case "net": // tcp-addr udp-addr abstract-name: one line each, "ok" or the error
		netProbe(os.Args[2], os.Args[3], os.Args[4])
	case "files": // n size: write n files of size bytes, stop at the first error and print it
		n, _ := strconv.Atoi(os.Args[2])
		size, _ := strconv.Atoi(os.Args[3])
		for i := 0; i < n; i++ {
			if err := os.WriteFile(fmt.Sprintf("f%07d", i), make([]byte, size), 0o644); err != nil {
				fmt.Println(err)
				os.Exit(1)
			}
		}
		fmt.Println("wrote", n)
	case "serve": // abstract-name tcp-addr: listen on both, then say what connected within 3 s
		serve(os.Args[2], os.Args[3])
	case "alloc": // MiB: touch that much heap in 1 MiB slices
		n, _ := strconv.Atoi(os.Args[2])
		var keep [][]byte
		for i := 0; i < n; i++ {
			b := make([]byte, 1<<20)
			for j := range b {
				if j%4096 == 0 {
					b[j] = 1
				}
			}
			keep = append(keep, b)
		}
		fmt.Println(len(keep))
	case "hugealloc":
		b := make([]byte, 1<<40)
		fmt.Println(len(b))
	case "spin": // goroutines
		n, _ := strconv.Atoi(os.Args[2])
		for i := 1; i < n; i++ {
			go func() {
				for {
				}
			}()
		}
		for {
		}
	case "bigfile": // MiB: write that much into out.bin
		n, _ := strconv.Atoi(os.Args[2])
		f, err := os.Create("out.bin")
		if err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		buf := make([]byte, 1<<20)
		for i := 0; i < n; i++ {
			if _, err := f.Write(buf); err != nil {
				fmt.Println(err)
				os.Exit(1)
			}
		}
	case "threads": // n: goroutines each locked to an OS thread, blocked in a system call
		n, _ := strconv.Atoi(os.Args[2])
		for i := 0; i < n; i++ {
			go func() {
				runtime.LockOSThread()
				syscall.Nanosleep(&syscall.Timespec{Sec: 3600}, nil)
			}()
		}
		time.Sleep(time.Hour)
	case "forkbomb":
		for {
			syscall.RawSyscall(syscall.SYS_FORK, 0, 0, 0)
		}
	case "openfiles":
		n := 0
		for {
			if _, err := os.Open("/dev/null"); err != nil {
				fmt.Println(n, err)
				return
			}
			n++
		}
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

// netProbe tries a TCP connection, a UDP datagram and an abstract unix
// socket connection.
func netProbe(tcp, udp, abstract string) {
	say := func(what string, err error) {
		if err != nil {
			fmt.Printf("%s: %v\n", what, err)
		} else {
			fmt.Printf("%s: ok\n", what)
		}
	}
	c, err := net.DialTimeout("tcp", tcp, time.Second)
	if err == nil {
		_, err = c.Write([]byte("hello"))
		c.Close()
	}
	say("tcp", err)
	u, err := net.Dial("udp", udp)
	if err == nil {
		_, err = u.Write([]byte("hello"))
		u.Close()
	}
	say("udp", err)
	a, err := net.Dial("unix", "@"+abstract)
	if err == nil {
		_, err = a.Write([]byte("hello"))
		a.Close()
	}
	say("abstract", err)
}

// serve listens on an abstract unix socket and on a TCP address, and
// reports what connected to either within three seconds.
func serve(abstract, tcp string) {
	got := make(chan string, 2)
	for _, l := range []struct{ network, addr string }{{"unix", "@" + abstract}, {"tcp", tcp}} {
		ln, err := net.Listen(l.network, l.addr)
		if err != nil {
			fmt.Printf("listen %s: %v\n", l.network, err)
			continue
		}
		fmt.Printf("listen %s: ok\n", l.network)
		go func() {
			if c, err := ln.Accept(); err == nil {
				c.Close()
				got <- l.network
			}
		}()
	}
	select {
	case n := <-got:
		fmt.Println("accepted", n)
	case <-time.After(3 * time.Second):
		fmt.Println("nothing connected")
	}
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
	Release()
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

// workDir returns a fresh directory owned by the uid runs use under iso,
// inside a directory of its own (the run's writable directory).
func workDir(t testing.TB, iso Isolation) string {
	t.Helper()
	base, err := os.MkdirTemp("", "sandbox-work-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	d := filepath.Join(base, "w")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
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

// isoCase is an isolation the tests run under.
type isoCase struct {
	name string
	iso  Isolation
}

// isolations returns what the tests run under: what Detect found, and
// the weaker levels this machine can also show: without namespaces,
// without Landlock and seccomp, without the shim, and the zero Isolation
// (no namespace, no uid drop, no shim).
func isolations(t testing.TB) []isoCase {
	t.Helper()
	detectOnce.Do(func() { detected = Detect() })
	cases := []isoCase{{"detected-" + detected.Tier.String(), detected}}
	add := func(name string, off ...string) {
		i, err := detected.Without(off...)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, isoCase{name + "-" + i.Tier.String(), i})
	}
	if detected.namespaces() {
		add("no-namespaces", OffNamespaces)
	}
	if detected.SharedNet {
		add("own-net", OffShared)
	}
	if detected.Landlock > 0 || detected.Seccomp {
		add("no-landlock", OffLandlock, OffSeccomp)
	}
	if detected.Shim {
		add("no-shim", OffShim)
	}
	if detected.Dropped {
		plain, _ := Isolation{}.Without()
		cases = append(cases, isoCase{"plain-" + plain.Tier.String(), plain})
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
