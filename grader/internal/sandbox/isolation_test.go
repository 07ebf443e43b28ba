package sandbox

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestIsolation checks what each isolation promises: the processes a run
// sees, its network, its host name, where it can write and what it can
// read outside its directories.
func TestIsolation(t *testing.T) {
	prog := buildProg(t, progSrc)
	outside := outsideDir(t)
	canary := filepath.Join(outside, "canary.txt")
	write(t, canary, "canary-"+strconv.Itoa(os.Getpid()))
	if err := os.Chmod(canary, 0o666); err != nil {
		t.Fatal(err)
	}
	l := listen(t)
	for _, ic := range isolations(t) {
		t.Run(ic.name, func(t *testing.T) {
			r := New(ic.iso)
			dir := workDir(t, ic.iso)
			// Paths outside are given relative: an absolute path named by an
			// argument is readable on purpose.
			rel := func(p string) string {
				r, err := filepath.Rel(dir, p)
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			run := func(args ...string) string {
				t.Helper()
				c := &Cmd{Path: prog, Args: append([]string{prog}, args...), Dir: dir, Timeout: 5 * time.Second}
				out, err := r.Run(context.Background(), c)
				if err != nil {
					t.Fatalf("%s: %v", args[0], err)
				}
				return strings.TrimSpace(string(out.Stdout))
			}

			n, _ := strconv.Atoi(run("procs"))
			if ic.iso.MountNamespace != (n <= 2) {
				t.Errorf("/proc shows %d processes with MountNamespace %v", n, ic.iso.MountNamespace)
			}

			if h, _ := os.Hostname(); ic.iso.UTSNamespace != (run("hostname") == "sandbox") {
				t.Errorf("hostname %q (host %q) with UTSNamespace %v", run("hostname"), h, ic.iso.UTSNamespace)
			}

			before := l.count()
			got := run("net", l.tcp, l.udp, l.abstract)
			time.Sleep(50 * time.Millisecond)
			reached := l.count() - before
			if ic.iso.NoNetwork() {
				// In a network namespace of its own a UDP datagram to
				// 127.0.0.1 is sent, to the namespace's own loopback.
				if reached > 0 || !ic.iso.NetNamespace && strings.Contains(got, ": ok") {
					t.Errorf("network reachable under %s (%d reached the grader's listeners):\n%s", ic.iso.Level, reached, got)
				}
			} else if reached == 0 {
				t.Logf("no network isolation, and yet nothing reached the listeners:\n%s", got)
			}
			if ic.iso.Landlock >= 6 && !strings.Contains(got, "abstract: dial") {
				t.Errorf("abstract unix socket reachable under Landlock %d:\n%s", ic.iso.Landlock, got)
			}

			got = run("writefile", rel(filepath.Join(outside, "new.txt")))
			if _, err := os.Stat(filepath.Join(outside, "new.txt")); err == nil {
				os.Remove(filepath.Join(outside, "new.txt"))
				if ic.iso.ConfinesWrites() {
					t.Errorf("wrote outside its directories under %s", ic.iso.Level)
				}
			} else if got == "<nil>" {
				t.Errorf("writefile said %s but there is no file", got)
			}
			got = run("readfile", rel(canary))
			if ic.iso.ConfinesReads() && got == "<nil>" {
				t.Errorf("read a world-readable file outside its directories under %s", ic.iso.Level)
			}
			if b, _ := os.ReadFile(canary); !strings.HasPrefix(string(b), "canary-") {
				t.Errorf("canary changed: %q", b)
			}
		})
	}
}

// outsideDir is a world-writable directory outside every run's.
func outsideDir(t *testing.T) string {
	d, err := os.MkdirTemp("", "sandbox-outside-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	if err := os.Chmod(d, 0o777); err != nil {
		t.Fatal(err)
	}
	return d
}

// listeners stands for the grader's own ports: TCP and UDP on loopback,
// and an abstract unix socket. It counts what reaches them.
type listeners struct {
	tcp, udp, abstract string
	n                  atomic.Int64
}

func (l *listeners) count() int64 { return l.n.Load() }

func listen(t *testing.T) *listeners {
	l := &listeners{abstract: fmt.Sprintf("sandbox-test-%d", os.Getpid())}
	tl, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ul, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	al, err := net.Listen("unix", "@"+l.abstract)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tl.Close(); ul.Close(); al.Close() })
	l.tcp, l.udp = tl.Addr().String(), ul.LocalAddr().String()
	accept := func(ln net.Listener) {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			l.n.Add(1)
			c.Close()
		}
	}
	go accept(tl)
	go accept(al)
	go func() {
		buf := make([]byte, 64)
		for {
			if _, _, err := ul.ReadFrom(buf); err != nil {
				return
			}
			l.n.Add(1)
		}
	}()
	return l
}

// TestSharedNetKeepsRunsApart: runs that share the network namespace
// cannot reach each other: no TCP listener at all (the socket filter), and
// no connection to another run's abstract unix socket (Landlock's scope).
func TestSharedNetKeepsRunsApart(t *testing.T) {
	detectOnce.Do(func() { detected = Detect() })
	if !detected.SharedNet {
		t.Skipf("runs do not share a network namespace here (%s)", detected.Level)
	}
	prog := buildProg(t, progSrc)
	r := New(detected)
	name := fmt.Sprintf("shared-net-test-%d", os.Getpid())
	const tcp = "127.0.0.1:7357"
	served := make(chan string, 1)
	go func() {
		out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: []string{prog, "serve", name, tcp},
			Dir: workDir(t, detected), Timeout: 10 * time.Second})
		if err != nil {
			served <- err.Error()
			return
		}
		served <- string(out.Stdout)
	}()
	time.Sleep(500 * time.Millisecond) // the server is listening, if it can
	out, err := r.Run(context.Background(), &Cmd{Path: prog, Args: []string{prog, "net", tcp, tcp, name},
		Dir: workDir(t, detected), Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	client, server := string(out.Stdout), <-served
	if !strings.Contains(server, "nothing connected") || strings.Contains(client, ": ok") {
		t.Errorf("one run reached another through the shared network namespace:\nserver:\n%s\nclient:\n%s", server, client)
	}
	if !strings.Contains(server, "socket: address family not supported") {
		t.Errorf("a run could listen on TCP in the shared network namespace:\n%s", server)
	}
}
