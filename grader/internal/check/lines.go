package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// lines checks stdout as a multiset of lines with ordering constraints.
func lines(l *spec.Lines, got []byte) Verdict {
	text := string(got)
	if text != "" && !strings.HasSuffix(text, "\n") {
		return Verdict{Status: Fail, Rule: "E7", Message: "the last line of stdout does not end in a newline"}
	}
	have := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if text == "" {
		have = nil
	}
	want := append([]string(nil), l.Lines...)
	sw, sh := append([]string(nil), want...), append([]string(nil), have...)
	sort.Strings(sw)
	sort.Strings(sh)
	if strings.Join(sw, "\n") != strings.Join(sh, "\n") {
		missing, extra := multisetDiff(sw, sh)
		msg := "stdout does not have the expected lines (in any order)"
		switch {
		case len(missing) > 0 && len(extra) == 0:
			msg = fmt.Sprintf("lines missing from stdout: %s", quoteAll(missing))
		case len(extra) > 0 && len(missing) == 0:
			msg = fmt.Sprintf("unexpected lines in stdout: %s", quoteAll(extra))
		}
		return Verdict{Status: Fail, Rule: "E7", Message: msg,
			Diff: Diff("want (sorted)", []byte(joinLines(sw)), "got (sorted)", []byte(joinLines(sh)))}
	}
	if l.First != "" && have[0] != l.First {
		return Verdict{Status: Fail, Message: fmt.Sprintf("%q must be the first line, got %q first", l.First, have[0])}
	}
	if l.Last != "" && have[len(have)-1] != l.Last {
		return Verdict{Status: Fail, Message: fmt.Sprintf("%q was printed before %q, but it must come last", l.Last, have[len(have)-1])}
	}
	for _, o := range l.Order {
		lastA, firstB := -1, len(have)
		for i, h := range have {
			if h == o[0] {
				lastA = i
			}
			if h == o[1] && i < firstB {
				firstB = i
			}
		}
		if lastA > firstB {
			return Verdict{Status: Fail, Message: fmt.Sprintf("%q was printed before %q", o[1], o[0])}
		}
	}
	return pass()
}

func joinLines(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}

// multisetDiff lists what want has that got lacks, and the reverse; both
// are sorted.
func multisetDiff(want, got []string) (missing, extra []string) {
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || i < len(want) && want[i] < got[j]:
			missing = append(missing, want[i])
			i++
		case i == len(want) || got[j] < want[i]:
			extra = append(extra, got[j])
			j++
		default:
			i++
			j++
		}
	}
	return missing, extra
}

func quoteAll(ls []string) string {
	const most = 5
	var q []string
	for i, l := range ls {
		if i == most {
			q = append(q, fmt.Sprintf("… (%d more)", len(ls)-most))
			break
		}
		q = append(q, fmt.Sprintf("%q", l))
	}
	return strings.Join(q, ", ")
}
