// Package sandbox runs one untrusted command (a student's compiled
// program) with limits and returns what happened as data: an Outcome with
// the kept output, exit code or signal, and whether a limit ended the run.
// The error of Run is kept for the grader's own failures (cannot create a
// pipe, cannot start the process).
//
// Call Detect once to learn what this machine allows, by trying, and pass
// the Isolation to New. Report Isolation.Level with every grade.
//
// # What a run gets
//
//   - Exactly Cmd.Env as its environment, Cmd.Args as argv, Cmd.Dir as its
//     working directory; stdin from Cmd.Stdin through a pipe (then end of
//     file) or /dev/null; stdout and stderr to separate pipes; with
//     Cmd.Results, fd 3 is the write end of a third pipe. No other file
//     descriptor (before every start the grader marks the descriptors it
//     inherited close-on-exec) and no controlling terminal: the run is the
//     leader of a new session and process group.
//   - When the grader is root and Detect could drop privileges: uid and gid
//     65534 (nobody/nogroup) and no supplementary groups, so permission
//     bits apply. Chown work directories to Isolation.UID/GID.
//   - Where the machine allows it: a PID namespace of its own (created
//     inside a user namespace that maps only the grader's ids when the
//     grader is not root). The run is PID 1 of it. When it exits or is
//     killed the kernel kills every process in the namespace, setsid
//     daemons and orphans included, before the exit is reported.
//   - A soft RLIMIT_CORE of 0, inherited from the grader (New sets the
//     grader's own), and a hard one of 0 set with prlimit right after the
//     start where the kernel allows it: for a run of the grader's uid, or
//     when the grader has CAP_SYS_RESOURCE. Otherwise a run could raise
//     its soft limit again and dump core into its work directory; closing
//     that needs a re-exec shim that sets the limit before exec.
//   - SIGKILL if the grader dies (Pdeathsig; with a PID namespace this
//     takes the whole tree).
//
// # Limits and teardown
//
// The wall-clock limit, an output cap exceeded, and cancellation of the
// caller's context all do the same: SIGKILL to the run's leader and its
// process group (no SIGTERM first: hostile code ignores it), through
// exec.Cmd.Cancel, with exec.Cmd.WaitDelay as a backstop. Output is read
// concurrently into buffers bounded by the caps, so memory is bounded and
// no pipe is left undrained. Once the leader has exited, Run waits at most
// WaitDelay for the pipes to close, so a process that escaped teardown and
// holds stdout cannot make Run hang. When the caller's context ends a run,
// Run returns the partial Outcome and the context's error.
//
// Without a PID namespace (Isolation.PIDNamespace false, e.g. Docker's
// default seccomp profile, or Isolation{} built by hand) the grader makes
// itself a child subreaper and sweeps after each run: it kills and reaps
// every process of the run's session, and the orphans re-parented to the
// grader, counting them in Outcome.Leftover. An orphan in a session of its
// own cannot be traced to its run; it is killed by the first sweep after
// every run that was live when it started has ended, so a run never loses
// a process to another run's sweep, but an escapee may outlive its own
// run while an older run is still going, and it is counted in the Leftover
// of the run that kills it. A fork bomb can outrun the sweep (it gives up
// after two seconds). The grader must not start other children in a new
// session of their own while it uses the fallback, or the sweep could take
// them for orphans (with a dropped uid only children of that uid are
// candidates); the subreaper also means orphans of the grader's other
// children (say of a killed go build) become zombies of the grader.
//
// # PID 1 semantics
//
// Being PID 1 of a namespace without an init process changes what a
// program sees: os.Getpid() is 1 and os.Getppid() 0; the kernel drops
// signals sent to PID 1 from inside its namespace unless it handles them,
// so a program cannot kill itself with SIGKILL (it goes on running), and
// the Go runtime's own fatal signals end in exit status 2 instead of death
// by the signal; orphans of the program become its children and stay
// zombies until the run ends. Signals from outside (the grader's kill, the
// kernel's SIGKILL at a hard RLIMIT_CPU, the OOM killer) work as usual.
//
// # What is not isolated
//
//   - No mount namespace and no Landlock: the run sees the host file
//     system and can read every world-readable file (other runs' work
//     directories included if they are world-readable) and write wherever
//     uid 65534 (or, when the grader is not root, the grader's uid) may.
//   - No network namespace and no seccomp filter: the run can open
//     sockets, reach the network and the grader's own ports, use abstract
//     unix sockets.
//   - No memory, CPU-time, process-count or file-size limit: no cgroup and
//     no rlimit besides RLIMIT_CORE. A fork bomb is cut off only by the
//     namespace teardown at the wall limit; a memory hog can exhaust the
//     machine.
//   - /proc is the host's (it is not remounted): even in a PID namespace
//     the run can list every process of the machine and read what /proc
//     shows to any uid, such as command lines (environments and memory are
//     owner-only).
//   - Without a PID namespace the run can signal every process of its uid:
//     as 65534 the processes of concurrent runs (kill(-1, SIGKILL) takes
//     them all), as the grader's own uid (no drop, or the grader is not
//     root) the grader itself. In a PID namespace it can name only its own
//     processes.
//   - No IPC or UTS namespace; the run shares System V IPC and /dev/shm
//     with the host.
package sandbox
