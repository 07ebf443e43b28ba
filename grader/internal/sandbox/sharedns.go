package sandbox

import (
	"fmt"
	"os"
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// Shared network and UTS namespaces. Making a network namespace for each
// run, and the kernel's work to destroy it afterwards, is the largest
// single cost of starting a run (about 0.7 ms of CPU of 4 here). When the
// grader is root and every run gets Landlock with scoped abstract unix
// sockets (ABI 6) and the seccomp socket filter, one network namespace
// made at start-up, with nothing in it but a loopback, isolates as well:
// a run can create no socket but AF_UNIX, so it cannot reach the loopback
// at all, and cannot connect to an abstract socket of another run, which
// is the one thing a network namespace holds that a run could share.
// Filesystem sockets are confined like every other file. The UTS
// namespace (host name "sandbox") is shared with it: no run can change
// the name. Debugger sessions, which need TCP on the loopback between
// Delve and its client, keep a network namespace of their own.

// sharedNS holds the namespaces, made once.
type sharedNS struct {
	once     sync.Once
	net, uts *os.File
	err      error
}

var shared sharedNS

// sharedNamespaces returns the shared network and UTS namespaces, made on
// first use by a thread that unshares them and then ends.
func sharedNamespaces() (net, uts *os.File, err error) {
	shared.once.Do(func() {
		done := make(chan struct{})
		go func() {
			defer close(done)
			// The thread is left locked: it is in other namespaces now, and
			// the runtime ends it when this goroutine returns.
			runtime.LockOSThread()
			shared.net, shared.uts, shared.err = makeShared()
		}()
		<-done
	})
	return shared.net, shared.uts, shared.err
}

func makeShared() (net, uts *os.File, err error) {
	if err := unix.Unshare(unix.CLONE_NEWNET | unix.CLONE_NEWUTS); err != nil {
		return nil, nil, fmt.Errorf("shared namespaces: unshare: %w", err)
	}
	if err := unix.Sethostname([]byte("sandbox")); err != nil {
		return nil, nil, fmt.Errorf("shared namespaces: sethostname: %w", err)
	}
	if err := loopbackUp(); err != nil {
		return nil, nil, fmt.Errorf("shared namespaces: %w", err)
	}
	tid := unix.Gettid()
	if net, err = os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", tid)); err != nil {
		return nil, nil, fmt.Errorf("shared namespaces: %w", err)
	}
	if uts, err = os.Open(fmt.Sprintf("/proc/self/task/%d/ns/uts", tid)); err != nil {
		net.Close()
		return nil, nil, fmt.Errorf("shared namespaces: %w", err)
	}
	return net, uts, nil
}

// sharesNet reports whether runs of r enter the shared namespaces instead
// of making a network and a UTS namespace each.
func (r *runner) sharesNet() bool {
	return r.iso.SharedNet && r.iso.Shim && !r.debugger
}

// nsFD is a namespace the shim enters (setns) before anything else.
type nsFD struct {
	FD   int
	Type int // CLONE_NEWNET, CLONE_NEWUTS
}

// enter joins the namespaces and closes their descriptors.
func enter(fds []nsFD) error {
	for _, n := range fds {
		if err := unix.Setns(n.FD, n.Type); err != nil {
			return fmt.Errorf("setns: %w", err)
		}
		unix.Close(n.FD)
	}
	return nil
}
