package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/classgrade/gograder/grader/internal/cli"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"
)

// run runs the grader in-process and returns its exit status and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cli.Env{Stdin: &bytes.Buffer{}, Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }}
	code := cli.Run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

var isolationField = regexp.MustCompile(`"isolation": "[^"]*"`)

// delve returns the project's pinned Delve, which the expected reports
// were recorded with: without it the debugger cases would be skipped.
func delve(t *testing.T) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "..", "bin", "dlv"))
	assert.NilError(t, err)
	if _, err := os.Stat(p); err != nil {
		t.Skip("the expected reports include debugger cases: run 'make dlv' first")
	}
	return p
}

// TestSampleReports grades the sample submissions and compares their JSON
// reports with the expected ones beside them (go test -update rewrites
// them), and validates each against the published JSON Schema.
func TestSampleReports(t *testing.T) {
	if testing.Short() {
		t.Skip("grades the sample submissions")
	}
	if !sandbox.Detect().NonRoot() {
		t.Skip("the expected reports were recorded with runs as a non-root user ([nonroot] cases run)")
	}
	schema := compileSchema(t)
	dlv := delve(t)
	for _, name := range []string{"complete", "seed-student", "mostly-empty"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("..", "..", "..", "submissions", name)
			code, out, stderr := run(t, "check", dir, "--format", "json", "--no-cache", "--dlv", dlv)
			assert.Equal(t, code, cli.ExitOK, stderr)
			// The isolation level is the machine's, not the submission's.
			out = isolationField.ReplaceAllString(out, `"isolation": "<machine>"`)
			abs, err := filepath.Abs(dir + ".report.json")
			assert.NilError(t, err)
			golden.Assert(t, out, abs)
			doc, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(out)))
			assert.NilError(t, err)
			assert.NilError(t, schema.Validate(doc))
		})
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(filepath.Join("..", "..", "..", "specs", "result.schema.json"))
	assert.NilError(t, err)
	return sch
}

// TestSeedStudentText keeps the text scorecard of the seed-modelled sample
// as a golden file: what a student reads.
func TestSeedStudentText(t *testing.T) {
	if testing.Short() {
		t.Skip("grades a sample submission")
	}
	if !sandbox.Detect().NonRoot() {
		t.Skip("recorded with runs as a non-root user")
	}
	code, out, stderr := run(t, "check", "../../../submissions/seed-student", "--no-cache", "--dlv", delve(t))
	assert.Equal(t, code, cli.ExitOK, stderr)
	out = regexp.MustCompile(`(?m)^Isolation: .*$`).ReplaceAllString(out, "Isolation: <machine>")
	golden.Assert(t, out, "seed-student.golden")
}

// TestHelp keeps the help texts as golden files.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"help"}, {"help", "check"}, {"help", "selftest"}} {
		code, out, _ := run(t, args...)
		assert.Equal(t, code, cli.ExitOK)
		golden.Assert(t, out, "help-"+args[len(args)-1]+".golden")
	}
}

// TestExitStatus: 0 graded, 1 grader error, 2 usage.
func TestExitStatus(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want int
	}{
		{[]string{}, cli.ExitUsage},
		{[]string{"nosuch"}, cli.ExitUsage},
		{[]string{"check"}, cli.ExitUsage},
		{[]string{"check", "a", "b"}, cli.ExitUsage},
		{[]string{"check", ".", "--bogus"}, cli.ExitUsage},
		{[]string{"check", "/nonexistent", "--no-cache"}, cli.ExitError},
		{[]string{"check", ".", "--specs", "/nonexistent"}, cli.ExitError},
		{[]string{"version"}, cli.ExitOK},
		{[]string{"version", "x"}, cli.ExitUsage},
	} {
		code, _, stderr := run(t, tc.args...)
		assert.Equal(t, code, tc.want, "grader %v: %s", tc.args, stderr)
	}
}
