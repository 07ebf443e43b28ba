package check

// Rules states the error convention of catalogue 0.3, for reports.
var Rules = map[string]string{
	"E1": `a run that cannot do its job writes "error: <message>" as the first line of stderr and exits with status 1`,
	"E2": `usage errors are E1 errors whose message starts with "usage:"`,
	"E3": "when the exit status is 1, stdout is empty unless the task's contract says what it holds",
	"E4": "never a panic trace: no panic, no crash, no death by signal",
	"E5": "handled conditions are not failures: the handler's message goes to stdout and the exit status is 0",
	"E6": "success means exit status 0 and empty stderr",
	"E7": "stdout is compared byte for byte: lines end in \\n, no trailing spaces, no extra blank lines, no colour",
	"E8": "programs read stdin only where the contract says so",
	"E9": "files a program creates have mode 0644, and it creates no other files or directories",
}
