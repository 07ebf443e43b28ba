// Package build turns a submission into runnable programs, building as few
// binaries as it can.
//
// The submission is first copied (only the task folders' Go files, never
// through a symlink) into a workspace; the original is never touched. Each
// task becomes a package of one module: its package clause is renamed, its
// func main and init functions are renamed so that they run only when the
// task is chosen, and generated code is added beside it: a glue file that
// exposes the task as a harness.Unit and a file of function probes generated
// from the task's spec. One driver main imports every task, so a whole
// submission costs one link. The driver picks the task from the base name of
// os.Args[0]: every task gets a symlink named taskNN to the one binary, so a
// program sees os.Args exactly as if built alone.
//
// A task that cannot share the binary falls back to a binary of its own
// without costing the other tasks anything: a compile error excludes the task
// (with the compiler's message, paths relative to the submission); probes that
// do not compile (a missing function or another signature) are dropped and the
// task's program still runs; code whose output depends on its package name
// (%T, reflection, stack traces) or that registers command-line flags is built
// alone as package main.
//
// Builds never reach the network or switch toolchain (GOPROXY=off,
// GOTOOLCHAIN=local) and use no cgo (race builds excepted). Each go command
// on a submission runs in a process group of its own that its timeout
// (CommandTimeout, within Options.Timeout) kills whole, and starts through
// the sandbox's shim with RLIMIT_DATA (sandbox.BuildMemory) and
// RLIMIT_FSIZE (sandbox.BuildFileSize) on every process: a compiler bomb
// ends as a compile error, not as a machine out of memory. The build cache
// stays the grader's: runs use another uid, or Landlock or a read-only
// mount namespace keeps them from writing it.
package build
