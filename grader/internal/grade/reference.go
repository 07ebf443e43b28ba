package grade

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/classgrade/gograder/grader/internal/build"
	"github.com/classgrade/gograder/grader/internal/check"
	"github.com/classgrade/gograder/grader/internal/spec"
)

// Version is the grader's version; it keys caches.
var Version = "0.1.0"

// refTask holds the reference's observations of one task, by case id.
type refTask struct {
	obs map[string][]*check.Observation
	err error
}

// reference returns the reference's observations for a task.
func (g *Grader) reference(ctx context.Context, s *spec.Spec) (*refTask, error) {
	if err := g.prepareReferences(ctx, []*spec.Spec{s}); err != nil {
		return nil, err
	}
	g.refMu.Lock()
	defer g.refMu.Unlock()
	rt := g.refs[s.Task]
	return rt, rt.err
}

// prepareReferences makes sure the reference observations of every spec
// are at hand: from memory, from the cache directory, or by building all
// the missing references into one binary and running their cases.
func (g *Grader) prepareReferences(ctx context.Context, specs []*spec.Spec) error {
	g.refMu.Lock()
	defer g.refMu.Unlock()
	type todo struct {
		s   *spec.Spec
		src *build.Source
		key string
	}
	var missing []todo
	var srcs []*build.Source
	for _, s := range specs {
		if _, done := g.refs[s.Task]; done || s.Kind == spec.KindWritten {
			continue
		}
		if g.opt.Reference == nil {
			return errors.New("no reference solutions to compare with")
		}
		src, err := ReferenceSource(g.opt.Reference, s.Task)
		if err != nil {
			return err
		}
		src.Spec = s
		key := g.cacheKey(s, src)
		if obs, ok := g.loadCache(s.Task, key); ok {
			g.refs[s.Task] = &refTask{obs: obs}
			continue
		}
		missing = append(missing, todo{s, src, key})
		srcs = append(srcs, src)
	}
	if len(missing) == 0 {
		return nil
	}
	built, err := build.Build(ctx, g.tmp, srcs, g.opt.Build)
	if err != nil {
		return fmt.Errorf("build the reference: %w", err)
	}
	defer built.Cleanup()
	var wg sync.WaitGroup
	results := make([]*refTask, len(missing))
	for i, m := range missing {
		wg.Add(1)
		go func() {
			defer wg.Done()
			obs, err := g.observeReference(ctx, m.s, built, m.src)
			if err == nil {
				g.storeCache(m.s.Task, m.key, obs)
			}
			results[i] = &refTask{obs: obs, err: err}
		}()
	}
	wg.Wait()
	for i, m := range missing {
		g.refs[m.s.Task] = results[i]
	}
	return ctx.Err()
}

// observeReference runs a task's cases with its built reference.
func (g *Grader) observeReference(ctx context.Context, s *spec.Spec, built *build.Result, src *build.Source) (map[string][]*check.Observation, error) {
	bt := built.Tasks[src.Name]
	if bt.Status != build.StatusOK {
		return nil, fmt.Errorf("the reference of task %d does not build:\n%s", s.Task, bt.Message)
	}
	if len(s.Functions) > 0 && !bt.Probes {
		return nil, fmt.Errorf("the reference of task %d: the probes do not compile: %s", s.Task, bt.ProbeMessage)
	}
	obs, err := g.observeAll(ctx, s, built, src)
	if err != nil {
		return nil, err
	}
	return obs, brokenReference(s, obs)
}

// observeAll runs every runnable case of the spec with one built task.
func (g *Grader) observeAll(ctx context.Context, s *spec.Spec, built *build.Result, src *build.Source) (map[string][]*check.Observation, error) {
	bt := built.Tasks[src.Name]
	obs := map[string][]*check.Observation{}
	var (
		mu   sync.Mutex
		wg   sync.WaitGroup
		errs []error
	)
	for i := range s.Cases {
		c := &s.Cases[i]
		if len(c.Runs) == 0 || g.unmet(c) != "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if g.slots.acquire(ctx, caseCost(c, nil)) != nil {
				return
			}
			o, err := g.runCase(ctx, built, bt, src, c, true)
			g.slots.release()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			obs[c.ID] = o
		}()
	}
	wg.Wait()
	if err := errors.Join(append(errs, ctx.Err())...); err != nil {
		return nil, err
	}
	return obs, nil
}

// brokenReference refuses reference runs that did not end by themselves:
// their output cannot be an expectation.
func brokenReference(s *spec.Spec, obs map[string][]*check.Observation) error {
	var errs []error
	for _, c := range s.Cases {
		for i, o := range obs[c.ID] {
			why := ""
			switch {
			case o.TimedOut:
				why = "timed out"
			case o.OutputLimit != "":
				why = "exceeded the " + o.OutputLimit + " limit"
			case o.Signal != "":
				why = "was killed by " + o.Signal
			}
			if why != "" {
				errs = append(errs, fmt.Errorf("%s: case %s run %s: the reference %s", s.File, c.ID, c.Runs[i].Name, why))
			}
		}
	}
	return errors.Join(errs...)
}

// cacheKey hashes everything a reference observation depends on.
func (g *Grader) cacheKey(s *spec.Spec, src *build.Source) string {
	h := sha256.New()
	fmt.Fprintf(h, "grader %s %s\n%s\nisolation %s nonroot=%v\n", Version, selfHash(), runtime.Version(), g.iso.Level, g.iso.NonRoot())
	js, _ := json.Marshal(s)
	h.Write(js)
	names := make([]string, 0, len(src.Files))
	for n := range src.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(h, "\n%s %d\n", n, len(src.Files[n]))
		h.Write(src.Files[n])
	}
	for t, why := range g.tags {
		fmt.Fprintf(h, "\nunmet %s %s", t, why)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

var (
	selfOnce sync.Once
	selfSum  string
)

// selfHash identifies the grader binary itself, so that a rebuilt grader
// never trusts observations an older one cached.
func selfHash() string {
	selfOnce.Do(func() {
		exe, err := os.Executable()
		if err != nil {
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			selfSum = hex.EncodeToString(h.Sum(nil))
		}
	})
	return selfSum
}

func (g *Grader) cachePath(task int, key string) string {
	return filepath.Join(g.opt.CacheDir, fmt.Sprintf("ref-%s-%s.json", TaskName(task), key))
}

func (g *Grader) loadCache(task int, key string) (map[string][]*check.Observation, bool) {
	if g.opt.CacheDir == "" {
		return nil, false
	}
	data, err := os.ReadFile(g.cachePath(task, key))
	if err != nil {
		return nil, false
	}
	var obs map[string][]*check.Observation
	if json.Unmarshal(data, &obs) != nil {
		return nil, false
	}
	return obs, true
}

// storeCache writes atomically; a cache that cannot be written only costs time.
func (g *Grader) storeCache(task int, key string, obs map[string][]*check.Observation) {
	if g.opt.CacheDir == "" {
		return
	}
	data, err := json.Marshal(obs)
	if err != nil || os.MkdirAll(g.opt.CacheDir, 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(g.opt.CacheDir, ".ref-*")
	if err != nil {
		return
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil || os.Rename(f.Name(), g.cachePath(task, key)) != nil {
		os.Remove(f.Name())
	}
}

// ReferenceSource reads the reference solution of a task.
func ReferenceSource(fsys fs.FS, task int) (*build.Source, error) {
	name := TaskName(task)
	ents, err := fs.ReadDir(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("reference %s: %w", name, err)
	}
	src := &build.Source{Name: name, Files: map[string][]byte{}, Extra: map[string][]byte{}}
	for _, e := range ents {
		n := e.Name()
		isGo := strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go")
		if e.IsDir() || !isGo && !build.ExtraFiles[n] {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(name, n))
		if err != nil {
			return nil, fmt.Errorf("reference %s: %w", name, err)
		}
		if isGo {
			src.Files[n] = b
		} else {
			src.Extra[n] = b
		}
	}
	if len(src.Files) == 0 && len(src.Extra) == 0 {
		return nil, fmt.Errorf("reference %s: no files", name)
	}
	return src, nil
}
