// Package spec is the grader's domain model: a task's Spec, its Cases and what
// each Run must produce. Specs are YAML files (specs/taskNN.yaml) decoded
// strictly: a misspelled key is an error with file and line, never a silently
// skipped check.
//
// A Case is made of Runs. Each run starts in a fresh working directory with its
// fixtures staged, unless it says `then: true`, in which case it continues in
// the directory the previous run left. A run is one of:
//
//   - a program run: the task's program with Args, Stdin and Env;
//   - a function run: Calls to the task's exported functions, made by
//     generated code in the task's own package.
//
// A case may also hold Static rules, checked over the task's source; it
// passes only if every rule holds and every run passes.
//
// Wherever a run does not state an expectation (stdout, exit status, a call's
// value, a file's content), the expectation is what the reference solution
// produces under the same run.
package spec

import (
	"fmt"
	"io/fs"
	"time"

	"go.yaml.in/yaml/v3"
)

// Kinds of task (catalogue section 0.4).
const (
	KindFunction = "function"
	KindProgram  = "program"
	KindWritten  = "written"
	KindDebugger = "debugger"
	KindHybrid   = "hybrid"
)

// Environment tags: a case carrying one is skipped, with its weight removed,
// when the machine cannot provide the requirement.
const (
	TagNonRoot = "nonroot" // student code runs as a non-root user (mode bits matter)
	TagLinux   = "linux"   // /dev/full, /proc/self/fd
	TagRace    = "race"    // the race detector: cgo and a C compiler
	TagDlv     = "dlv"     // Delve on PATH or in the project's bin dir
)

// Spec describes one task: its contract and its cases.
type Spec struct {
	Task   int    `yaml:"task"`
	Title  string `yaml:"title"`
	Kind   string `yaml:"kind"`
	Points int    `yaml:"points"`
	// Functions maps each exported function the grader calls to its Go type,
	// e.g. ReadContents: "func(path string) (string, error)". A submission
	// whose function is missing or differs fails every function run of the
	// task as a signature mismatch; its program runs are still graded.
	Functions map[string]string `yaml:"functions"`
	// Timeout is the default wall-clock limit of one run (default 5s).
	Timeout Duration `yaml:"timeout"`
	// Env holds variables every run gets unless it sets them itself; a
	// repeated run still cycles GOMAXPROCS. For declaring how a task's runs
	// are made deterministic, e.g. GOMAXPROCS=1 for single runs of
	// goroutine tasks, so that a program that does not wait fails the
	// same way every time.
	Env   map[string]string `yaml:"env"`
	Cases []Case            `yaml:"cases"`
	// Rubric grades answer.md of written and hybrid tasks (catalogue 1.5).
	Rubric *Rubric `yaml:"rubric"`

	// File is where the spec was loaded from (for messages); not in YAML.
	File string `yaml:"-"`
	fsys fs.FS  // resolves files the spec names (stdout_file)
	pos  positions
}

// Case is one graded unit: it passes only if every run passes.
type Case struct {
	ID     string   `yaml:"id"`
	Title  string   `yaml:"title"`
	Weight int      `yaml:"weight"`
	Hidden bool     `yaml:"hidden"`
	Tags   []string `yaml:"tags"`
	// Hint is shown to a student whose submission fails the case: what to
	// look at, in the words of the task's typical mistakes.
	Hint   string   `yaml:"hint"`
	Runs   []Run    `yaml:"runs"`
	Static []Static `yaml:"static"`
}

// Run is one execution inside a case.
type Run struct {
	Name string `yaml:"name"` // a, b, c… by default
	// Then continues in the working directory of the previous run.
	Then  bool            `yaml:"then"`
	Stage map[string]File `yaml:"stage"`

	Args    []string          `yaml:"args"`
	Stdin   *string           `yaml:"stdin"`
	Env     map[string]string `yaml:"env"`
	Timeout Duration          `yaml:"timeout"`

	Calls []Call `yaml:"calls"`
	// Repeat runs the run this many times (catalogue "×R gmp"), cycling
	// GOMAXPROCS through 1, 2, 4, 8 unless Env sets it; every repetition
	// must pass. For checks of goroutine joins that fail only sometimes.
	Repeat int `yaml:"repeat"`
	// Race runs with the task built with the race detector (tag race);
	// a reported data race fails the run.
	Race bool `yaml:"race"`
	// Shim makes os.Args[0] a counting shim (catalogue task 39): a script
	// that logs every start and end of the program it re-executes, and
	// obeys GRADER_DELAYS, GRADER_FAIL_ARG and GRADER_FAKE_ARG in Env.
	// Expectations on what it saw go in expect.spawn.
	Shim bool `yaml:"shim"`
	// Debug runs the task's program under Delve, driven by the task's
	// debug.dlv script (catalogue 1.4 DLV); expectations go in expect.dlv.
	Debug  *Debug `yaml:"debug"`
	Expect Expect `yaml:"expect"`
}

// Debug is a debugger run: the program (built with optimisations off) is
// started by a headless Delve server with Args, and `dlv connect --init
// debug.dlv` replays the student's script against it.
type Debug struct {
	Args   []string `yaml:"args"`
	Script string   `yaml:"script"` // default debug.dlv
}

// DlvExpect states what a debugger run must show.
type DlvExpect struct {
	// Exit is the program's exit status as the transcript reports it
	// ("Process N has exited with status S"); the process must exit.
	Exit *int `yaml:"exit"`
	// StdoutLine: some line of the server's stdout (the program's output
	// after Delve's banner) equals it.
	StdoutLine string `yaml:"stdout_line"`
	// Stderr: the server's stderr equals it exactly (when set).
	Stderr *string `yaml:"stderr"`
	Stops  *Stops  `yaml:"stops"`
}

// Stops states the values seen at breakpoint stops. Only stops in Func
// count. With Match "exact", the stops that show Key must be exactly Want,
// in order; with "in-order", each Want must be met by a stop, each later
// than the previous one. Values compare numerically when both are numbers.
type Stops struct {
	Match string           `yaml:"match"` // exact or in-order
	Func  string           `yaml:"func"`  // e.g. main.CalculateSquares
	Key   string           `yaml:"key"`   // exact: which stops count
	Want  []map[string]any `yaml:"want"`
}

// IsDebug reports whether the run is a debugger run.
func (r *Run) IsDebug() bool { return r.Debug != nil }

// IsFunction reports whether the run calls functions rather than the program.
func (r *Run) IsFunction() bool { return len(r.Calls) > 0 }

// File is a fixture staged before a run. Exactly one way of giving the
// content is used; a directory has none.
type File struct {
	Content *string `yaml:"content"`
	// Pattern generates content: "pat251" (byte i = i % 251), "lines"
	// ("line %05d\n" for i = 1…Size) or "repeat" (Text repeated Size times).
	Pattern string `yaml:"pattern"`
	Size    int    `yaml:"size"`
	Text    string `yaml:"text"`
	Dir     bool   `yaml:"dir"`
	// Mode is applied after staging, e.g. "0444". A mode that removes read or
	// write permission needs the nonroot tag: root ignores mode bits.
	Mode string `yaml:"mode"`
}

// Expect states what a run must produce. Unstated stdout and exit status come
// from the reference. Whatever is stated, the error convention holds: no
// panic trace (E4), empty stderr on success (E6), and on exit status 1 an
// "error: " first line on stderr (E1) and empty stdout unless stdout is given
// (E3).
type Expect struct {
	Exit *int `yaml:"exit"`
	// At most one of Stdout, StdoutRegex, StdoutLines, StdoutFile.
	Stdout      *string `yaml:"stdout"`
	StdoutRegex string  `yaml:"stdout_regex"`
	StdoutLines *Lines  `yaml:"stdout_lines"`
	StdoutFile  string  `yaml:"stdout_file"`
	// AnyStdout accepts any stdout: for runs whose output the contract leaves
	// open (it must be declared, never assumed).
	AnyStdout   bool            `yaml:"any_stdout"`
	StderrRegex string          `yaml:"stderr_regex"`
	Files       map[string]Want `yaml:"files"`
	Dlv         *DlvExpect      `yaml:"dlv"`
	Spawn       *Spawn          `yaml:"spawn"`
}

// Spawn states what the counting shim saw of child processes.
type Spawn struct {
	// Args lists, in any order, the arguments of every child started:
	// exactly these children, e.g. [[child, "1"], [child, "2"]]. An empty
	// list means no child may start.
	Args [][]string `yaml:"args"`
	// Together: every child started before the first one ended.
	Together bool `yaml:"together"`
	// PIDs: the numbers after "process " and "parent " in stdout are the
	// children's and the program's own process ids, in the order of Args.
	PIDs bool `yaml:"pids"`
}

// Rubric grades a written answer (catalogue 1.5): concept groups of
// accepted phrasings, a minimum word count, and misconceptions that cost
// points. Patterns are RE2, case-insensitive, matched on the normalised text.
type Rubric struct {
	MinWords       int             `yaml:"min_words"`
	Groups         []Group         `yaml:"groups"`
	Misconceptions []Misconception `yaml:"misconceptions"`
}

// Group is one concept; it is hit when any pattern matches.
type Group struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Patterns []string `yaml:"patterns"`
	// Missing tells a student, when the group is missed, what to add.
	Missing string `yaml:"missing"`
}

// Misconception is a wrong claim, found per sentence unless negated.
type Misconception struct {
	ID       string   `yaml:"id"`
	Claim    string   `yaml:"claim"` // the wrong claim, in words
	Patterns []string `yaml:"patterns"`
	// Unless: a sentence matching one of these is not checked for it.
	Unless []string `yaml:"unless"`
	// GoSpecific (the catalogue's †): sentences that mention Python are
	// not checked for it.
	GoSpecific bool `yaml:"go_specific"`
}

// Lines matches stdout as a multiset of lines with ordering constraints.
type Lines struct {
	Lines []string `yaml:"lines"` // every line of stdout, in any order
	First string   `yaml:"first"` // when set: must be the first line
	Last  string   `yaml:"last"`  // when set: must be the last line
	// Order lists pairs [a, b]: every occurrence of a comes before every b.
	Order [][2]string `yaml:"order"`
}

// Want is a post-run expectation on a path of the working directory.
type Want struct {
	Content *string `yaml:"content"`
	// FromReference compares the content with what the reference left.
	FromReference bool   `yaml:"from_reference"`
	Mode          string `yaml:"mode"`
	Absent        bool   `yaml:"absent"`
	Unchanged     bool   `yaml:"unchanged"`
	Dir           bool   `yaml:"dir"`
	// AppendedLines: the file is what it held before the run (its staged
	// content, or nothing) followed by new lines of this form.
	AppendedLines *AppendedLines `yaml:"appended_lines"`
}

// AppendedLines describes lines a run adds to a file, such as log records.
// Every new line must match Regex. A named group "time" must parse as
// RFC 3339 and lie within the run (±1 s); every other named group must
// equal what the reference's run produced in the same line.
type AppendedLines struct {
	Count int    `yaml:"count"` // exactly this many new lines (0: at least one)
	Regex string `yaml:"regex"`
}

// Call is one call of an exported function from generated code in the task's
// package. Setup, Then, Assert and Observe are Go source; in Then, Assert and
// Observe the call's results are `got` (the first non-error result) and `err`.
// Grader fakes (REC, FAIL, RECW, FAILW, RECS, RECSK, SEEKFAIL) and the
// standard library are in scope.
type Call struct {
	Setup string `yaml:"setup"`
	Call  string `yaml:"call"`
	// Battery repeats the call: "fd-leak" (catalogue 1.4) makes N calls
	// (default 2000) with GC off and fails if descriptors grow by more than 5.
	Battery string `yaml:"battery"`
	N       int    `yaml:"n"`
	// Err is the error kind of catalogue 1.3 (nil, not-exist, is(ErrX), …).
	Err string `yaml:"err"`
	// Value is the expected `got`, shown as Go shows it. When absent, a
	// call that must succeed (err: nil) returns the reference's value; with
	// any other error kind the value is not checked.
	Value   any      `yaml:"value"`
	Then    string   `yaml:"then"`
	Assert  []Assert `yaml:"assert"`
	Observe []string `yaml:"observe"`
	// Within bounds one call's duration (e.g. "1s"); the whole run still has
	// the run's timeout.
	Within Duration `yaml:"within"`
}

// Assert is a Go boolean expression that must hold after the call.
type Assert struct {
	That string `yaml:"that"`
	// Msg says, for a student, what it means when it does not hold.
	Msg string `yaml:"msg"`
}

// Static is one rule over the task's source, resolved with go/types.
type Static struct {
	ForbidCall []string `yaml:"forbid_call"`
	// ForbidCallIn: function In (and the function literals inside it)
	// does not call Call; elsewhere it may.
	ForbidCallIn   *RequireCall `yaml:"forbid_call_in"`
	RequireCall    *RequireCall `yaml:"require_call"`
	RequireStmt    *RequireStmt `yaml:"require_stmt"`
	ForbidStmt     string       `yaml:"forbid_stmt"`
	RequireLiteral string       `yaml:"require_literal"`
	// RequireDeferredText: some defer statement's call prints a string
	// constant containing this text: in its arguments, in the deferred
	// function literal, or in a function of the task it calls (transitively).
	RequireDeferredText string `yaml:"require_deferred_text"`
	// RequireMethod "(*T).M" (pointer receiver) or "T.M" (value receiver):
	// the task declares that method with that receiver.
	RequireMethod string `yaml:"require_method"`
	// RequireWait: the task waits for something: a call of
	// (*sync.WaitGroup).Wait, or a channel receive in any form (<-ch, a
	// select receive case, range over a channel).
	RequireWait bool `yaml:"require_wait"`
}

// RequireCall: function In (or a function literal inside it; anywhere in
// the task when In is empty) calls Call, with FirstArg as its first
// argument when given (e.g. "os.Args[0]", package names resolved).
type RequireCall struct {
	Call     string `yaml:"call"`
	In       string `yaml:"in"`
	FirstArg string `yaml:"first_arg"`
}

// RequireStmt: function In (anywhere when empty) contains a `go` or
// `defer` statement.
type RequireStmt struct {
	Stmt string `yaml:"stmt"`
	In   string `yaml:"in"`
}

// Duration is a time.Duration written as "5s" in YAML.
type Duration time.Duration

// UnmarshalYAML parses a Go duration such as "5s"; a bad one is reported
// with its line, among the spec's other problems.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := time.ParseDuration(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %q is not a duration (write it like 5s or 500ms)", n.Line, n.Value)}}
	}
	*d = Duration(v)
	return nil
}

// Std returns the duration as a time.Duration.
func (d Duration) Std() time.Duration { return time.Duration(d) }
