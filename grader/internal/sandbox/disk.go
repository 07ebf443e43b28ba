package sandbox

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// A Disk is a tmpfs of bounded size and file count mounted on a case's
// directory (the grader is root): what the case's runs write lives in
// memory, charged to each run's cgroup, never on the host's disk, and a
// run that writes too much, or too many files, gets ENOSPC and the verdict
// output-limit instead of filling the disk until its time runs out. It is
// also several times faster than a disk for the thousands of small
// directories and files a grading makes.
type Disk struct {
	Dir   string
	Size  int64 // bytes
	Files int   // inodes, directories included
}

// Limits of a case's disk: four files as large as RLIMIT_FSIZE allows, and
// far more files than any task makes.
const (
	DiskSize  = 4 * DefaultFileSize
	DiskFiles = 4096
)

// diskSource names the mounts, so that the grader can tell its own and
// sweep those of a grader that died (see sweepDisks).
const diskSource = "gograder-"

// MountDisk mounts a tmpfs on dir, an existing empty directory, owned by
// uid and gid. Unmount it when the case is done.
func MountDisk(dir string, size int64, files, uid, gid int) (*Disk, error) {
	data := fmt.Sprintf("size=%d,nr_inodes=%d,mode=0755,uid=%d,gid=%d", size, files, uid, gid)
	src := diskSource + strconv.Itoa(os.Getpid())
	if err := unix.Mount(src, dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, data); err != nil {
		return nil, fmt.Errorf("mount a tmpfs on %s: %w", dir, err)
	}
	return &Disk{Dir: dir, Size: size, Files: files}, nil
}

// Unmount detaches the tmpfs; its files go with it.
func (d *Disk) Unmount() error {
	if err := unix.Unmount(d.Dir, unix.MNT_DETACH); err != nil {
		return fmt.Errorf("unmount %s: %w", d.Dir, err)
	}
	return nil
}

// full says what of the disk is used up ("" when neither space nor
// files): a run that met it was refused with ENOSPC.
func (d *Disk) full() string {
	var st unix.Statfs_t
	if unix.Statfs(d.Dir, &st) != nil {
		return ""
	}
	switch {
	case st.Files > 0 && st.Ffree == 0:
		return fmt.Sprintf("%d files", d.Files)
	case st.Blocks > 0 && st.Bfree == 0:
		return size(d.Size)
	}
	return ""
}

// sweepDisks unmounts the case disks that graders which died (killed, or
// the machine's power) left mounted, and removes their directories when
// empty. Mounts of a grader still running are left alone.
func sweepDisks() error {
	f, err := os.Open("/proc/self/mountinfo")
	if err != nil {
		return err
	}
	defer f.Close()
	var errs []error
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// id parent major:minor root mountpoint options... - fstype source superoptions
		pre, post, ok := strings.Cut(sc.Text(), " - ")
		if !ok {
			continue
		}
		fields, tail := strings.Fields(pre), strings.Fields(post)
		if len(fields) < 5 || len(tail) < 2 || tail[0] != "tmpfs" || !strings.HasPrefix(tail[1], diskSource) {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimPrefix(tail[1], diskSource))
		if err != nil || pid == os.Getpid() || unix.Kill(pid, 0) != unix.ESRCH {
			continue
		}
		dir := unescapeMount(fields[4])
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			errs = append(errs, fmt.Errorf("unmount the stale %s: %w", dir, err))
			continue
		}
		os.Remove(dir) // the mount point, when empty
	}
	return errors.Join(errs...)
}

// unescapeMount undoes mountinfo's octal escapes (\040 for a space).
func unescapeMount(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				b.WriteByte(byte(n))
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// The scratch disk: one tmpfs for all of a grader's workspaces and case
// directories. Builds write thousands of files and runs make and remove
// hundreds of directories; on a tmpfs that costs a fraction of what a
// disk file system does (a cold grading is 7% faster here), and nothing
// is left on the disk. Case disks are mounted inside it.
var scratch struct {
	sync.Mutex
	disk *Disk
}

// Scratch limits: an upper bound (a tmpfs takes memory only for what is
// written; two submissions' workspaces need some tens of MiB).
const (
	ScratchSize  = 4 << 30
	ScratchFiles = 1 << 20
)

// Scratch mounts a tmpfs at a new directory below parent for the
// grader's temporary files and returns it; Release unmounts it. It needs
// the grader to be root (Isolation.Tmpfs).
func Scratch(parent string) (string, error) {
	dir, err := os.MkdirTemp(parent, "gograder-scratch-")
	if err != nil {
		return "", fmt.Errorf("scratch: %w", err)
	}
	d, err := MountDisk(dir, ScratchSize, ScratchFiles, 0, 0)
	if err != nil {
		os.Remove(dir)
		return "", err
	}
	scratch.Lock()
	defer scratch.Unlock()
	if scratch.disk != nil {
		d.Unmount()
		os.Remove(dir)
		return "", errors.New("scratch: already mounted")
	}
	scratch.disk = d
	return dir, nil
}

// releaseScratch unmounts the scratch disk, if any, and removes its
// mount point.
func releaseScratch() error {
	scratch.Lock()
	d := scratch.disk
	scratch.disk = nil
	scratch.Unlock()
	if d == nil {
		return nil
	}
	if err := d.Unmount(); err != nil {
		return err
	}
	return os.Remove(d.Dir)
}
