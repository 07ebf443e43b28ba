package rubric_test

import "github.com/classgrade/gograder/grader/internal/spec"

// Rubrics copied from the catalogue (TASKS.md), as they are in the specs:
// `\|` in the catalogue's tables is a plain | here.
var catalogue = map[string]*spec.Rubric{
	"task05": task05,
	"task27": task27,
	"task35": task35,
	"task38": task38,
}

// task05: What happens without `with` (written, 10 points).
var task05 = &spec.Rubric{
	MinWords: 80,
	Groups: []spec.Group{
		{ID: "G1", Name: "leaked resources", Missing: "say what stays open (file descriptors) and what happens when they run out", Patterns: []string{
			`file descriptors?`, `\bfds?\b`, `leak`, `too many open files`, `emfile`,
			`(os|operating system|system) resources?`, `handles? (stay|remain|are left|left) open`,
		}},
		{ID: "G2", Name: "Go's replacement: defer Close", Missing: "show how Go guarantees the close: defer f.Close()", Patterns: []string{
			`defer\s+\w+\.close\(\)`, `defer[^.]{0,60}close`,
		}},
		{ID: "G3", Name: "lost writes / errors surface at Close", Patterns: []string{
			`flush`, `clos\w*[^.]{0,60}(returns?|reports?|surfaces?)[^.]{0,30}errors?`,
			`(data|writes?)[^.]{0,40}(lost|not (be )?written|never written|not saved)`,
		}},
		{ID: "G4", Name: "clean-up only by GC, not deterministic", Patterns: []string{
			`finali[sz]er`, `garbage[- ]collect`, `non[- ]?deterministic`, `not deterministic`,
			`eventually[^.]{0,30}(clos\w*|collect\w*|finali[sz]\w*)`, `at some (unknown|later) (point|time)`,
		}},
		{ID: "G5", Name: "when defer runs", Patterns: []string{
			`(surrounding|enclosing) function returns`, `(when|after) the function (returns|exits|ends)`,
			`end of the function`, `defer\w*[^.]{0,60}loop`, `lifo`, `last[- ]in,? first[- ]out`, `reverse order`,
		}},
	},
	Misconceptions: []spec.Misconception{
		{ID: "X1", Claim: "Go closes files automatically (scope end / function return)",
			Patterns: []string{`\bgo(lang)?\b[^.]{0,60}clos\w*[^.]{0,30}automatically`, `\bgo(lang)?\b[^.]{0,60}automatically[^.]{0,20}clos`},
			Unless:   []string{`defer`, `finali[sz]er`, `garbage`}},
		{ID: "X2", Claim: "defer runs at the end of a block or loop iteration",
			Patterns: []string{`defer\w*[^.]{0,60}(end of (the|each) (block|scope|iteration|loop iteration)|each iteration)`}},
		{ID: "X3", Claim: "the GC closes the file immediately",
			Patterns: []string{`garbage collector[^.]{0,40}(immediately|right away|as soon as)`}},
		{ID: "X4", Claim: "Go has a with statement",
			Patterns: []string{`\bgo\b[^.]{0,30}\b(has|have|provides|supports)\b[^.]{0,10}\bwith[- ](statement|keyword|block)`}},
	},
}

// task27: What a custom exception is (written, 10 points).
var task27 = &spec.Rubric{
	MinWords: 80,
	Groups: []spec.Group{
		{ID: "G1", Name: "definition", Patterns: []string{`error interface`, `error\(\) string`, `implements? (the )?error`, `errors\.new`, `sentinel`}},
		{ID: "G2", Name: "carries context", Patterns: []string{`fields?`, `(carry|carries|hold|holds|include|store)[^.]{0,30}(context|information|details|data|value)`, `struct`}},
		{ID: "G3", Name: "wrapping", Patterns: []string{`%w`, `wrap`, `unwrap`}},
		{ID: "G4", Name: "inspection", Patterns: []string{`errors\.as`, `errors\.is`, `type assertion`, `type switch`}},
		{ID: "G5", Name: "pitfalls", Patterns: []string{`pointer receiver`, `typed nil`, `nil pointer[^.]{0,40}(non-nil|not nil)`, `interface[^.]{0,30}nil`}},
	},
	Misconceptions: []spec.Misconception{
		{ID: "X1", Claim: "Go errors inherit from a base class", GoSpecific: true, Patterns: []string{
			`\bgo\b[^.]{0,60}(inherit\w*|subclass\w*)`,
			`(custom errors?|error types?)[^.]{0,30}(must|should|need to) (inherit|extend|subclass)`,
		}},
		{ID: "X2", Claim: "identify errors by comparing message strings", Patterns: []string{
			`(should|best( practice)?|recommended)[^.]{0,40}compar\w*[^.]{0,30}(error messages?|error strings?|err\.error\(\))`,
		}},
		{ID: "X3", Claim: "custom errors are raised with panic", Patterns: []string{
			`custom errors?[^.]{0,40}(are|is) (raised|thrown) (with|using|via) panic`,
		}},
		{ID: "X4", Claim: "Go has exceptions", GoSpecific: true, Patterns: []string{
			`\bgo\b[^.]{0,20}\b(has|uses|supports)\b[^.]{0,10}\bexceptions\b`,
		}},
	},
}

// task35: The GIL, and why Go has none (hybrid: the written part, 5 points).
var task35 = &spec.Rubric{
	MinWords: 80,
	Groups: []spec.Group{
		{ID: "G1", Name: "Go has no GIL", Missing: "say plainly that Go has no global interpreter lock", Patterns: []string{
			`no (gil|global interpreter lock)`, `(does not|doesn't) have (a )?(gil|global interpreter lock)`, `without (a )?(gil|global interpreter lock)`,
		}},
		{ID: "G2", Name: "goroutines run in parallel", Patterns: []string{
			`(goroutines?|threads?)[^.]{0,40}(in parallel|simultaneously|at the same time)`, `(multiple|all|several) (cpu )?cores`, `parallelism`,
		}},
		{ID: "G3", Name: "GOMAXPROCS", Missing: "explain what GOMAXPROCS controls", Patterns: []string{`gomaxprocs`}},
		{ID: "G4", Name: "what the GIL is (CPython)", Patterns: []string{
			`cpython`, `one thread (at a time|executes)`, `only one thread[^.]{0,40}(bytecode|python code|at a time)`, `reference counting`,
		}},
		{ID: "G5", Name: "consequence in Go", Patterns: []string{`data races?`, `race detector`, `mutex`, `atomic`, `channels?`}},
	},
	Misconceptions: []spec.Misconception{
		{ID: "X1", Claim: "Go has a GIL", Patterns: []string{
			`\bgo(lang)?\b[^.]{0,30}\b(has|uses|have)\b[^.]{0,15}\b(a )?(gil|global interpreter lock)\b`,
		}},
		{ID: "X2", Claim: "one goroutine at a time",
			Patterns: []string{`only one goroutine (can )?(runs?|executes?) at a time`},
			Unless:   []string{`gomaxprocs ?= ?1`, `single (core|cpu)`, `one (core|cpu)`}},
		{ID: "X3", Claim: "GOMAXPROCS limits the number of goroutines",
			Patterns: []string{`gomaxprocs[^.]{0,40}(limits?|caps?|sets?|maximum)[^.]{0,20}(number of )?goroutines`},
			Unless:   []string{`simultaneous\w*`, `at (the same|a) time`, `in parallel`, `at once`}},
	},
}

// task38: A scenario where multithreading helps (written, 10 points).
var task38 = &spec.Rubric{
	MinWords: 80,
	Groups: []spec.Group{
		{ID: "G1", Name: "concrete scenario", Patterns: []string{
			`web server`, `(http )?requests?`, `(download|fetch)\w*[^.]{0,30}(urls?|files?|pages?)`,
			`(many|multiple) (clients|connections|files|urls)`, `crawler`, `api calls?`,
		}},
		{ID: "G2", Name: "overlapping waits (I/O-bound)", Patterns: []string{
			`i/o[- ]bound`, `waiting (for|on) (the )?(network|disk|i/o|database)`, `latency`, `while (one|another) (is )?wait\w*`, `overlap`,
		}},
		{ID: "G3", Name: "CPU-bound parallelism in Go", Patterns: []string{`cpu[- ]bound[^.]{0,60}(parallel|cores)`, `(multiple|all|several) cores`, `no gil`}},
		{ID: "G4", Name: "responsiveness", Patterns: []string{`responsive\w*`, `background`, `(ui|user interface)`, `non[- ]?blocking`}},
		{ID: "G5", Name: "design care", Patterns: []string{
			`worker pool`, `semaphore`, `(bound|limit)\w*[^.]{0,20}(concurrency|goroutines|workers)`, `context`, `cancel\w*`,
			`rate limit`, `errgroup`, `mutex`, `race`,
		}},
	},
	Misconceptions: []spec.Misconception{
		{ID: "X1", Claim: "goroutines only help I/O-bound work", GoSpecific: true, Patterns: []string{
			`goroutines?[^.]{0,30}only (help|useful|benefit|speed up)[^.]{0,30}i/o`,
		}},
		{ID: "X2", Claim: "more goroutines is always faster", Patterns: []string{
			`more (goroutines|threads) (always )?(means|is|are) (always )?(faster|better)`,
		}},
		{ID: "X3", Claim: "Go has a GIL", Patterns: []string{
			`\bgo(lang)?\b[^.]{0,30}\b(has|uses)\b[^.]{0,15}\b(a )?(gil|global interpreter lock)\b`,
		}},
	},
}
