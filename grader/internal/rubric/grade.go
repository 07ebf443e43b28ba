package rubric

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/classgrade/gograder/grader/internal/spec"
)

// Result is a graded answer; everything an instructor needs to review it fast.
type Result struct {
	Score, Share    float64 // Score in [0, Share], rounded to 0.1
	Words, MinWords int
	Short           bool       // Words < MinWords: the concept score was halved
	Groups          []GroupHit // in rubric order
	// Misconceptions are the distinct misconceptions found, in rubric
	// order, each with its first offending sentence.
	Misconceptions []Found
}

// GroupHit is one concept group and whether the answer hit it.
type GroupHit struct {
	ID, Name, Missing string
	Hit               bool
	Phrase            string // the text that matched, when hit
}

// Found is a misconception found in the answer.
type Found struct {
	ID, Claim string
	Sentence  string // the first sentence making the claim, normalised
}

// Grade scores answer (the bytes of answer.md) on r with share points (10
// written, 5 hybrid). Patterns are assumed valid (the spec validated them); a
// pattern that does not compile is still an error here.
func Grade(r *spec.Rubric, answer []byte, share float64) (*Result, error) {
	if r == nil || len(r.Groups) == 0 {
		return nil, errors.New("grade answer: the rubric has no concept groups")
	}
	c, err := compile(r)
	if err != nil {
		return nil, err
	}
	res := &Result{Share: share, Words: Words(answer), MinWords: r.MinWords}
	text := Normalize(string(answer))
	hits := 0
	for i, g := range r.Groups {
		h := GroupHit{ID: g.ID, Name: g.Name, Missing: g.Missing}
		for _, re := range c.groups[i] {
			if loc := re.FindStringIndex(text); loc != nil {
				h.Hit, h.Phrase = true, text[loc[0]:loc[1]]
				hits++
				break
			}
		}
		res.Groups = append(res.Groups, h)
	}
	sentences := Sentences(answer)
	for i, m := range r.Misconceptions {
		if s, ok := c.misconceptions[i].find(sentences); ok {
			res.Misconceptions = append(res.Misconceptions, Found{ID: m.ID, Claim: m.Claim, Sentence: s})
		}
	}
	score := share * float64(hits) / float64(len(r.Groups))
	res.Short = res.Words < r.MinWords
	if res.Short {
		score /= 2
	}
	score -= 0.2 * share * float64(len(res.Misconceptions))
	res.Score = math.Round(max(score, 0)*10) / 10
	return res, nil
}

// compiled holds a rubric's patterns compiled for one Grade call.
type compiled struct {
	groups         [][]*regexp.Regexp
	misconceptions []misconception
}

type misconception struct {
	patterns, unless []*regexp.Regexp
	goSpecific       bool
}

func compile(r *spec.Rubric) (*compiled, error) {
	var errs []error
	all := func(what string, patterns []string) []*regexp.Regexp {
		out := make([]*regexp.Regexp, 0, len(patterns))
		for _, p := range patterns {
			re, err := compilePattern(p)
			if err != nil {
				errs = append(errs, fmt.Errorf("compile rubric: %s: %w", what, err))
				continue
			}
			out = append(out, re)
		}
		return out
	}
	c := &compiled{}
	for _, g := range r.Groups {
		c.groups = append(c.groups, all("group "+g.ID, g.Patterns))
	}
	for _, m := range r.Misconceptions {
		c.misconceptions = append(c.misconceptions, misconception{
			patterns:   all("misconception "+m.ID, m.Patterns),
			unless:     all("misconception "+m.ID+" unless", m.Unless),
			goSpecific: m.GoSpecific,
		})
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

// compilePattern compiles a rubric pattern as it is matched: RE2,
// case-insensitive. Its error shows the pattern as written, without the (?i)
// added here.
func compilePattern(pattern string) (*regexp.Regexp, error) {
	re, err := regexp.Compile("(?i)" + pattern)
	if err != nil {
		if _, plain := regexp.Compile(pattern); plain != nil {
			err = plain
		}
		return nil, err
	}
	return re, nil
}

// find returns the first sentence that makes the claim: one not skipped (by
// an unless phrasing, or by mentioning python when the claim is
// Go-specific) in which some match of a pattern is not negated.
func (m misconception) find(sentences []string) (string, bool) {
	for _, s := range sentences {
		if m.skips(s) {
			continue
		}
		for _, re := range m.patterns {
			if claims(s, re) {
				return s, true
			}
		}
	}
	return "", false
}

func (m misconception) skips(s string) bool {
	if m.goSpecific && strings.Contains(strings.ToLower(s), "python") {
		return true
	}
	for _, re := range m.unless {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
