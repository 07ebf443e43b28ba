package report_test

import (
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/score"
)

// The hand-built results every format is golden-tested on. Points come
// from score.Tally and score.Total, as in the grader, so they are
// consistent by construction.

// task builds a task and tallies it; points is what its cases carry.
func task(n int, title, kind, status string, points int, cases ...score.Case) score.Task {
	t := score.Task{Task: n, Title: title, Kind: kind, Status: status, Cases: cases}
	score.Tally(&t, points)
	return t
}

func result(name string, tasks ...score.Task) *score.Result {
	r := &score.Result{SchemaVersion: score.SchemaVersion, Submission: name, Isolation: "pidns+uid", Tasks: tasks}
	score.Total(r)
	return r
}

func pass(id, title string, weight int) score.Case {
	return score.Case{ID: id, Title: title, Status: check.Pass, Weight: weight}
}

func hidden(id string, weight int, status string) score.Case {
	return score.Case{ID: id, Status: status, Weight: weight, Hidden: true}
}

// partial is a student's submission with a bit of everything: a partial
// task with failed public cases (a run with staged files, arguments and
// stdin; a function call; a run that continues the previous one; a static
// rule), hidden and skipped cases, a passing task, a task that does not
// compile, a missing one, a written answer, a hybrid task whose written
// half the instructor overrode, and a task whose every case was skipped.
func partial() *score.Result {
	t1 := task(1, "Read a whole text file", "function", "", 10,
		pass("c1", "prints the file's bytes exactly", 3),
		score.Case{ID: "c2", Title: "missing filename.txt is a clean error", Status: check.Fail, Weight: 2,
			Message: `exit status 0, want 1: a run that cannot do its job must print "error: …" to stderr and exit with status 1`,
			Rule:    "E1",
			Diff:    "stdout:\n    Error: The file 'filename.txt' was not found.\n",
			Hint:    `When the file is missing, print "error: " and the error to stderr and exit with status 1.`,
			Command: "in an empty directory, ran: task01"},
		score.Case{ID: "c3", Title: "a file without final newline, and 100% of stdin", Status: check.Fail, Weight: 2,
			Message: "stdout differs from the expected output: an extra newline at the end (fmt.Println adds one)",
			Rule:    "E7",
			Diff:    "--- want\n+++ got\n@@ -1,1 +1,1 @@\n-\"no newline at end\"\n+\"no newline at end\\n\"\n",
			Hint:    "Print exactly the bytes of the file, nothing added.",
			Run:     "a",
			Command: `with notes.txt (17 bytes), ran: task01 notes.txt 'two words' <<< "it's 100%\n\\done\n"`},
		score.Case{ID: "c4", Title: "reads again what the previous run wrote", Status: check.Timeout, Weight: 1,
			Message: "ran too long: killed after 5s",
			Run:     "b",
			Command: "in the directory the previous run left, ran: task01 notes.txt"},
		score.Case{ID: "c5", Title: "ReadContents returns the error kinds", Status: check.WrongErrorKind, Weight: 2,
			Message: `ReadContents("data"): the error is not a *PathError with Op "open" (use %w, not %v)`,
			Hint:    "Wrap with %w so errors.Is and errors.As still see the cause.",
			Command: `in an empty directory, called ReadContents("data"); ReadContents("missing.txt")`},
		score.Case{ID: "c6", Title: "closes the file with defer", Status: check.Fail, Weight: 1,
			Message: "ReadContents must close the file it opens: no call of (*os.File).Close"},
		hidden("c7", 2, check.Fail),
		hidden("c8", 1, check.Pass),
		score.Case{ID: "c9", Title: "an unreadable file (mode 0000)", Status: check.Skipped, Weight: 1,
			Message: "[nonroot] runs execute as root here: mode bits are not enforced"},
	)
	t2 := task(2, "Write | copy <files>, safely", "program", "", 10,
		pass("c1", "copies the file", 2),
		pass("c2", "refuses to overwrite", 1),
		hidden("c3", 1, check.Pass),
	)
	t4 := task(4, "Append lines", "program", score.TaskNotSubmitted, 10,
		score.Case{ID: "c1", Title: "appends", Status: check.NotSubmitted, Weight: 1},
		hidden("c2", 1, check.NotSubmitted),
	)
	t4.Message = "no folder task04/"
	t5 := score.Task{Task: 5, Title: "Why defer Close", Kind: "written", Cases: []score.Case{},
		Written: &score.Written{Score: 3, MaxScore: 5, Review: true, Words: 92, MinWords: 60,
			Groups: []score.WrittenGroup{
				{ID: "release", Name: "releases the descriptor", Hit: true, Phrase: "frees the file descriptor"},
				{ID: "paths", Name: "every return path", Missing: "Say that defer runs on every return, errors included."},
			},
			Misconceptions: []score.WrittenMisconception{
				{ID: "gc", Claim: "the garbage collector closes files promptly", Sentence: "The GC closes it anyway, so it does not matter."},
			}}}
	score.Tally(&t5, 0)
	t11 := task(11, "Count words", "program", score.TaskCompileError, 10,
		score.Case{ID: "c1", Title: "counts", Status: check.CompileError, Weight: 1},
		hidden("c2", 1, check.CompileError),
	)
	t11.Message = "task11/main.go:12:29: syntax error: unexpected name string in parameter list; possibly missing comma or )\ntask11/count.go:3:2: \"os\" imported and not used"
	t17 := score.Task{Task: 17, Title: "Debug the panic", Kind: "hybrid", Cases: []score.Case{
		pass("c1", "fixed program prints the sum", 1),
		{ID: "c2", Title: "handles an empty list", Status: check.RuntimeError, Weight: 1,
			Message: "crashed: panic: runtime error: index out of range [0] with length 0",
			Command: "in an empty directory, ran: task17 '``` ,:'"},
	},
		Written:  &score.Written{Score: 1.5, MaxScore: 2.5, Review: true, Words: 70, MinWords: 40, Groups: []score.WrittenGroup{{ID: "cause", Name: "names the cause", Hit: true, Phrase: "index 0 of an empty slice"}}},
		Override: &score.Override{Points: 2.5, Comment: "complete, the rubric missed \"nil slice\"", Automatic: 1.5},
	}
	score.Tally(&t17, 3)
	t39 := task(39, "Spawn children", "program", "", 10,
		score.Case{ID: "c1", Title: "starts every child", Status: check.Skipped, Weight: 1, Message: "[linux] needs /proc"},
	)
	t39.Message = "every case was skipped on this machine"
	return result("alice", t1, t2, t4, t5, t11, t17, t39)
}

// perfect has full marks, from the public cases only.
func perfect() *score.Result {
	r := result("bob",
		task(1, "Read a whole text file", "function", "", 10, pass("c1", "prints the file's bytes exactly", 3), pass("c2", "missing filename.txt is a clean error", 2)),
		task(2, "Write | copy <files>, safely", "program", "", 10, pass("c1", "copies the file", 2)),
	)
	r.PublicEstimate = true
	return r
}

// results are the fixtures by name.
var results = map[string]func() *score.Result{
	"partial": partial,
	"perfect": perfect,
}
