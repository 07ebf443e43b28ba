package sandbox

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// mountRun prepares the run's mount namespace (the shim's, still
// privileged in it):
//
//   - every mount private, so nothing propagates back to the host;
//   - /proc a new procfs of the run's PID namespace: it lists only the
//     run's processes;
//   - /dev/shm a small private tmpfs, gone with the namespace;
//   - every mount read-only, then each writable directory bind-mounted
//     onto itself read-write: the run can write there and nowhere else
//     on a file system (device files such as /dev/null stay writable).
func mountRun(writable []string) error {
	if err := unix.Mount("", "/", "", unix.MS_REC|unix.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("make mounts private: %w", err)
	}
	if err := unix.Mount("proc", "/proc", "proc", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, ""); err != nil {
		return fmt.Errorf("mount /proc: %w", err)
	}
	if err := unix.Mount("tmpfs", "/dev/shm", "tmpfs", unix.MS_NOSUID|unix.MS_NODEV|unix.MS_NOEXEC, "size=1m,nr_inodes=64,mode=1777"); err != nil {
		return fmt.Errorf("mount /dev/shm: %w", err)
	}
	// Bind the writable directories first: binds of a read-only mount
	// would be read-only too.
	for _, d := range writable {
		if err := unix.Mount(d, d, "", unix.MS_BIND|unix.MS_REC, ""); err != nil {
			return fmt.Errorf("bind %s: %w", d, err)
		}
	}
	ro := unix.MountAttr{Attr_set: unix.MOUNT_ATTR_RDONLY}
	if err := unix.MountSetattr(unix.AT_FDCWD, "/", unix.AT_RECURSIVE, &ro); err != nil {
		return fmt.Errorf("make mounts read-only: %w", err)
	}
	rw := unix.MountAttr{Attr_clr: unix.MOUNT_ATTR_RDONLY}
	for _, d := range append([]string{"/proc", "/dev/shm"}, writable...) {
		if err := unix.MountSetattr(unix.AT_FDCWD, d, 0, &rw); err != nil {
			return fmt.Errorf("make %s writable: %w", d, err)
		}
	}
	return nil
}

// loopbackUp brings up lo, the only interface of a new network namespace,
// so that a program (or a debugger session) can use 127.0.0.1 inside it.
func loopbackUp() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("bring up lo: %w", err)
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return fmt.Errorf("bring up lo: %w", err)
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bring up lo: %w", err)
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	if err := unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr); err != nil {
		return fmt.Errorf("bring up lo: %w", err)
	}
	return nil
}
