package cli

import (
	"context"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/classgrade/gograder/grader/internal/grade"
)

var versionCmd = &Command{
	Name:  "version",
	Usage: "",
	Short: "print the grader's version",
	Long:  "Version prints the grader's version, the Go it was built with, and its VCS revision when known.",
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) > 0 {
				return usagef("takes no arguments")
			}
			rev := ""
			if bi, ok := debug.ReadBuildInfo(); ok {
				for _, s := range bi.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						rev = " " + s.Value[:12]
					}
				}
			}
			fmt.Fprintf(env.Stdout, "grader %s%s (%s %s/%s)\n", grade.Version, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
			return nil
		}
	},
}
