package check

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// DlvCommands are the Delve commands a debug.dlv script may use
// (catalogue 1.4 DLV item 3); anything else could change the program.
var DlvCommands = map[string]bool{
	"break": true, "b": true, "condition": true, "cond": true, "on": true, "continue": true, "c": true,
	"next": true, "n": true, "step": true, "s": true, "stepout": true, "so": true, "print": true, "p": true,
	"locals": true, "args": true, "display": true, "undisplay": true, "clear": true, "clearall": true,
	"toggle": true, "breakpoints": true, "bp": true, "stack": true, "bt": true, "list": true, "ls": true,
	"frame": true, "up": true, "down": true, "vars": true, "whatis": true, "exit": true, "quit": true, "q": true,
}

// ScriptProblem returns why a debug.dlv script may not run, or "": every
// line is blank, a # comment, or an allowed command (also after "on BP").
func ScriptProblem(script []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(script))
	for n := 1; sc.Scan(); n++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		cmd := f[0]
		if !DlvCommands[cmd] {
			return fmt.Sprintf("debug.dlv:%d: forbidden debugger command %q (allowed: break, on, continue, next, step, print, locals, args, display, …)", n, cmd)
		}
		if cmd == "on" && len(f) >= 3 && !DlvCommands[f[2]] {
			return fmt.Sprintf("debug.dlv:%d: forbidden debugger command %q after on", n, f[2])
		}
	}
	return ""
}

// Stop is one stop of the debugged program in a transcript.
type Stop struct {
	Breakpoint string
	Func       string
	File       string
	Line       int
	Values     map[string]string
}

// Transcript is what a Delve client session showed.
type Transcript struct {
	Stops  []Stop
	Exited bool
	Exit   int
}

var (
	ansi       = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)
	stopHeader = regexp.MustCompile(`^> (?:\[([^\]]+)\] )?(\S+)\(\) (\S+):(\d+)`)
	valueLines = []*regexp.Regexp{
		regexp.MustCompile(`^\t(\w+): (.*)$`),     // on <bp> print <var>
		regexp.MustCompile(`^(\w+) = (.*)$`),      // locals, args
		regexp.MustCompile(`^\d+: (\w+) = (.*)$`), // display -a <var>
	}
	exited = regexp.MustCompile(`Process (\d+) has exited with status (\d+)`)
)

// ParseTranscript reads a transcript by catalogue 1.4 DLV item 4: stops
// start at "> [bp] func() file:line" headers; values are the lines of
// on-print, locals/args and display output inside a stop; unreadable
// values are no values; the process ends at the first "has exited" line.
func ParseTranscript(b []byte) Transcript {
	var t Transcript
	var cur *Stop
	for _, line := range strings.Split(string(ansi.ReplaceAll(b, nil)), "\n") {
		line = strings.TrimSuffix(line, "\r")
		if m := exited.FindStringSubmatch(line); m != nil {
			t.Exited = true
			t.Exit, _ = strconv.Atoi(m[2])
			break
		}
		if m := stopHeader.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[4])
			t.Stops = append(t.Stops, Stop{Breakpoint: m[1], Func: m[2], File: m[3], Line: n, Values: map[string]string{}})
			cur = &t.Stops[len(t.Stops)-1]
			continue
		}
		if cur == nil {
			continue
		}
		for _, re := range valueLines {
			if m := re.FindStringSubmatch(line); m != nil {
				v := strings.TrimSpace(m[2])
				if strings.HasPrefix(v, "(unreadable") || strings.HasPrefix(v, "error ") {
					break // a variable not in scope or not yet live
				}
				cur.Values[m[1]] = v
				break
			}
		}
	}
	return t
}

// Debug checks a debugger run: obs.Stdout is the client's transcript,
// ServerStdout and ServerStderr the debugged program's output.
func Debug(e *spec.DlvExpect, obs *Observation) Verdict {
	if obs.Problem != "" {
		return Verdict{Status: Fail, Message: obs.Problem}
	}
	if obs.TimedOut {
		return Verdict{Status: Timeout, Message: fmt.Sprintf("the debugging session was still running after %v and was stopped: does debug.dlv continue until the program exits?", obs.Timeout)}
	}
	if obs.OutputLimit != "" {
		return Verdict{Status: OutputLimit, Message: "the debugging session printed too much and was stopped"}
	}
	t := ParseTranscript(obs.Stdout)
	if st := e.Stops; st != nil {
		if v := stops(st, t); !v.OK() {
			v.Diff = transcriptExcerpt(t)
			return v
		}
	}
	if e.Exit != nil {
		switch {
		case !t.Exited:
			return Verdict{Status: Fail, Message: "the program never finished under the debugger: add continue commands until the process exits"}
		case t.Exit != *e.Exit:
			return Verdict{Status: Fail, Message: fmt.Sprintf("under the debugger the program exited with status %d, want %d", t.Exit, *e.Exit)}
		}
	}
	if l := e.StdoutLine; l != "" && !hasLine(obs.ServerStdout, l) {
		return Verdict{Status: Fail, Message: fmt.Sprintf("the program's output under the debugger has no line %q", l),
			Diff: "program output:\n" + indent(firstLines(obs.ServerStdout, 10))}
	}
	if e.Stderr != nil && string(obs.ServerStderr) != *e.Stderr {
		return Verdict{Status: Fail, Message: "the program's stderr under the debugger differs",
			Diff: Diff("want", []byte(*e.Stderr), "got", obs.ServerStderr)}
	}
	return pass()
}

func hasLine(b []byte, want string) bool {
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSuffix(l, "\r") == want {
			return true
		}
	}
	return false
}

// stops compares the stops of a transcript with the spec.
func stops(st *spec.Stops, t Transcript) Verdict {
	var in []Stop
	for _, s := range t.Stops {
		if s.Func == st.Func {
			in = append(in, s)
		}
	}
	switch st.Match {
	case "exact":
		var keyed []Stop
		for _, s := range in {
			if _, ok := s.Values[st.Key]; ok {
				keyed = append(keyed, s)
			}
		}
		if len(keyed) != len(st.Want) {
			return Verdict{Status: Fail, Message: fmt.Sprintf("the debugger stopped %d times in %s showing %s, want %d: print %s with \"on <breakpoint> print %s\" (a bare print is not attributed) and continue until the program exits",
				len(keyed), st.Func, st.Key, len(st.Want), st.Key, st.Key)}
		}
		for i, w := range st.Want {
			if miss := unmet(w, keyed[i]); miss != "" {
				return Verdict{Status: Fail, Message: fmt.Sprintf("stop %d in %s: %s (is the breakpoint where the variable already holds its value?)", i+1, st.Func, miss)}
			}
		}
	case "in-order":
		j := 0
		for _, s := range in {
			if j < len(st.Want) && unmet(st.Want[j], s) == "" {
				j++
			}
		}
		if j < len(st.Want) {
			return Verdict{Status: Fail, Message: fmt.Sprintf("no stop in %s showed %s%s: print those variables at a breakpoint where they hold them",
				st.Func, describeWant(st.Want[j]), laterThan(j))}
		}
	}
	return pass()
}

func laterThan(j int) string {
	if j == 0 {
		return ""
	}
	return " after the earlier expected stops"
}

// unmet says which wanted value a stop does not show, or "".
func unmet(want map[string]any, s Stop) string {
	for _, name := range sortedKeys(want) {
		got, ok := s.Values[name]
		if !ok {
			return fmt.Sprintf("%s is not shown", name)
		}
		if !sameValue(want[name], got) {
			return fmt.Sprintf("%s = %s, want %v", name, got, want[name])
		}
	}
	return ""
}

func describeWant(w map[string]any) string {
	var parts []string
	for _, k := range sortedKeys(w) {
		parts = append(parts, fmt.Sprintf("%s = %v", k, w[k]))
	}
	return strings.Join(parts, ", ")
}

// sameValue compares a spec value with Delve's text, numerically when
// both are numbers (7 equals 7.0).
func sameValue(want any, got string) bool {
	ws := fmt.Sprint(want)
	if wf, err := strconv.ParseFloat(ws, 64); err == nil {
		if gf, err := strconv.ParseFloat(got, 64); err == nil {
			return wf == gf
		}
	}
	return ws == got || strconv.Quote(ws) == got
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// transcriptExcerpt summarises the stops seen, for the student.
func transcriptExcerpt(t Transcript) string {
	var w strings.Builder
	w.WriteString("stops seen:\n")
	if len(t.Stops) == 0 {
		w.WriteString("    (none)\n")
	}
	for i, s := range t.Stops {
		if i == 20 {
			fmt.Fprintf(&w, "    … (%d more)\n", len(t.Stops)-20)
			break
		}
		var vals []string
		for _, k := range sortedKeys(s.Values) {
			vals = append(vals, k+"="+s.Values[k])
		}
		fmt.Fprintf(&w, "    %s %s:%d %s\n", s.Func, s.File, s.Line, strings.Join(vals, " "))
	}
	if t.Exited {
		fmt.Fprintf(&w, "process exited with status %d\n", t.Exit)
	} else {
		w.WriteString("the process did not exit\n")
	}
	return w.String()
}
