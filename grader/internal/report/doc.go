// Package report renders a score.Result for its consumers. Reports are pure
// functions of the result (and of the options a caller passes): they compute
// no score and are deterministic (no durations unless given, stable order),
// so their output is golden-tested.
//
// The formats and who reads them:
//
//	Text        a student's terminal: the scorecard, then every failed public
//	            case with what ran, the diff, the rule, a hint and a command
//	            that reproduces the run (Repro)
//	JSON        everything else: the result document (specs/result.schema.json)
//	JUnit       CI test reporters: a testsuite per task, a testcase per case
//	Gradescope  Gradescope's autograder results.json
//	Classroom   GitHub Classroom's autograding result, version 1
//	GitHub      GitHub Actions: ::error annotations and a Markdown job summary
//	Gradebook   LMS gradebooks: one CSV row per submission
//	Canvas      the same, under the header Canvas imports
//	ClassSummary a class's results at a glance
//
// Hidden cases carry no details in the result unless the grader revealed
// them; every format shows what the result holds and nothing more.
package report
