// Hostile #21: tries the network: TCP to the grader's port on 127.0.0.1
// (the corpus test listens on 47311 and answers with a canary), UDP to
// 127.0.0.1:47312, a DNS lookup through it, a netlink socket, and the
// abstract unix socket @gograder-canary. Everything it gets back is printed
// to stderr, so a reply (the canary) fails c1; otherwise it answers.
//
// expect: c1=pass c2=pass
package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"syscall"
	"time"
)

func ReadContents(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

// answer is a correct task01 main.
func answer() {
	path := "filename.txt"
	if len(os.Args) == 2 {
		path = os.Args[1]
	} else if len(os.Args) > 2 {
		fmt.Fprintln(os.Stderr, "error: usage: task01 [FILE]")
		os.Exit(1)
	}
	s, err := ReadContents(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Print(s)
}

func main() {
	report := func(what string, b []byte) {
		if len(b) > 0 {
			fmt.Fprintf(os.Stderr, "%s: %s\n", what, b)
		}
	}
	buf := make([]byte, 256)
	if c, err := net.DialTimeout("tcp", "127.0.0.1:47311", 300*time.Millisecond); err == nil {
		c.SetDeadline(time.Now().Add(300 * time.Millisecond))
		n, _ := c.Read(buf)
		report("tcp", buf[:n])
		c.Close()
	}
	if c, err := net.Dial("udp", "127.0.0.1:47312"); err == nil {
		c.SetDeadline(time.Now().Add(300 * time.Millisecond))
		c.Write([]byte("hello"))
		n, _ := c.Read(buf)
		report("udp", buf[:n])
		c.Close()
	}
	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		return net.Dial("udp", "127.0.0.1:47312")
	}}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	if addrs, err := r.LookupHost(ctx, "grader.example"); err == nil {
		report("dns", []byte(fmt.Sprint(addrs)))
	}
	cancel()
	if fd, err := syscall.Socket(syscall.AF_NETLINK, syscall.SOCK_RAW, syscall.NETLINK_ROUTE); err == nil {
		syscall.Close(fd)
	}
	if c, err := net.Dial("unix", "@gograder-canary"); err == nil {
		c.SetDeadline(time.Now().Add(300 * time.Millisecond))
		n, _ := c.Read(buf)
		report("abstract", buf[:n])
		c.Close()
	}
	answer()
}
