package check

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// timeSlack is how far a printed time may lie outside the run.
const timeSlack = time.Second

// appended checks the lines a run added to a file (log records): the file
// starts with what it held before, then Count new lines matching the
// regex; a "time" group is a time within the run, every other named group
// equals the reference's.
func appended(p string, a *spec.AppendedLines, obs, ref *Observation) Verdict {
	fail := func(format string, args ...any) Verdict {
		return Verdict{Status: Fail, Message: fmt.Sprintf(format, args...)}
	}
	added, ok := newPart(obs, p)
	if !ok {
		return Verdict{Status: Fail, Message: fmt.Sprintf("%s no longer starts with what it held before the run: append, do not truncate or overwrite", p),
			Diff: Diff("before", obs.Before[p].Content, "after", obs.Files[p].Content)}
	}
	lines := splitLines(added)
	switch {
	case len(added) > 0 && !bytes.HasSuffix(added, []byte("\n")):
		return fail("the last line added to %s does not end in a newline", p)
	case a.Count > 0 && len(lines) != a.Count:
		return Verdict{Status: Fail, Message: fmt.Sprintf("%d lines were added to %s, want %d", len(lines), p, a.Count),
			Diff: "added:\n" + indent(firstLines(added, 5))}
	case a.Count == 0 && len(lines) == 0:
		return fail("nothing was added to %s", p)
	}
	re := regexp.MustCompile(a.Regex)
	refAdded, _ := newPart(ref, p)
	refLines := splitLines(refAdded)
	for i, line := range lines {
		m := re.FindStringSubmatch(line)
		if m == nil {
			return Verdict{Status: Fail, Message: fmt.Sprintf("line %d added to %s does not have the expected form %s", i+1, p, a.Regex),
				Diff: "added line:\n" + indent(scrub([]byte(line+"\n")))}
		}
		var rm []string
		if i < len(refLines) {
			rm = re.FindStringSubmatch(refLines[i])
		}
		for g, name := range re.SubexpNames() {
			switch {
			case name == "":
			case name == "time":
				if msg := withinRun(m[g], obs); msg != "" {
					return fail("line %d added to %s: %s", i+1, p, msg)
				}
			case rm != nil && m[g] != rm[g]:
				return Verdict{Status: Fail, Message: fmt.Sprintf("line %d added to %s: its %s part differs", i+1, p, name),
					Diff: Diff("want", []byte(rm[g]+"\n"), "got", []byte(m[g]+"\n"))}
			}
		}
	}
	return pass()
}

// newPart returns what the run appended to the file at p.
func newPart(obs *Observation, p string) ([]byte, bool) {
	before := obs.Before[p].Content
	after := obs.Files[p].Content
	if !bytes.HasPrefix(after, before) {
		return nil, false
	}
	return after[len(before):], true
}

func splitLines(b []byte) []string {
	s := strings.TrimSuffix(string(b), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func withinRun(s string, obs *Observation) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Sprintf("%q is not an RFC 3339 time", s)
	}
	if obs.Start.IsZero() {
		return ""
	}
	end := obs.Start.Add(obs.Elapsed)
	if t.Before(obs.Start.Add(-timeSlack)) || t.After(end.Add(timeSlack)) {
		return fmt.Sprintf("the time %s is not the time of the run (use the current time)", s)
	}
	return ""
}
