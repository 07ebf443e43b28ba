package rubric_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/classgrade/gograder/grader/internal/rubric"
	"github.com/classgrade/gograder/grader/internal/spec"
	"gotest.tools/v3/assert"
)

// expectHeader is the first line of a test answer:
// <!-- expect: score=4.0 groups=g1,g3 misconceptions=x1 words>=80 -->
var expectHeader = regexp.MustCompile(`\A<!-- expect: (.*?) -->`)

// TestAnswers grades the answers of testdata/answers/taskNN/*.md (a half
// answer, a misconception-laden one, the seed student's) on the project's
// rubrics: each must score exactly what its header says, with exactly the
// groups and misconceptions it names.
func TestAnswers(t *testing.T) {
	specs, err := spec.LoadFS(os.DirFS("../../../specs"), "specs")
	assert.NilError(t, err)
	byTask := map[string]*spec.Spec{}
	for _, s := range specs {
		byTask[fmt.Sprintf("task%02d", s.Task)] = s
	}
	files, err := filepath.Glob("../../../testdata/answers/task*/*.md")
	assert.NilError(t, err)
	if len(files) == 0 {
		t.Skip("no test answers yet")
	}
	for _, f := range files {
		task := filepath.Base(filepath.Dir(f))
		t.Run(task+"/"+filepath.Base(f), func(t *testing.T) {
			s := byTask[task]
			assert.Assert(t, s != nil && s.Rubric != nil, "no rubric for %s", task)
			data, err := os.ReadFile(f)
			assert.NilError(t, err)
			m := expectHeader.FindSubmatch(data)
			assert.Assert(t, m != nil, "no <!-- expect: … --> header")
			share := float64(s.Points)
			if s.Kind == spec.KindHybrid {
				share = float64(s.Points) / 2
			}
			r, err := rubric.Grade(s.Rubric, data, share)
			assert.NilError(t, err)
			var hit, found []string
			for _, g := range r.Groups {
				if g.Hit {
					hit = append(hit, g.ID)
				}
			}
			for _, x := range r.Misconceptions {
				found = append(found, x.ID)
			}
			sort.Strings(hit)
			sort.Strings(found)
			for _, kv := range strings.Fields(string(m[1])) {
				switch {
				case strings.HasPrefix(kv, "score="):
					want, err := strconv.ParseFloat(strings.TrimPrefix(kv, "score="), 64)
					assert.NilError(t, err)
					assert.Equal(t, r.Score, want, "score (groups %v, misconceptions %v, %d words)", hit, found, r.Words)
				case strings.HasPrefix(kv, "groups="):
					assert.DeepEqual(t, hit, list(strings.TrimPrefix(kv, "groups=")))
				case strings.HasPrefix(kv, "misconceptions="):
					assert.DeepEqual(t, found, list(strings.TrimPrefix(kv, "misconceptions=")))
				case strings.HasPrefix(kv, "words>="):
					n, _ := strconv.Atoi(strings.TrimPrefix(kv, "words>="))
					assert.Assert(t, r.Words >= n, "%d words", r.Words)
				case strings.HasPrefix(kv, "words<"):
					n, _ := strconv.Atoi(strings.TrimPrefix(kv, "words<"))
					assert.Assert(t, r.Words < n, "%d words", r.Words)
				}
			}
		})
	}
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	l := strings.Split(s, ",")
	sort.Strings(l)
	return l
}
