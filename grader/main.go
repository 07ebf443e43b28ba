// Command grader grades Go assignments against YAML specs and reference
// solutions. See README.md, or run "grader help".
package main

import (
	"os"

	"github.com/classgrade/gograder/grader/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
