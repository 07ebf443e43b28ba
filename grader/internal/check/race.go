package check

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
)

// raceFrame is a source position in a race report: "      task34/main.go:14 +0x44".
var raceFrame = regexp.MustCompile(`(?m)^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)

// raced explains a data race the race detector reported: where the two
// conflicting accesses are, in the student's files.
func raced(obs *Observation) (Verdict, bool) {
	i := bytes.Index(obs.Stderr, []byte("WARNING: DATA RACE"))
	if i < 0 && obs.ExitCode != 66 {
		return Verdict{}, false
	}
	report := obs.Stderr
	if i >= 0 {
		report = report[i:]
		if end := bytes.Index(report, []byte("\n==================")); end > 0 {
			report = report[:end]
		}
	}
	var places []string
	seen := map[string]bool{}
	for _, m := range raceFrame.FindAllSubmatch(report, -1) {
		file := string(m[1])
		if strings.HasPrefix(file, "runtime/") || strings.Contains(file, "/src/runtime/") ||
			strings.Contains(file, "zz_grader") || strings.Contains(file, "/go/src/") || !strings.Contains(file, "/") && strings.HasPrefix(file, "_") {
			continue
		}
		p := path.Base(file) + ":" + string(m[2])
		if !seen[p] {
			seen[p] = true
			places = append(places, p)
		}
		if len(places) == 2 {
			break
		}
	}
	msg := "data race: goroutines touch the same memory without synchronisation"
	switch len(places) {
	case 1:
		msg = fmt.Sprintf("data race at %s: goroutines touch the same memory without synchronisation", places[0])
	case 2:
		msg = fmt.Sprintf("data race between %s and %s: goroutines touch the same memory without synchronisation", places[0], places[1])
	}
	return Verdict{Status: Fail, Message: msg + " (use a sync.Mutex, a channel or sync/atomic)",
		Diff: "race report:\n" + indent(firstLines(report, 20))}, true
}
