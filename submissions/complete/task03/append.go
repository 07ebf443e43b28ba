package main

import "os"

// AppendLine adds line plus "\n" at the end of path, creating the file with
// mode 0644 when it is missing. The file's existing bytes are left alone.
func AppendLine(path, line string) error {
	fh, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, werr := fh.WriteString(line + "\n")
	cerr := fh.Close()
	if werr != nil {
		return werr
	}
	return cerr
}
