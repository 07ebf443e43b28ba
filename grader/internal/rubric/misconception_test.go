package rubric_test

import (
	"testing"

	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/rubric"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// found grades answer on r and returns the ids of the misconceptions found.
func found(t testing.TB, r *spec.Rubric, answer string) []string {
	t.Helper()
	res, err := rubric.Grade(r, []byte(answer), 10)
	assert.NilError(t, err)
	var ids []string
	for _, f := range res.Misconceptions {
		ids = append(ids, f.ID)
	}
	return ids
}

// only returns r with just the misconception id, so a test sees that one.
func only(r *spec.Rubric, id string) *spec.Rubric {
	c := *r
	c.Misconceptions = nil
	for _, m := range r.Misconceptions {
		if m.ID == id {
			c.Misconceptions = append(c.Misconceptions, m)
		}
	}
	return &c
}

type misconceptionCase struct {
	name   string
	rubric *spec.Rubric
	answer string
	found  bool
}

func runMisconceptions(t *testing.T, cases []misconceptionCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := len(found(t, tc.rubric, tc.answer)) > 0
			assert.Equal(t, got, tc.found, "answer %q", tc.answer)
		})
	}
}

func TestNegationGuard(t *testing.T) {
	gil := only(task35, "X1")      // Go has a GIL
	faster := only(task38, "X2")   // more goroutines is always faster
	withStmt := only(task05, "X4") // Go has a with statement
	runMisconceptions(t, []misconceptionCase{
		// The catalogue's examples.
		{"no inside the match", gil, "Go has no GIL.", false},
		{"false two words after", gil, "The claim that Go has a GIL is false.", false},
		{"no in another clause", faster, "There is no reason to limit concurrency: more goroutines always means faster.", true},
		// More of the same rule.
		{"plain claim", gil, "Go has a GIL.", true},
		{"n't inside the match", gil, "Go doesn't have a GIL.", false},
		{"curly n't", gil, "Go doesn’t have a GIL.", false},
		{"unlike in the match's clause", gil, "Unlike Python, Go has no GIL.", false},
		// The match is "go, unlike cpython, has a gil"; its last character
		// is in the clause "has a gil", which "unlike" is not in.
		{"unlike in an earlier clause", gil, "Go, unlike CPython, has a GIL.", true},
		{"not in a later clause", gil, "Go has a GIL; not Python.", true},
		{"em dash ends the clause", gil, "Go has a GIL — not true.", true},
		{"en dash ends the clause", gil, "Go has a GIL – not true.", true},
		{"spaced hyphen ends the clause", gil, "Go has a GIL - not true.", true},
		{"unspaced hyphen does not", gil, "Go has a GIL-not true.", false},
		{"5 words before", gil, "No one in team said Go has a GIL.", false},
		{"6 words before", gil, "No one in the team said Go has a GIL.", true},
		{"5 words after", gil, "Go has a GIL is a claim that's wrong.", false},
		{"6 words after", gil, "Go has a GIL is a claim I find wrong.", true},
		{"myth", gil, "A common myth is that Go has a GIL.", false},
		{"misconception", gil, "It is a misconception that Go has a GIL.", false},
		{"quoted negation", gil, "Go has 'no' GIL.", false},
		{"negation as part of a word", gil, "Go has a GIL, nobody denies it.", true},
		{"without inside the match", gil, "Go has lived without a GIL.", false},
		{"with statement denied", withStmt, "Go has no with statement.", false},
		{"with statement claimed", withStmt, "Go has a with statement too.", true},
		// Every match counts: the first is negated, the second is not.
		{"second match not negated", faster, "It is wrong that more threads is better and that more goroutines is better.", true},
		{"both matches negated", faster, "It is wrong that more threads is better, and false that more goroutines is better.", false},
		// One greedy match spanning two clauses: "no" overlaps it but is
		// not in the clause of its last character.
		{"greedy match over a semicolon", gil, "Go has no GIL; golang has a GIL.", true},
		// Sentences are separate: a negation never reaches the next one.
		{"negation in the previous sentence", gil, "That is wrong. Go has a GIL.", true},
		{"heading does not lend its negation", gil, "# Not true\nGo has a GIL.", true},
	})
}

func TestUnless(t *testing.T) {
	closes := only(task05, "X1")     // Go closes files automatically
	oneAtATime := only(task35, "X2") // one goroutine at a time
	limits := only(task35, "X3")     // GOMAXPROCS limits the number of goroutines
	runMisconceptions(t, []misconceptionCase{
		{"claim", closes, "Go closes files automatically when the function returns.", true},
		{"defer does it", closes, "In Go, defer closes the file automatically.", false},
		{"finalizer does it", closes, "Go eventually closes the file automatically through a finalizer.", false},
		{"unless is per sentence", closes, "Use defer. Go closes files automatically.", true},
		{"one at a time", oneAtATime, "Only one goroutine runs at a time.", true},
		{"GOMAXPROCS=1", oneAtATime, "Only one goroutine runs at a time when GOMAXPROCS=1.", false},
		{"single core", oneAtATime, "On a single core only one goroutine runs at a time.", false},
		{"limits goroutines", limits, "GOMAXPROCS limits the number of goroutines.", true},
		{"limits parallel goroutines", limits, "GOMAXPROCS limits the number of goroutines that run in parallel.", false},
		{"at once", limits, "GOMAXPROCS sets the maximum number of goroutines running at once.", false},
	})
}

func TestPythonGuard(t *testing.T) {
	inherit := only(task27, "X1") // † Go errors inherit from a base class
	notGoSpecific := only(task27, "X1")
	notGoSpecific.Misconceptions[0].GoSpecific = false
	onlyIO := only(task38, "X1") // † goroutines only help I/O-bound work
	runMisconceptions(t, []misconceptionCase{
		{"the catalogue's example", inherit, "In Python a custom exception inherits from Exception.", false},
		{"python sentence skipped", inherit, "In Python, custom errors must inherit from Exception.", false},
		{"same sentence, not Go-specific", notGoSpecific, "In Python, custom errors must inherit from Exception.", true},
		{"Go claim", inherit, "In Go an error type must inherit from error.", true},
		{"Go claim beside a Python sentence", inherit, "Python uses classes. In Go an error type must inherit from error.", true},
		{"cpython mentions python", onlyIO, "As with CPython threads, goroutines only help with i/o.", false},
		{"Go-only I/O claim", onlyIO, "In Go, goroutines only help with i/o.", true},
		{"non-† claim in a Python sentence", only(task35, "X1"), "Like Python, Go has a GIL.", true},
	})
}

func TestFoundSentence(t *testing.T) {
	answer := "Goroutines are cheap.\n\nGo has no GIL. Golang has a global\ninterpreter lock, some say. Go has a GIL."
	res, err := rubric.Grade(task35, []byte(answer), 5)
	assert.NilError(t, err)
	assert.DeepEqual(t, res.Misconceptions, []rubric.Found{
		{ID: "X1", Claim: "Go has a GIL", Sentence: "golang has a global interpreter lock, some say."},
	})
}
