package mutant_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gotest.tools/v3/assert"
	is "gotest.tools/v3/assert/cmp"

	"github.com/classgrade/gograder/grader/internal/mutant"
)

// lines joins its arguments, each followed by a newline.
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

const header = "# mistake: a typical mistake\n# caught-by: c2 c5\n"

func TestParse(t *testing.T) {
	patch := lines(
		"# mistake: os.OpenFile without O_TRUNC leaves the old bytes behind",
		"# caught-by: c2  c4",
		"",
		"--- a/main.go",
		"+++ b/main.go\t2026-01-01 00:00:00",
		"@@ -2,3 +2,3 @@",
		" b",
		"-c",
		"+C",
		" d",
	)
	tests := []struct {
		name, id string
	}{
		{"reference/task02/mutants/no-trunc.patch", "no-trunc"},
		{"no-trunc.go.patch", "no-trunc"},
		{"no-trunc", "no-trunc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := mutant.Parse(tt.name, []byte(patch))
			assert.NilError(t, err)
			assert.Equal(t, m.ID, tt.id)
			assert.Equal(t, m.Mistake, "os.OpenFile without O_TRUNC leaves the old bytes behind")
			assert.DeepEqual(t, m.CaughtBy, []string{"c2", "c4"})
		})
	}
}

func TestParseCRLF(t *testing.T) {
	patch := strings.ReplaceAll(header+lines("--- a/f", "+++ b/f", "@@ -1,1 +1,1 @@", "-a", "+A"), "\n", "\r\n")
	m, err := mutant.Parse("x.patch", []byte(patch))
	assert.NilError(t, err)
	assert.DeepEqual(t, m.CaughtBy, []string{"c2", "c5"})
	out, err := m.Apply(map[string][]byte{"f": []byte("a\n")})
	assert.NilError(t, err)
	assert.Equal(t, string(out["f"]), "A\n")
}

func TestParseErrors(t *testing.T) {
	diff := lines("--- a/main.go", "+++ b/main.go", "@@ -1,1 +1,1 @@", "-a", "+b")
	tests := []struct {
		name, patch, want string
	}{
		{"no caught-by", "# mistake: m\n" + diff, `m.patch: no "# caught-by:" line`},
		{"empty caught-by", "# mistake: m\n# caught-by:\n" + diff, `m.patch: no "# caught-by:" line`},
		{"no mistake", "# caught-by: c1\n" + diff, `m.patch: no "# mistake:" line`},
		{"blank mistake", "# mistake:  \n# caught-by: c1\n" + diff, `m.patch: no "# mistake:" line`},
		{"no diff", header, "m.patch: no diff in the patch"},
		{"empty", "", "m.patch: no diff in the patch"},
		{"hunk before a file", header + "@@ -1,1 +1,1 @@\n-a\n", `m.patch:3: bad hunk header "@@ -1,1 +1,1 @@"`},
		{"bad hunk header", header + lines("--- a/main.go", "+++ b/main.go", "@@ -x +1 @@"), `m.patch:5: bad hunk header "@@ -x +1 @@"`},
		{"text between file and hunk", header + lines("--- a/main.go", "+++ b/main.go", "index 1..2", "@@ -1 +1 @@"), `m.patch:5: unexpected line "index 1..2"`},
		{"line without prefix", header + lines("--- a/main.go", "+++ b/main.go", "@@ -1 +1 @@", "*a"), `m.patch:6: unexpected line "*a" inside a hunk`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mutant.Parse("m.patch", []byte(tt.patch))
			assert.Error(t, err, tt.want)
		})
	}
}

// ten is the file the Apply cases patch: lines a to j.
var ten = lines("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")

func TestApply(t *testing.T) {
	tests := []struct {
		name, src, diff, want string
	}{
		{
			name: "single hunk",
			src:  ten,
			diff: lines("@@ -2,3 +2,3 @@", " b", "-c", "+C", " d"),
			want: lines("a", "b", "C", "d", "e", "f", "g", "h", "i", "j"),
		},
		{
			name: "two hunks",
			src:  ten,
			diff: lines("@@ -1,2 +1,2 @@", " a", "-b", "+B", "@@ -8,3 +8,4 @@", " h", "-i", "+I", "+I2", " j"),
			want: lines("a", "B", "c", "d", "e", "f", "g", "h", "I", "I2", "j"),
		},
		{
			name: "added lines at the start",
			src:  ten,
			diff: lines("@@ -1,2 +1,4 @@", "+first", "+second", " a", " b"),
			want: lines("first", "second", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
		},
		{
			name: "added lines at the end",
			src:  ten,
			diff: lines("@@ -9,2 +9,3 @@", " i", " j", "+last"),
			want: lines("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "last"),
		},
		{
			name: "into an empty file",
			src:  "",
			diff: lines("@@ -0,0 +1,2 @@", "+package main", "+"),
			want: lines("package main", ""),
		},
		{
			name: "removed lines only",
			src:  ten,
			diff: lines("@@ -4,4 +4,2 @@", " d", "-e", "-f", " g"),
			want: lines("a", "b", "c", "d", "g", "h", "i", "j"),
		},
		{
			name: "a removed line starting with --",
			src:  lines("a", "-- a comment", "--x", "b"),
			diff: lines("@@ -1,4 +1,2 @@", " a", "--- a comment", "---x", " b"),
			want: lines("a", "b"),
		},
		{
			name: "an added line starting with ++",
			src:  lines("a", "b"),
			diff: lines("@@ -1,2 +1,3 @@", " a", "+++ plus", " b"),
			want: lines("a", "++ plus", "b"),
		},
		{
			name: "an empty context line (trailing space stripped)",
			src:  lines("a", "", "b"),
			diff: lines("@@ -1,3 +1,3 @@", " a", "", "-b", "+B"),
			want: lines("a", "", "B"),
		},
		{
			name: "context lines keep their tabs",
			src:  lines("func f() {", "\treturn 1", "}"),
			diff: lines("@@ -1,3 +1,3 @@", " func f() {", "-\treturn 1", "+\treturn 2", " }"),
			want: lines("func f() {", "\treturn 2", "}"),
		},
		{
			name: "source without a final newline, unchanged there",
			src:  "a\nb\nc",
			diff: lines("@@ -1,2 +1,2 @@", "-a", "+A", " b"),
			want: "A\nb\nc",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := mutant.Parse("m.patch", []byte(header+"--- a/main.go\n+++ b/main.go\n"+tt.diff))
			assert.NilError(t, err)
			in := map[string][]byte{"main.go": []byte(tt.src), "other.go": []byte("package main\n")}
			out, err := m.Apply(in)
			assert.NilError(t, err)
			assert.Equal(t, string(out["main.go"]), tt.want)
			assert.Equal(t, string(out["other.go"]), "package main\n")
			assert.Equal(t, string(in["main.go"]), tt.src, "Apply changed its input")
		})
	}
}

func TestApplyTwoFiles(t *testing.T) {
	m, err := mutant.Parse("m.patch", []byte(header+lines(
		"--- a/main.go", "+++ b/main.go", "@@ -1 +1 @@", "-a", "+A",
		"--- a/util.go", "+++ b/util.go", "@@ -1 +1 @@", "-u", "+U",
	)))
	assert.NilError(t, err)
	out, err := m.Apply(map[string][]byte{"main.go": []byte("a\n"), "util.go": []byte("u\n")})
	assert.NilError(t, err)
	assert.DeepEqual(t, map[string]string{"main.go": string(out["main.go"]), "util.go": string(out["util.go"])},
		map[string]string{"main.go": "A\n", "util.go": "U\n"})
}

func TestApplyMismatch(t *testing.T) {
	tests := []struct {
		name, diff, want string
	}{
		{"context differs", lines("@@ -2,3 +2,3 @@", " b", "-c", "+C", " x"), "mutant m: hunk at line 2 of main.go does not match the reference"},
		{"removed line differs", lines("@@ -2,2 +2,2 @@", " b", "-x", "+C"), "mutant m: hunk at line 2 of main.go does not match the reference"},
		{"wrong line number", lines("@@ -3,3 +3,3 @@", " b", "-c", "+C", " d"), "mutant m: hunk at line 3 of main.go does not match the reference"},
		{"past the end", lines("@@ -10,2 +10,2 @@", " j", "-k", "+K"), "mutant m: hunk at line 10 of main.go does not match the reference"},
		{"trailing space differs", lines("@@ -2,1 +2,1 @@", "-b ", "+B"), "mutant m: hunk at line 2 of main.go does not match the reference"},
		{"hunks out of order", lines("@@ -5,1 +5,1 @@", "-e", "+E", "@@ -2,1 +2,1 @@", "-b", "+B"), "mutant m: hunk at line 2 of main.go does not match the reference"},
		{"overlapping hunks", lines("@@ -2,2 +2,2 @@", "-b", "+B", " c", "@@ -3,1 +3,1 @@", "-c", "+C"), "mutant m: hunk at line 3 of main.go does not match the reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := mutant.Parse("m.patch", []byte(header+"--- a/main.go\n+++ b/main.go\n"+tt.diff))
			assert.NilError(t, err)
			_, err = m.Apply(map[string][]byte{"main.go": []byte(ten)})
			assert.Error(t, err, tt.want)
		})
	}
}

func TestApplyMissingFile(t *testing.T) {
	m, err := mutant.Parse("m.patch", []byte(header+lines("--- a/util.go", "+++ b/util.go", "@@ -1 +1 @@", "-a", "+b")))
	assert.NilError(t, err)
	_, err = m.Apply(map[string][]byte{"main.go": []byte("a\n")})
	assert.Error(t, err, "mutant m: no file util.go to patch")
}

func TestApplyRemovedDashesThenAddedPluses(t *testing.T) {
	m, err := mutant.Parse("m.patch", []byte(header+lines(
		"--- a/notes.txt", "+++ b/notes.txt",
		"@@ -1,3 +1,3 @@", " a", "--- x", "+++ y", " b",
	)))
	assert.NilError(t, err)
	out, err := m.Apply(map[string][]byte{"notes.txt": []byte(lines("a", "-- x", "b"))})
	assert.NilError(t, err)
	assert.Equal(t, string(out["notes.txt"]), lines("a", "++ y", "b"))
}

func TestApplyNoNewlineAtEnd(t *testing.T) {
	m, err := mutant.Parse("m.patch", []byte(header+lines(
		"--- a/main.go", "+++ b/main.go",
		"@@ -1,2 +1,2 @@", " a", "-b", `\ No newline at end of file`, "+B", `\ No newline at end of file`,
	)))
	assert.NilError(t, err)
	out, err := m.Apply(map[string][]byte{"main.go": []byte("a\nb")})
	assert.NilError(t, err)
	assert.Equal(t, string(out["main.go"]), "a\nB")
}

// TestReferenceMutants parses every mutant of the reference solutions and
// applies it to its task: each must fit and change the source.
func TestReferenceMutants(t *testing.T) {
	patches, err := filepath.Glob("../../../reference/task*/mutants/*.patch")
	assert.NilError(t, err)
	assert.Assert(t, len(patches) > 0, "no mutants found")
	for _, p := range patches {
		taskDir := filepath.Dir(filepath.Dir(p))
		t.Run(filepath.Base(taskDir)+"/"+filepath.Base(p), func(t *testing.T) {
			data, err := os.ReadFile(p)
			assert.NilError(t, err)
			m, err := mutant.Parse(p, data)
			assert.NilError(t, err)
			assert.Assert(t, m.Mistake != "")
			for _, id := range m.CaughtBy {
				assert.Assert(t, is.Regexp(`^[a-z][a-z0-9-]*$`, id), "caught-by names a case id")
			}
			files := map[string][]byte{}
			gofiles, err := filepath.Glob(filepath.Join(taskDir, "*.go"))
			assert.NilError(t, err)
			extra, err := filepath.Glob(filepath.Join(taskDir, "*.dlv"))
			assert.NilError(t, err)
			for _, f := range append(gofiles, extra...) {
				b, err := os.ReadFile(f)
				assert.NilError(t, err)
				files[filepath.Base(f)] = b
			}
			assert.Assert(t, files["main.go"] != nil)
			out, err := m.Apply(files)
			assert.NilError(t, err)
			changed := false
			for n := range files {
				changed = changed || !bytes.Equal(files[n], out[n])
			}
			assert.Assert(t, changed, "the mutant changes nothing")
		})
	}
}
