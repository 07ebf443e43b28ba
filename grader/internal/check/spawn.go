package check

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// spawnEvent is one line of the counting shim's log.
type spawnEvent struct {
	start bool
	pid   int
	rest  string // the child's arguments (start) or its exit status (end)
}

func parseSpawnLog(b []byte) []spawnEvent {
	var evs []spawnEvent
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.SplitN(line, " ", 3)
		if len(f) < 2 || f[0] != "start" && f[0] != "end" {
			continue
		}
		pid, err := strconv.Atoi(f[1])
		if err != nil {
			continue
		}
		ev := spawnEvent{start: f[0] == "start", pid: pid}
		if len(f) == 3 {
			ev.rest = f[2]
		}
		evs = append(evs, ev)
	}
	return evs
}

var (
	processLine = regexp.MustCompile(`(?m)^process (\d+): `)
	parentLine  = regexp.MustCompile(`(?m)^parent (\d+): `)
)

// Spawned checks the child processes a run started, as the counting shim
// saw them: which, all before any ended, and the pids the program printed.
func Spawned(w *spec.Spawn, obs *Observation) Verdict {
	fail := func(format string, args ...any) Verdict {
		return Verdict{Status: Fail, Message: fmt.Sprintf(format, args...), Diff: "child processes seen:\n" + indent(obs.SpawnLog)}
	}
	evs := parseSpawnLog(obs.SpawnLog)
	var starts []spawnEvent
	for _, e := range evs {
		if e.start {
			starts = append(starts, e)
		}
	}
	want := make([]string, len(w.Args))
	for i, a := range w.Args {
		want[i] = strings.Join(a, " ")
	}
	got := make([]string, len(starts))
	for i, s := range starts {
		got[i] = s.rest
	}
	sw, sg := append([]string(nil), want...), append([]string(nil), got...)
	sort.Strings(sw)
	sort.Strings(sg)
	if strings.Join(sw, "\n") != strings.Join(sg, "\n") {
		switch {
		case len(starts) == 0:
			return fail("no child process was started, want %d: start them with exec.Command(os.Args[0], \"child\", N) (goroutines are not processes)", len(want))
		case len(want) == 0:
			return fail("%d child processes were started, want none (validate every argument before starting any)", len(starts))
		}
		return fail("the child processes started were %q, want %q", sg, sw)
	}
	if w.Together {
		for i, e := range evs {
			if !e.start {
				if later := countStarts(evs[i+1:]); later > 0 {
					return fail("children were started one at a time: %d started only after another had ended (start them all, then wait for each)", later)
				}
				break
			}
		}
	}
	if w.PIDs {
		pidOf := map[string]int{}
		for _, s := range starts {
			pidOf[s.rest] = s.pid
		}
		printed := processLine.FindAllSubmatch(obs.Stdout, -1)
		if len(printed) != len(want) {
			return fail("%d \"process <pid>:\" lines, want %d", len(printed), len(want))
		}
		seen := map[int]bool{}
		for i, m := range printed {
			pid, _ := strconv.Atoi(string(m[1]))
			if pid != pidOf[want[i]] {
				return fail("line %d names process %d, but the child %q had pid %d (print cmd.Process.Pid of that child)", i+1, pid, want[i], pidOf[want[i]])
			}
			if seen[pid] {
				return fail("process %d is printed twice", pid)
			}
			seen[pid] = true
		}
		if m := parentLine.FindSubmatch(obs.Stdout); m != nil {
			if pid, _ := strconv.Atoi(string(m[1])); pid != obs.PID {
				return fail("the parent line names process %d, but the program was process %d (print os.Getpid())", pid, obs.PID)
			}
		}
	}
	return pass()
}

func countStarts(evs []spawnEvent) int {
	n := 0
	for _, e := range evs {
		if e.start {
			n++
		}
	}
	return n
}
