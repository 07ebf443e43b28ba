// Package mutant reads the mutants of a reference solution: unified diffs
// (reference/taskNN/mutants/ID.patch) each making one typical mistake, with
// a header naming the mistake and the cases that must catch it:
//
//	# mistake: os.OpenFile without O_TRUNC leaves the old bytes behind
//	# caught-by: c2
//	--- a/main.go
//	+++ b/main.go
//	@@ -20,7 +20,7 @@
//	 …
//
// Apply is strict: every context and removed line must match the file, so a
// mutant that no longer fits its reference is an error, not a silent no-op.
package mutant

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// Mutant is one patch and what it claims.
type Mutant struct {
	ID       string
	Mistake  string
	CaughtBy []string
	files    []fileDiff
}

type fileDiff struct {
	name  string
	hunks []hunk
}

type hunk struct {
	oldStart int
	lines    []string     // each with its ' ', '-' or '+' prefix
	noEOL    map[int]bool // lines followed by "\ No newline at end of file"
}

var hunkHeader = regexp.MustCompile(`^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)

// Parse reads a mutant patch; name is used in messages and as the ID.
func Parse(name string, data []byte) (*Mutant, error) {
	m := &Mutant{ID: strings.TrimSuffix(strings.TrimSuffix(path.Base(name), ".patch"), ".go")}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var cur *fileDiff
	var h *hunk
	oldLeft, newLeft := 0, 0 // lines of the current hunk still to come
	for i, line := range lines {
		errf := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", name, i+1, fmt.Sprintf(format, args...))
		}
		if h != nil && strings.HasPrefix(line, `\ No newline`) {
			if len(h.lines) > 0 {
				h.noEOL[len(h.lines)-1] = true
			}
			continue
		}
		if h != nil && (oldLeft > 0 || newLeft > 0) {
			if line == "" {
				line = " "
			}
			switch line[0] {
			case ' ':
				oldLeft--
				newLeft--
			case '-':
				oldLeft--
			case '+':
				newLeft--
			default:
				return nil, errf("unexpected line %q inside a hunk", line)
			}
			if oldLeft < 0 || newLeft < 0 {
				return nil, errf("hunk longer than its header says")
			}
			h.lines = append(h.lines, line)
			continue
		}
		switch {
		case cur == nil && strings.HasPrefix(line, "# "):
			k, v, _ := strings.Cut(strings.TrimPrefix(line, "# "), ":")
			switch strings.TrimSpace(k) {
			case "mistake":
				m.Mistake = strings.TrimSpace(v)
			case "caught-by":
				m.CaughtBy = strings.Fields(v)
			}
		case strings.HasPrefix(line, "--- ") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "+++ "):
			// a file header; the name is taken from the +++ line
		case strings.HasPrefix(line, "+++ ") && i > 0 && strings.HasPrefix(lines[i-1], "--- "):
			n := strings.Fields(strings.TrimPrefix(line, "+++ "))[0]
			n = strings.TrimPrefix(n, "b/")
			m.files = append(m.files, fileDiff{name: n})
			cur, h = &m.files[len(m.files)-1], nil
		case strings.HasPrefix(line, "@@"):
			sub := hunkHeader.FindStringSubmatch(line)
			if sub == nil || cur == nil {
				return nil, errf("bad hunk header %q", line)
			}
			start, _ := strconv.Atoi(sub[1])
			oldLeft, newLeft = count(sub[2]), count(sub[4])
			cur.hunks = append(cur.hunks, hunk{oldStart: start, noEOL: map[int]bool{}})
			h = &cur.hunks[len(cur.hunks)-1]
		case cur == nil && (line == "" || strings.HasPrefix(line, "#")):
		default:
			return nil, errf("unexpected line %q", line)
		}
	}
	switch {
	case oldLeft > 0 || newLeft > 0:
		return nil, fmt.Errorf("%s: the last hunk is shorter than its header says", name)
	case len(m.files) == 0:
		return nil, fmt.Errorf("%s: no diff in the patch", name)
	case len(m.CaughtBy) == 0:
		return nil, fmt.Errorf("%s: no \"# caught-by:\" line", name)
	case m.Mistake == "":
		return nil, fmt.Errorf("%s: no \"# mistake:\" line", name)
	}
	return m, nil
}

// count reads a hunk header's line count, which defaults to 1.
func count(s string) int {
	if s == "" {
		return 1
	}
	n, _ := strconv.Atoi(s)
	return n
}

// Apply returns a copy of files with the patch applied.
func (m *Mutant) Apply(files map[string][]byte) (map[string][]byte, error) {
	out := map[string][]byte{}
	for n, d := range files {
		out[n] = d
	}
	for _, fd := range m.files {
		src, ok := out[fd.name]
		if !ok {
			return nil, fmt.Errorf("mutant %s: no file %s to patch", m.ID, fd.name)
		}
		lines := strings.SplitAfter(string(src), "\n")
		if len(lines) > 0 && lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		var res []string
		next := 0 // first line of lines not yet copied
		for _, h := range fd.hunks {
			at := h.oldStart - 1
			if h.oldStart == 0 {
				at = 0
			}
			if at < next || !matches(lines, at, h) {
				return nil, fmt.Errorf("mutant %s: hunk at line %d of %s does not match the reference", m.ID, h.oldStart, fd.name)
			}
			res = append(res, lines[next:at]...)
			i := at
			for k, l := range h.lines {
				switch l[0] {
				case ' ':
					res = append(res, lines[i])
					i++
				case '-':
					i++
				case '+':
					if h.noEOL[k] {
						res = append(res, l[1:])
					} else {
						res = append(res, l[1:]+"\n")
					}
				}
			}
			next = i
		}
		res = append(res, lines[next:]...)
		out[fd.name] = []byte(strings.Join(res, ""))
	}
	return out, nil
}

func matches(lines []string, at int, h hunk) bool {
	i := at
	for _, l := range h.lines {
		if l[0] == '+' {
			continue
		}
		if i >= len(lines) || !bytes.Equal([]byte(strings.TrimSuffix(lines[i], "\n")), []byte(l[1:])) {
			return false
		}
		i++
	}
	return true
}
