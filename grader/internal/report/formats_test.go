package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gotest.tools/v3/assert"
	"gotest.tools/v3/golden"

	"github.com/classgrade/gograder/grader/internal/report"
	"github.com/classgrade/gograder/grader/internal/score"
)

// formats renders one result in every single-result format, by the
// suffix of its golden file.
var formats = map[string]func(w io.Writer, r *score.Result) error{
	"txt":       func(w io.Writer, r *score.Result) error { return report.Text(w, r, report.TextOptions{}) },
	"color.txt": func(w io.Writer, r *score.Result) error { return report.Text(w, r, report.TextOptions{Color: true}) },
	"json":      report.JSON,
	"junit.xml": report.JUnit,
	"gradescope.json": func(w io.Writer, r *score.Result) error {
		return report.Gradescope(w, r, report.GradescopeOptions{ExecutionTime: 42 * time.Second})
	},
	"classroom.json": report.Classroom,
	"github.txt": func(w io.Writer, r *score.Result) error {
		return report.GitHub(w, nil, r, report.GitHubOptions{Locate: fakeLocate})
	},
	"summary.md": report.Markdown,
}

// fakeLocate knows where ReadContents and task01's main are.
func fakeLocate(task int, fn string) (string, int) {
	switch {
	case task == 1 && fn == "ReadContents":
		return "task01/read.go", 7
	case task == 1 && fn == "main":
		return "task01/main.go", 12
	}
	return "", 0
}

func sorted[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestGolden renders every fixture in every format and compares it with
// testdata/NAME.FORMAT (go test -update rewrites them).
func TestGolden(t *testing.T) {
	for _, name := range sorted(results) {
		for _, format := range sorted(formats) {
			t.Run(name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				assert.NilError(t, formats[format](&buf, results[name]()))
				golden.Assert(t, buf.String(), name+"."+format)
			})
		}
	}
}

// TestDeterministic: the same result gives the same bytes, every time.
func TestDeterministic(t *testing.T) {
	for _, format := range sorted(formats) {
		var a, b bytes.Buffer
		assert.NilError(t, formats[format](&a, partial()))
		assert.NilError(t, formats[format](&b, partial()))
		assert.Equal(t, a.String(), b.String(), format)
	}
}

func TestGradebooks(t *testing.T) {
	class := []*score.Result{partial(), perfect()}
	var plain, canvas bytes.Buffer
	assert.NilError(t, report.Gradebook(&plain, class))
	assert.NilError(t, report.Canvas(&canvas, class))
	golden.Assert(t, plain.String(), "class.csv")
	golden.Assert(t, canvas.String(), "class.canvas.csv")
}

// TestGitHubSummary: the summary goes to its own writer, the annotations
// to the other.
func TestGitHubSummary(t *testing.T) {
	var cmds, summary bytes.Buffer
	assert.NilError(t, report.GitHub(&cmds, &summary, partial(), report.GitHubOptions{Dir: "submissions/alice"}))
	var md bytes.Buffer
	assert.NilError(t, report.Markdown(&md, partial()))
	assert.Equal(t, summary.String(), md.String())
	golden.Assert(t, cmds.String(), "partial.github-dir.txt")
}

// TestJUnitValidates checks the JUnit output against the Jenkins xUnit
// plugin's schema with xmllint, a real XSD validator, and checks the
// counts the schema cannot.
func TestJUnitValidates(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint is missing: .ci/run installs it (Debian's libxml2-utils)")
		}
		t.Skip("xmllint is not installed (apt-get install libxml2-utils): the JUnit output is not validated")
	}
	xsd, err := filepath.Abs(filepath.Join("testdata", "junit-10.xsd"))
	assert.NilError(t, err)
	cases := map[string]func() *score.Result{"hostile": hostile}
	for name, r := range results {
		cases[name] = r
	}
	for _, name := range sorted(cases) {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			assert.NilError(t, report.JUnit(&buf, cases[name]()))
			file := filepath.Join(t.TempDir(), name+".xml")
			assert.NilError(t, os.WriteFile(file, buf.Bytes(), 0o644))
			out, err := exec.Command(xmllint, "--noout", "--schema", xsd, file).CombinedOutput()
			assert.NilError(t, err, "xmllint: %s", out)

			var doc struct {
				Tests    int `xml:"tests,attr"`
				Failures int `xml:"failures,attr"`
				Errors   int `xml:"errors,attr"`
				Suites   []struct {
					Tests    int `xml:"tests,attr"`
					Failures int `xml:"failures,attr"`
					Errors   int `xml:"errors,attr"`
					Skipped  int `xml:"skipped,attr"`
					Cases    []struct {
						Failure *struct{} `xml:"failure"`
						Error   *struct{} `xml:"error"`
						Skipped *struct{} `xml:"skipped"`
					} `xml:"testcase"`
				} `xml:"testsuite"`
			}
			assert.NilError(t, xml.Unmarshal(buf.Bytes(), &doc))
			var tests, failures, errors int
			for _, s := range doc.Suites {
				var f, e, sk int
				for _, c := range s.Cases {
					if c.Failure != nil {
						f++
					}
					if c.Error != nil {
						e++
					}
					if c.Skipped != nil {
						sk++
					}
				}
				assert.Equal(t, s.Tests, len(s.Cases))
				assert.Equal(t, s.Failures, f)
				assert.Equal(t, s.Errors, e)
				assert.Equal(t, s.Skipped, sk)
				tests, failures, errors = tests+s.Tests, failures+f, errors+e
			}
			assert.Equal(t, doc.Tests, tests)
			assert.Equal(t, doc.Failures, failures)
			assert.Equal(t, doc.Errors, errors)
		})
	}
}

// hostile holds text XML cannot carry as is: the end of a CDATA section,
// control bytes, invalid UTF-8.
func hostile() *score.Result {
	bad := "]]> <x> & \x01\x1b[31m \xff\xfe end"
	return &score.Result{Submission: bad, Tasks: []score.Task{{
		Task: 1, Title: bad, Kind: "program", Status: score.TaskCompileError, Message: "task01/main.go:1:1: " + bad, MaxScore: 1,
		Cases: []score.Case{{ID: "c1", Title: bad, Status: "compile-error", Weight: 1, MaxScore: 1}},
	}, {
		Task: 2, Title: "t", Kind: "program", Status: score.TaskFail, MaxScore: 1,
		Cases: []score.Case{{ID: "c1", Status: "fail", Weight: 1, MaxScore: 1, Message: bad, Diff: bad, Hint: bad, Command: "in an empty directory, ran: task02 " + bad}},
	}}}
}

func compileSchema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	sch, err := jsonschema.NewCompiler().Compile(filepath.Join("testdata", file))
	assert.NilError(t, err)
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, data []byte) any {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	assert.NilError(t, err)
	assert.NilError(t, sch.Validate(doc))
	return doc
}

// TestGradescopeValidates checks results.json against the schema written
// from Gradescope's documented fields, and that the score is the
// result's.
func TestGradescopeValidates(t *testing.T) {
	sch := compileSchema(t, "gradescope.schema.json")
	for _, name := range sorted(results) {
		r := results[name]()
		var buf bytes.Buffer
		assert.NilError(t, report.Gradescope(&buf, r, report.GradescopeOptions{}))
		validate(t, sch, buf.Bytes())
		var doc struct {
			Score float64
			Tests []struct {
				Visibility string
			}
		}
		assert.NilError(t, json.Unmarshal(buf.Bytes(), &doc))
		assert.Equal(t, doc.Score, r.Score, name)
	}
}

// TestClassroomValidates checks the result against the schema written
// from GitHub Classroom's result format, and that the integer points add
// up to the total and maximum rounded half up.
func TestClassroomValidates(t *testing.T) {
	sch := compileSchema(t, "classroom.schema.json")
	for _, name := range sorted(results) {
		r := results[name]()
		var buf bytes.Buffer
		assert.NilError(t, report.Classroom(&buf, r))
		validate(t, sch, buf.Bytes())
		var doc struct {
			MaxScore int `json:"max_score"`
			Tests    []struct{ Score int }
		}
		assert.NilError(t, json.Unmarshal(buf.Bytes(), &doc))
		sum := 0
		for _, tc := range doc.Tests {
			sum += tc.Score
		}
		assert.Equal(t, sum, int(r.Score+0.5), name)
		assert.Equal(t, doc.MaxScore, int(r.MaxScore+0.5), name)
	}
}

// TestClassroomRounding: each task gets its score rounded down or up, so
// that the tests add up to the total rounded half up.
func TestClassroomRounding(t *testing.T) {
	tests := []struct {
		scores []float64
		want   []int
	}{
		{[]float64{3.3, 3.3, 3.4}, []int{3, 3, 4}},         // 10.0
		{[]float64{6.7, 6.7, 6.7}, []int{7, 7, 6}},         // 20.1 -> 20: ties go to earlier tasks
		{[]float64{0.5}, []int{1}},                         // half up
		{[]float64{0.4, 0.4}, []int{1, 0}},                 // 0.8 -> 1
		{[]float64{10, 9.9, 0}, []int{10, 10, 0}},          // 19.9 -> 20
		{[]float64{2.5, 2.5, 2.5, 2.5}, []int{3, 3, 2, 2}}, // 10
	}
	for _, tt := range tests {
		var tasks []score.Task
		for i, s := range tt.scores {
			tasks = append(tasks, score.Task{Task: i + 1, Title: "t", Kind: "program", Score: s, MaxScore: 10, Status: score.TaskPartial, Cases: []score.Case{}})
		}
		r := &score.Result{Submission: "x", Tasks: tasks}
		score.Total(r)
		var buf bytes.Buffer
		assert.NilError(t, report.Classroom(&buf, r))
		var doc struct{ Tests []struct{ Score int } }
		assert.NilError(t, json.Unmarshal(buf.Bytes(), &doc))
		var got []int
		for _, tc := range doc.Tests {
			got = append(got, tc.Score)
		}
		assert.DeepEqual(t, got, tt.want)
	}
}
