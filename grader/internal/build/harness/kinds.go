package harness

import (
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// ErrInjected is the error every grader fake returns when told to fail.
var ErrInjected = errors.New("grader: injected error")

// IsKind checks err against an error kind of catalogue section 1.3 that
// needs no student identifier (is(X), as(T) and panics(v) are generated).
func IsKind(err error, kind, arg string) bool {
	switch kind {
	case "nil":
		return err == nil
	case "any", "bad-arg":
		return err != nil
	case "not-exist":
		return errors.Is(err, fs.ErrNotExist)
	case "permission":
		return errors.Is(err, fs.ErrPermission)
	case "is-dir":
		return errors.Is(err, syscall.EISDIR)
	case "path":
		var pe *fs.PathError
		return errors.As(err, &pe) && pe.Op == arg
	case "closed":
		return errors.Is(err, os.ErrClosed)
	case "no-space":
		return errors.Is(err, syscall.ENOSPC)
	case "syntax":
		var ne *strconv.NumError
		return errors.As(err, &ne) && errors.Is(err, strconv.ErrSyntax)
	case "range":
		var ne *strconv.NumError
		return errors.As(err, &ne) && errors.Is(err, strconv.ErrRange)
	case "injected":
		return errors.Is(err, ErrInjected)
	case "runtime":
		var re runtime.Error
		return errors.As(err, &re) && strings.Contains(err.Error(), "integer divide by zero")
	}
	return false
}

// Is is errors.Is, so generated code needs no import of its own.
func Is(err, target error) bool { return errors.Is(err, target) }

// As is errors.As, so generated code needs no import of its own.
func As(err error, target any) bool { return errors.As(err, target) }

// Same reports whether two results render alike (see Show).
func Same(a, b any) bool {
	sa, _ := Show(a)
	sb, _ := Show(b)
	return sa == sb
}
