package rubric

import (
	"strings"
	"testing"

	"gotest.tools/v3/assert"
)

func TestClause(t *testing.T) {
	for _, tc := range []struct {
		name, s, match, want string
	}{
		{"whole sentence", "go has a gil.", "has a gil", "go has a gil."},
		{"after a comma", "go, unlike cpython, has a gil.", "go, unlike cpython, has a gil", " has a gil."},
		{"before a semicolon", "go has a gil; not python.", "has a gil", "go has a gil"},
		{"colon", "no reason: more is faster", "more is faster", " more is faster"},
		{"em dash", "a—b c", "b c", "b c"},
		{"en dash", "a – b c", "b", " b c"},
		{"spaced hyphen, spaces included", "a - b c", "b c", "b c"},
		{"unspaced hyphen is no delimiter", "a-b c", "b c", "a-b c"},
		{"match ending on a delimiter: the clause before it", "x, go has a gil, y", "go has a gil,", " go has a gil"},
		{"nothing but delimiters", ",;", ",;", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i := strings.Index(tc.s, tc.match)
			assert.Assert(t, i >= 0)
			c := clause(tc.s, delimiters(tc.s), i+len(tc.match))
			assert.Equal(t, tc.s[c.start:c.end], tc.want)
		})
	}
}

func TestWordsAndNegations(t *testing.T) {
	s := "go's gil_free2 doesn't—'no' can't. é"
	var got []string
	for _, w := range words(s) {
		got = append(got, s[w.start:w.end])
	}
	assert.DeepEqual(t, got, []string{"go's", "gil_free2", "doesn't", "'no'", "can't", "é"})

	for w, want := range map[string]bool{
		"not": true, "no": true, "'no'": true, "cannot": true, "doesn't": true, "won't": true,
		"unlike": true, "myth": true, "incorrect": true, "NOT": true,
		"nobody": false, "knot": false, "note": false, "go's": false, "nt": false,
	} {
		assert.Equal(t, isNegation(w), want, "word %q", w)
	}
}
