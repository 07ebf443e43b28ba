package sandbox

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// Nobody is the uid and gid runs use when the grader is root.
const Nobody = 65534

// Isolation says what this machine allows, found by trying, not guessing.
type Isolation struct {
	PIDNamespace bool     // each run is PID 1 of its own PID namespace: when it exits or is killed, the kernel kills the whole tree
	UID, GID     int      // the credentials runs use (65534 when the grader is root and dropping works; else the grader's own)
	Dropped      bool     // runs use a different, unprivileged uid than the grader
	Level        string   // "pidns+uid", "pidns", "subreaper", … a short name for reports
	Notes        []string // one line each: what is missing and why (e.g. "PID namespaces: operation not permitted")
}

// NonRoot reports whether runs use a non-root uid, so that permission
// bits apply to them.
func (i Isolation) NonRoot() bool { return i.UID != 0 }

// Detect finds what isolation this machine allows by starting a tiny child
// with each mechanism: first dropping to uid/gid 65534 (only when the
// grader is root), then a PID namespace with those credentials (through a
// user namespace when the grader is not root). Without a PID namespace it
// makes the grader a child subreaper, so that orphans of a run can be
// found and killed. It takes a few milliseconds; call it once.
func Detect() Isolation {
	iso := Isolation{UID: os.Geteuid(), GID: os.Getegid()}
	if iso.UID == 0 {
		try := Isolation{UID: Nobody, GID: Nobody, Dropped: true}
		if err := probe(try); err != nil {
			iso.Notes = append(iso.Notes, fmt.Sprintf("dropping to uid %d: %v", Nobody, err))
		} else {
			iso = try
		}
	} else {
		iso.Notes = append(iso.Notes, "grader is not root: runs use its own uid")
	}

	try := iso
	try.PIDNamespace = true
	if err := probe(try); err != nil {
		iso.Notes = append(iso.Notes, fmt.Sprintf("PID namespaces: %v", err))
	} else {
		iso = try
	}

	subreaper := false
	if !iso.PIDNamespace {
		if err := enableSubreaper(); err != nil {
			iso.Notes = append(iso.Notes, fmt.Sprintf("child subreaper: %v; orphans that leave the run's session escape", err))
		} else {
			subreaper = true
			iso.Notes = append(iso.Notes, "no PID namespace: a fork bomb can outrun the kill sweep")
		}
	}
	iso.Level = level(iso.PIDNamespace, subreaper, iso.Dropped)
	return iso
}

// level names a combination of mechanisms for reports.
func level(pidns, subreaper, dropped bool) string {
	s := "pgroup"
	switch {
	case pidns:
		s = "pidns"
	case subreaper:
		s = "subreaper"
	}
	if dropped {
		s += "+uid"
	}
	return s
}

// probeTargets are tried in order as the tiny child of a probe.
var probeTargets = []string{"/bin/true", "/usr/bin/true"}

// probe starts a child with the process attributes runs would get under
// iso and waits for it. With no true(1) on the machine it executes "/"
// instead: the kernel refuses that with EACCES only after clone, the
// namespaces and the credential change have all succeeded.
func probe(iso Isolation) error {
	attr := &os.ProcAttr{Dir: "/", Env: []string{}, Sys: iso.sysProcAttr()}
	markCloexec()
	for _, path := range probeTargets {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		p, err := os.StartProcess(path, []string{"true"}, attr)
		if err != nil {
			return unwrapStart(err)
		}
		st, err := p.Wait()
		if err != nil {
			return fmt.Errorf("wait for probe: %w", err)
		}
		if !st.Success() {
			return fmt.Errorf("probe %s: %v", path, st)
		}
		return nil
	}
	_, err := os.StartProcess("/", []string{"/"}, attr)
	if errors.Is(err, syscall.EACCES) {
		return nil
	}
	if err == nil {
		return errors.New("probe: executing / succeeded")
	}
	return unwrapStart(err)
}

// unwrapStart strips the "fork/exec path:" prefix so a note reads
// "PID namespaces: operation not permitted".
func unwrapStart(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sysProcAttr returns the process attributes of a run under i: a new
// session (so the run is the leader of its own process group and session,
// and has no controlling terminal), SIGKILL if the grader dies, and the
// credentials and namespaces i names.
func (i Isolation) sysProcAttr() *syscall.SysProcAttr {
	a := &syscall.SysProcAttr{Setsid: true, Pdeathsig: syscall.SIGKILL}
	if i.Dropped {
		// Groups empty and NoSetGroups false: setgroups(0) drops the
		// grader's supplementary groups.
		a.Credential = &syscall.Credential{Uid: uint32(i.UID), Gid: uint32(i.GID)}
	}
	if i.PIDNamespace {
		a.Cloneflags = syscall.CLONE_NEWPID
		if os.Geteuid() != 0 {
			// An unprivileged process may create a PID namespace only
			// inside a user namespace it owns. Mapping its own ids to
			// themselves keeps the run's credentials unchanged.
			uid, gid := os.Geteuid(), os.Getegid()
			a.Cloneflags |= syscall.CLONE_NEWUSER
			a.UidMappings = []syscall.SysProcIDMap{{ContainerID: uid, HostID: uid, Size: 1}}
			a.GidMappings = []syscall.SysProcIDMap{{ContainerID: gid, HostID: gid, Size: 1}}
			a.GidMappingsEnableSetgroups = false
		}
	}
	return a
}
