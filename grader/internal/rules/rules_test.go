package rules_test

import (
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/classgrade/gograder/grader/internal/rules"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// load type-checks one main.go made of the given source after the package
// clause.
func load(t testing.TB, src string) *rules.Package {
	t.Helper()
	p, err := rules.Load("task08", map[string][]byte{"main.go": []byte("package main\n\n" + src)})
	assert.NilError(t, err)
	return p
}

var forbidRead = spec.Static{ForbidCall: []string{"os.ReadFile", "io.ReadAll", "ioutil.ReadFile"}}

func TestForbidCall(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{
			name: "direct call",
			src: `import "os"

func main() {
	b, _ := os.ReadFile("x")
	_ = b
}
`,
			want: "task08/main.go:6: uses os.ReadFile, which this task forbids",
		},
		{
			name: "renamed import",
			src: `import o "os"

func main() {
	b, _ := o.ReadFile("x")
	_ = b
}
`,
			want: "task08/main.go:6: uses os.ReadFile, which this task forbids",
		},
		{
			name: "dot import",
			src: `import . "os"

func main() {
	b, _ := ReadFile("x")
	_ = b
}
`,
			want: "task08/main.go:6: uses os.ReadFile, which this task forbids",
		},
		{
			name: "function value",
			src: `import (
	"io"
	"strings"
)

func main() {
	f := io.ReadAll
	b, _ := f(strings.NewReader("x"))
	_ = b
}
`,
			want: "task08/main.go:9: uses io.ReadAll, which this task forbids",
		},
		{
			name: "deprecated ioutil",
			src: `import "io/ioutil"

func main() {
	b, _ := ioutil.ReadFile("x")
	_ = b
}
`,
			want: "task08/main.go:6: uses ioutil.ReadFile, which this task forbids",
		},
		{
			name: "every use reported",
			src: `import (
	"io"
	"os"
)

func main() {
	f, _ := os.Open("x")
	b, _ := io.ReadAll(f)
	c, _ := os.ReadFile("x")
	_, _ = b, c
}
`,
			want: "task08/main.go:10: uses io.ReadAll, which this task forbids\ntask08/main.go:11: uses os.ReadFile, which this task forbids",
		},
		{
			name: "a local function named ReadFile",
			src: `func ReadFile(name string) ([]byte, error) { return nil, nil }

func main() {
	b, _ := ReadFile("x")
	_ = b
}
`,
		},
		{
			name: "a local variable named os",
			src: `type reader struct{}

func (reader) ReadFile(string) ([]byte, error) { return nil, nil }

func main() {
	os := reader{}
	b, _ := os.ReadFile("x")
	_ = b
}
`,
		},
		{
			name: "other functions of the package",
			src: `import (
	"bufio"
	"os"
)

func main() {
	f, _ := os.Open("x")
	defer f.Close()
	_, _ = bufio.NewReader(f).ReadString('\n')
}
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, load(t, tt.src).Check(forbidRead), tt.want)
		})
	}
}

func TestForbidCallIgnoresMethods(t *testing.T) {

	p := load(t, `import "os"

func main() {
	f, _ := os.Create("x")
	f.Chmod(0o644)
	r, _ := os.OpenRoot(".")
	r.ReadFile("x")
}
`)
	assert.Equal(t, p.Check(spec.Static{ForbidCall: []string{"os.Chmod", "os.ReadFile"}}), "")
}

const chunked = `import (
	"io"
	"os"
)

func ReadChunked(r io.Reader, n int) (string, error) { return "", nil }

func ReadTextFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return ReadChunked(f, 1024)
}

func ReadLater(path string) func() (string, error) {
	return func() (string, error) {
		return ReadChunked(nil, 1)
	}
}

func Missing(path string) (string, error) {
	go func() {}()
	var f func(io.Reader, int) (string, error) = ReadChunked
	return f(nil, 1)
}

func main() {}
`

func TestRequireCall(t *testing.T) {
	p := load(t, chunked)
	tests := []struct {
		name     string
		call, in string
		want     string
	}{
		{"direct", "ReadChunked", "ReadTextFile", ""},
		{"in a function literal", "ReadChunked", "ReadLater", ""},
		{"another package's function", "os.Open", "ReadTextFile", ""},
		{"missing", "ReadChunked", "Missing", "task08/main.go:25: Missing must call ReadChunked"},
		{"missing in main", "ReadTextFile", "main", "task08/main.go:31: main must call ReadTextFile"},
		{"no such function", "ReadChunked", "ReadAll", "no function ReadAll found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := p.Check(spec.Static{RequireCall: &spec.RequireCall{Call: tt.call, In: tt.in}})
			assert.Equal(t, got, tt.want)
		})
	}
}

func TestStmts(t *testing.T) {
	p := load(t, chunked)
	tests := []struct {
		name string
		rule spec.Static
		want string
	}{
		{"require defer", spec.Static{RequireStmt: &spec.RequireStmt{Stmt: "defer", In: "ReadTextFile"}}, ""},
		{"require defer missing", spec.Static{RequireStmt: &spec.RequireStmt{Stmt: "defer", In: "ReadLater"}}, "task08/main.go:19: ReadLater has no defer statement"},
		{"require go", spec.Static{RequireStmt: &spec.RequireStmt{Stmt: "go", In: "Missing"}}, ""},
		{"require go missing", spec.Static{RequireStmt: &spec.RequireStmt{Stmt: "go", In: "main"}}, "task08/main.go:31: main has no go statement"},
		{"require in a missing function", spec.Static{RequireStmt: &spec.RequireStmt{Stmt: "go", In: "Run"}}, "no function Run found"},
		{"forbid go", spec.Static{ForbidStmt: "go"}, "task08/main.go:26: a go statement, which this task forbids"},
		{"forbid defer", spec.Static{ForbidStmt: "defer"}, "task08/main.go:15: a defer statement, which this task forbids"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, p.Check(tt.rule), tt.want)
		})
	}
}

func TestRequireLiteral(t *testing.T) {
	p, err := rules.Load("task21", map[string][]byte{
		"main.go": []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(`result: ` + msg) }\n"),
		"msg.go":  []byte("package main\n\n// error: in a comment does not count\nconst msg = \"cannot divide\\tby zero\"\n"),
	})
	assert.NilError(t, err)
	tests := []struct {
		lit, want string
	}{
		{"result: ", ""},
		{"divide\tby", ""},
		{"by zero", ""},
		{"error: ", `no string literal contains "error: "`},
		{`divide\tby`, `no string literal contains "divide\\tby"`},
	}
	for _, tt := range tests {
		t.Run(tt.lit, func(t *testing.T) {
			assert.Equal(t, p.Check(spec.Static{RequireLiteral: tt.lit}), tt.want)
		})
	}
}

func TestEmptyRule(t *testing.T) {
	assert.Equal(t, load(t, "func main() {}\n").Check(spec.Static{}), "empty rule")
}

func TestLoadErrors(t *testing.T) {
	_, err := rules.Load("task08", map[string][]byte{"main.go": []byte("package main\n\nfunc main() {\n")})
	assert.Assert(t, is.ErrorContains(err, "task08/main.go:"))

	_, err = rules.Load("task08", map[string][]byte{"main.go": []byte("package main\n\nfunc main() { undefined() }\n")})
	assert.Assert(t, is.ErrorContains(err, "type-check task08: task08/main.go:3:15: undefined: undefined"))
	assert.Assert(t, strings.HasPrefix(err.Error(), "type-check task08: "))
}
