package check

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rogpeppe/go-internal/diff"
)

// maxDiffLines bounds a diff shown to a student.
const maxDiffLines = 40

// Diff renders a deterministic unified diff of two outputs. Output that is
// not printable text (invalid UTF-8, control bytes, a missing final newline)
// is shown line by line Go-quoted, so every byte is visible; very large
// outputs are summarised by their first difference.
func Diff(wantName string, want []byte, gotName string, got []byte) string {
	want, got = scrub(want), scrub(got)
	if len(want) > 1<<16 || len(got) > 1<<16 {
		return firstDifference(want, got)
	}
	if !printable(want) || !printable(got) {
		want, got = quoteLines(want), quoteLines(got)
	}
	d := string(diff.Diff(wantName, want, gotName, got))
	d = d[strings.IndexByte(d, '\n')+1:] // drop the "diff want got" line
	ls := strings.Split(strings.TrimSuffix(d, "\n"), "\n")
	if len(ls) > maxDiffLines {
		ls = append(ls[:maxDiffLines], fmt.Sprintf("… (%d more diff lines)", len(ls)-maxDiffLines))
	}
	return strings.Join(ls, "\n") + "\n"
}

func printable(b []byte) bool {
	if len(b) > 0 && b[len(b)-1] != '\n' || !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func quoteLines(b []byte) []byte {
	var w bytes.Buffer
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		if i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			b = nil
		}
		w.WriteString(strconv.Quote(string(line)))
		w.WriteByte('\n')
	}
	return w.Bytes()
}

func firstDifference(want, got []byte) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	clip := func(b []byte) string {
		end := min(len(b), i+32)
		return strconv.Quote(string(b[i:end]))
	}
	return fmt.Sprintf("want %d bytes, got %d bytes; first difference at byte %d:\n    want %s\n    got  %s\n",
		len(want), len(got), i, clip(want), clip(got))
}
