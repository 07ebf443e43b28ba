package main

import "io"

// Tell reports where s currently is, without moving it.
func Tell(s io.Seeker) (int64, error) {
	pos, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return 0, err
	}
	return pos, nil
}
