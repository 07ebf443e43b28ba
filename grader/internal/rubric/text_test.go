package rubric_test

import (
	"testing"

	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/rubric"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty", "", ""},
		{"lower case", "GOMAXPROCS Sets Threads", "gomaxprocs sets threads"},
		{"curly quotes", "Go’s ‘defer’ and “finally”", `go's 'defer' and "finally"`},
		{"low quotes", "‚a‛ „b‟", `'a' "b"`},
		{"backticks removed", "call `defer f.Close()` early", "call defer f.close() early"},
		{"asterisks removed", "**bold** and *em* and a * b", "bold and em and a b"},
		{"whitespace collapsed", "  one\ttwo\n\nthree \r\n four  ", "one two three four"},
		{"non-breaking space", "no\u00a0GIL", "no gil"},
		{"byte order mark", "\ufeffGo", "go"},
		{"regex escapes untouched", `os\.File | %w`, `os\.file | %w`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, rubric.Normalize(tc.in), tc.want)
		})
	}
}

func TestWords(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     int
	}{
		{"empty", "", 0},
		{"plain", "one two  three\nfour", 4},
		{"inline code counts", "Call `f.Close()` in a `defer`.", 5},
		{"markdown as written", "# Title\n\n- item one\n- **bold** item", 8},
		{"fenced block excluded", "before\n```go\nx := 1\ny := 2\n```\nafter", 2},
		{"tilde fence", "before\n~~~\nx := 1\n~~~\nafter", 2},
		{"indented fence in a list item", "- item\n  ```\n  code here\n  ```\n  more", 3},
		{"unclosed fence runs to the end", "before\n```\nx := 1\n\ny := 2", 1},
		{"info string does not close", "a\n```go\n```go\nb c\n```\nd", 2},
		{"longer closing fence", "a\n```\nb\n`````\nc", 2},
		{"shorter run does not close", "a\n````\n```\nb\n````\nc", 2},
		{"tilde does not close backticks", "a\n```\n~~~\nb\n```\nc", 2},
		{"backticks on one line are inline code", "```go has no gil``` yes", 5},
		{"CRLF", "one two\r\n```\r\ncode\r\n```\r\nthree\r\n", 3},
		{"only ASCII whitespace separates", "no\u00a0gil here", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, rubric.Words([]byte(tc.in)), tc.want)
		})
	}
}

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"empty", "", nil},
		{"wrapped lines join", "Go has no\nGIL. Goroutines run\nin parallel.\n",
			[]string{"go has no gil.", "goroutines run in parallel."}},
		{"split needs a following space", "Use os.File. It is unbuffered!Really? Yes... ok",
			[]string{"use os.file.", "it is unbuffered!really?", "yes...", "ok"}},
		{"abbreviations split too", "See e.g. bufio.", []string{"see e.g.", "bufio."}},
		{"blank line ends a block", "first part\n\nsecond part", []string{"first part", "second part"}},
		{"whitespace-only line is blank", "first part\n   \t\nsecond part", []string{"first part", "second part"}},
		{"list items", "Intro\n- one\n- two\n  continued\n* star\n+ plus\n1. three\n2) four\n",
			// "1. " is itself a full stop and a space: the marker splits off.
			[]string{"intro", "- one", "- two continued", "star", "+ plus", "1.", "three", "2) four"}},
		{"indented list item", "Intro\n   - nested item", []string{"intro", "- nested item"}},
		{"a marker needs a space", "range\n-5 and 3.14\n*emphasis* here",
			[]string{"range -5 and 3.14 emphasis here"}},
		{"heading does not merge", "## Why Go has no GIL\nGo schedules goroutines.",
			[]string{"## why go has no gil", "go schedules goroutines."}},
		{"heading after text", "Text\n# Heading\nmore", []string{"text", "# heading", "more"}},
		{"table rows", "| a | b |\n|---|---|\n| go has a gil | x |\nAfter",
			[]string{"| a | b |", "|---|---|", "| go has a gil | x |", "after"}},
		{"fences and code lines", "Intro\n```go\nx := 1 // go has a gil. yes\n\ny := 2\n```\nOutro",
			[]string{"intro", "go", "x := 1 // go has a gil.", "yes", "y := 2", "outro"}},
		{"fence ends a block", "text\n```\ncode\n```\nmore text",
			[]string{"text", "code", "more text"}},
		{"curly quotes and CRLF", "Go doesn’t have\r\na GIL.\r\n", []string{"go doesn't have a gil."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.DeepEqual(t, rubric.Sentences([]byte(tc.in)), tc.want)
		})
	}
}
