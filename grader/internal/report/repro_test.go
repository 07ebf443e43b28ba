package report_test

import (
	"bytes"
	"strings"
	"testing"

	"gotest.tools/v3/assert"

	"github.com/classgrade/gograder/grader/internal/report"
	"github.com/classgrade/gograder/grader/internal/score"
)

func TestRepro(t *testing.T) {
	tests := []struct {
		name    string
		task    int
		c       score.Case
		want    string
		workdir bool // the repro needs `grader show --stage`
	}{
		{
			name: "empty directory",
			task: 1,
			c:    score.Case{ID: "c2", Command: "in an empty directory, ran: task01"},
			want: `(go build -o /tmp/task01 ./task01 && cd "$(mktemp -d)" && /tmp/task01)`,
		},
		{
			name: "staged files and quoted arguments",
			task: 10,
			c:    score.Case{ID: "c4", Command: "with dir/ (a directory), example.txt (6 bytes), ran: task10 dir 'two words'"},
			want: `(go build -o /tmp/task10 ./task10 && d=$(mktemp -d) && grader show 10 c4 --stage "$d" && cd "$d" && /tmp/task10 dir 'two words')`,
		},
		{
			name: "the failing run of several",
			task: 1,
			c:    score.Case{ID: "c3", Run: "b", Command: "with notes.txt (17 bytes), ran: task01 notes.txt"},
			want: `(go build -o /tmp/task01 ./task01 && d=$(mktemp -d) && grader show 1 c3/b --stage "$d" && cd "$d" && /tmp/task01 notes.txt)`,
		},
		{
			name: "stdin through printf",
			task: 14,
			c:    score.Case{ID: "c1", Command: `in an empty directory, ran: task14 - <<< "it's 100%\n\\tab\there\x01"`},
			want: `(go build -o /tmp/task14 ./task14 && cd "$(mktemp -d)" && printf 'it'\''s 100%%\n\\tab\there\001' | /tmp/task14 -)`,
		},
		{
			name: "function calls cannot be replayed by a command",
			task: 1,
			c:    score.Case{ID: "c6", Command: `in an empty directory, called ReadContents("x")`},
		},
		{
			name: "a run continuing the previous one",
			task: 1,
			c:    score.Case{ID: "c4", Run: "b", Command: "in the directory the previous run left, ran: task01"},
		},
		{
			name: "a static rule",
			task: 1,
			c:    score.Case{ID: "c6"},
		},
		{
			name: "a hidden case",
			task: 1,
			c:    score.Case{ID: "c7", Hidden: true, Command: "in an empty directory, ran: task01"},
		},
		{
			name: "another task's program",
			task: 1,
			c:    score.Case{ID: "c1", Command: "in an empty directory, ran: task011"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, report.Repro(tt.task, tt.c), tt.want)
		})
	}
}

// TestTextColor: colour adds ANSI sequences and nothing else.
func TestTextColor(t *testing.T) {
	var plain, color bytes.Buffer
	assert.NilError(t, report.Text(&plain, partial(), report.TextOptions{}))
	assert.NilError(t, report.Text(&color, partial(), report.TextOptions{Color: true}))
	assert.Assert(t, !strings.Contains(plain.String(), "\x1b["))
	assert.Assert(t, strings.Contains(color.String(), "\x1b[31mfail\x1b[0m"))
	assert.Equal(t, stripANSI(color.String()), plain.String())
}

func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';') {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestGitHubEscaping: messages and properties are escaped as the runner
// expects, so a newline or a colon in a title cannot end the command.
func TestGitHubEscaping(t *testing.T) {
	r := &score.Result{Submission: "x", Tasks: []score.Task{{
		Task: 3, Title: "t", Kind: "program", Status: score.TaskFail, MaxScore: 1,
		Cases: []score.Case{{ID: "c1", Title: "a: b, c 100%", Status: "fail", Weight: 1, MaxScore: 1,
			Message: "line one\r\nline two 50%", Command: "in an empty directory, ran: task03"}},
	}}}
	var buf bytes.Buffer
	assert.NilError(t, report.GitHub(&buf, nil, r, report.GitHubOptions{Dir: "a,b:c"}))
	got := buf.String()
	assert.Assert(t, strings.HasPrefix(got, "::error file=a%2Cb%3Ac/task03/main.go,line=1,title=task03 c1%3A a%3A b%2C c 100%25 [fail]::what:  in an empty directory"), got)
	assert.Assert(t, strings.Contains(got, "why:   line one%0D%0A       line two 50%25"), got)
	assert.Equal(t, strings.Count(got, "\n"), 1)
}
