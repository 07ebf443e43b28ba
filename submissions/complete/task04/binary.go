package main

import "os"

// ReadBinary returns every byte of the file exactly as stored on disk.
func ReadBinary(path string) ([]byte, error) {
	return os.ReadFile(path)
}
