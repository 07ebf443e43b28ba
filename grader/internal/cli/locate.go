package cli

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/classgrade/gograder/grader/internal/grade"
)

// locator finds where a task's functions are declared in a submission,
// for annotations: it parses the task's Go files (declarations only,
// once per task) and never type-checks or builds.
type locator struct {
	dir   string
	tasks map[int]*taskSource
}

type taskSource struct {
	files []string            // Go files of the task, relative to the submission, sorted
	funcs map[string]position // top-level functions (no methods) by name
}

type position struct {
	file string
	line int
}

func newLocator(dir string) *locator { return &locator{dir: dir, tasks: map[int]*taskSource{}} }

// locate returns the file (relative to the submission) and line declaring
// fn in a task: main for a program, the function a case calls; for "" or
// a function it cannot find, line 1 of the file declaring main (else of
// main.go, else of the first Go file). It returns "" for a task with no
// Go file.
func (l *locator) locate(task int, fn string) (string, int) {
	src := l.load(task)
	if p, ok := src.funcs[fn]; ok {
		return p.file, p.line
	}
	if p, ok := src.funcs["main"]; ok {
		return p.file, 1
	}
	for _, f := range src.files {
		if filepath.Base(f) == "main.go" {
			return f, 1
		}
	}
	if len(src.files) > 0 {
		return src.files[0], 1
	}
	return "", 0
}

func (l *locator) load(task int) *taskSource {
	if src, ok := l.tasks[task]; ok {
		return src
	}
	src := &taskSource{funcs: map[string]position{}}
	l.tasks[task] = src
	folder := grade.TaskName(task)
	ents, err := os.ReadDir(filepath.Join(l.dir, folder))
	if err != nil {
		return src
	}
	fset := token.NewFileSet()
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		rel := folder + "/" + name
		src.files = append(src.files, rel)
		f, err := parser.ParseFile(fset, filepath.Join(l.dir, folder, name), nil, parser.SkipObjectResolution)
		if f == nil {
			continue
		}
		_ = err // a file with a syntax error still yields the declarations before it
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				if _, dup := src.funcs[fd.Name.Name]; !dup {
					src.funcs[fd.Name.Name] = position{rel, fset.Position(fd.Pos()).Line}
				}
			}
		}
	}
	sort.Strings(src.files)
	return src
}
