package spec

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var (
	caseID    = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)
	envName   = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*$`)
	methodRef = regexp.MustCompile(`^(\(\*[A-Za-z_]\w*\)|[A-Za-z_]\w*)\.[A-Za-z_]\w*$`)
	knownTags = map[string]bool{TagNonRoot: true, TagLinux: true, TagRace: true, TagDlv: true}
	kinds     = map[string]bool{KindFunction: true, KindProgram: true, KindWritten: true, KindDebugger: true, KindHybrid: true}
)

// validator collects every problem of one spec.
type validator struct {
	s    *Spec
	errs []error
}

func (v *validator) errorf(at, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.s.File, Line: v.s.pos.line(at), Msg: fmt.Sprintf(format, args...)})
}

// Validate checks everything that can be checked without running anything:
// values in range, regexes that compile, Go snippets that parse, error kinds
// that exist, tags that a case needs. It reports every problem at once.
func (s *Spec) Validate() error {
	v := &validator{s: s}
	if s.Task < 1 || s.Task > 40 {
		v.errorf("task", "task must be 1 to 40, not %d", s.Task)
	}
	if strings.TrimSpace(s.Title) == "" {
		v.errorf("title", "title is missing")
	}
	if !kinds[s.Kind] {
		v.errorf("kind", "unknown kind %q (want function, program, written, debugger or hybrid)", s.Kind)
	}
	if s.Points <= 0 {
		v.errorf("points", "points must be positive")
	}
	for name := range s.Functions {
		if !ast.IsExported(name) {
			v.errorf("functions."+name, "function %s is not exported", name)
		}
		if _, err := s.Signature(name); err != nil {
			v.errorf("functions."+name, "%v", err)
		}
	}
	for k := range s.Env {
		if !envName.MatchString(k) {
			v.errorf("env", "bad environment variable name %q", k)
		}
	}
	if len(s.Cases) == 0 && s.Kind != KindWritten {
		v.errorf("cases", "a %s task needs cases", s.Kind)
	}
	ids := map[string]bool{}
	for i := range s.Cases {
		v.caseOK(fmt.Sprintf("cases[%d]", i), &s.Cases[i], ids)
	}
	switch {
	case s.Rubric != nil:
		if s.Kind != KindWritten && s.Kind != KindHybrid {
			v.errorf("rubric", "a %s task has no written answer to grade", s.Kind)
		}
		v.rubricOK(s.Rubric)
	case s.Kind == KindWritten:
		v.errorf("kind", "a written task needs a rubric")
	}
	// Maps are walked in random order: report in the order of the file.
	sort.SliceStable(v.errs, func(i, j int) bool {
		a, b := v.errs[i].(*Error), v.errs[j].(*Error)
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Msg < b.Msg
	})
	return errors.Join(v.errs...)
}

// Signature parses the Go type of an exported function the grader calls.
func (s *Spec) Signature(name string) (*ast.FuncType, error) {
	typ, ok := s.Functions[name]
	if !ok {
		return nil, fmt.Errorf("function %s is not listed under functions", name)
	}
	e, err := parser.ParseExpr(typ)
	if err != nil {
		return nil, fmt.Errorf("function %s: type %q does not parse: %v", name, typ, err)
	}
	ft, ok := e.(*ast.FuncType)
	if !ok {
		return nil, fmt.Errorf("function %s: %q is not a func type", name, typ)
	}
	return ft, nil
}

func (v *validator) caseOK(at string, c *Case, ids map[string]bool) {
	if !caseID.MatchString(c.ID) {
		v.errorf(at+".id", "case id %q must be lower case letters, digits and dashes", c.ID)
	} else if ids[c.ID] {
		v.errorf(at+".id", "duplicate case id %q", c.ID)
	}
	ids[c.ID] = true
	if c.Weight < 1 {
		v.errorf(at+".weight", "case %s: weight must be at least 1", c.ID)
	}
	tags := map[string]bool{}
	for _, t := range c.Tags {
		if !knownTags[t] {
			v.errorf(at+".tags", "case %s: unknown tag %q (want nonroot, linux, race or dlv)", c.ID, t)
		}
		tags[t] = true
	}
	need := func(where, tag, why string) {
		if !tags[tag] {
			v.errorf(where, "case %s: %s needs the tag %q", c.ID, why, tag)
		}
	}
	if len(c.Runs) == 0 && len(c.Static) == 0 {
		v.errorf(at, "case %s has neither runs nor static rules", c.ID)
	}
	for i, st := range c.Static {
		v.staticOK(fmt.Sprintf("%s.static[%d]", at, i), c.ID, st)
	}
	for i := range c.Runs {
		r := &c.Runs[i]
		rat := fmt.Sprintf("%s.runs[%d]", at, i)
		if r.Then && i == 0 {
			v.errorf(rat+".then", "case %s: the first run cannot continue a previous one", c.ID)
		}
		for p, f := range r.Stage {
			v.pathOK(rat+".stage."+p, c.ID, p)
			v.fileOK(rat+".stage."+p, c.ID, f, need)
		}
		for k := range r.Env {
			if !envName.MatchString(k) {
				v.errorf(rat+".env", "case %s: bad environment variable name %q", c.ID, k)
			}
		}
		if r.Repeat < 0 {
			v.errorf(rat+".repeat", "case %s: repeat must not be negative", c.ID)
		}
		if r.Race {
			need(rat+".race", TagRace, "a race run")
			if r.IsDebug() {
				v.errorf(rat+".race", "case %s: a debug run cannot also be a race run", c.ID)
			}
		}
		if r.Shim && (r.IsFunction() || r.IsDebug()) {
			v.errorf(rat+".shim", "case %s: the counting shim goes with a program run", c.ID)
		}
		if r.Expect.Spawn != nil && !r.Shim {
			v.errorf(rat+".expect.spawn", "case %s: expect.spawn needs shim: true", c.ID)
		}
		if r.IsDebug() {
			v.debugOK(rat, c.ID, r, need)
		} else if r.Expect.Dlv != nil {
			v.errorf(rat+".expect.dlv", "case %s: expect.dlv goes with a debug run", c.ID)
		}
		if r.IsFunction() {
			if r.IsDebug() {
				v.errorf(rat, "case %s: a run either calls functions or debugs the program", c.ID)
			}
			if len(r.Args) > 0 || r.Stdin != nil {
				v.errorf(rat, "case %s: a run with calls takes no args or stdin", c.ID)
			}
			if e := r.Expect; e.Exit != nil || e.Stdout != nil || e.StdoutRegex != "" || e.StdoutLines != nil || e.StdoutFile != "" || e.StderrRegex != "" {
				v.errorf(rat+".expect", "case %s: a run with calls can only expect files", c.ID)
			}
			for k := range r.Calls {
				v.callOK(fmt.Sprintf("%s.calls[%d]", rat, k), c.ID, &r.Calls[k], need)
			}
		}
		v.expectOK(rat+".expect", c.ID, r, need)
	}
}

func (v *validator) pathOK(at, id, p string) {
	if p == "" || path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
		v.errorf(at, "case %s: path %q must be relative, clean and inside the working directory", id, p)
	}
}

func (v *validator) fileOK(at, id string, f File, need func(string, string, string)) {
	ways := 0
	if f.Content != nil {
		ways++
	}
	if f.Pattern != "" {
		ways++
		switch f.Pattern {
		case "pat251", "lines":
			if f.Text != "" {
				v.errorf(at+".text", "case %s: text goes with pattern repeat only", id)
			}
		case "repeat":
			if f.Text == "" {
				v.errorf(at+".text", "case %s: pattern repeat needs text", id)
			}
		default:
			v.errorf(at+".pattern", "case %s: unknown pattern %q (want pat251, lines or repeat)", id, f.Pattern)
		}
		if f.Size < 0 {
			v.errorf(at+".size", "case %s: size must not be negative", id)
		}
	} else if f.Size != 0 || f.Text != "" {
		v.errorf(at, "case %s: size and text go with a pattern", id)
	}
	if f.Dir {
		ways++
	}
	if ways != 1 {
		v.errorf(at, "case %s: a staged file needs exactly one of content, pattern or dir", id)
	}
	if f.Mode != "" {
		m, err := ParseMode(f.Mode)
		if err != nil {
			v.errorf(at+".mode", "case %s: %v", id, err)
		} else if m&0o600 != 0o600 && !f.Dir || f.Dir && m&0o700 != 0o700 {
			need(at+".mode", TagNonRoot, fmt.Sprintf("mode %s (root ignores it)", f.Mode))
		}
	}
}

// ParseMode parses an octal permission such as "0644".
func ParseMode(s string) (uint32, error) {
	m, err := strconv.ParseUint(s, 8, 32)
	if err != nil || m > 0o777 || len(s) != 4 || s[0] != '0' {
		return 0, fmt.Errorf("mode %q: want four octal digits such as \"0644\"", s)
	}
	return uint32(m), nil
}

func (v *validator) expectOK(at, id string, r *Run, need func(string, string, string)) {
	e := r.Expect
	forms := 0
	for _, set := range []bool{e.Stdout != nil, e.StdoutRegex != "", e.StdoutLines != nil, e.StdoutFile != "", e.AnyStdout} {
		if set {
			forms++
		}
	}
	if forms > 1 {
		v.errorf(at, "case %s: give stdout in one form only (stdout, stdout_regex, stdout_lines, stdout_file or any_stdout)", id)
	}
	v.regexOK(at+".stdout_regex", id, e.StdoutRegex)
	v.regexOK(at+".stderr_regex", id, e.StderrRegex)
	if e.Exit != nil && (*e.Exit < 0 || *e.Exit > 255) {
		v.errorf(at+".exit", "case %s: exit status must be 0 to 255", id)
	}
	if l := e.StdoutLines; l != nil {
		set := map[string]bool{}
		for _, x := range l.Lines {
			set[x] = true
		}
		for _, x := range []string{l.First, l.Last} {
			if x != "" && !set[x] {
				v.errorf(at+".stdout_lines", "case %s: %q is not among the lines", id, x)
			}
		}
		for _, o := range l.Order {
			if !set[o[0]] || !set[o[1]] {
				v.errorf(at+".stdout_lines.order", "case %s: order names a line that is not among the lines", id)
			}
		}
	}
	if e.StdoutFile != "" {
		v.pathOK(at+".stdout_file", id, e.StdoutFile)
	}
	for p, w := range e.Files {
		wat := at + ".files." + p
		v.pathOK(wat, id, p)
		n := 0
		for _, set := range []bool{w.Content != nil, w.FromReference, w.Absent, w.Unchanged, w.Dir, w.AppendedLines != nil} {
			if set {
				n++
			}
		}
		if n > 1 {
			v.errorf(wat, "case %s: a file expectation takes one of content, from_reference, absent, unchanged, dir or appended_lines", id)
		}
		if n == 0 && w.Mode == "" {
			v.errorf(wat, "case %s: the file expectation for %s says nothing", id, p)
		}
		if w.Absent && w.Mode != "" {
			v.errorf(wat, "case %s: an absent file has no mode", id)
		}
		if w.Mode != "" {
			if _, err := ParseMode(w.Mode); err != nil {
				v.errorf(wat+".mode", "case %s: %v", id, err)
			}
		}
		if a := w.AppendedLines; a != nil {
			v.regexOK(wat+".appended_lines.regex", id, a.Regex)
			if a.Regex == "" {
				v.errorf(wat+".appended_lines", "case %s: appended_lines needs a regex", id)
			}
			if a.Count < 0 {
				v.errorf(wat+".appended_lines.count", "case %s: count must not be negative", id)
			}
		}
		if w.Unchanged {
			if _, staged := r.Stage[p]; !staged && !r.Then {
				v.errorf(wat, "case %s: %s must be staged to be unchanged", id, p)
			}
		}
	}
}

func (v *validator) debugOK(at, id string, r *Run, need func(string, string, string)) {
	need(at+".debug", TagDlv, "a debug run")
	if len(r.Args) > 0 || r.Stdin != nil {
		v.errorf(at, "case %s: a debug run takes its program arguments in debug.args", id)
	}
	d := r.Expect.Dlv
	if d == nil {
		v.errorf(at+".expect", "case %s: a debug run needs expect.dlv", id)
		return
	}
	if e := r.Expect; e.Exit != nil || e.Stdout != nil || e.StdoutRegex != "" || e.StdoutLines != nil || e.StdoutFile != "" || e.StderrRegex != "" {
		v.errorf(at+".expect", "case %s: a debug run states its expectations under expect.dlv", id)
	}
	if st := d.Stops; st != nil {
		sat := at + ".expect.dlv.stops"
		switch st.Match {
		case "exact":
			if st.Key == "" {
				v.errorf(sat, "case %s: exact stops need a key (the variable whose stops count)", id)
			}
		case "in-order":
		default:
			v.errorf(sat+".match", "case %s: match must be exact or in-order, not %q", id, st.Match)
		}
		if st.Func == "" {
			v.errorf(sat, "case %s: stops need func (e.g. main.Divide)", id)
		}
		if len(st.Want) == 0 {
			v.errorf(sat, "case %s: stops need want", id)
		}
	}
}

func (v *validator) regexOK(at, id, re string) {
	if re == "" {
		return
	}
	if _, err := regexp.Compile(re); err != nil {
		v.errorf(at, "case %s: bad regex: %v", id, err)
	}
}

func (v *validator) callOK(at, id string, c *Call, need func(string, string, string)) {
	e, err := parser.ParseExpr(c.Call)
	call, ok := e.(*ast.CallExpr)
	if err != nil || !ok {
		v.errorf(at+".call", "case %s: call %q is not a Go call expression", id, c.Call)
		return
	}
	fn, ok := call.Fun.(*ast.Ident)
	if !ok {
		v.errorf(at+".call", "case %s: call %q must call a function of the task by name", id, c.Call)
		return
	}
	sig, err := v.s.Signature(fn.Name)
	if err != nil {
		v.errorf(at+".call", "case %s: %v", id, err)
		return
	}
	returnsErr := ReturnsError(sig)
	switch {
	case c.Err == "" && returnsErr:
		v.errorf(at+".err", "case %s: %s returns an error: say which kind with err", id, fn.Name)
	case c.Err != "":
		k, err := ParseErrKind(c.Err)
		if err != nil {
			v.errorf(at+".err", "case %s: %v", id, err)
		} else {
			if !returnsErr && k.Name != "panics" {
				v.errorf(at+".err", "case %s: %s returns no error", id, fn.Name)
			}
			if t := k.Requires(); t != "" {
				need(at+".err", t, "error kind "+k.Name)
			}
		}
	}
	switch c.Battery {
	case "":
		if c.N != 0 {
			v.errorf(at+".n", "case %s: n goes with a battery", id)
		}
	case "fd-leak":
	default:
		v.errorf(at+".battery", "case %s: unknown battery %q (want fd-leak)", id, c.Battery)
	}
	v.stmtsOK(at+".setup", id, c.Setup)
	v.stmtsOK(at+".then", id, c.Then)
	for i, a := range c.Assert {
		if _, err := parser.ParseExpr(a.That); err != nil {
			v.errorf(fmt.Sprintf("%s.assert[%d].that", at, i), "case %s: assertion %q does not parse: %v", id, a.That, err)
		}
	}
	for i, o := range c.Observe {
		if _, err := parser.ParseExpr(o); err != nil {
			v.errorf(fmt.Sprintf("%s.observe[%d]", at, i), "case %s: %q does not parse: %v", id, o, err)
		}
	}
	if c.Value != nil && !hasValue(sig) {
		v.errorf(at+".value", "case %s: %s returns no value to compare", id, fn.Name)
	}
}

func (v *validator) stmtsOK(at, id, src string) {
	if strings.TrimSpace(src) == "" {
		return
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", "package p; func _() {\n"+src+"\n}", 0); err != nil {
		// Positions in the snippet, not in the wrapper around it.
		msg := err.Error()
		if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
			e := list[0]
			msg = fmt.Sprintf("%d:%d: %s", e.Pos.Line-1, e.Pos.Column, e.Msg)
		}
		v.errorf(at, "case %s: Go statements do not parse: %s", id, msg)
	}
}

func (v *validator) staticOK(at, id string, st Static) {
	n := 0
	if len(st.ForbidCall) > 0 {
		n++
	}
	if st.RequireCall != nil {
		n++
		if st.RequireCall.Call == "" {
			v.errorf(at+".require_call", "case %s: require_call needs call", id)
		}
		if a := st.RequireCall.FirstArg; a != "" {
			if _, err := parser.ParseExpr(a); err != nil {
				v.errorf(at+".require_call.first_arg", "case %s: first_arg %q is not a Go expression", id, a)
			}
		}
	}
	if st.RequireStmt != nil {
		n++
		if s := st.RequireStmt.Stmt; s != "go" && s != "defer" {
			v.errorf(at+".require_stmt", "case %s: require_stmt takes go or defer, not %q", id, s)
		}
	}
	if st.ForbidStmt != "" {
		n++
		if st.ForbidStmt != "go" && st.ForbidStmt != "defer" {
			v.errorf(at+".forbid_stmt", "case %s: forbid_stmt takes go or defer", id)
		}
	}
	if st.RequireLiteral != "" {
		n++
	}
	if st.RequireDeferredText != "" {
		n++
	}
	if f := st.ForbidCallIn; f != nil {
		n++
		if f.Call == "" || f.In == "" || f.FirstArg != "" {
			v.errorf(at+".forbid_call_in", "case %s: forbid_call_in takes call and in", id)
		}
	}
	if st.RequireWait {
		n++
	}
	if st.RequireMethod != "" {
		n++
		if !methodRef.MatchString(st.RequireMethod) {
			v.errorf(at+".require_method", "case %s: require_method %q: want (*T).M or T.M", id, st.RequireMethod)
		}
	}
	if n != 1 {
		v.errorf(at, "case %s: a static rule takes exactly one of forbid_call, forbid_call_in, require_call, require_stmt, forbid_stmt, require_literal, require_deferred_text, require_method, require_wait", id)
	}
}

// ReturnsError reports whether the function type's last result is error.
func ReturnsError(ft *ast.FuncType) bool {
	if ft.Results == nil || len(ft.Results.List) == 0 {
		return false
	}
	last := ft.Results.List[len(ft.Results.List)-1].Type
	id, ok := last.(*ast.Ident)
	return ok && id.Name == "error"
}

// Results counts the results of a function type.
func Results(ft *ast.FuncType) int {
	if ft.Results == nil {
		return 0
	}
	n := 0
	for _, f := range ft.Results.List {
		if len(f.Names) == 0 {
			n++
		} else {
			n += len(f.Names)
		}
	}
	return n
}

func hasValue(ft *ast.FuncType) bool {
	n := Results(ft)
	if ReturnsError(ft) {
		n--
	}
	return n > 0
}
