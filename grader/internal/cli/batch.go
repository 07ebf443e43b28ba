package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/report"
	"github.com/classgrade/gograder/grader/internal/score"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

var batchCmd = &Command{
	Name:  "batch",
	Usage: "[flags] --out RESULTS DIR...",
	Short: "grade a whole class in parallel: reports, gradebook, summary",
	Long: `Batch grades every submission found in the DIRs (a DIR is a submission
when it holds taskNN/ folders, else each of its folders is one) and writes,
into RESULTS:

	NAME.json       the result document of each submission
	gradebook.csv   one row per submission, a column per task, the total
	summary.txt     the class summary it also prints

One submission that does not build, hangs or is junk gets its verdicts and
the batch goes on. Reports are written atomically as each submission
finishes: a batch that is interrupted keeps them, and running it again
grades only the submissions that are missing or changed (results are keyed
by the submission's content, the specs, the reference and the grader).
Hidden cases are shown in full: the reports are for instructors.

Examples:

	grader batch submissions/ --out results/
	grader batch class-a/ class-b/ --out results/ -j 4 --overrides reviews.yaml`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var (
			gf        gradeFlags
			out       string
			jobs      int
			overrides string
			public    bool
			shardArg  string
		)
		gf.registerShared(fs)
		fs.StringVar(&out, "out", "", "write the results into this `dir` (required)")
		fs.IntVar(&jobs, "j", runtime.NumCPU(), "submissions graded at once")
		fs.StringVar(&overrides, "overrides", "", "instructor scores for written answers, from this YAML `file`")
		fs.BoolVar(&public, "public", false, "run public cases only")
		fs.StringVar(&shardArg, "shard", "", "grade only shard `I/N` of the submissions (0 ≤ I < N); env/N takes I from $JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) == 0 {
				return usagef("want at least one folder of submissions")
			}
			if out == "" {
				return usagef("--out is required")
			}
			sh, err := parseShard(shardArg, env.Getenv)
			if err != nil {
				return usagef("%v", err)
			}
			subs, err := findSubmissions(args)
			if err != nil {
				return err
			}
			opt := grade.Options{Public: public, RevealHidden: true}
			if overrides != "" {
				if opt.Overrides, err = grade.LoadOverrides(overrides); err != nil {
					return err
				}
			}
			g, err := gf.grader(opt)
			if err != nil {
				return err
			}
			if overrides != "" {
				var names []string
				for _, s := range subs {
					names = append(names, s.name)
				}
				if err := grade.CheckOverrides(overrides, opt.Overrides, names, g.Specs()); err != nil {
					return err
				}
			}
			b := &batch{env: env, g: g, out: out, tasks: gf.tasks, jobs: max(jobs, 1), shard: sh}
			return b.run(ctx, sh.pick(subs))
		}
	},
}

// submission is one folder to grade and the name its results go under.
type submission struct{ name, dir string }

var taskFolder = regexp.MustCompile(`^task\d\d$`)

// isSubmission reports whether dir holds task folders.
func isSubmission(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if taskFolder.MatchString(e.Name()) {
			return true
		}
	}
	return false
}

// findSubmissions lists the submissions of the DIRs, by name; two with
// the same name are an error (their results would overwrite each other).
func findSubmissions(args []string) ([]submission, error) {
	var subs []submission
	from := map[string]string{}
	add := func(dir string) error {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		name := filepath.Base(abs)
		if prev, dup := from[name]; dup {
			return fmt.Errorf("two submissions are named %s: %s and %s", name, prev, dir)
		}
		from[name] = dir
		subs = append(subs, submission{name: name, dir: dir})
		return nil
	}
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("batch: %s is not a folder", a)
		}
		if isSubmission(a) {
			if err := add(a); err != nil {
				return nil, err
			}
			continue
		}
		ents, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("batch: %w", err)
		}
		for _, e := range ents {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				if err := add(filepath.Join(a, e.Name())); err != nil {
					return nil, err
				}
			}
		}
	}
	if len(subs) == 0 {
		return nil, fmt.Errorf("batch: no submissions in %s", strings.Join(args, ", "))
	}
	sort.Slice(subs, func(i, j int) bool { return subs[i].name < subs[j].name })
	return subs, nil
}

type batch struct {
	env   *Env
	g     *grade.Grader
	out   string
	tasks []int
	jobs  int
	shard shard
}

// keyDir holds, per submission, the key its stored result was graded with.
const keyDir = ".keys"

func (b *batch) run(ctx context.Context, subs []submission) error {
	if err := os.MkdirAll(filepath.Join(b.out, keyDir), 0o755); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	results := make([]*score.Result, len(subs))
	errs := make([]error, len(subs))
	reused := 0

	var bar *progressbar.ProgressBar
	if f, ok := b.env.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar = progressbar.NewOptions(len(subs), progressbar.OptionSetWriter(f), progressbar.OptionShowCount(),
			progressbar.OptionSetDescription("grading"), progressbar.OptionClearOnFinish())
	}
	var mu sync.Mutex
	done := func() {
		if bar != nil {
			mu.Lock()
			bar.Add(1)
			mu.Unlock()
		}
	}

	work := make(chan int)
	var wg sync.WaitGroup
	for range b.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				r, cached, err := b.one(ctx, subs[i])
				results[i], errs[i] = r, err
				if cached {
					mu.Lock()
					reused++
					mu.Unlock()
				}
				done()
			}
		}()
	}
feed:
	for i := range subs {
		select {
		case work <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	if bar != nil {
		bar.Finish()
	}

	var graded []*score.Result
	var failed []string
	for i, r := range results {
		switch {
		case r != nil:
			graded = append(graded, r)
		case errs[i] != nil && !errors.Is(errs[i], context.Canceled):
			failed = append(failed, fmt.Sprintf("%s: %v", subs[i].name, errs[i]))
		}
	}
	if err := b.summaries(graded); err != nil {
		return err
	}
	var names []string
	for _, s := range subs {
		names = append(names, s.name)
	}
	if err := writeManifest(b.out, manifest{Shard: b.shard.i, Of: b.shard.n, Grader: grade.Version,
		Fingerprint: b.g.Fingerprint(), Submissions: names}); err != nil {
		return err
	}
	fmt.Fprintf(b.env.Stdout, "%d graded (%d unchanged since the last run), results in %s\n", len(graded), reused, b.out)
	if ctx.Err() != nil {
		return fmt.Errorf("interrupted: %d of %d submissions graded; run the same command again to grade the rest", len(graded), len(subs))
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d submissions could not be graded:\n%s", len(failed), strings.Join(failed, "\n"))
	}
	return nil
}

// one grades a submission, or reuses its stored result when nothing it
// depends on changed.
func (b *batch) one(ctx context.Context, s submission) (*score.Result, bool, error) {
	key, err := b.g.Key(s.dir, b.tasks)
	if err != nil {
		return nil, false, err
	}
	report := filepath.Join(b.out, s.name+".json")
	keyFile := filepath.Join(b.out, keyDir, s.name)
	if old, err := os.ReadFile(keyFile); err == nil && string(old) == key {
		if r, err := readResult(report); err == nil {
			return r, true, nil
		}
	}
	r, err := b.g.Grade(ctx, s.dir, b.tasks)
	if err != nil {
		return nil, false, err
	}
	r.Submission = s.name
	var buf bytes.Buffer
	if err := reportJSON(&buf, r); err != nil {
		return nil, false, err
	}
	// The report first, then its key: a crash in between re-grades.
	if err := writeAtomic(report, buf.Bytes()); err != nil {
		return nil, false, err
	}
	if err := writeAtomic(keyFile, []byte(key)); err != nil {
		return nil, false, err
	}
	return r, false, nil
}

func readResult(path string) (*score.Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r score.Result
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	if r.SchemaVersion != score.SchemaVersion {
		return nil, fmt.Errorf("%s: schema version %d", path, r.SchemaVersion)
	}
	return &r, nil
}

func reportJSON(w io.Writer, r *score.Result) error { return report.JSON(w, r) }

// summaries writes the gradebook and the class summary (also to stdout).
func (b *batch) summaries(results []*score.Result) error {
	var csv bytes.Buffer
	if err := report.Gradebook(&csv, results); err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(b.out, "gradebook.csv"), csv.Bytes()); err != nil {
		return err
	}
	var sum bytes.Buffer
	if err := report.ClassSummary(&sum, results); err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(b.out, "summary.txt"), sum.Bytes()); err != nil {
		return err
	}
	_, err := b.env.Stdout.Write(sum.Bytes())
	return err
}

// writeAtomic replaces path with data, so a reader (or an interrupted
// batch) never sees half a file.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
