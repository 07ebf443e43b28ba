package spec_test

import (
	"os"
	"testing"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// TestRepoSpecs loads the project's own specs: they must all be valid.
func TestRepoSpecs(t *testing.T) {
	specs, err := spec.LoadFS(os.DirFS("../../../specs"), "specs")
	if err != nil {
		t.Fatal(err)
	}
	if len(specs) == 0 {
		t.Fatal("no specs found")
	}
}
