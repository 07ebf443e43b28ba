package rubric

import (
	"regexp"
	"strings"
)

// normalizer lower-cases nothing itself: it straightens curly quotes and
// drops backticks, asterisks and a byte order mark.
var normalizer = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`,
	"`", "", "*", "", "\ufeff", "",
)

// Normalize returns s lower-cased, with curly quotes straightened, backticks
// and * removed, and every run of whitespace (line breaks included) made a
// single space, without leading or trailing space. Rubric patterns are
// written for text in this form.
func Normalize(s string) string {
	return strings.Join(strings.Fields(normalizer.Replace(strings.ToLower(s))), " ")
}

// Words counts the \S+ tokens of the answer as written, outside fenced code
// blocks (the fence lines included). Inline code counts.
func Words(answer []byte) int {
	n := 0
	for _, l := range scan(answer) {
		if l.kind == prose {
			n += len(strings.FieldsFunc(l.text, isSpace))
		}
	}
	return n
}

// isSpace is RE2's \s: the complement of \S.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// listMarker starts a list item: -, * or +, or digits and . or ), then a
// space (a tab is taken as a space).
var listMarker = regexp.MustCompile(`^(?:[-*+]|[0-9]+[.)])[ \t]`)

// Sentences returns the answer's normalised sentences, in order. The file is
// cut into blocks (a blank line ends one; a list item starts one; a heading,
// a table row, a fence line and each line of a fenced code block are blocks
// of their own; other lines continue the current block), each block is
// normalised, and split after every '.', '!' or '?' followed by a space.
func Sentences(answer []byte) []string {
	var (
		blocks []string
		cur    []string
	)
	end := func() {
		if len(cur) > 0 {
			blocks = append(blocks, strings.Join(cur, "\n"))
			cur = nil
		}
	}
	for _, l := range scan(answer) {
		t := strings.TrimLeft(l.text, " \t")
		switch {
		case l.kind != prose || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|"):
			end()
			blocks = append(blocks, l.text)
		case strings.TrimSpace(t) == "":
			end()
		case listMarker.MatchString(t):
			end()
			cur = append(cur, l.text)
		default:
			cur = append(cur, l.text)
		}
	}
	end()
	var out []string
	for _, b := range blocks {
		out = append(out, split(Normalize(b))...)
	}
	return out
}

// split cuts normalised text after every '.', '!' or '?' followed by a space.
func split(s string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(s); i++ {
		if (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' {
			out = append(out, s[start:i+1])
			start = i + 2
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

type lineKind int

const (
	prose lineKind = iota
	fence          // a line opening or closing a fenced code block
	code           // a line inside a fenced code block
)

type line struct {
	text string
	kind lineKind
}

// scan splits the answer into lines (a trailing \r dropped) and tells which
// belong to fenced code blocks. A fence is a line starting, after
// indentation, with three or more backticks (and no backtick after them) or
// tildes; the block ends at a line of at least as many of the same character
// and nothing else, or at the end of the file.
func scan(answer []byte) []line {
	text := strings.TrimPrefix(string(answer), "\ufeff")
	var (
		out  []line
		open string // the fence of the code block we are in, if any
	)
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSuffix(l, "\r")
		t := strings.TrimLeft(l, " \t")
		switch {
		case open != "" && closes(t, open):
			out = append(out, line{l, fence})
			open = ""
		case open != "":
			out = append(out, line{l, code})
		default:
			if open = opens(t); open != "" {
				out = append(out, line{l, fence})
			} else {
				out = append(out, line{l, prose})
			}
		}
	}
	return out
}

// opens returns the fence that t (a line without its indentation) opens, or "".
func opens(t string) string {
	for _, c := range []byte{'`', '~'} {
		n := run(t, c)
		if n < 3 {
			continue
		}
		if c == '`' && strings.Contains(t[n:], "`") {
			return "" // ```x``` on one line is inline code
		}
		return t[:n]
	}
	return ""
}

// closes reports whether t closes a code block opened by fence.
func closes(t, fence string) bool {
	n := run(t, fence[0])
	return n >= len(fence) && strings.TrimSpace(t[n:]) == ""
}

// run counts the leading bytes c of s.
func run(s string, c byte) int {
	n := 0
	for n < len(s) && s[n] == c {
		n++
	}
	return n
}
