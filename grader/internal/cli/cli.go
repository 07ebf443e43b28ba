// Package cli is the grader's command line: commands as values, one file
// each, with their flags and help. Only this package writes to the
// terminal; every command runs in-process with injected streams, so tests
// drive it exactly as a user would.
//
// Exit statuses: 0 graded (whatever the score), 1 a grader, spec or
// infrastructure error, 2 a usage error, 3 a score below check's
// --min-score.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/classgrade/gograder/grader/internal/sandbox"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Exit statuses.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// Command is one subcommand.
type Command struct {
	Name  string
	Usage string // after "grader NAME"
	Short string // one line for the command list
	Long  string // the help text
	// Flags declares the command's flags on fs and returns the function
	// that runs it with the remaining arguments.
	Flags func(fs *flag.FlagSet) func(ctx context.Context, env *Env, args []string) error
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// commands lists every command, in help order.
func commands() []*Command {
	return []*Command{checkCmd, batchCmd, mergeCmd, tasksCmd, showCmd, selftestCmd, doctorCmd, versionCmd}
}

// Main runs the grader with the given arguments (without the program name)
// and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
	defer sandbox.Release() // the cgroups kept for runs
	return Run(ctx, env, args)
}

// Run is Main with a context and an environment.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 {
		help(env.Stderr)
		return ExitUsage
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(args) > 1 {
			if c := find(args[1]); c != nil {
				commandHelp(env.Stdout, c)
				return ExitOK
			}
			fmt.Fprintf(env.Stderr, "grader: unknown command %q\n", args[1])
			return ExitUsage
		}
		help(env.Stdout)
		return ExitOK
	}
	c := find(name)
	if c == nil {
		fmt.Fprintf(env.Stderr, "grader: unknown command %q\nRun 'grader help' for the list of commands.\n", name)
		return ExitUsage
	}
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	run := c.Flags(fs)
	if err := fs.Parse(interleave(fs, args[1:])); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			commandHelp(env.Stdout, c)
			return ExitOK
		}
		fmt.Fprintf(env.Stderr, "grader %s: %v\nusage: grader %s %s\n", c.Name, err, c.Name, c.Usage)
		return ExitUsage
	}
	err := run(ctx, env, fs.Args())
	var ue *usageError
	var ec exitCode
	switch {
	case err == nil:
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "grader %s: %v\nusage: grader %s %s\n", c.Name, ue.msg, c.Name, c.Usage)
		return ExitUsage
	case errors.As(err, &ec):
		return int(ec)
	default:
		fmt.Fprintf(env.Stderr, "grader %s: %v\n", c.Name, err)
		return ExitError
	}
}

// exitCode ends a command with a status after it printed its own report.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func find(name string) *Command {
	for _, c := range commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// interleave lets flags follow positional arguments ("grader check . --task 8").
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
				continue
			}
			if i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		}
	}
	return append(flags, pos...)
}

func help(w io.Writer) {
	fmt.Fprintf(w, "grader grades Go assignments against YAML specs and reference solutions.\n\nUsage:\n\n\tgrader <command> [arguments]\n\nCommands:\n\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-10s %s\n", c.Name, c.Short)
	}
	fmt.Fprintf(w, "\nRun 'grader help <command>' for more about a command.\n\nExit status: 0 graded (whatever the score), 1 grader or spec error, 2 usage error,\n3 score below check's --min-score.\n")
}

func commandHelp(w io.Writer, c *Command) {
	fmt.Fprintf(w, "usage: grader %s %s\n\n%s\n", c.Name, c.Usage, strings.TrimSpace(c.Long))
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	c.Flags(fs)
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	if len(names) == 0 {
		return
	}
	sort.Strings(names)
	fmt.Fprintf(w, "\nFlags:\n")
	for _, n := range names {
		f := fs.Lookup(n)
		arg, usage := flag.UnquoteUsage(f)
		if arg != "" {
			arg = " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && !strings.Contains(usage, "(default") {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		dash := "--"
		if len(n) == 1 {
			dash = "-"
		}
		fmt.Fprintf(w, "  %-20s %s\n", dash+n+arg, usage)
	}
}
