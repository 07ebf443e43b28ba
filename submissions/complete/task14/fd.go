package main

import "os"

// FileDescriptor opens path just long enough to ask for its descriptor
// number, then closes it again. The number is only meaningful while the file
// was open: the next open will get the same number back.
func FileDescriptor(path string) (uintptr, error) {
	h, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	num := h.Fd()
	if err := h.Close(); err != nil {
		return 0, err
	}
	return num, nil
}
