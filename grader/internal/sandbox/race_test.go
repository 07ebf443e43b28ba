//go:build race

package sandbox

// raceEnabled: the race detector slows every start of the test binary as
// the shim.
const raceEnabled = true
