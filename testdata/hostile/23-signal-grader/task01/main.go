// Hostile #23: attacks the grader: SIGSTOP to its parent, kill(-1,
// SIGKILL), ptrace(PTRACE_ATTACH) and process_vm_readv on its parent and on
// PID 1. It reports on stderr every call that worked; the grader keeps
// running and its timers still fire.
//
// expect: c1=pass c2=pass
package main

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
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
	ppid := os.Getppid()
	bad := func(what string, err error) {
		if err == nil {
			fmt.Fprintln(os.Stderr, what, "worked")
		}
	}
	if ppid > 1 {
		bad("SIGSTOP to the parent", syscall.Kill(ppid, syscall.SIGSTOP))
		syscall.Kill(ppid, syscall.SIGCONT)
	}
	syscall.Kill(-1, syscall.SIGKILL)
	for _, pid := range []int{ppid, 1} {
		if pid <= 0 || pid == os.Getpid() {
			continue
		}
		if err := syscall.PtraceAttach(pid); err == nil {
			bad(fmt.Sprint("ptrace attach ", pid), nil)
			syscall.PtraceDetach(pid)
		}
		var b [8]byte
		local := syscall.Iovec{Base: &b[0], Len: 8}
		remote := [2]uintptr{0x400000, 8}
		_, _, e := syscall.Syscall6(310 /* process_vm_readv on amd64 */, uintptr(pid), uintptr(unsafe.Pointer(&local)), 1,
			uintptr(unsafe.Pointer(&remote)), 1, 0)
		if e == 0 {
			bad(fmt.Sprint("process_vm_readv ", pid), nil)
		}
	}
	answer()
}
