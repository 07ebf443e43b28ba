// Command gograder-launcher starts the grader's sandboxed runs: it is the
// sandbox's shim alone, which starts much faster than the grader itself.
// The grader uses it when it finds it beside its own executable (make
// build, go install ./grader/...). It is not meant to be run by hand.
package main

import (
	"fmt"
	"os"

	_ "github.com/classgrade/gograder/grader/internal/sandbox" // the shim runs in its init
)

func main() {
	fmt.Fprintln(os.Stderr, "gograder-launcher starts the grader's sandboxed runs; run grader instead (grader help)")
	os.Exit(2)
}
