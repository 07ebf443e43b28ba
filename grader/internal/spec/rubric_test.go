package spec

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
	"gotest.tools/v3/assert"
)

const rubricHead = `task: 5
title: What happens without with
kind: written
points: 10
`

// A valid rubric, in the form of the catalogue's task 05 (shortened).
const goodRubric = rubricHead + `rubric:
  min_words: 80
  groups:
    - id: G1
      name: leaked resources
      patterns: ['file descriptors?', '\bfds?\b', 'too many open files']
      missing: say what stays open
    - id: G2
      name: defer Close
      patterns: ['defer\s+\w+\.close\(\)', 'defer[^.]{0,60}close']
    - id: G3
      name: lost writes
      patterns: ['flush', '(data|writes?)[^.]{0,40}(lost|not (be )?written)']
  misconceptions:
    - id: X1
      claim: Go closes files automatically
      patterns: ['\bgo(lang)?\b[^.]{0,60}clos\w*[^.]{0,30}automatically']
      unless: [defer, 'finali[sz]er']
    - id: X4
      claim: Go has a with statement
      go_specific: true
      patterns: ['\bgo\b[^.]{0,30}\b(has|have)\b[^.]{0,10}\bwith[- ](statement|keyword)']
`

// rubricProblems decodes src as Parse does and returns what rubricOK alone
// reports, one message a line.
func rubricProblems(t testing.TB, src string) []string {
	t.Helper()
	var root yaml.Node
	assert.NilError(t, yaml.Unmarshal([]byte(src), &root))
	s := &Spec{File: "task05.yaml", pos: indexPositions(&root)}
	dec := yaml.NewDecoder(strings.NewReader(src))
	dec.KnownFields(true)
	assert.NilError(t, dec.Decode(s))
	v := &validator{s: s}
	v.rubricOK(s.Rubric)
	var out []string
	for _, err := range v.errs {
		out = append(out, err.Error())
	}
	return out
}

func TestRubricOK(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"valid", goodRubric, nil},
		{"no rubric", rubricHead, nil},
		{"patterns", rubricHead + `rubric:
  groups:
    - id: G1
      patterns: [ok, '(unclosed']
    - id: G2
      patterns: ['a{2,1}']
    - id: G3
      patterns: ['x?', '']
  misconceptions:
    - id: X1
      claim: c
      patterns: ['[z-a]']
      unless: [fine, '\8', '(a|)']
`, []string{
			"task05.yaml:8: rubric: group G1: bad regex: error parsing regexp: missing closing ): `(unclosed`",
			"task05.yaml:10: rubric: group G2: bad regex: error parsing regexp: invalid repeat count: `{2,1}`",
			`task05.yaml:12: rubric: group G3: "x?" matches the empty text: it would match every answer`,
			`task05.yaml:12: rubric: group G3: "" matches the empty text: it would match every answer`,
			"task05.yaml:16: rubric: misconception X1: bad regex: error parsing regexp: invalid character class range: `z-a`",
			"task05.yaml:17: rubric: misconception X1: unless: bad regex: error parsing regexp: invalid escape sequence: `\\8`",
			`task05.yaml:17: rubric: misconception X1: unless: "(a|)" matches the empty text: it would skip every sentence`,
		}},
		{"pattern lines in block style", rubricHead + `rubric:
  groups:
    - id: G1
      patterns:
        - ok
        - '(bad'
    - id: G2
      patterns: [b]
    - id: G3
      patterns: [c]
`, []string{
			"task05.yaml:10: rubric: group G1: bad regex: error parsing regexp: missing closing ): `(bad`",
		}},
		{"structure", rubricHead + `rubric:
  min_words: -1
  groups:
    - name: no id
      patterns: [a]
    - id: G1
      patterns: []
  misconceptions:
    - id: G1
      patterns: [x]
    - id: X2
      claim: c
`, []string{
			"task05.yaml:6: rubric: min_words must not be negative",
			"task05.yaml:7: rubric: 2 concept groups, want 3 to 6",
			"task05.yaml:8: rubric: groups[0] needs an id",
			"task05.yaml:10: rubric: group G1 has no patterns",
			"task05.yaml:13: rubric: duplicate id \"G1\"",
			"task05.yaml:13: rubric: misconception G1 needs a claim (the wrong claim, in words)",
			"task05.yaml:15: rubric: misconception X2 has no patterns",
		}},
		{"too many groups", rubricHead + `rubric:
  groups:
    - {id: G1, patterns: [a]}
    - {id: G2, patterns: [b]}
    - {id: G3, patterns: [c]}
    - {id: G4, patterns: [d]}
    - {id: G5, patterns: [e]}
    - {id: G6, patterns: [f]}
    - {id: G7, patterns: [g]}
`, []string{"task05.yaml:6: rubric: 7 concept groups, want 3 to 6"}},
		{"no groups", rubricHead + "rubric:\n  min_words: 10\n", []string{
			"task05.yaml:5: rubric: 0 concept groups, want 3 to 6",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.DeepEqual(t, rubricProblems(t, tc.src), tc.want)
		})
	}
}

// A valid rubric parses, whether or not Validate checks rubrics yet.
func TestParseRubric(t *testing.T) {
	s, err := Parse("task05.yaml", strings.NewReader(goodRubric))
	var se *Error
	assert.Assert(t, !errors.As(err, &se) || !strings.Contains(err.Error(), "rubric"), "%v", err)
	if err != nil {
		return // a problem of another part of the spec
	}
	assert.Equal(t, s.Rubric.MinWords, 80)
	assert.Equal(t, len(s.Rubric.Groups), 3)
	assert.DeepEqual(t, s.Rubric.Misconceptions[0].Unless, []string{"defer", "finali[sz]er"})
	assert.Assert(t, s.Rubric.Misconceptions[1].GoSpecific)
}
