package sandbox

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// procInfo is what the kill sweep needs to know about one process.
type procInfo struct {
	pid, ppid, pgid, sid int
	state                byte   // 'R', 'S', 'Z', … from /proc/<pid>/stat
	start                uint64 // start time in clock ticks after boot
}

// zombie reports whether the process has exited and waits to be reaped.
func (p procInfo) zombie() bool { return p.state == 'Z' || p.state == 'X' }

// listProcs reads every process in /proc. Processes that exit while it
// reads are skipped.
func listProcs() ([]procInfo, error) {
	d, err := os.Open("/proc")
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil, fmt.Errorf("list processes: %w", err)
	}
	procs := make([]procInfo, 0, len(names))
	for _, name := range names {
		pid, err := strconv.Atoi(name)
		if err != nil {
			continue
		}
		p, err := readStat(pid)
		if err != nil {
			continue // gone already
		}
		procs = append(procs, p)
	}
	return procs, nil
}

// readStat parses /proc/<pid>/stat: "pid (comm) state ppid pgrp session …
// starttime …" (starttime is field 22).
// The command name may contain spaces and parentheses, so fields are
// counted from the last ')'.
func readStat(pid int) (procInfo, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return procInfo{}, err
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return procInfo{}, fmt.Errorf("parse /proc/%d/stat: no ')'", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 20 || len(f[0]) != 1 {
		return procInfo{}, fmt.Errorf("parse /proc/%d/stat: short", pid)
	}
	p := procInfo{pid: pid, state: f[0][0]}
	for j, dst := range []*int{&p.ppid, &p.pgid, &p.sid} {
		if *dst, err = strconv.Atoi(f[j+1]); err != nil {
			return procInfo{}, fmt.Errorf("parse /proc/%d/stat: %w", pid, err)
		}
	}
	if p.start, err = strconv.ParseUint(f[19], 10, 64); err != nil {
		return procInfo{}, fmt.Errorf("parse /proc/%d/stat: %w", pid, err)
	}
	return p, nil
}

// procUID returns the real uid of a process from /proc/<pid>/status.
func procUID(pid int) (int, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "Uid:"); ok {
			fields := strings.Fields(rest)
			if len(fields) == 0 {
				break
			}
			return strconv.Atoi(fields[0])
		}
	}
	return 0, errors.New("no Uid line in /proc/" + strconv.Itoa(pid) + "/status")
}
