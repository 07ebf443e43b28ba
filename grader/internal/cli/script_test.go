package cli_test

import (
	"os"
	"testing"

	"github.com/classgrade/gograder/grader/internal/cli"
	"github.com/rogpeppe/go-internal/gotooltest"
	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"grader": func() { os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the end-to-end scripts of testdata/script: the grader
// binary on small submissions, with its exit status and messages.
func TestScript(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end scripts build submissions")
	}
	p := testscript.Params{Dir: "testdata/script"}
	if err := gotooltest.Setup(&p); err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, p)
}
