package grade

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/classgrade/gograder/grader/internal/sandbox"
)

// shimScript is the counting shim of task 39's contract: the program's
// os.Args[0]. Every child the program starts through it is logged (start
// and end, with its pid), may be delayed, failed or faked on request, and
// otherwise runs the real program as its own child, so that the pid the
// parent sees is the shim's.
const shimScript = `#!/bin/sh
n=""
for a in "$@"; do n="$a"; done
echo "start $$ $*" >> "$GRADER_SPAWN_LOG"
for d in $GRADER_DELAYS; do
	k=${d%%=*}
	v=${d#*=}
	if [ "$k" = "*" ] || [ "$k" = "$n" ]; then
		sleep "$(printf '%d.%03d' $((v / 1000)) $((v % 1000)))"
	fi
done
if [ -n "$GRADER_FAIL_ARG" ] && [ "$n" = "$GRADER_FAIL_ARG" ]; then
	echo "end $$ 3" >> "$GRADER_SPAWN_LOG"
	exit 3
fi
if [ -n "$GRADER_FAKE_ARG" ] && [ "$n" = "$GRADER_FAKE_ARG" ]; then
	echo "square($n) = $((n * n)) (shim)"
	echo "end $$ 0" >> "$GRADER_SPAWN_LOG"
	exit 0
fi
"$GRADER_REAL" "$@"
rc=$?
echo "end $$ $rc" >> "$GRADER_SPAWN_LOG"
exit $rc
`

// shim makes the command's os.Args[0] the counting shim and returns the
// path of its log. The shim has the task's name, so the driver still
// picks the task from it.
func (g *Grader) shim(cmd *sandbox.Cmd, base string, rep int) (string, error) {
	dir := filepath.Join(base, fmt.Sprintf("shim%d", rep))
	if err := g.mkdir(dir); err != nil {
		return "", err
	}
	path := filepath.Join(dir, filepath.Base(cmd.Path))
	if err := os.WriteFile(path, []byte(shimScript), 0o755); err != nil {
		return "", fmt.Errorf("write shim: %w", err)
	}
	log := filepath.Join(dir, "spawn.log")
	if err := os.WriteFile(log, nil, 0o666); err != nil {
		return "", fmt.Errorf("write shim: %w", err)
	}
	if err := g.own(log); err != nil {
		return "", err
	}
	cmd.Args[0] = path
	cmd.Env = append(cmd.Env, "GRADER_REAL="+cmd.Path, "GRADER_SPAWN_LOG="+log)
	return log, nil
}
