package check

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/classgrade/gograder/grader/internal/fixture"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// Files checks the working directory after a run.
func Files(e spec.Expect, obs, ref *Observation) Verdict {
	paths := make([]string, 0, len(e.Files))
	for p := range e.Files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if v := file(p, e.Files[p], obs, ref); !v.OK() {
			return v
		}
	}
	return pass()
}

func file(p string, w spec.Want, obs, ref *Observation) Verdict {
	st := obs.Files[p]
	fail := func(rule, format string, args ...any) Verdict {
		return Verdict{Status: Fail, Rule: rule, Message: fmt.Sprintf(format, args...)}
	}
	if w.Absent {
		if st.Kind != "absent" {
			return fail("E9", "%s must not exist after the run, but there is a %s (create only the files the contract names)", p, kindName(st.Kind))
		}
		return pass()
	}
	if st.Kind == "absent" {
		return fail("", "%s was not created", p)
	}
	if w.AppendedLines != nil {
		if st.Kind != "file" {
			return fail("", "%s is a %s, want a regular file", p, kindName(st.Kind))
		}
		if v := appended(p, w.AppendedLines, obs, ref); !v.OK() {
			return v
		}
		return modeOK(p, w, st)
	}
	want := fixture.State{Kind: "file"}
	switch {
	case w.Dir:
		want.Kind = "dir"
	case w.Unchanged:
		want = obs.Before[p]
	}
	if st.Kind != want.Kind {
		return fail("", "%s is a %s, want a %s", p, kindName(st.Kind), kindName(want.Kind))
	}
	if st.Err != "" {
		return fail("", "%s cannot be read: %s", p, st.Err)
	}
	var content []byte
	check := true
	switch {
	case w.Content != nil:
		content = []byte(*w.Content)
	case w.FromReference:
		content = ref.Files[p].Content
	case w.Unchanged:
		content = want.Content
		if st.Mode != want.Mode {
			return fail("", "%s must be left unchanged, but its mode changed from %04o to %04o", p, want.Mode, st.Mode)
		}
	default:
		check = false
	}
	if check && st.Kind == "file" && !bytes.Equal(content, st.Content) {
		msg := fmt.Sprintf("the content of %s differs from the expected", p)
		if w.Unchanged {
			msg = fmt.Sprintf("%s must be left unchanged, but its content changed", p)
		}
		return Verdict{Status: Fail, Message: msg + whyDiffers(content, st.Content),
			Diff: Diff("want "+p, content, "got "+p, st.Content)}
	}
	return modeOK(p, w, st)
}

func modeOK(p string, w spec.Want, st fixture.State) Verdict {
	if w.Mode != "" {
		m, _ := spec.ParseMode(w.Mode)
		if uint32(st.Mode) != m {
			return Verdict{Status: Fail, Rule: "E9", Message: fmt.Sprintf("%s has mode %04o, want %04o (create files with 0644, or 0666 and let the umask apply)", p, st.Mode, m)}
		}
	}
	return pass()
}

func kindName(k string) string {
	switch k {
	case "file":
		return "regular file"
	case "dir":
		return "directory"
	case "symlink":
		return "symbolic link (never followed)"
	case "absent":
		return "nothing"
	}
	return "special file"
}
