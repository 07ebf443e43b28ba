package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// shard is the part of a class one machine grades: shard i of n.
type shard struct{ i, n int }

// parseShard reads --shard: "I/N", or "env/N" with I from
// $JOB_COMPLETION_INDEX as Kubernetes sets it for an Indexed Job.
func parseShard(arg string, getenv func(string) string) (shard, error) {
	if arg == "" {
		return shard{0, 1}, nil
	}
	is, ns, ok := strings.Cut(arg, "/")
	n, err := strconv.Atoi(ns)
	if !ok || err != nil || n < 1 {
		return shard{}, fmt.Errorf("--shard %q: want I/N or env/N with N ≥ 1", arg)
	}
	if is == "env" {
		is = getenv("JOB_COMPLETION_INDEX")
		if is == "" {
			return shard{}, fmt.Errorf("--shard %s: JOB_COMPLETION_INDEX is not set", arg)
		}
	}
	i, err := strconv.Atoi(is)
	if err != nil || i < 0 || i >= n {
		return shard{}, fmt.Errorf("--shard %q: the index must be 0 to %d, not %q", arg, n-1, is)
	}
	return shard{i, n}, nil
}

// pick keeps the submissions of this shard: in name order, every n-th
// starting at i. The same names give the same shards on every machine,
// and shard sizes differ by at most one.
func (s shard) pick(subs []submission) []submission {
	var out []submission
	for k, sub := range subs { // subs are sorted by name
		if k%s.n == s.i {
			out = append(out, sub)
		}
	}
	return out
}

// manifest describes a results folder: which shard, graded by what.
type manifest struct {
	Shard       int      `json:"shard"`
	Of          int      `json:"of"`
	Grader      string   `json:"grader"`
	Fingerprint string   `json:"fingerprint"`
	Submissions []string `json:"submissions"`
}

const manifestFile = "shard.json"

func writeManifest(dir string, m manifest) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, manifestFile), buf.Bytes())
}

func readManifest(dir string) (manifest, error) {
	var m manifest
	data, err := os.ReadFile(filepath.Join(dir, manifestFile))
	if err != nil {
		return m, fmt.Errorf("%s is not the output of grader batch: %w", dir, err)
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, manifestFile), err)
	}
	return m, nil
}
