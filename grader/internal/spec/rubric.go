package spec

import (
	"fmt"
	"regexp"
)

// rubricOK checks a written answer's rubric (catalogue 1.5): 3 to 6 concept
// groups, each with patterns; misconceptions with patterns and a claim; ids
// present and unique across groups and misconceptions; every pattern and
// unless phrasing valid RE2 as the grader compiles it, with (?i), and none
// matching the empty text (it would match every answer). A spec without a
// rubric has nothing to check.
func (v *validator) rubricOK(r *Rubric) {
	if r == nil {
		return
	}
	if r.MinWords < 0 {
		v.errorf("rubric.min_words", "rubric: min_words must not be negative")
	}
	if n := len(r.Groups); n < 3 || n > 6 {
		v.errorf("rubric.groups", "rubric: %d concept groups, want 3 to 6", n)
	}
	ids := map[string]bool{}
	id := func(at, kind, id string) {
		switch {
		case id == "":
			v.errorf(at, "rubric: %s needs an id", kind)
		case ids[id]:
			v.errorf(at+".id", "rubric: duplicate id %q", id)
		}
		ids[id] = true
	}
	for i, g := range r.Groups {
		at := fmt.Sprintf("rubric.groups[%d]", i)
		id(at, fmt.Sprintf("groups[%d]", i), g.ID)
		if len(g.Patterns) == 0 {
			v.errorf(at, "rubric: group %s has no patterns", g.ID)
		}
		for k, p := range g.Patterns {
			v.rubricRegexOK(fmt.Sprintf("%s.patterns[%d]", at, k), "group "+g.ID, p, "match every answer")
		}
	}
	for i, m := range r.Misconceptions {
		at := fmt.Sprintf("rubric.misconceptions[%d]", i)
		id(at, fmt.Sprintf("misconceptions[%d]", i), m.ID)
		if m.Claim == "" {
			v.errorf(at, "rubric: misconception %s needs a claim (the wrong claim, in words)", m.ID)
		}
		if len(m.Patterns) == 0 {
			v.errorf(at, "rubric: misconception %s has no patterns", m.ID)
		}
		for k, p := range m.Patterns {
			v.rubricRegexOK(fmt.Sprintf("%s.patterns[%d]", at, k), "misconception "+m.ID, p, "find it in every sentence")
		}
		for k, p := range m.Unless {
			v.rubricRegexOK(fmt.Sprintf("%s.unless[%d]", at, k), "misconception "+m.ID+": unless", p, "skip every sentence")
		}
	}
}

// rubricRegexOK checks one rubric pattern as the grader compiles it:
// case-insensitive RE2. The message shows the pattern as written.
func (v *validator) rubricRegexOK(at, what, p, empty string) {
	re, err := regexp.Compile("(?i)" + p)
	if err != nil {
		if _, plain := regexp.Compile(p); plain != nil {
			err = plain
		}
		v.errorf(at, "rubric: %s: bad regex: %v", what, err)
		return
	}
	if re.MatchString("") {
		v.errorf(at, "rubric: %s: %q matches the empty text: it would %s", what, p, empty)
	}
}
