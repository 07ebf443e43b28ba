package grade

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"github.com/classgrade/gograder/grader/internal/build"
)

// Key identifies the result of grading the submission in dir on the given
// tasks: the same key means the same result, so a batch need not grade it
// again. It covers what the grader reads of the submission (the task
// folders' graded files, go.mod) and everything else the result depends
// on: specs, reference, grader binary, Go version, isolation, options and
// the submission's overrides.
func (g *Grader) Key(dir string, tasks []int) (string, error) {
	specs, err := g.pick(tasks)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", g.fingerprint())
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("key %s: %w", dir, err)
	}
	name := filepath.Base(abs)
	for _, o := range g.opt.Overrides {
		if o.Submission == name {
			fmt.Fprintf(h, "override %d %v %q\n", o.Task, o.Points, o.Comment)
		}
	}
	hashFile(h, filepath.Join(dir, "go.mod"))
	for _, s := range specs {
		folder := filepath.Join(dir, TaskName(s.Task))
		fmt.Fprintf(h, "task %d\n", s.Task)
		fi, err := os.Lstat(folder)
		if err != nil || !fi.IsDir() {
			fmt.Fprintf(h, "absent %v\n", fi != nil)
			continue
		}
		ents, err := os.ReadDir(folder)
		if err != nil {
			return "", fmt.Errorf("key %s: %w", folder, err)
		}
		sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
		for _, e := range ents {
			n := e.Name()
			if !strings.HasSuffix(n, ".go") && !build.ExtraFiles[n] {
				continue
			}
			fmt.Fprintf(h, "file %q %v\n", n, e.Type())
			if e.Type().IsRegular() {
				hashFile(h, filepath.Join(folder, n))
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(h hash.Hash, path string) {
	data, err := readCappedFile(path)
	fmt.Fprintf(h, "%d %v\n", len(data), err != nil)
	h.Write(data)
}

// readCappedFile reads at most a little more than the build would copy
// of a file: enough to tell any two graded files apart.
func readCappedFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 2<<20))
}

// Fingerprint identifies this grader's configuration: two runs with the
// same fingerprint grade alike (shards of one batch must share it).
func (g *Grader) Fingerprint() string { return g.fingerprint() }

// fingerprint hashes what every result of this grader depends on.
func (g *Grader) fingerprint() string {
	g.fpOnce.Do(func() {
		h := sha256.New()
		fmt.Fprintf(h, "grader %s %s\n%s %s/%s\n", Version, selfHash(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
		fmt.Fprintf(h, "isolation %s nonroot=%v public=%v reveal=%v dlv=%q\n", g.iso.Level, g.iso.NonRoot(), g.opt.Public, g.opt.RevealHidden, g.dlv)
		tags := make([]string, 0, len(g.tags))
		for t, why := range g.tags {
			tags = append(tags, t+"="+why)
		}
		sort.Strings(tags)
		fmt.Fprintf(h, "unmet %q\n", tags)
		for _, n := range g.Tasks() {
			js, _ := json.Marshal(g.specs[n])
			h.Write(js)
		}
		if g.opt.Reference != nil {
			fs.WalkDir(g.opt.Reference, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return nil
				}
				data, _ := fs.ReadFile(g.opt.Reference, p)
				fmt.Fprintf(h, "ref %s %d\n", p, len(data))
				h.Write(data)
				return nil
			})
		}
		g.fp = hex.EncodeToString(h.Sum(nil))
	})
	return g.fp
}
