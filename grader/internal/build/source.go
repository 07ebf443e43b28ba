package build

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// Limits on what is copied from a submission.
const (
	maxFileSize  = 1 << 20 // one Go file
	maxTaskFiles = 64      // Go files in one task folder
)

// Source is one task folder's Go code, copied out of a submission.
type Source struct {
	Name  string            // unit name: "task08" (or "task08~mutant" in selftest)
	Files map[string][]byte // Go files by base name; *_test.go and zz_grader* left out
	Spec  *spec.Spec        // probes are generated from it; nil: none
	// Extra holds the task's other graded files (debug.dlv, answer.md).
	Extra map[string][]byte
	// Ignored lists files that were not copied, with the reason, for the report.
	Ignored []string
}

// ExtraFiles are the files besides Go code that a task folder may hold
// for grading.
var ExtraFiles = map[string]bool{"debug.dlv": true, "answer.md": true}

// Collect copies the Go files of dir into a Source. It reads only regular
// files (never through a symlink) of bounded size. A missing folder is not
// an error: the result has no files.
func Collect(dir, name string) (*Source, error) {
	src := &Source{Name: name, Files: map[string][]byte{}, Extra: map[string][]byte{}}
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return src, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read task folder %s: %w", dir, err)
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	for _, e := range ents {
		n := e.Name()
		if ExtraFiles[n] {
			if !e.Type().IsRegular() {
				src.Ignored = append(src.Ignored, n+": not a regular file")
			} else if data, err := readCapped(filepath.Join(dir, n)); err != nil {
				src.Ignored = append(src.Ignored, fmt.Sprintf("%s: %v", n, err))
			} else {
				src.Extra[n] = data
			}
			continue
		}
		if !strings.HasSuffix(n, ".go") {
			continue
		}
		switch {
		case strings.HasSuffix(n, "_test.go"):
			src.Ignored = append(src.Ignored, n+": test files are ignored")
			continue
		case strings.HasPrefix(n, "zz_grader"):
			src.Ignored = append(src.Ignored, n+": zz_grader* names are reserved for the grader")
			continue
		case !e.Type().IsRegular():
			src.Ignored = append(src.Ignored, n+": not a regular file")
			continue
		case len(src.Files) == maxTaskFiles:
			src.Ignored = append(src.Ignored, n+": too many Go files")
			continue
		}
		data, err := readCapped(filepath.Join(dir, n))
		if err != nil {
			src.Ignored = append(src.Ignored, fmt.Sprintf("%s: %v", n, err))
			continue
		}
		src.Files[n] = data
	}
	return src, nil
}

const noFollow = syscall.O_NOFOLLOW

func readCapped(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|noFollow, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", maxFileSize)
	}
	return data, nil
}
