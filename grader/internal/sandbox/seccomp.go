package sandbox

import (
	"errors"
	"fmt"
	"unsafe"

	"golang.org/x/sys/unix"
)

// The seccomp filter: a short deny list, as classic BPF built here (the
// filter is small enough that a library would add more than it saves).
// Denied calls fail with EPERM; they are the kernel interfaces a graded
// program has no use for and that have been the way out of sandboxes:
// namespaces, mounts, modules, keyrings, BPF, perf events, io_uring (which
// would also bypass the socket filter), and, except for a debugger
// session, ptrace and process_vm_readv/writev. Without a network
// namespace of its own, socket(2) is allowed for AF_UNIX only: TCP, UDP,
// DNS, netlink and raw sockets all fail with EAFNOSUPPORT.

// seccompPolicy says what a run's filter allows.
type seccompPolicy struct {
	Sockets  bool // filter socket families (no network namespace)
	Debugger bool // allow ptrace and process_vm_readv/writev
}

// denied are the system calls every run is refused.
var denied = []uintptr{
	unix.SYS_BPF, unix.SYS_PERF_EVENT_OPEN, unix.SYS_KEYCTL, unix.SYS_ADD_KEY, unix.SYS_REQUEST_KEY,
	unix.SYS_USERFAULTFD, unix.SYS_IO_URING_SETUP, unix.SYS_IO_URING_ENTER, unix.SYS_IO_URING_REGISTER,
	unix.SYS_MOUNT, unix.SYS_UMOUNT2, unix.SYS_PIVOT_ROOT, unix.SYS_CHROOT, unix.SYS_MOVE_MOUNT,
	unix.SYS_OPEN_TREE, unix.SYS_FSOPEN, unix.SYS_FSMOUNT, unix.SYS_FSCONFIG, unix.SYS_FSPICK,
	unix.SYS_MOUNT_SETATTR, unix.SYS_UNSHARE, unix.SYS_SETNS, unix.SYS_SWAPON, unix.SYS_SWAPOFF,
	unix.SYS_REBOOT, unix.SYS_KEXEC_LOAD, unix.SYS_KEXEC_FILE_LOAD, unix.SYS_INIT_MODULE,
	unix.SYS_FINIT_MODULE, unix.SYS_DELETE_MODULE, unix.SYS_OPEN_BY_HANDLE_AT,
	unix.SYS_NAME_TO_HANDLE_AT, unix.SYS_SYSLOG, unix.SYS_ACCT, unix.SYS_QUOTACTL,
	unix.SYS_FANOTIFY_INIT, unix.SYS_SETTIMEOFDAY, unix.SYS_CLOCK_SETTIME, unix.SYS_CLOCK_ADJTIME,
	unix.SYS_VHANGUP, unix.SYS_KCMP,
}

// debugOnly are refused except in a debugger session.
var debugOnly = []uintptr{unix.SYS_PTRACE, unix.SYS_PROCESS_VM_READV, unix.SYS_PROCESS_VM_WRITEV}

// cloneNamespaces are the clone(2) flags that create namespaces.
const cloneNamespaces = unix.CLONE_NEWNS | unix.CLONE_NEWCGROUP | unix.CLONE_NEWUTS | unix.CLONE_NEWIPC |
	unix.CLONE_NEWUSER | unix.CLONE_NEWPID | unix.CLONE_NEWNET

// Offsets in struct seccomp_data.
const (
	sdNr   = 0
	sdArch = 4
	sdArg0 = 16 // low 32 bits on little-endian machines
)

func stmt(code uint16, k uint32) unix.SockFilter { return unix.SockFilter{Code: code, K: k} }

func jump(code uint16, k uint32, jt, jf uint8) unix.SockFilter {
	return unix.SockFilter{Code: code, Jt: jt, Jf: jf, K: k}
}

func retErrno(e unix.Errno) unix.SockFilter {
	return stmt(unix.BPF_RET|unix.BPF_K, unix.SECCOMP_RET_ERRNO|uint32(e))
}

// program returns the filter.
func (p *seccompPolicy) program() ([]unix.SockFilter, error) {
	if seccompArch == 0 {
		return nil, errors.New("seccomp: no filter for this architecture")
	}
	allow := stmt(unix.BPF_RET|unix.BPF_K, unix.SECCOMP_RET_ALLOW)
	prog := []unix.SockFilter{
		stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, sdArch),
		jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, seccompArch, 1, 0),
		stmt(unix.BPF_RET|unix.BPF_K, unix.SECCOMP_RET_KILL_PROCESS),
		stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, sdNr),
	}
	if seccompX32 {
		// x32 system calls on amd64 (bit 30): refused.
		prog = append(prog, jump(unix.BPF_JMP|unix.BPF_JSET|unix.BPF_K, 0x40000000, 0, 1), retErrno(unix.ENOSYS))
	}
	deny := append(append([]uintptr(nil), denied...), archDenied...)
	if !p.Debugger {
		deny = append(deny, debugOnly...)
	}
	for _, nr := range deny {
		prog = append(prog, jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, uint32(nr), 0, 1), retErrno(unix.EPERM))
	}
	// clone3 passes its flags in memory the filter cannot read: ENOSYS
	// makes the C library and Go fall back to clone.
	prog = append(prog, jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, unix.SYS_CLONE3, 0, 1), retErrno(unix.ENOSYS))
	// clone with a namespace flag.
	prog = append(prog,
		jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, unix.SYS_CLONE, 0, 4),
		stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, sdArg0),
		jump(unix.BPF_JMP|unix.BPF_JSET|unix.BPF_K, cloneNamespaces, 0, 1),
		retErrno(unix.EPERM),
		allow,
	)
	if p.Sockets {
		prog = append(prog,
			jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, unix.SYS_SOCKET, 0, 4),
			stmt(unix.BPF_LD|unix.BPF_W|unix.BPF_ABS, sdArg0),
			jump(unix.BPF_JMP|unix.BPF_JEQ|unix.BPF_K, unix.AF_UNIX, 0, 1),
			allow,
			retErrno(unix.EAFNOSUPPORT),
		)
	}
	return append(prog, allow), nil
}

// load installs the filter on the calling thread (which has
// no_new_privs); execve keeps it.
func (p *seccompPolicy) load() error {
	prog, err := p.program()
	if err != nil {
		return err
	}
	fprog := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	if _, _, e := unix.RawSyscall(unix.SYS_SECCOMP, unix.SECCOMP_SET_MODE_FILTER, 0, uintptr(unsafe.Pointer(&fprog))); e != 0 {
		return fmt.Errorf("seccomp: %w", e)
	}
	return nil
}
