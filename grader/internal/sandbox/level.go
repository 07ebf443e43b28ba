package sandbox

import (
	"fmt"
	"strings"
)

// Tier orders what a machine's isolation guarantees, for reports and for
// refusing to grade below a chosen tier (grader --strict). Each tier
// includes the ones below it.
type Tier int

const (
	// TierNone: the wall-clock limit and the output caps, the run's
	// process group killed. An escaped daemon, a fork bomb or a memory
	// hog can outlive or hurt the grader.
	TierNone Tier = iota
	// TierBasic: rlimits (memory, CPU, file size, open files, core
	// dumps) set before the program starts, and a teardown that catches
	// processes that left the session (PID namespace, cgroup or the
	// subreaper sweep).
	TierBasic
	// TierConfined: also a non-root uid, writes confined to the run's
	// directories (Landlock or a read-only mount namespace), and no
	// network (a network namespace, or the seccomp socket filter).
	TierConfined
	// TierIsolated: also PID, mount (/proc remounted), network, IPC and
	// UTS namespaces, reads confined by Landlock, and the seccomp deny
	// list.
	TierIsolated
	// TierFull: also a cgroup per run bounding the memory and the
	// process count of the whole tree.
	TierFull
)

var tierNames = []string{"none", "basic", "confined", "isolated", "full"}

func (t Tier) String() string {
	if t >= 0 && int(t) < len(tierNames) {
		return tierNames[t]
	}
	return fmt.Sprintf("Tier(%d)", int(t))
}

// ParseTier reads a tier name ("none", "basic", "confined", "isolated",
// "full").
func ParseTier(s string) (Tier, error) {
	for i, n := range tierNames {
		if strings.EqualFold(s, n) {
			return Tier(i), nil
		}
	}
	return 0, fmt.Errorf("unknown isolation tier %q (want %s)", s, strings.Join(tierNames, ", "))
}

// TierNames lists the tiers, weakest first.
func TierNames() []string { return append([]string(nil), tierNames...) }

// level returns the tier i reaches and its name for reports.
func (i Isolation) level() (Tier, string) {
	var mech []string
	var ns []string
	for _, n := range []struct {
		on   bool
		name string
	}{{i.PIDNamespace, "pid"}, {i.MountNamespace, "mount"}, {i.NetNamespace && !i.SharedNet, "net"}, {i.IPCNamespace, "ipc"},
		{i.UTSNamespace && !i.SharedNet, "uts"}, {i.UserNamespace, "user"}} {
		if n.on {
			ns = append(ns, n.name)
		}
	}
	if len(ns) > 0 {
		mech = append(mech, strings.Join(ns, ", ")+" namespaces")
	}
	if i.SharedNet {
		mech = append(mech, "shared net, uts namespaces")
	}
	if i.NonRoot() {
		mech = append(mech, fmt.Sprintf("uid %d", i.UID))
	} else {
		mech = append(mech, "runs as root")
	}
	if i.Shim {
		mech = append(mech, "rlimits")
	}
	if i.Landlock > 0 {
		mech = append(mech, fmt.Sprintf("landlock v%d", i.Landlock))
	}
	if i.Seccomp {
		mech = append(mech, "seccomp")
	}
	if i.Cgroup > 0 {
		mech = append(mech, fmt.Sprintf("cgroup v%d", i.Cgroup))
	}
	if i.Tmpfs {
		mech = append(mech, "tmpfs per case")
	}
	if !i.PIDNamespace && i.Subreaper {
		mech = append(mech, "subreaper")
	}

	t := TierNone
	treeKill := i.PIDNamespace || i.Cgroup > 0 || i.Subreaper
	if i.Shim && treeKill {
		t = TierBasic
		if i.NonRoot() && i.ConfinesWrites() && i.NoNetwork() {
			t = TierConfined
			if i.PIDNamespace && i.MountNamespace && i.NetNamespace && i.IPCNamespace && i.UTSNamespace &&
				i.ConfinesReads() && i.Seccomp {
				t = TierIsolated
				if i.Cgroup > 0 {
					t = TierFull
				}
			}
		}
	}
	return t, t.String() + " (" + strings.Join(mech, "; ") + ")"
}
