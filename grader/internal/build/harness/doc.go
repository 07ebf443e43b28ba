// Package harness is compiled into every submission's binary, not into the
// grader: the build copies its source into the workspace (as package
// zz_graderh) next to the student's task packages and a generated driver.
//
// It provides three things:
//
//   - Run, the driver's entry: it picks the task unit from GRADER_UNIT or the
//     base name of os.Args[0] (so os.Args looks exactly as if the task had been
//     built alone), runs the unit's renamed init functions, then either its
//     main or, when GRADER_PROBE names one, a generated function probe;
//   - T, the recorder a probe reports through: one JSON line per call, written
//     unbuffered to file descriptor 3, so results survive a student's os.Exit
//     and never mix with the student's stdout;
//   - the grader fakes of catalogue section 1.4 (REC, FAIL, RECW, FAILW, RECS,
//     RECSK, SEEKFAIL), error-kind checks (section 1.3) and the FD-LEAK battery.
//
// It imports only the standard library, because the workspace is built with
// GOPROXY=off.
package harness
