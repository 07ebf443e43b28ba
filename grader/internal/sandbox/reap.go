package sandbox

import (
	"math"
	"os"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// Without a PID namespace nothing in the kernel ties a run's processes
// together: a child that calls setsid leaves the run's process group and
// session, and when its parent exits it is re-parented. The grader makes
// itself a child subreaper, so such orphans are re-parented to the grader
// instead of to the system's init, and after every run it sweeps: it kills
// and reaps the processes of the run's session and the grader's adopted
// children that cannot belong to a run still going.
//
// Every run's leader is registered from before a sweep can see it until it
// is reaped, so that a sweep never kills another run's leader or a process
// in another run's session. An adopted child in a session of its own
// carries no trace of the run that made it; it is killed by the first
// sweep after every run that was going when it started has ended (known
// from start times; each run marks itself ended before its own sweep, so
// the last of them kills it), so a run never loses a process to another
// run's sweep, and an escapee outlives its own run only while an older run
// is still going.

var (
	// startMu is held shared while a run starts and registers its leader,
	// and exclusively while a sweep reads /proc and sends its kills: a run
	// just forked but not yet registered cannot be taken for an orphan.
	startMu sync.RWMutex

	liveMu sync.Mutex
	live   = map[int]*liveRun{} // by leader pid, which is also the run's session id

	subreaperOnce sync.Once
	subreaperErr  error
)

// liveRun is the registry entry of a run whose leader is not reaped yet.
type liveRun struct {
	start uint64 // the leader's start time in clock ticks; 0 if unknown
	// going is true while the run may still make processes that the
	// grader adopts: until its leader exits, and never in a PID namespace.
	going bool
}

// enableSubreaper makes the grader process a child subreaper, once.
func enableSubreaper() error {
	subreaperOnce.Do(func() {
		subreaperErr = unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
	})
	return subreaperErr
}

// register records a just-started leader; the caller holds startMu shared.
// going is false for a run in a PID namespace, whose processes never reach
// the grader.
func register(pid int, going bool) {
	var start uint64 // unknown: every adopted child might be this run's
	if going {
		if p, err := readStat(pid); err == nil {
			start = p.start
		}
	}
	liveMu.Lock()
	live[pid] = &liveRun{start: start, going: going}
	liveMu.Unlock()
}

// markEnded records that the leader has exited, before its sweep: a sweep
// that sees every run older than an orphan ended may kill the orphan.
func markEnded(pid int) {
	liveMu.Lock()
	if r := live[pid]; r != nil {
		r.going = false
	}
	liveMu.Unlock()
}

func unregister(pid int) {
	liveMu.Lock()
	delete(live, pid)
	liveMu.Unlock()
}

// liveRuns returns a copy of the registry.
func liveRuns() map[int]liveRun {
	liveMu.Lock()
	defer liveMu.Unlock()
	m := make(map[int]liveRun, len(live))
	for pid, r := range live {
		m[pid] = *r
	}
	return m
}

// sweepBudget bounds one sweep: a fork bomb can outrun it, which is why
// the PID namespace is preferred.
const sweepBudget = 2 * time.Second

// sweep kills and reaps what is left of the run whose leader is sid, after
// the leader has exited and before it is reaped (so the ids stay unused):
// every process of session sid, then every child the grader adopted as a
// subreaper that is not a registered leader, is not in the grader's own
// session (where the grader's other children live), is not in another
// registered run's session, started before every run still going, and,
// when runs use a dropped uid, has that uid. The caller has marked its run
// ended. It returns how many such processes were alive.
func sweep(sid int, iso Isolation) int {
	self := os.Getpid()
	selfSid, _ := unix.Getsid(0)
	found := map[int]bool{}
	deadline := time.Now().Add(sweepBudget)
	for pass := 0; ; pass++ {
		startMu.Lock()
		victims := scan(sid, self, selfSid, iso)
		if pass == 0 {
			syscall.Kill(-sid, syscall.SIGKILL)
		}
		pending := 0
		for _, p := range victims {
			if !p.zombie() {
				syscall.Kill(p.pid, syscall.SIGKILL)
				found[p.pid] = true
				pending++
			} else if p.ppid == self {
				pending++
			}
		}
		startMu.Unlock()
		for _, p := range victims {
			if p.ppid == self {
				reap(p.pid, deadline)
			}
		}
		if pending == 0 || time.Now().After(deadline) {
			break
		}
		// Killed processes that are not our children need a moment to
		// die and be re-parented to us.
		time.Sleep(200 * time.Microsecond)
	}
	return len(found)
}

// scan returns the processes sweep must kill or reap.
func scan(sid, self, selfSid int, iso Isolation) []procInfo {
	procs, err := listProcs()
	if err != nil {
		return nil
	}
	runs := liveRuns()
	oldest := uint64(math.MaxUint64) // start of the oldest other run still going
	for _, r := range runs {
		if r.going {
			oldest = min(oldest, r.start)
		}
	}
	var victims []procInfo
	for _, p := range procs {
		_, leader := runs[p.pid]
		_, other := runs[p.sid]
		switch {
		case p.pid == self || leader:
			// the grader, or a run's leader (this one's is reaped by Run)
		case p.sid == sid:
			victims = append(victims, p)
		case p.ppid == self && p.sid != selfSid && !other && p.start < oldest:
			if iso.Dropped {
				if uid, err := procUID(p.pid); err != nil || uid != iso.UID {
					continue
				}
			}
			victims = append(victims, p)
		}
	}
	return victims
}

// reap waits for a killed child of the grader without blocking past the
// deadline (a process in uninterruptible sleep may take long to die).
func reap(pid int, deadline time.Time) {
	for {
		var ws unix.WaitStatus
		got, err := unix.Wait4(pid, &ws, unix.WNOHANG, nil)
		if got == pid || (err != nil && err != unix.EINTR) || time.Now().After(deadline) {
			return
		}
		time.Sleep(100 * time.Microsecond)
	}
}

// remaining counts the live processes of session sid, after a sweep.
func remaining(sid int) int {
	procs, err := listProcs()
	if err != nil {
		return 0
	}
	n := 0
	for _, p := range procs {
		if p.sid == sid && p.pid != sid && !p.zombie() {
			n++
		}
	}
	return n
}
