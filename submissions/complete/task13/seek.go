package main

import (
	"bytes"
	"io"
)

// ReadLineAt moves rs with Seek(offset, whence) and returns what follows, up
// to (not including) the next '\n' or the end of the data. Landing past the
// end simply yields "".
func ReadLineAt(rs io.ReadSeeker, offset int64, whence int) (string, error) {
	if _, err := rs.Seek(offset, whence); err != nil {
		return "", err
	}

	var line bytes.Buffer
	piece := make([]byte, 256)
	for {
		n, err := rs.Read(piece)
		if i := bytes.IndexByte(piece[:n], '\n'); i >= 0 {
			line.Write(piece[:i])
			return line.String(), nil
		}
		line.Write(piece[:n])
		if err == io.EOF {
			return line.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}
