package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/classgrade/gograder/grader/internal/score"
)

var mergeCmd = &Command{
	Name:  "merge",
	Usage: "--out FINAL RESULTS...",
	Short: "merge the results of batch shards into one class",
	Long: `Merge joins the RESULTS folders written by "grader batch --shard I/N" into
FINAL: every submission's report, and the gradebook and class summary of the
whole class, exactly as one unsharded batch would have written them.

It refuses shard sets that overlap, miss a shard, or were graded by
different specs or grader versions.

Example:

	grader merge results-0 results-1 results-2 --out results`,
	Flags: func(fs *flag.FlagSet) func(context.Context, *Env, []string) error {
		var out string
		fs.StringVar(&out, "out", "", "write the merged results into this `dir` (required)")
		return func(ctx context.Context, env *Env, args []string) error {
			if len(args) == 0 {
				return usagef("want the shards' results folders")
			}
			if out == "" {
				return usagef("--out is required")
			}
			return merge(env, args, out)
		}
	},
}

func merge(env *Env, dirs []string, out string) error {
	var ms []manifest
	for _, d := range dirs {
		m, err := readManifest(d)
		if err != nil {
			return err
		}
		ms = append(ms, m)
	}
	n := ms[0].Of
	seen := map[int]string{}
	owner := map[string]string{}
	var errs []error
	for k, m := range ms {
		switch {
		case m.Of != n:
			errs = append(errs, fmt.Errorf("%s is shard %d of %d, but %s is of %d", dirs[k], m.Shard, m.Of, dirs[0], n))
		case m.Fingerprint != ms[0].Fingerprint:
			errs = append(errs, fmt.Errorf("%s was graded by grader %s with other specs, references or settings than %s (grader %s): grade every shard with the same grader", dirs[k], m.Grader, dirs[0], ms[0].Grader))
		}
		if prev, dup := seen[m.Shard]; dup {
			errs = append(errs, fmt.Errorf("shard %d appears twice: %s and %s", m.Shard, prev, dirs[k]))
		}
		seen[m.Shard] = dirs[k]
		for _, s := range m.Submissions {
			if prev, dup := owner[s]; dup {
				errs = append(errs, fmt.Errorf("submission %s is in two shards: %s and %s", s, prev, dirs[k]))
			}
			owner[s] = dirs[k]
		}
	}
	var missing []string
	for i := range n {
		if _, ok := seen[i]; !ok {
			missing = append(missing, fmt.Sprint(i))
		}
	}
	if len(missing) > 0 {
		errs = append(errs, fmt.Errorf("shards missing: %s of %d", strings.Join(missing, ", "), n))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("merge refused:\n%w", err)
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	var names []string
	for s := range owner {
		names = append(names, s)
	}
	sort.Strings(names)
	var results []*score.Result
	for _, s := range names {
		from := filepath.Join(owner[s], s+".json")
		r, err := readResult(from)
		if err != nil {
			return fmt.Errorf("merge: %s: the report is missing or damaged (was the shard interrupted?): %w", s, err)
		}
		data, err := os.ReadFile(from)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		if err := writeAtomic(filepath.Join(out, s+".json"), data); err != nil {
			return err
		}
		results = append(results, r)
	}
	b := &batch{env: env, out: out}
	if err := b.summaries(results); err != nil {
		return err
	}
	return writeManifest(out, manifest{Shard: 0, Of: 1, Grader: ms[0].Grader, Fingerprint: ms[0].Fingerprint, Submissions: names})
}
