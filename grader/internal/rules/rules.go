// Package rules checks static rules (catalogue 1.4 STATIC) over a task's
// source with go/types, so that a renamed import (import o "os") or a
// function value (f := os.ReadFile) does not evade a rule.
package rules

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// Package is a task's type-checked source.
type Package struct {
	dir   string // the task folder's name, for messages
	fset  *token.FileSet
	files []*ast.File
	pkg   *types.Package
	info  *types.Info
}

// Load parses and type-checks the task's files (name → source). dir
// prefixes file names in messages. A package that does not type-check is an
// error: the task does not compile, which the build reports.
func Load(dir string, files map[string][]byte) (*Package, error) {
	p := &Package{dir: dir, fset: token.NewFileSet()}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		f, err := parser.ParseFile(p.fset, dir+"/"+n, files[n], parser.ParseComments)
		if err != nil {
			return nil, err
		}
		p.files = append(p.files, f)
	}
	p.info = &types.Info{Uses: map[*ast.Ident]types.Object{}, Defs: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: importer.ForCompiler(p.fset, "gc", exportData.lookup)}
	pkg, err := conf.Check("main", p.fset, p.files, p.info)
	if err != nil {
		return nil, fmt.Errorf("type-check %s: %w", dir, err)
	}
	p.pkg = pkg
	return p, nil
}

// Check applies one rule. It returns "" when the rule holds, else what is
// wrong, with file and line.
func (p *Package) Check(r spec.Static) string {
	switch {
	case len(r.ForbidCall) > 0:
		return p.forbidCall(r.ForbidCall)
	case r.ForbidCallIn != nil:
		if p.requireCall(r.ForbidCallIn.Call, r.ForbidCallIn.In, "") == "" {
			return fmt.Sprintf("%s must not call %s", r.ForbidCallIn.In, r.ForbidCallIn.Call)
		}
		return ""
	case r.RequireCall != nil:
		return p.requireCall(r.RequireCall.Call, r.RequireCall.In, r.RequireCall.FirstArg)
	case r.RequireStmt != nil:
		return p.requireStmt(r.RequireStmt.Stmt, r.RequireStmt.In)
	case r.RequireWait:
		return p.requireWait()
	case r.ForbidStmt != "":
		return p.forbidStmt(r.ForbidStmt)
	case r.RequireLiteral != "":
		return p.requireLiteral(r.RequireLiteral)
	case r.RequireDeferredText != "":
		return p.requireDeferredText(r.RequireDeferredText)
	case r.RequireMethod != "":
		return p.requireMethod(r.RequireMethod)
	}
	return "empty rule"
}

// qualified names an object as the rules do: "os.ReadFile" for package
// functions of other packages, "ReadChunked" for the task's own.
func (p *Package) qualified(obj types.Object) string {
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Signature().Recv(); recv != nil {
			// A method: "(*os.File).Chmod" is not the function os.Chmod.
			return "(" + types.TypeString(recv.Type(), (*types.Package).Name) + ")." + fn.Name()
		}
	}
	if obj.Pkg() == nil || obj.Pkg() == p.pkg {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

func (p *Package) at(pos token.Pos) string {
	ps := p.fset.Position(pos)
	return fmt.Sprintf("%s:%d", ps.Filename, ps.Line)
}

func (p *Package) forbidCall(names []string) string {
	forbidden := map[string]bool{}
	for _, n := range names {
		forbidden[n] = true
	}
	var found []string
	for _, f := range p.files {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			// Functions and package-level variables (os.Stdin) alike.
			if obj, ok := p.info.Uses[id]; ok && forbidden[p.qualified(obj)] {
				found = append(found, fmt.Sprintf("%s: uses %s, which this task forbids", p.at(id.Pos()), p.qualified(obj)))
			}
			return true
		})
	}
	return strings.Join(found, "\n")
}

func (p *Package) funcDecl(name string) *ast.FuncDecl {
	for _, f := range p.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == name && fd.Body != nil {
				return fd
			}
		}
	}
	return nil
}

// scope returns the nodes a rule looks in: function in's body, or every
// file when in is empty. where names it for messages.
func (p *Package) scope(in string) (nodes []ast.Node, where string, missing string) {
	if in == "" {
		for _, f := range p.files {
			nodes = append(nodes, f)
		}
		return nodes, p.dir, ""
	}
	fd := p.funcDecl(in)
	if fd == nil {
		return nil, "", fmt.Sprintf("no function %s found", in)
	}
	return []ast.Node{fd.Body}, fmt.Sprintf("%s: %s", p.at(fd.Pos()), in), ""
}

func (p *Package) requireCall(callee, in, firstArg string) string {
	nodes, where, missing := p.scope(in)
	if missing != "" {
		return missing
	}
	found := false
	for _, root := range nodes {
		ast.Inspect(root, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok || found {
				return !found
			}
			var id *ast.Ident
			switch fn := ast.Unparen(c.Fun).(type) {
			case *ast.Ident:
				id = fn
			case *ast.SelectorExpr:
				id = fn.Sel
			}
			if id == nil {
				return true
			}
			match := false
			switch obj := p.info.Uses[id].(type) {
			case *types.Func:
				match = p.qualified(obj) == callee
			case *types.Builtin: // recover, panic, …
				match = obj.Name() == callee
			}
			if match && firstArg != "" {
				match = len(c.Args) > 0 && p.render(c.Args[0]) == firstArg
			}
			found = match
			return !found
		})
	}
	if found {
		return ""
	}
	what := callee
	if firstArg != "" {
		what += "(" + firstArg + ", …)"
	}
	if in == "" {
		return fmt.Sprintf("%s must call %s", where, what)
	}
	return fmt.Sprintf("%s must call %s", where, what)
}

// render prints an expression with package names as the package calls
// itself, whatever the import is named: o.Args[0] with import o "os"
// renders as os.Args[0].
func (p *Package) render(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if pn, ok := p.info.Uses[x].(*types.PkgName); ok {
			return pn.Imported().Name()
		}
		return x.Name
	case *ast.SelectorExpr:
		return p.render(x.X) + "." + x.Sel.Name
	case *ast.IndexExpr:
		return p.render(x.X) + "[" + p.render(x.Index) + "]"
	case *ast.BasicLit:
		return x.Value
	}
	return types.ExprString(e)
}

func (p *Package) requireStmt(stmt, in string) string {
	nodes, where, missing := p.scope(in)
	if missing != "" {
		return missing
	}
	for _, n := range nodes {
		if len(p.stmts(n, stmt)) > 0 {
			return ""
		}
	}
	return fmt.Sprintf("%s has no %s statement", where, stmt)
}

// requireWait finds a wait: (*sync.WaitGroup).Wait called, or a receive
// from a channel (<-ch, a select case, range over a channel).
func (p *Package) requireWait() string {
	for _, f := range p.files {
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.UnaryExpr:
				found = found || x.Op == token.ARROW
			case *ast.RangeStmt:
				if tv, ok := p.info.Types[x.X]; ok {
					_, isChan := tv.Type.Underlying().(*types.Chan)
					found = found || isChan
				}
			case *ast.SelectorExpr:
				if fn, ok := p.info.Uses[x.Sel].(*types.Func); ok && p.qualified(fn) == "(*sync.WaitGroup).Wait" {
					found = true
				}
			}
			return !found
		})
		if found {
			return ""
		}
	}
	return fmt.Sprintf("%s never waits: call Wait on a sync.WaitGroup or receive from a channel (time.Sleep is not a wait)", p.dir)
}

func (p *Package) forbidStmt(stmt string) string {
	var found []string
	for _, f := range p.files {
		for _, pos := range p.stmts(f, stmt) {
			found = append(found, fmt.Sprintf("%s: a %s statement, which this task forbids", p.at(pos), stmt))
		}
	}
	return strings.Join(found, "\n")
}

func (p *Package) stmts(root ast.Node, stmt string) []token.Pos {
	var out []token.Pos
	ast.Inspect(root, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.GoStmt:
			if stmt == "go" {
				out = append(out, s.Pos())
			}
		case *ast.DeferStmt:
			if stmt == "defer" {
				out = append(out, s.Pos())
			}
		}
		return true
	})
	return out
}

func (p *Package) requireLiteral(sub string) string {
	for _, f := range p.files {
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				if s, err := strconv.Unquote(bl.Value); err == nil && strings.Contains(s, sub) {
					found = true
				}
			}
			return !found
		})
		if found {
			return ""
		}
	}
	return fmt.Sprintf("no string literal contains %q", sub)
}

// requireMethod checks that "(*T).M" (or "T.M") is declared with that
// receiver.
func (p *Package) requireMethod(ref string) string {
	recv, name, _ := strings.Cut(ref, ").")
	pointer := strings.HasPrefix(recv, "(*")
	typ := strings.TrimPrefix(recv, "(*")
	if !pointer {
		typ, name, _ = strings.Cut(ref, ".")
	}
	for _, f := range p.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || len(fd.Recv.List) == 0 || fd.Name.Name != name {
				continue
			}
			rt := fd.Recv.List[0].Type
			star, isPtr := rt.(*ast.StarExpr)
			if isPtr {
				rt = star.X
			}
			if id, ok := rt.(*ast.Ident); ok && id.Name == typ {
				if isPtr != pointer {
					kind := "a value receiver"
					if isPtr {
						kind = "a pointer receiver"
					}
					return fmt.Sprintf("%s: method %s has %s, want %s", p.at(fd.Pos()), name, kind, ref)
				}
				return ""
			}
		}
	}
	return fmt.Sprintf("no method %s declared", ref)
}

// requireDeferredText checks that some defer statement prints the text: a
// string constant containing it appears in the deferred call's arguments,
// in a deferred function literal, or in a function of the task that the
// deferred call reaches.
func (p *Package) requireDeferredText(text string) string {
	decls := map[types.Object]*ast.FuncDecl{}
	for _, f := range p.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				decls[p.info.Defs[fd.Name]] = fd
			}
		}
	}
	seen := map[*ast.FuncDecl]bool{}
	var reaches func(n ast.Node) bool
	reaches = func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if found {
				return false
			}
			if e, ok := n.(ast.Expr); ok {
				if tv, ok := p.info.Types[e]; ok && tv.Value != nil && tv.Value.Kind() == constant.String &&
					strings.Contains(constant.StringVal(tv.Value), text) {
					found = true
					return false
				}
			}
			if id, ok := n.(*ast.Ident); ok {
				if fd := decls[p.info.Uses[id]]; fd != nil && !seen[fd] {
					seen[fd] = true
					if reaches(fd.Body) {
						found = true
					}
				}
			}
			return true
		})
		return found
	}
	for _, f := range p.files {
		found := false
		ast.Inspect(f, func(n ast.Node) bool {
			if d, ok := n.(*ast.DeferStmt); ok && !found && reaches(d.Call) {
				found = true
			}
			return !found
		})
		if found {
			return ""
		}
	}
	return fmt.Sprintf("no deferred call prints %q: print it from a defer statement (Go's finally)", text)
}
