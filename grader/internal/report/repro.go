package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/classgrade/gograder/grader/internal/score"
)

// Repro returns a shell command that reproduces the failing run of case c
// of a task outside the grader, to be run from the submission's folder:
// it builds the task, stages the run's files into a fresh directory with
// `grader show N CASE --stage DIR`, and runs the program there with the
// run's arguments and standard input. For example:
//
//	(go build -o /tmp/task01 ./task01 && d=$(mktemp -d) && grader show 1 c3 --stage "$d" && cd "$d" && /tmp/task01 notes.txt)
//
// It is derived from the case's Command, and is "" where no command can
// replay the run: function calls (made by generated code inside the
// task's package), runs that continue where an earlier run left off,
// static rules, hidden cases.
func Repro(task int, c score.Case) string {
	if c.Hidden {
		return ""
	}
	where, ran, ok := strings.Cut(c.Command, ", ran: ")
	if !ok || strings.Contains(where, "the previous run left") {
		return ""
	}
	var stdin *string
	if i := strings.LastIndex(ran, " <<< "); i >= 0 {
		if s, err := strconv.Unquote(ran[i+len(" <<< "):]); err == nil {
			stdin, ran = &s, ran[:i]
		}
	}
	name := taskName(task)
	args, ok := strings.CutPrefix(ran, name)
	if !ok || args != "" && args[0] != ' ' {
		return ""
	}
	exe := "/tmp/" + name
	steps := []string{"go build -o " + exe + " ./" + name}
	if strings.HasPrefix(where, "with ") {
		id := c.ID
		if c.Run != "" {
			id += "/" + c.Run
		}
		steps = append(steps, "d=$(mktemp -d)", fmt.Sprintf("grader show %d %s --stage \"$d\"", task, id), `cd "$d"`)
	} else {
		steps = append(steps, `cd "$(mktemp -d)"`)
	}
	run := exe + args
	if stdin != nil {
		run = "printf '" + printfFormat(*stdin) + "' | " + run
	}
	return "(" + strings.Join(append(steps, run), " && ") + ")"
}

// printfFormat writes s as a printf(1) format inside single quotes: %, \
// and ' escaped, control and invalid bytes as octal escapes.
func printfFormat(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '%':
			b.WriteString("%%")
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\'':
			b.WriteString(`'\''`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == utf8.RuneError && n == 1, r < 0x20, r == 0x7f:
			fmt.Fprintf(&b, `\%03o`, s[i])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
