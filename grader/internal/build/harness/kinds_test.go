package harness_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"
	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/build/harness"
)

// cmpErrors compares errors with errors.Is.
var cmpErrors = cmpopts.EquateErrors()

// recovered returns what f panics with, as an error.
func recovered(f func()) (err error) {
	defer func() { err = recover().(error) }()
	f()
	return nil
}

func TestIsKind(t *testing.T) {
	dir := t.TempDir()
	_, openErr := os.Open(filepath.Join(dir, "missing.txt"))
	_, dirErr := os.ReadFile(dir)
	f, err := os.Create(filepath.Join(dir, "f"))
	assert.NilError(t, err)
	assert.NilError(t, f.Close())
	closedErr := f.Close()
	_, syntaxErr := strconv.Atoi("12a")
	_, rangeErr := strconv.ParseInt("99999999999999999999", 10, 64)
	zero := 0
	divErr := recovered(func() { _ = 1 / zero })
	var s []int
	indexErr := recovered(func() { _ = s[zero] })
	permErr := &fs.PathError{Op: "open", Path: "locked.txt", Err: syscall.EACCES}
	spaceErr := &fs.PathError{Op: "write", Path: "/dev/full", Err: syscall.ENOSPC}

	type kind struct{ kind, arg string }
	tests := []struct {
		name string
		err  error
		yes  []kind
		no   []kind
	}{
		{
			name: "nil",
			err:  nil,
			yes:  []kind{{kind: "nil"}},
			no:   []kind{{kind: "any"}, {kind: "bad-arg"}, {kind: "not-exist"}, {"path", "open"}, {kind: "injected"}},
		},
		{
			name: "os.Open of a missing file",
			err:  openErr,
			yes:  []kind{{kind: "any"}, {kind: "bad-arg"}, {kind: "not-exist"}, {"path", "open"}},
			no:   []kind{{kind: "nil"}, {kind: "permission"}, {kind: "is-dir"}, {"path", "read"}, {kind: "closed"}, {kind: "syntax"}},
		},
		{
			name: "wrapped with %w",
			err:  fmt.Errorf("read contents: %w", openErr),
			yes:  []kind{{kind: "any"}, {kind: "not-exist"}, {"path", "open"}},
			no:   []kind{{kind: "nil"}, {kind: "is-dir"}},
		},
		{
			name: "wrapped twice with %w",
			err:  fmt.Errorf("task: %w", fmt.Errorf("read contents: %w", openErr)),
			yes:  []kind{{kind: "not-exist"}, {"path", "open"}},
		},
		{
			name: "wrapped with %v",
			err:  fmt.Errorf("read contents: %v", openErr),
			yes:  []kind{{kind: "any"}},
			no:   []kind{{kind: "not-exist"}, {"path", "open"}},
		},
		{
			name: "errors.New with the same text",
			err:  errors.New(openErr.Error()),
			yes:  []kind{{kind: "any"}},
			no:   []kind{{kind: "not-exist"}, {"path", "open"}},
		},
		{
			name: "reading a directory",
			err:  dirErr,
			yes:  []kind{{kind: "is-dir"}, {"path", "read"}},
			no:   []kind{{kind: "not-exist"}, {"path", "open"}},
		},
		{
			name: "permission",
			err:  permErr,
			yes:  []kind{{kind: "permission"}, {"path", "open"}},
			no:   []kind{{kind: "not-exist"}},
		},
		{
			name: "EPERM is a permission error too",
			err:  fmt.Errorf("chmod: %w", syscall.EPERM),
			yes:  []kind{{kind: "permission"}},
		},
		{
			name: "closing twice",
			err:  closedErr,
			yes:  []kind{{kind: "closed"}, {"path", "close"}},
			no:   []kind{{kind: "not-exist"}},
		},
		{
			name: "no space",
			err:  spaceErr,
			yes:  []kind{{kind: "no-space"}, {"path", "write"}},
			no:   []kind{{kind: "permission"}},
		},
		{
			name: "strconv syntax",
			err:  syntaxErr,
			yes:  []kind{{kind: "syntax"}},
			no:   []kind{{kind: "range"}, {"path", "Atoi"}},
		},
		{
			name: "strconv range",
			err:  rangeErr,
			yes:  []kind{{kind: "range"}},
			no:   []kind{{kind: "syntax"}},
		},
		{
			name: "strconv wrapped with %w",
			err:  fmt.Errorf("bad age: %w", syntaxErr),
			yes:  []kind{{kind: "syntax"}},
		},
		{
			name: "strconv wrapped with %v",
			err:  fmt.Errorf("bad age: %v", syntaxErr),
			no:   []kind{{kind: "syntax"}},
		},
		{
			name: "the sentinel alone is not a strconv error",
			err:  strconv.ErrSyntax,
			no:   []kind{{kind: "syntax"}},
		},
		{
			name: "injected",
			err:  harness.ErrInjected,
			yes:  []kind{{kind: "injected"}, {kind: "any"}},
		},
		{
			name: "injected wrapped",
			err:  fmt.Errorf("copy: %w", harness.ErrInjected),
			yes:  []kind{{kind: "injected"}},
		},
		{
			name: "injected lookalike",
			err:  errors.New("grader: injected error"),
			no:   []kind{{kind: "injected"}},
		},
		{
			name: "integer divide by zero",
			err:  divErr,
			yes:  []kind{{kind: "runtime"}},
		},
		{
			name: "divide by zero wrapped",
			err:  fmt.Errorf("divide: %w", divErr),
			yes:  []kind{{kind: "runtime"}},
		},
		{
			name: "another runtime error",
			err:  indexErr,
			no:   []kind{{kind: "runtime"}},
		},
		{
			name: "divide by zero text only",
			err:  errors.New("runtime error: integer divide by zero"),
			no:   []kind{{kind: "runtime"}},
		},
		{
			name: "kinds the generated code checks",
			err:  openErr,
			no:   []kind{{"is", "ErrX"}, {"as", "*E"}, {"panics", `"x"`}, {kind: "unknown"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range tt.yes {
				assert.Assert(t, harness.IsKind(tt.err, k.kind, k.arg), "IsKind(%v, %s, %s) = false", tt.err, k.kind, k.arg)
			}
			for _, k := range tt.no {
				assert.Assert(t, !harness.IsKind(tt.err, k.kind, k.arg), "IsKind(%v, %s, %s) = true", tt.err, k.kind, k.arg)
			}
		})
	}
}

func TestIsKindDevFull(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full:", err)
	}
	defer f.Close()
	_, err = f.Write([]byte("x"))
	assert.Assert(t, harness.IsKind(err, "no-space", ""), "%v", err)
	assert.Assert(t, harness.IsKind(err, "path", "write"), "%v", err)
}
