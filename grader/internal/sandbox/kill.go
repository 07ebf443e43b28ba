package sandbox

import (
	"os"
	"sync"
	"syscall"
)

// killer kills a run's tree when os/exec calls Cmd.Cancel (the wall limit,
// an output cap, or the caller's context), but only while the run's leader
// is alive and unreaped: its ids then cannot name another process.
type killer struct {
	mu     sync.Mutex
	pid    int // 0 before arm and after disarm
	killed bool
}

func (k *killer) arm(pid int) {
	k.mu.Lock()
	k.pid = pid
	k.mu.Unlock()
}

// disarm stops later kills and reports whether one happened.
func (k *killer) disarm() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.pid = 0
	return k.killed
}

// cancel is the Cmd.Cancel function. It kills the leader first: in a PID
// namespace the leader is its PID 1, and the kernel then kills every
// process in the namespace. Then the process group, for the fallback;
// the fallback's teardown sweeps the rest once the leader is gone.
func (k *killer) cancel() error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.pid == 0 {
		return os.ErrProcessDone
	}
	k.killed = true
	syscall.Kill(k.pid, syscall.SIGKILL)
	syscall.Kill(-k.pid, syscall.SIGKILL)
	return nil
}
