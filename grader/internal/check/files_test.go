package check_test

import (
	"io/fs"
	"testing"

	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/spec"
)

func file(content string, mode uint32) fixture.State {
	return fixture.State{Kind: "file", Mode: fs.FileMode(mode), Content: []byte(content), Size: int64(len(content))}
}

func TestFiles(t *testing.T) {
	absent := fixture.State{Kind: "absent"}
	dir := fixture.State{Kind: "dir", Mode: 0o755}
	link := fixture.State{Kind: "symlink", Mode: 0o777}
	tests := []struct {
		name   string
		want   map[string]spec.Want
		after  map[string]fixture.State
		before map[string]fixture.State
		ref    map[string]fixture.State
		verd   check.Verdict
	}{
		{
			name:  "content",
			want:  map[string]spec.Want{"out.txt": {Content: strp("hi\n")}},
			after: map[string]fixture.State{"out.txt": file("hi\n", 0o644)},
			verd:  ok(),
		},
		{
			name:  "content differs",
			want:  map[string]spec.Want{"out.txt": {Content: strp("hi\n")}},
			after: map[string]fixture.State{"out.txt": file("hi", 0o644)},
			verd: check.Verdict{Status: check.Fail, Message: "the content of out.txt differs from the expected: the final newline is missing",
				Diff: "--- want out.txt\n+++ got out.txt\n@@ -1,1 +1,1 @@\n-\"hi\\n\"\n+\"hi\"\n"},
		},
		{
			name:  "content of an empty file",
			want:  map[string]spec.Want{"out.txt": {Content: strp("")}},
			after: map[string]fixture.State{"out.txt": file("", 0o644)},
			verd:  ok(),
		},
		{
			name:  "not created",
			want:  map[string]spec.Want{"out.txt": {Content: strp("hi\n")}},
			after: map[string]fixture.State{"out.txt": absent},
			verd:  check.Verdict{Status: check.Fail, Message: "out.txt was not created"},
		},
		{
			name:  "mode",
			want:  map[string]spec.Want{"out.txt": {Mode: "0644"}},
			after: map[string]fixture.State{"out.txt": file("x", 0o644)},
			verd:  ok(),
		},
		{
			name:  "mode differs",
			want:  map[string]spec.Want{"out.txt": {Content: strp("x"), Mode: "0644"}},
			after: map[string]fixture.State{"out.txt": file("x", 0o600)},
			verd: check.Verdict{Status: check.Fail, Rule: "E9",
				Message: "out.txt has mode 0600, want 0644 (create files with 0644, or 0666 and let the umask apply)"},
		},
		{
			name:  "absent",
			want:  map[string]spec.Want{"tmp.txt": {Absent: true}},
			after: map[string]fixture.State{"tmp.txt": absent},
			verd:  ok(),
		},
		{
			name:  "absent but there",
			want:  map[string]spec.Want{"tmp.txt": {Absent: true}},
			after: map[string]fixture.State{"tmp.txt": file("", 0o644)},
			verd: check.Verdict{Status: check.Fail, Rule: "E9",
				Message: "tmp.txt must not exist after the run, but there is a regular file (create only the files the contract names)"},
		},
		{
			name:  "absent but a directory",
			want:  map[string]spec.Want{"out": {Absent: true}},
			after: map[string]fixture.State{"out": dir},
			verd: check.Verdict{Status: check.Fail, Rule: "E9",
				Message: "out must not exist after the run, but there is a directory (create only the files the contract names)"},
		},
		{
			name:   "unchanged",
			want:   map[string]spec.Want{"in.txt": {Unchanged: true}},
			before: map[string]fixture.State{"in.txt": file("old\n", 0o444)},
			after:  map[string]fixture.State{"in.txt": file("old\n", 0o444)},
			verd:   ok(),
		},
		{
			name:   "unchanged but written",
			want:   map[string]spec.Want{"in.txt": {Unchanged: true}},
			before: map[string]fixture.State{"in.txt": file("old\n", 0o644)},
			after:  map[string]fixture.State{"in.txt": file("old\nnew\n", 0o644)},
			verd:   check.Verdict{Status: check.Fail, Message: "in.txt must be left unchanged, but its content changed"},
		},
		{
			name:   "unchanged but chmod",
			want:   map[string]spec.Want{"in.txt": {Unchanged: true}},
			before: map[string]fixture.State{"in.txt": file("old\n", 0o444)},
			after:  map[string]fixture.State{"in.txt": file("old\n", 0o644)},
			verd:   check.Verdict{Status: check.Fail, Message: "in.txt must be left unchanged, but its mode changed from 0444 to 0644"},
		},
		{
			name:   "unchanged directory",
			want:   map[string]spec.Want{"d": {Unchanged: true}},
			before: map[string]fixture.State{"d": dir},
			after:  map[string]fixture.State{"d": dir},
			verd:   ok(),
		},
		{
			name:   "unchanged directory replaced by a file",
			want:   map[string]spec.Want{"d": {Unchanged: true}},
			before: map[string]fixture.State{"d": dir},
			after:  map[string]fixture.State{"d": file("", 0o644)},
			verd:   check.Verdict{Status: check.Fail, Message: "d is a regular file, want a directory"},
		},
		{
			name:  "from the reference",
			want:  map[string]spec.Want{"log.txt": {FromReference: true}},
			after: map[string]fixture.State{"log.txt": file("a\nb\n", 0o644)},
			ref:   map[string]fixture.State{"log.txt": file("a\nb\n", 0o644)},
			verd:  ok(),
		},
		{
			name:  "differs from the reference",
			want:  map[string]spec.Want{"log.txt": {FromReference: true}},
			after: map[string]fixture.State{"log.txt": file("b\na\n", 0o644)},
			ref:   map[string]fixture.State{"log.txt": file("a\nb\n", 0o644)},
			verd: check.Verdict{Status: check.Fail, Message: "the content of log.txt differs from the expected",
				Diff: "--- want log.txt\n+++ got log.txt\n@@ -1,2 +1,2 @@\n-a\n b\n+a\n"},
		},
		{
			name:  "a directory",
			want:  map[string]spec.Want{"out": {Dir: true}},
			after: map[string]fixture.State{"out": dir},
			verd:  ok(),
		},
		{
			name:  "a file where a directory is wanted",
			want:  map[string]spec.Want{"out": {Dir: true}},
			after: map[string]fixture.State{"out": file("", 0o644)},
			verd:  check.Verdict{Status: check.Fail, Message: "out is a regular file, want a directory"},
		},
		{
			name:  "a symlink is reported as a symlink",
			want:  map[string]spec.Want{"out.txt": {Content: strp("root:x:0:0\n")}},
			after: map[string]fixture.State{"out.txt": link},
			verd:  check.Verdict{Status: check.Fail, Message: "out.txt is a symbolic link (never followed), want a regular file"},
		},
		{
			name:  "a special file",
			want:  map[string]spec.Want{"out.txt": {Mode: "0644"}},
			after: map[string]fixture.State{"out.txt": {Kind: "other", Mode: 0o644}},
			verd:  check.Verdict{Status: check.Fail, Message: "out.txt is a special file, want a regular file"},
		},
		{
			name:  "unreadable",
			want:  map[string]spec.Want{"out.txt": {Content: strp("x")}},
			after: map[string]fixture.State{"out.txt": {Kind: "file", Mode: 0o644, Err: "read out.txt: input/output error"}},
			verd:  check.Verdict{Status: check.Fail, Message: "out.txt cannot be read: read out.txt: input/output error"},
		},
		{
			name: "the first failing path in name order",
			want: map[string]spec.Want{
				"c.txt": {Content: strp("c")},
				"b.txt": {Content: strp("b")},
				"a.txt": {Content: strp("a")},
			},
			after: map[string]fixture.State{"a.txt": file("a", 0o644), "b.txt": absent, "c.txt": absent},
			verd:  check.Verdict{Status: check.Fail, Message: "b.txt was not created"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			obs := &check.Observation{Files: tt.after, Before: tt.before}
			ref := &check.Observation{Files: tt.ref}
			got := check.Files(spec.Expect{Files: tt.want}, obs, ref)
			compare(t, tt.verd, got)
		})
	}
}
