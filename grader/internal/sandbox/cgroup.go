package sandbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// A cgroup per run bounds the memory and the number of processes of its
// whole tree (rlimits bound each process), and it is the teardown that
// a fork bomb cannot outrun without a PID namespace: pids.max is set to 0,
// so nothing in it can fork, then everything in it is killed.
//
// Each run's cgroups are made below the grader's own (from
// /proc/self/cgroup), so limits set on the grader by whoever started it
// still apply. cgroup v1 needs the memory and pids hierarchies writable
// (root); cgroup v2 needs both controllers enabled in the grader's
// cgroup's cgroup.subtree_control (a delegated subtree).

// cgroupParent is where per-run cgroups are made; the zero value means
// none.
type cgroupParent struct {
	Version int    // 1 or 2; 0: no cgroups
	Memory  string // v1: the grader's memory cgroup directory; v2: the grader's cgroup
	Pids    string // v1: the grader's pids cgroup directory; v2: unused
}

var cgroupSeq atomic.Int64

// findCgroups locates the grader's cgroups and checks that a child can be
// made with both limits, by making one.
func findCgroups() (cgroupParent, error) {
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return cgroupParent{}, err
	}
	v1 := map[string]string{}
	v2 := ""
	haveV2 := false
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.SplitN(line, ":", 3)
		if len(f) != 3 {
			continue
		}
		if f[0] == "0" && f[1] == "" {
			v2, haveV2 = f[2], true
			continue
		}
		for _, c := range strings.Split(f[1], ",") {
			v1[c] = f[2]
		}
	}
	var errs []error
	if m, ok := v1["memory"]; ok {
		if p, ok := v1["pids"]; ok {
			cp := cgroupParent{Version: 1, Memory: filepath.Join("/sys/fs/cgroup/memory", m), Pids: filepath.Join("/sys/fs/cgroup/pids", p)}
			if err := cp.try(); err == nil {
				return cp, nil
			} else {
				errs = append(errs, fmt.Errorf("v1: %w", err))
			}
		}
	}
	if haveV2 {
		for _, mnt := range []string{"/sys/fs/cgroup", "/sys/fs/cgroup/unified"} {
			if _, err := os.Stat(filepath.Join(mnt, "cgroup.controllers")); err != nil {
				continue
			}
			dir := filepath.Join(mnt, v2)
			sub, _ := os.ReadFile(filepath.Join(dir, "cgroup.subtree_control"))
			fields := strings.Fields(string(sub))
			if !contains(fields, "memory") || !contains(fields, "pids") {
				errs = append(errs, fmt.Errorf("v2: memory and pids not enabled in %s/cgroup.subtree_control", dir))
				break
			}
			cp := cgroupParent{Version: 2, Memory: dir}
			if err := cp.try(); err != nil {
				errs = append(errs, fmt.Errorf("v2: %w", err))
				break
			}
			return cp, nil
		}
	}
	if len(errs) == 0 {
		return cgroupParent{}, errors.New("no memory and pids controllers")
	}
	return cgroupParent{}, errors.Join(errs...)
}

// try makes and removes a cgroup with both limits.
func (p cgroupParent) try() error {
	r, err := p.create(64<<20, 16)
	if err != nil {
		return err
	}
	return r.remove()
}

// cgroupRun is one run's cgroups.
type cgroupRun struct {
	v      int
	memory string // the memory cgroup (v2: the run's cgroup)
	pids   string // v1: the pids cgroup
	limit  int64
	ooms   int    // OOM kills counted before the run (a reused cgroup keeps its count)
	empty  bool   // teardown left nothing in it: it can serve another run
	parent string // the parent's memory directory (the pool's key)
}

// Making and removing two cgroups for every run costs about half a
// millisecond of CPU, and the kernel's work to free them more: an emptied
// cgroup waits in a pool for the next run instead, with its limits set
// again, its peak reset and its OOM count noted. The pool is per process;
// Release removes what it holds, and Detect removes what a dead grader
// left (sweepCgroups).
var cgroupPool struct {
	sync.Mutex
	idle []*cgroupRun
}

// maxIdleCgroups bounds the pool: about the runs in flight at once.
const maxIdleCgroups = 16

// get returns a run's cgroups with these limits: an idle one from the
// pool, or a new one.
func (p cgroupParent) get(memory int64, procs int) (*cgroupRun, error) {
	cgroupPool.Lock()
	var r *cgroupRun
	for i := len(cgroupPool.idle) - 1; i >= 0; i-- {
		if c := cgroupPool.idle[i]; c.parent == p.Memory && c.v == p.Version {
			r = c
			cgroupPool.idle = append(cgroupPool.idle[:i], cgroupPool.idle[i+1:]...)
			break
		}
	}
	cgroupPool.Unlock()
	if r == nil {
		return p.create(memory, procs)
	}
	if err := r.reset(memory, procs); err != nil {
		r.remove()
		return p.create(memory, procs)
	}
	return r, nil
}

// reset readies a pooled cgroup for the next run.
func (r *cgroupRun) reset(memory int64, procs int) error {
	if r.v != 1 {
		return errors.New("cgroup: only v1 peaks can be reset")
	}
	if memory != r.limit {
		// memory.memsw.limit_in_bytes may never be below
		// memory.limit_in_bytes: raise it first, lower it last.
		files := []string{"memory.limit_in_bytes", "memory.memsw.limit_in_bytes"}
		if memory > r.limit {
			files[0], files[1] = files[1], files[0]
		}
		for _, f := range files {
			err := os.WriteFile(filepath.Join(r.memory, f), []byte(strconv.FormatInt(memory, 10)), 0)
			if err != nil && !(errors.Is(err, os.ErrNotExist) && strings.Contains(f, "memsw")) {
				return err
			}
		}
		r.limit = memory
	}
	if err := os.WriteFile(filepath.Join(r.pids, "pids.max"), []byte(strconv.Itoa(procs)), 0); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(r.memory, "memory.max_usage_in_bytes"), []byte("0"), 0); err != nil {
		return err
	}
	r.ooms, r.empty = r.oomCount(), false
	return nil
}

// release returns the run's cgroups to the pool when teardown emptied
// them, and removes them otherwise.
func (r *cgroupRun) release() error {
	if r.v == 1 && r.empty && len(r.procs()) == 0 {
		cgroupPool.Lock()
		if len(cgroupPool.idle) < maxIdleCgroups {
			cgroupPool.idle = append(cgroupPool.idle, r)
			cgroupPool.Unlock()
			return nil
		}
		cgroupPool.Unlock()
	}
	return r.remove()
}

// Release removes the cgroups the pool keeps and unmounts the scratch
// disk (Scratch). Call it when the process is done running programs
// (runs after it make new cgroups).
func Release() error {
	cgroupPool.Lock()
	idle := cgroupPool.idle
	cgroupPool.idle = nil
	cgroupPool.Unlock()
	var errs []error
	for _, r := range idle {
		errs = append(errs, r.remove())
	}
	errs = append(errs, releaseScratch())
	return errors.Join(errs...)
}

// sweepCgroups removes the run cgroups that graders which died left
// below p (named gograder-PID-N, PID no longer running); the kernel
// refuses to remove one that still has a process.
func (p cgroupParent) sweepCgroups() {
	for _, d := range []string{p.Memory, p.Pids} {
		if d == "" {
			continue
		}
		ents, _ := os.ReadDir(d)
		for _, e := range ents {
			rest, ok := strings.CutPrefix(e.Name(), "gograder-")
			pidStr, _, ok2 := strings.Cut(rest, "-")
			pid, err := strconv.Atoi(pidStr)
			if !ok || !ok2 || err != nil || !e.IsDir() || pid == os.Getpid() || syscall.Kill(pid, 0) != syscall.ESRCH {
				continue
			}
			os.Remove(filepath.Join(d, e.Name()))
		}
	}
}

// create makes a run's cgroups with a memory limit (bytes) and a process
// limit.
func (p cgroupParent) create(memory int64, procs int) (*cgroupRun, error) {
	name := fmt.Sprintf("gograder-%d-%d", os.Getpid(), cgroupSeq.Add(1))
	r := &cgroupRun{v: p.Version, memory: filepath.Join(p.Memory, name), limit: memory, parent: p.Memory}
	if p.Version == 1 {
		r.pids = filepath.Join(p.Pids, name)
	}
	fail := func(err error) (*cgroupRun, error) {
		r.remove()
		return nil, fmt.Errorf("cgroup: %w", err)
	}
	for _, d := range r.dirs() {
		if err := os.Mkdir(d, 0o755); err != nil {
			return fail(err)
		}
	}
	mem := strconv.FormatInt(memory, 10)
	var writes [][2]string
	if p.Version == 1 {
		writes = [][2]string{{r.memory, "memory.limit_in_bytes"}, {r.memory, "memory.memsw.limit_in_bytes"}, {r.pids, "pids.max"}}
	} else {
		writes = [][2]string{{r.memory, "memory.max"}, {r.memory, "memory.swap.max"}, {r.memory, "pids.max"}}
	}
	for _, w := range writes {
		val := mem
		if w[1] == "pids.max" {
			val = strconv.Itoa(procs)
		} else if w[1] == "memory.swap.max" {
			val = "0"
		}
		err := os.WriteFile(filepath.Join(w[0], w[1]), []byte(val), 0)
		if errors.Is(err, os.ErrNotExist) && strings.Contains(w[1], "sw") {
			continue // no swap accounting
		}
		if err != nil {
			return fail(err)
		}
	}
	return r, nil
}

func (r *cgroupRun) dirs() []string {
	if r.pids != "" {
		return []string{r.memory, r.pids}
	}
	return []string{r.memory}
}

// procsFiles are the files the shim writes "0" into to join.
func (r *cgroupRun) procsFiles() []string {
	var out []string
	for _, d := range r.dirs() {
		out = append(out, filepath.Join(d, "cgroup.procs"))
	}
	return out
}

// pidsDir is the cgroup whose pids.max and cgroup.procs teardown uses.
func (r *cgroupRun) pidsDir() string {
	if r.pids != "" {
		return r.pids
	}
	return r.memory
}

// procs lists the processes in the run's cgroup.
func (r *cgroupRun) procs() []int {
	b, err := os.ReadFile(filepath.Join(r.pidsDir(), "cgroup.procs"))
	if err != nil {
		return nil
	}
	var pids []int
	for _, f := range strings.Fields(string(b)) {
		if n, err := strconv.Atoi(f); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}

// kill stops every fork in the cgroup and kills what is in it until it
// is empty or the budget is spent; it returns how many processes it found
// alive and how many are left.
func (r *cgroupRun) kill(budget time.Duration) (found, left int) {
	os.WriteFile(filepath.Join(r.pidsDir(), "pids.max"), []byte("0"), 0)
	if r.v == 2 {
		os.WriteFile(filepath.Join(r.memory, "cgroup.kill"), []byte("1"), 0)
	}
	seen := map[int]bool{}
	deadline := time.Now().Add(budget)
	for {
		pids := r.procs()
		if len(pids) == 0 {
			r.empty = true
			return len(seen), 0
		}
		for _, pid := range pids {
			seen[pid] = true
			syscall.Kill(pid, syscall.SIGKILL)
		}
		if time.Now().After(deadline) {
			return len(seen), len(pids)
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// oomKilled reports whether the kernel killed a process of the run for
// exceeding the memory limit.
func (r *cgroupRun) oomKilled() bool { return r.oomCount() > r.ooms }

// oomCount is how many OOM kills the cgroup has seen.
func (r *cgroupRun) oomCount() int {
	file := "memory.oom_control"
	if r.v == 2 {
		file = "memory.events"
	}
	b, err := os.ReadFile(filepath.Join(r.memory, file))
	if err != nil {
		return 0
	}
	s := bufio.NewScanner(bytes.NewReader(b))
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "oom_kill "); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(rest))
			return n
		}
	}
	return 0
}

// peak returns the most memory the run used, in bytes (0 if unknown).
func (r *cgroupRun) peak() int64 {
	file := "memory.max_usage_in_bytes"
	if r.v == 2 {
		file = "memory.peak"
	}
	b, err := os.ReadFile(filepath.Join(r.memory, file))
	if err != nil {
		return 0
	}
	n, _ := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	return n
}

// remove deletes the run's cgroups; they must be empty (the kernel
// refuses otherwise; exited processes leave at once, reaped or not).
func (r *cgroupRun) remove() error {
	var errs []error
	for _, d := range r.dirs() {
		var err error
		for i := 0; i < 50; i++ {
			if err = os.Remove(d); err == nil || errors.Is(err, os.ErrNotExist) {
				err = nil
				break
			}
			time.Sleep(time.Millisecond)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
