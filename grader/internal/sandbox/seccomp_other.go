//go:build !amd64 && !arm64

package sandbox

// No seccomp filter is built for other architectures.
const (
	seccompArch = 0
	seccompX32  = false
)

var archDenied []uintptr
