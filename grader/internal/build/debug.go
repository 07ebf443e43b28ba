package build

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
)

// debugBuilds builds each task's debug binary at most once.
type debugBuilds struct {
	mu   sync.Mutex
	done map[string]*debugBuild
	// mod writes the debug module's go.mod once: builds of several tasks
	// run at once, and a go command must never read it half written.
	mod    sync.Once
	modErr error
}

type debugBuild struct {
	once sync.Once
	exe  string
	err  error
}

// DebugBinary builds the task's files as handed in (package main, nothing
// renamed or added) with optimisations and inlining off, for Delve: its
// breakpoints and variables then match the student's source. Built once
// per task and workspace.
func (r *Result) DebugBinary(ctx context.Context, name string) (string, error) {
	r.debug.mu.Lock()
	if r.debug.done == nil {
		r.debug.done = map[string]*debugBuild{}
	}
	d := r.debug.done[name]
	if d == nil {
		d = &debugBuild{}
		r.debug.done[name] = d
	}
	r.debug.mu.Unlock()
	d.once.Do(func() { d.exe, d.err = r.buildDebug(ctx, name) })
	return d.exe, d.err
}

func (r *Result) buildDebug(ctx context.Context, name string) (string, error) {
	src, ok := r.sources[name]
	if !ok {
		return "", fmt.Errorf("debug build: no task %s in this workspace", name)
	}
	dir := filepath.Join(r.Dir, "debug", pkgDir(name))
	files := map[string][]byte{}
	for n, d := range src.Files {
		files[n] = d
	}
	if err := writeFiles(dir, files); err != nil {
		return "", err
	}
	r.debug.mod.Do(func() {
		r.debug.modErr = writeFiles(filepath.Join(r.Dir, "debug"), map[string][]byte{"go.mod": goMod(r.goVersion)})
	})
	if r.debug.modErr != nil {
		return "", r.debug.modErr
	}
	exe := filepath.Join(dir, "prog")
	cmd, cancel := goCommand(ctx, r.goCmd, filepath.Join(r.Dir, "debug"), workspace{root: r.Dir, cache: goCache(r.goCmd), iso: r.iso}, "build", "-gcflags=all=-N -l", "-o", exe, "./"+pkgDir(name))
	defer cancel()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("debug build of %s: %w\n%s", name, err, trimMessage(string(out)))
	}
	return exe, nil
}
