package spec

import (
	"fmt"
	"go/parser"
	"regexp"
	"strings"
)

// ErrKind is an error kind of catalogue section 1.3, such as "not-exist",
// "path(op=open)", "is(ErrNegative)" or "panics(\"boom\")".
type ErrKind struct {
	Name string // nil, any, not-exist, …, is, as, panics
	Arg  string // the X of path(op=X), is(X), as(T), panics(v)
}

func (k ErrKind) String() string {
	if k.Arg == "" {
		return k.Name
	}
	if k.Name == "path" {
		return "path(op=" + k.Arg + ")"
	}
	return k.Name + "(" + k.Arg + ")"
}

// Requires names the environment tag the kind needs, if any.
func (k ErrKind) Requires() string {
	switch k.Name {
	case "permission":
		return TagNonRoot
	case "no-space":
		return TagLinux
	}
	return ""
}

var plainKinds = map[string]bool{
	"nil": true, "any": true, "not-exist": true, "permission": true, "is-dir": true,
	"closed": true, "no-space": true, "syntax": true, "range": true, "injected": true,
	"runtime": true, "bad-arg": true,
}

var (
	kindCall = regexp.MustCompile(`^(is|as|panics|path)\((.*)\)$`)
	goIdent  = regexp.MustCompile(`^\*?[A-Za-z_]\w*$`)
)

// ParseErrKind parses the err field of a call.
func ParseErrKind(s string) (ErrKind, error) {
	s = strings.TrimSpace(s)
	if plainKinds[s] {
		return ErrKind{Name: s}, nil
	}
	m := kindCall.FindStringSubmatch(s)
	if m == nil {
		return ErrKind{}, fmt.Errorf("unknown error kind %q (want one of nil, any, not-exist, permission, is-dir, path(op=X), closed, no-space, syntax, range, injected, runtime, bad-arg, is(X), as(T), panics(v))", s)
	}
	name, arg := m[1], strings.TrimSpace(m[2])
	switch name {
	case "path":
		op, ok := strings.CutPrefix(arg, "op=")
		if !ok || op == "" {
			return ErrKind{}, fmt.Errorf("error kind %q: want path(op=NAME)", s)
		}
		arg = op
	case "is", "as":
		if !goIdent.MatchString(arg) {
			return ErrKind{}, fmt.Errorf("error kind %q: want an exported identifier of the task", s)
		}
	case "panics":
		if _, err := parser.ParseExpr(arg); err != nil {
			return ErrKind{}, fmt.Errorf("error kind %q: panic value is not a Go expression: %v", s, err)
		}
	}
	return ErrKind{Name: name, Arg: arg}, nil
}
