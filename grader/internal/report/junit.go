package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// JUnit writes the result as JUnit XML, the format CI test reporters read
// (Jenkins, GitLab, GitHub test-report actions): a testsuite per task, a
// testcase per case and one for a written answer. A case that lost points
// is a <failure> (an <error> when it crashed, timed out or did not
// compile) whose message says why and whose text holds what ran, the diff,
// the rule, the hint and the repro command; a skipped case is <skipped>
// with the reason. Hidden cases show their status only, as everywhere.
//
// The output validates against the Jenkins xUnit plugin's junit-10.xsd
// (testdata/junit-10.xsd).
func JUnit(w io.Writer, r *score.Result) error {
	doc := junitSuites{Name: "gograder: " + r.Submission}
	for _, t := range r.Tasks {
		s := junitTask(t)
		doc.Tests += s.Tests
		doc.Failures += s.Failures
		doc.Errors += s.Errors
		doc.Suites = append(doc.Suites, s)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  *junitText      `xml:"system-out"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Skipped   *junitMessage `xml:"skipped"`
	Failure   *junitMessage `xml:"failure"`
	Error     *junitMessage `xml:"error"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

func systemOut(s string) *junitText {
	if s == "" {
		return nil
	}
	return &junitText{xmlText(s)}
}

type junitMessage struct {
	Type    string `xml:"type,attr,omitempty"`
	Message string `xml:"message,attr"`
	Text    string `xml:",cdata"`
}

func junitTask(t score.Task) junitSuite {
	s := junitSuite{
		Name: taskTitle(t),
		Properties: []junitProperty{
			{"kind", t.Kind},
			{"status", t.Status},
			{"score", num(t.Score)},
			{"max_score", num(t.MaxScore)},
		},
		SystemOut: systemOut(t.Message),
	}
	class := taskName(t.Task)
	for _, c := range t.Cases {
		tc := junitCase{Name: caseName(c), Classname: class}
		switch {
		case c.Status == check.Skipped:
			tc.Skipped = &junitMessage{Message: skipReason(c)}
			s.Skipped++
		case c.Status == check.Pass:
		default:
			m := &junitMessage{Type: c.Status, Message: caseMessage(t, c)}
			switch {
			case c.Status == check.CompileError:
				m.Text = xmlText(t.Message)
			case detailed(c):
				m.Text = xmlText(caseDetails(t.Task, c))
			}
			if isError(c.Status) {
				tc.Error = m
				s.Errors++
			} else {
				tc.Failure = m
				s.Failures++
			}
		}
		s.Cases = append(s.Cases, tc)
	}
	if t.Written != nil {
		tc := junitCase{Name: "written answer", Classname: class}
		if got := writtenPoints(t); got < t.Written.MaxScore {
			tc.Failure = &junitMessage{Type: "written", Message: writtenMessage(t), Text: xmlText(writtenDetails(t.Written, t.Override))}
			s.Failures++
		}
		s.Cases = append(s.Cases, tc)
	}
	s.Tests = len(s.Cases)
	return s
}

// isError: the case did not get as far as being checked.
func isError(status string) bool {
	return status == check.RuntimeError || status == check.Timeout || status == check.CompileError
}

// caseMessage is one line on why a case lost its points.
func caseMessage(t score.Task, c score.Case) string {
	switch {
	case c.Message != "":
		first, _, _ := strings.Cut(c.Message, "\n")
		return first
	case c.Status == check.CompileError:
		return taskName(t.Task) + " does not compile"
	case c.Status == check.NotSubmitted:
		return "not submitted: no folder " + taskName(t.Task) + "/"
	case c.Hidden:
		return "hidden case: " + c.Status
	}
	return c.Status
}

func skipReason(c score.Case) string {
	if c.Message != "" {
		return "cannot run on this machine: " + c.Message
	}
	return "cannot run on this machine"
}

// writtenMessage is "3.0 / 5.0 points for the written answer (automatic,
// for review)" or with the instructor's override.
func writtenMessage(t score.Task) string {
	w := t.Written
	if o := t.Override; o != nil {
		m := fmt.Sprintf("%s / %s points for the written answer (instructor's score", num(o.Points), num(w.MaxScore))
		if o.Comment != "" {
			m += ": " + o.Comment
		}
		return m + ")"
	}
	return fmt.Sprintf("%s / %s points for the written answer (automatic, for review)", num(w.Score), num(w.MaxScore))
}

// xmlText drops what XML 1.0 cannot hold (control characters other than
// tab, newline and carriage return; invalid UTF-8), for text written as
// CDATA, which the encoder does not escape. The grader's diffs already
// show such bytes Go-quoted; a compiler message or a student's title might
// still hold one.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}
