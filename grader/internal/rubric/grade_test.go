package rubric_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/classgrade/gograder/grader/internal/rubric"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// TestGradeFixtures grades each testdata/*.txtar: its "rubric" section names
// a catalogue rubric and the share, "answer.md" is the answer, and "want" is
// the scorecard (rewritten with -update).
func TestGradeFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	assert.NilError(t, err)
	assert.Assert(t, len(files) > 0)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			assert.NilError(t, err)
			sections := map[string]*txtar.File{}
			for i := range ar.Files {
				sections[ar.Files[i].Name] = &ar.Files[i]
			}
			for _, name := range []string{"rubric", "answer.md", "want"} {
				assert.Assert(t, sections[name] != nil, "%s: no %s section", file, name)
			}
			var (
				task  string
				share float64
			)
			_, err = fmt.Sscan(string(sections["rubric"].Data), &task, &share)
			assert.NilError(t, err)
			r := catalogue[task]
			assert.Assert(t, r != nil, "no rubric %s", task)

			res, err := rubric.Grade(r, sections["answer.md"].Data, share)
			assert.NilError(t, err)
			got := scorecard(res)
			if golden.FlagUpdate() {
				sections["want"].Data = []byte(got)
				assert.NilError(t, os.WriteFile(file, txtar.Format(ar), 0o644))
				return
			}
			assert.Equal(t, got, string(sections["want"].Data))
		})
	}
}

// scorecard renders a result the way an instructor reviews it.
func scorecard(r *rubric.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "score %s/%s\n", num(r.Score), num(r.Share))
	fmt.Fprintf(&b, "words %d (min %d)", r.Words, r.MinWords)
	if r.Short {
		b.WriteString(" short: concept score halved")
	}
	b.WriteString("\n")
	for _, g := range r.Groups {
		if g.Hit {
			fmt.Fprintf(&b, "%s hit %q\n", g.ID, g.Phrase)
		} else {
			fmt.Fprintf(&b, "%s missed (%s)\n", g.ID, g.Name)
		}
	}
	for _, f := range r.Misconceptions {
		fmt.Fprintf(&b, "%s %s: %q\n", f.ID, f.Claim, f.Sentence)
	}
	return b.String()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// hits returns a rubric of n groups, "alpha" … , each hit by its own word,
// and misconceptions "wrong1" … "wrong3" found by the word "claim1" … .
func hits(n, minWords int) *spec.Rubric {
	r := &spec.Rubric{MinWords: minWords}
	for i := range n {
		id := fmt.Sprintf("g%d", i+1)
		r.Groups = append(r.Groups, spec.Group{ID: id, Name: "concept " + id, Patterns: []string{`\b` + id + `\b`}})
	}
	for i := range 3 {
		id := fmt.Sprintf("x%d", i+1)
		r.Misconceptions = append(r.Misconceptions, spec.Misconception{ID: id, Claim: "claim " + id, Patterns: []string{`\bclaim` + id[1:] + `\b`}})
	}
	return r
}

// TestScore checks the order of 1.5: concept score, halved below the minimum
// word count, minus 20 % of the share per distinct misconception, floored at
// 0, rounded to 0.1.
func TestScore(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rubric *spec.Rubric
		answer string
		share  float64
		want   float64
		short  bool
	}{
		{"all groups", hits(5, 5), "g1 g2 g3 g4 g5", 10, 10, false},
		{"three of five", hits(5, 5), "g1 g2 g3 and more", 10, 6, false},
		{"none", hits(5, 0), "nothing here", 10, 0, false},
		{"exactly the minimum is not short", hits(4, 4), "g1 g2 g3 g4", 10, 10, false},
		{"below the minimum: halved", hits(4, 5), "g1 g2 g3 g4", 10, 5, true},
		{"a misconception", hits(4, 5), "g1 g2 g3 g4. claim1", 10, 8, false},
		{"short and a misconception", hits(4, 6), "g1 g2 g3 g4. claim1", 10, 3, true},
		{"two misconceptions: -40 %", hits(5, 0), "g1 g2 g3 g4 g5. claim1. claim2.", 10, 6, false},
		{"a misconception counts once", hits(5, 0), "g1 g2 g3 g4 g5. claim1. claim1 again.", 10, 8, false},
		{"floor at 0", hits(5, 10), "g1. claim1. claim2.", 10, 0, true},
		{"floor at 0 with hits", hits(5, 0), "g1 g2. claim1. claim2. claim3.", 10, 0, false},
		{"hybrid share 5", hits(5, 0), "g1 g2 g3 g4 g5", 5, 5, false},
		{"hybrid: -1 per misconception", hits(5, 0), "g1 g2 g3 g4 g5. claim1.", 5, 4, false},
		{"hybrid: short, 3 groups, 1 misconception", hits(5, 20), "g1 g2 g3. claim2.", 5, 0.5, true},
		{"rounded to 0.1", hits(6, 0), "g1 g2 g3 g4 g5", 10, 8.3, false},
		{"rounded after halving", hits(6, 10), "g1", 10, 0.8, true},
		{"code blocks hit groups but hold no words", hits(3, 3), "g1\n```\ng2 g3 g3 g3\n```", 10, 5, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := rubric.Grade(tc.rubric, []byte(tc.answer), tc.share)
			assert.NilError(t, err)
			assert.Equal(t, res.Score, tc.want)
			assert.Equal(t, res.Share, tc.share)
			assert.Equal(t, res.Short, tc.short)
		})
	}
}

func TestGradeResult(t *testing.T) {
	answer := "Go has no `GIL`; **GOMAXPROCS** sets the threads.\n\nOnly one goroutine runs at a time."
	res, err := rubric.Grade(task35, []byte(answer), 5)
	assert.NilError(t, err)
	assert.DeepEqual(t, res, &rubric.Result{
		Score: 0, Share: 5, Words: 15, MinWords: 80, Short: true,
		Groups: []rubric.GroupHit{
			{ID: "G1", Name: "Go has no GIL", Missing: "say plainly that Go has no global interpreter lock", Hit: true, Phrase: "no gil"},
			{ID: "G2", Name: "goroutines run in parallel"},
			{ID: "G3", Name: "GOMAXPROCS", Missing: "explain what GOMAXPROCS controls", Hit: true, Phrase: "gomaxprocs"},
			{ID: "G4", Name: "what the GIL is (CPython)"},
			{ID: "G5", Name: "consequence in Go"},
		},
		Misconceptions: []rubric.Found{
			{ID: "X2", Claim: "one goroutine at a time", Sentence: "only one goroutine runs at a time."},
		},
	})
}

func TestGradeErrors(t *testing.T) {
	bad := *task35
	bad.Groups = append([]spec.Group{{ID: "G0", Patterns: []string{`(unclosed`}}}, bad.Groups[1:]...)
	bad.Misconceptions = []spec.Misconception{{ID: "X9", Patterns: []string{`ok`}, Unless: []string{`a{2,1}`}}}
	_, err := rubric.Grade(&bad, []byte("answer"), 10)
	assert.ErrorContains(t, err, "compile rubric: group G0: error parsing regexp: missing closing ): `(unclosed`")
	assert.ErrorContains(t, err, "compile rubric: misconception X9 unless: error parsing regexp: invalid repeat count: `{2,1}`")

	_, err = rubric.Grade(&spec.Rubric{}, []byte("answer"), 10)
	assert.ErrorContains(t, err, "no concept groups")
	_, err = rubric.Grade(nil, []byte("answer"), 10)
	assert.ErrorContains(t, err, "no concept groups")
}
