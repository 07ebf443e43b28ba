package rubric

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// negations are the words that, near a match and in its clause, mean the
// sentence denies the claim rather than makes it. Every word ending in n't
// is one too.
var negations = map[string]bool{
	"not": true, "no": true, "never": true, "nothing": true, "none": true,
	"neither": true, "nor": true, "cannot": true, "without": true,
	"unlike": true, "instead": true, "rather": true, "avoid": true,
	"brittle": true, "fragile": true, "myth": true, "misconception": true,
	"wrong": true, "false": true, "incorrect": true,
}

// window is how many words before and after a match a negation may be.
const window = 5

// isNegation reports whether w is a negation token. Apostrophes around the
// word (quotes such as 'no') are not part of it.
func isNegation(w string) bool {
	w = strings.Trim(strings.ToLower(w), "'")
	return negations[w] || strings.HasSuffix(w, "n't")
}

// span is a byte range [start, end) of a sentence.
type span struct{ start, end int }

// words returns the runs of letters, digits, '_' and apostrophes in s.
func words(s string) []span {
	var out []span
	start := -1
	for i, r := range s {
		in := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '\''
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, span{start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, span{start, len(s)})
	}
	return out
}

// delimiters marks the bytes of s that end clauses: , ; : — – and a hyphen
// between spaces (its spaces included).
func delimiters(s string) []bool {
	d := make([]bool, len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == ',' || r == ';' || r == ':' || r == '—' || r == '–':
			for k := i; k < i+size; k++ {
				d[k] = true
			}
		case strings.HasPrefix(s[i:], " - "):
			d[i], d[i+1], d[i+2] = true, true, true
		}
		i += size
	}
	return d
}

// clause returns the longest stretch of s without delimiters that holds the
// character ending at byte end (the match's last character). Should that
// character be a delimiter itself, the clause is the one just before it.
func clause(s string, delim []bool, end int) span {
	_, size := utf8.DecodeLastRuneInString(s[:end])
	q := end - size
	for q >= 0 && delim[q] {
		q--
	}
	if q < 0 {
		return span{0, 0}
	}
	c := span{q, q + 1}
	for c.start > 0 && !delim[c.start-1] {
		c.start--
	}
	for c.end < len(s) && !delim[c.end] {
		c.end++
	}
	return c
}

// negated reports whether the match m of sentence s is negated: a negation
// token lies in the match's clause and overlaps the match or is one of the
// window words just before or just after it.
func negated(s string, ws []span, delim []bool, m span) bool {
	if m.end == m.start {
		return false // an empty match has no last character, hence no clause
	}
	c := clause(s, delim, m.end)
	check := func(w span) bool {
		return w.start >= c.start && w.end <= c.end && isNegation(s[w.start:w.end])
	}
	// ws is in order: find the first word not wholly before the match.
	i := 0
	for i < len(ws) && ws[i].end <= m.start {
		i++
	}
	for k := max(0, i-window); k < i; k++ {
		if check(ws[k]) {
			return true
		}
	}
	for ; i < len(ws) && ws[i].start < m.end; i++ { // overlapping the match
		if check(ws[i]) {
			return true
		}
	}
	for k := i; k < min(len(ws), i+window); k++ {
		if check(ws[k]) {
			return true
		}
	}
	return false
}

// claims reports whether sentence s makes the claim re matches: some match
// of re in s is not negated.
func claims(s string, re *regexp.Regexp) bool {
	ms := re.FindAllStringIndex(s, -1)
	if ms == nil {
		return false
	}
	ws, delim := words(s), delimiters(s)
	for _, m := range ms {
		if !negated(s, ws, delim, span{m[0], m[1]}) {
			return true
		}
	}
	return false
}
