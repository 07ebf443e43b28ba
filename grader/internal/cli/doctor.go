package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/classgrade/gograder/grader/internal/sandbox"
)

var doctorCmd = &Command{
	Name:  "doctor",
	Usage: "[--strict tier] [--overhead N]",
	Short: "show how well this machine can sandbox student code, and how to do better",
	Long: `Doctor tries every isolation mechanism the grader uses on student code, as
runs would get it, and prints the tier this machine reaches, what each
mechanism gives, what is missing and how to enable it.

Tiers, weakest first (each includes the ones before):

  none      the wall-clock limit and output caps; the run's process group is killed
  basic     + rlimits (memory, CPU, file size, open files, no core dumps) set before
            the program starts, and a teardown that catches escaped processes
  confined  + a non-root uid, writes confined to the run's directories, no network
  isolated  + PID, mount (/proc remounted), network, IPC and UTS namespaces,
            reads confined by Landlock, the seccomp deny list
  full      + a cgroup per run: memory and process limits over the whole tree

With --strict, doctor exits with status 1 when the machine is below the
tier, as check and selftest --strict refuse to grade. With --overhead N it
also runs /bin/true N times at each tier this machine reaches (and once
more bare, through os/exec) and prints the median time of a run. GRADER_SANDBOX_OFF
(comma-separated: namespaces, shared, tmpfs, landlock, seccomp, cgroup, uid,
shim) turns mechanisms off, to see or test a weaker tier.`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var strict string
		var overhead int
		fs.StringVar(&strict, "strict", "", "exit with status 1 when the machine is below `tier`")
		fs.IntVar(&overhead, "overhead", 0, "measure the median time of `N` runs of /bin/true at each tier")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) > 0 {
				return usagef("takes no arguments")
			}
			iso := isolation()
			printDoctor(env.Stdout, iso)
			if overhead > 0 {
				if err := measureOverhead(ctx, env.Stdout, iso, overhead); err != nil {
					return err
				}
			}
			if err := checkStrict(strict, iso); err != nil {
				return err
			}
			return nil
		}
	},
}

// mechanism is one line of the doctor's table.
type mechanism struct {
	name, gives string
	have        bool
	detail      string // what was found, or why it is missing
	enable      string // how to get it, when missing
}

func printDoctor(w io.Writer, iso sandbox.Isolation) {
	root := os.Geteuid() == 0
	uidDetail := fmt.Sprintf("runs as uid %d", iso.UID)
	if !iso.NonRoot() {
		uidDetail = "runs as root: permission bits do not apply"
	}
	userns := "in a user namespace of each run's own"
	if !iso.UserNamespace {
		userns = "without a user namespace"
	}
	shim := ""
	if iso.Shim {
		shim = "through the grader itself: no " + sandbox.LauncherName + " of this build beside it"
		if iso.Launcher != "" {
			shim = "through " + iso.Launcher
		}
	}
	netDetail, utsDetail := "", ""
	if iso.SharedNet {
		netDetail = "one shared by the runs, which can open no inet socket"
		utsDetail = `the UTS namespace shared too: host name "sandbox", which no run can change`
	}
	nsEnable := "a kernel with user namespaces (user.max_user_namespaces > 0; on Ubuntu 23.10 and later also " +
		"kernel.apparmor_restrict_unprivileged_userns=0); in Docker, a seccomp profile that allows unshare/clone " +
		"(--security-opt seccomp=unconfined) or --privileged"
	ms := []mechanism{
		{name: "uid drop", gives: "permission bits apply to runs; RLIMIT_NPROC means something", have: iso.NonRoot(), detail: uidDetail,
			enable: "run the grader as an ordinary user, or as root (CI) where setuid works"},
		{name: "re-exec shim", gives: "rlimits DATA, CPU, FSIZE, NOFILE, NPROC, CORE before the program starts", have: iso.Shim,
			detail: shim, enable: "/proc mounted and the grader's own executable readable (it starts itself as the shim)"},
		{name: "PID namespace", gives: "the run is PID 1: its whole tree dies with it, setsid daemons included", have: iso.PIDNamespace,
			detail: userns, enable: nsEnable},
		{name: "mount namespace", gives: "/proc shows only the run's processes; file systems read-only but its directories; private /dev/shm",
			have: iso.MountNamespace, enable: nsEnable},
		{name: "network namespace", gives: "no network at all (a loopback of its own)", have: iso.NetNamespace, detail: netDetail, enable: nsEnable},
		{name: "IPC, UTS namespaces", gives: "System V IPC and host name of its own", have: iso.IPCNamespace && iso.UTSNamespace,
			detail: utsDetail, enable: nsEnable},
		{name: "Landlock", gives: "reads confined to system directories and what the run is given; writes to its directories; no TCP; no signals or abstract sockets outside",
			have: iso.Landlock > 0, detail: landlockDetail(iso.Landlock),
			enable: "Linux 5.13 or later with CONFIG_SECURITY_LANDLOCK=y and landlock in the lsm= boot parameter (cat /sys/kernel/security/lsm); ABI 4 (6.7) for TCP, ABI 6 (6.12) for signal and abstract-socket scoping"},
		{name: "seccomp", gives: "deny list (namespaces, mounts, modules, bpf, io_uring, ptrace…); only unix sockets without a network namespace",
			have: iso.Seccomp, enable: "a kernel with CONFIG_SECCOMP_FILTER, on amd64 or arm64"},
		{name: "cgroup", gives: "memory and process limits over the run's whole tree; a teardown a fork bomb cannot outrun",
			have: iso.Cgroup > 0, detail: cgroupDetail(iso.Cgroup),
			enable: "as root: writable cgroup v1 memory and pids hierarchies, or cgroup v2 with memory and pids in the grader's cgroup.subtree_control; " +
				"as a user on systemd: systemd-run --user --scope -p Delegate=yes grader …"},
		{name: "tmpfs per case", gives: fmt.Sprintf("what a case's runs write is bounded (%d MiB, %d files) and never reaches the disk",
			sandbox.DiskSize>>20, sandbox.DiskFiles), have: iso.Tmpfs,
			enable: "run the grader as root (it mounts a tmpfs for each case)"},
	}
	if !root && iso.Cgroup == 0 {
		ms[len(ms)-2].detail = "not root"
	}
	fmt.Fprintf(w, "Isolation: %s\n", iso.Level)
	fmt.Fprintf(w, "Tier: %s (of %s)\n\n", iso.Tier, strings.Join(sandbox.TierNames(), ", "))
	for _, m := range ms {
		mark := "yes"
		if !m.have {
			mark = "NO "
		}
		fmt.Fprintf(w, "  %s  %-19s %s", mark, m.name, m.gives)
		if m.detail != "" {
			fmt.Fprintf(w, " [%s]", m.detail)
		}
		fmt.Fprintln(w)
	}
	var missing []mechanism
	for _, m := range ms {
		if !m.have {
			missing = append(missing, m)
		}
	}
	if len(iso.Notes) > 0 {
		fmt.Fprintf(w, "\nWhat the probes found:\n")
		for _, n := range iso.Notes {
			fmt.Fprintf(w, "  - %s\n", strings.ReplaceAll(n, "\n", "\n    "))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "\nHow to enable what is missing:\n")
		for _, m := range missing {
			fmt.Fprintf(w, "  - %s: %s\n", m.name, m.enable)
		}
	}
	fmt.Fprintf(w, "\nNot isolated at any tier: CPU caches and timing, the kernel itself (a kernel bug is a way out).\n")
	if !iso.Tmpfs {
		fmt.Fprintf(w, "Each run's disk use is bounded per file (RLIMIT_FSIZE) and by its time, not by a quota.\n")
	}
}

func landlockDetail(abi int) string {
	if abi == 0 {
		return ""
	}
	return fmt.Sprintf("ABI %d", abi)
}

func cgroupDetail(v int) string {
	if v == 0 {
		return ""
	}
	return fmt.Sprintf("v%d", v)
}

// measureOverhead prints the median wall time of n runs of /bin/true,
// bare and at each tier iso can be weakened to.
func measureOverhead(ctx context.Context, w io.Writer, iso sandbox.Isolation, n int) error {
	dir, err := os.MkdirTemp("", "grader-overhead-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		return err
	}
	os.Chmod(dir, 0o755)
	os.Chown(work, iso.UID, iso.GID)
	median := func(run func() error) (time.Duration, error) {
		d := make([]time.Duration, n)
		for i := range d {
			start := time.Now()
			if err := run(); err != nil {
				return 0, err
			}
			d[i] = time.Since(start)
		}
		slices.Sort(d)
		return d[n/2], nil
	}
	const prog = "/bin/true"
	bare, err := median(func() error {
		c := exec.CommandContext(ctx, prog)
		c.Dir, c.Env = work, []string{}
		return c.Run()
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nMedian of %d runs of %s (overhead over os/exec):\n  %-10s %8v\n", n, prog, "os/exec", bare.Round(time.Microsecond))
	seen := map[string]bool{}
	for _, off := range [][]string{
		{sandbox.OffShim, sandbox.OffNamespaces},
		{sandbox.OffNamespaces, sandbox.OffLandlock, sandbox.OffCgroup},
		{sandbox.OffNamespaces},
		{sandbox.OffCgroup},
		nil,
	} {
		i, err := iso.Without(off...)
		if err != nil {
			return err
		}
		if seen[i.Level] {
			continue
		}
		seen[i.Level] = true
		r := sandbox.New(i)
		m, err := median(func() error {
			out, err := r.Run(ctx, &sandbox.Cmd{Path: prog, Args: []string{prog}, Dir: work})
			if err == nil && out.ExitCode != 0 {
				err = fmt.Errorf("%s exited %d", prog, out.ExitCode)
			}
			return err
		})
		if err != nil {
			return fmt.Errorf("measure %s: %w", i.Level, err)
		}
		fmt.Fprintf(w, "  %-10s %8v (+%v)  %s\n", i.Tier, m.Round(time.Microsecond), (m - bare).Round(time.Microsecond), i.Level)
	}
	return nil
}
