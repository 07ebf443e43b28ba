package build

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"sync"
)

var (
	stdMu    sync.Mutex
	stdCache = map[string]map[string]bool{}
)

// stdPackages lists the standard library of the go command, once.
func stdPackages(ctx context.Context, goCmd string) (map[string]bool, error) {
	stdMu.Lock()
	defer stdMu.Unlock()
	if m, ok := stdCache[goCmd]; ok {
		return m, nil
	}
	cmd := exec.CommandContext(ctx, goCmd, "list", "std")
	cmd.Env = goEnv()
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("list the standard library (is Go installed?): %w", err)
	}
	m := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		m[p] = true
	}
	stdCache[goCmd] = m
	return m, nil
}

// nonStd describes the imports that are not in the standard library.
func nonStd(imports []imported, std map[string]bool) string {
	var bad []string
	for _, im := range imports {
		if im.path == "C" {
			bad = append(bad, fmt.Sprintf("%s: import \"C\" (cgo is not available)", im.pos))
		} else if !std[im.path] || strings.Contains(im.path, "internal") || strings.HasPrefix(im.path, "vendor/") {
			bad = append(bad, fmt.Sprintf("%s: import %q is not in the standard library", im.pos, im.path))
		}
	}
	if len(bad) == 0 {
		return ""
	}
	return "non-stdlib import: only the standard library is available\n" + strings.Join(bad, "\n")
}
