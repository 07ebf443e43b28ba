// Package sandbox runs one untrusted command (a student's compiled
// program) with limits and returns what happened as data: an Outcome with
// the kept output, exit code or signal, the resources used, and which
// limit, if any, ended the run. The error of Run is kept for the grader's
// own failures (cannot create a pipe, cannot start the process) and for a
// process of the run that survived its teardown.
//
// Call Detect once to learn what this machine allows, by trying, and pass
// the Isolation to New. Report Isolation.Level with every grade; refuse to
// grade below a Tier with ParseTier and Isolation.Tier (grader --strict);
// grader doctor prints the lot.
//
// # How a run starts
//
// With Isolation.Shim (every Linux machine where the grader can execute
// itself) the grader does not start the program: it starts a shim, in the
// namespaces of the run: the launcher beside the grader's executable
// (Isolation.Launcher, LauncherName: this package alone, so it starts
// faster) or else the grader's own executable (/proc/self/exe). The shim
// is recognised by an init function of this package before main runs,
// checks that it comes from the grader's build, prepares the process on
// one locked OS thread, and executes the program from that thread, so the
// program is the namespace's PID 1 and inherits everything: it joins the
// run's cgroups, enters the shared network and UTS namespaces
// (Isolation.SharedNet) or brings up its own loopback, remounts /proc,
// makes the file systems read-only but the run's directories, sets the
// rlimits, drops to the run's uid, sets no_new_privs, restricts itself
// with Landlock and installs the seccomp filter. A failure of any step is
// reported on a close-on-exec pipe and Run returns it as an error; the
// pipe closing empty means the program started. It costs about 2.5 ms per
// run here (grader doctor --overhead 200). Emptied cgroups are kept for
// the next run (Release removes them).
//
// # What a run gets
//
//   - Exactly Cmd.Env as its environment (the caller passes an allowlist;
//     nothing of the grader's is inherited), Cmd.Args as argv, Cmd.Dir as
//     its working directory; stdin from Cmd.Stdin through a pipe (then end
//     of file) or /dev/null; stdout and stderr to separate pipes; with
//     Cmd.Results, fd 3 is the write end of a third pipe. No other file
//     descriptor and no controlling terminal: the run leads a new session.
//   - A non-root uid: 65534 when the grader is root (chown work
//     directories to Isolation.UID/GID), else the grader's own.
//   - With the namespaces (Isolation.PIDNamespace, MountNamespace,
//     NetNamespace, IPCNamespace, UTSNamespace), made inside a user
//     namespace of the run's own (Isolation.UserNamespace: required when
//     the grader is not root; as root without a cgroup it makes
//     RLIMIT_NPROC count each run's processes apart; as root with a
//     cgroup it is left out, because pids.max does that and a new user
//     namespace makes every start a full fork of the grader): the run is PID 1 of its PID namespace and
//     /proc lists only its processes; every file system is read-only but
//     the writable paths (Cmd.Writable), /dev/shm is a private 1 MiB tmpfs,
//     there is no network but a loopback of its own, System V IPC and the
//     host name ("sandbox") are its own. With Isolation.SharedNet (root,
//     Landlock ABI 6, seccomp) the network and UTS namespaces are one pair
//     made at start-up that every run but a debugger session enters: the
//     seccomp filter allows it no socket but AF_UNIX and Landlock scopes
//     abstract unix sockets, so it can reach nothing there, and making a
//     network namespace per run (0.7 ms of CPU) is saved.
//   - Rlimits, soft and hard alike (Go ignores SIGXCPU and SIGXFSZ):
//     RLIMIT_DATA = Cmd.Memory (never RLIMIT_AS, which breaks Go; not for
//     a race build, which reserves terabytes of shadow), RLIMIT_CPU =
//     Cmd.CPUTime, RLIMIT_FSIZE = Cmd.FileSize (writes beyond fail with
//     EFBIG), RLIMIT_NOFILE, RLIMIT_NPROC (in a user namespace of its own,
//     or for a dropped uid), RLIMIT_CORE = 0.
//   - Landlock (Isolation.Landlock, the ABI): reads and execution of the
//     system directories (/bin, /usr, /lib*, /etc), /proc, /dev, the
//     program and every existing path an argument or environment value
//     names whole; writes to Cmd.Writable only; no TCP without a network
//     namespace; no signal and no abstract unix socket outside the run
//     (ABI 6). A seccomp deny list (Isolation.Seccomp): namespaces, mounts,
//     modules, keyrings, bpf, perf events, io_uring, ptrace and
//     process_vm_readv (allowed for Debugger sessions), and, without a
//     network namespace, every socket family but AF_UNIX.
//   - A cgroup of its own (Isolation.Cgroup, v1 memory and pids or v2)
//     below the grader's: Cmd.Memory for the whole tree, pids.max =
//     Cmd.Processes.
//   - SIGKILL if the grader dies.
//
// # Limits, teardown, and what an Outcome says
//
// The wall-clock limit, an output cap exceeded, and cancellation of the
// caller's context all do the same: SIGKILL to the run's leader and its
// process group (no SIGTERM first: hostile code ignores it). Output is
// read concurrently into buffers bounded by the caps, so memory is bounded
// and no pipe is left undrained. Once the leader has exited: in a PID
// namespace the kernel has already killed every process of it; a cgroup
// is emptied (pids.max = 0, so nothing can fork, then everything in it is
// killed); without a PID namespace the grader, a child subreaper, sweeps
// the run's session and the orphans it adopted. Then Run checks that no
// process of the run is left and returns an error if one is. Run waits at
// most WaitDelay for the pipes to close, so an escapee holding stdout
// cannot make it hang.
//
// Outcome.Limit names the limit a run hit and Outcome.LimitDetail says it
// for people: the wall clock (TimedOut), CPU time (the kernel's SIGKILL
// at RLIMIT_CPU; TimedOut too), memory (the cgroup's OOM kill, or the Go
// runtime's "out of memory" under RLIMIT_DATA), an output cap
// (OutputLimit names the stream), the file-size limit (a file in the
// writable paths reached it; OutputLimit is "a file"), processes (the Go
// runtime could not create a thread), the case's disk (Cmd.Disk full;
// OutputLimit is "the disk"). Outcome.CPUTime and Memory say what the run
// used.
//
// # PID 1 semantics
//
// Being PID 1 of a namespace without an init process changes what a
// program sees: os.Getpid() is 1 and os.Getppid() 0; the kernel drops
// signals sent to PID 1 from inside its namespace unless it handles them,
// so a program cannot kill itself with SIGKILL, and the Go runtime's own
// fatal signals end in exit status 2 instead of death by the signal;
// orphans of the program become its children and stay zombies until the
// run ends. Signals from outside (the grader's kill, the kernel's SIGKILL
// at a hard RLIMIT_CPU, the OOM killer) work as usual.
//
// # What is not isolated
//
//   - At every tier: the kernel itself (a kernel bug is a way out), and
//     CPU caches and timing. Disk use is bounded per case where the
//     grader can mount a tmpfs (Isolation.Tmpfs, root: MountDisk, the
//     caller's to use, with Cmd.Disk): a run that fills it is refused with
//     ENOSPC and its Outcome says so (LimitDisk); elsewhere RLIMIT_FSIZE
//     bounds each file and the wall clock how many a run writes, and they
//     go with the run's directory.
//   - Without Landlock, reads are bounded by permission bits only: a run
//     can read every world-readable file (the grader's binary, with the
//     embedded references, included). Without Landlock and a mount
//     namespace, it can write wherever its uid may (/tmp, /dev/shm).
//   - Without a network namespace and without seccomp, it has the host's
//     network, the grader's ports included.
//   - Without a user namespace per run, RLIMIT_NPROC counts every run of
//     uid 65534 together (it is set to 8 × Cmd.Processes then; the cgroup
//     bounds each run), or, for a grader that is not root, is not set.
//   - Without a cgroup, memory is bounded per process (RLIMIT_DATA, which
//     tmpfs pages escape) and processes by RLIMIT_NPROC only; without a
//     PID namespace and without a cgroup a fork bomb can outrun the sweep
//     (it gives up after two seconds, and Run reports what is left).
//   - Without a PID namespace the run can signal every process of its uid
//     that Landlock's scope does not protect (ABI 6), and see the host's
//     processes in /proc (command lines; environments are owner-only).
//   - As the grader's own uid (a grader that is not root) without Landlock
//     or a mount namespace, a run can write the grader's files, the build
//     cache included.
//   - Without the shim (Isolation{} built by hand, GRADER_SANDBOX_OFF=shim):
//     no rlimits but a soft RLIMIT_CORE of 0, no Landlock, no seccomp, no
//     cgroup, and no namespace but the PID one.
package sandbox
