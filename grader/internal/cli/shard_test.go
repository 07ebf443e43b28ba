package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/classgrade/gograder/grader/internal/cli"
	"go.yaml.in/yaml/v3"
	"gotest.tools/v3/assert"
	"gotest.tools/v3/assert/cmp"
)

// runEnv runs the grader with a given environment (JOB_COMPLETION_INDEX).
func runEnv(env map[string]string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	e := &cli.Env{Stdin: &bytes.Buffer{}, Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	code := cli.Run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// shardClass is the class the shard tests grade: the samples, on a few
// tasks of every kind, none of them one whose failure messages depend on
// the scheduler (the seed student's never-joined goroutines fail every
// time, but how much they printed before main returned varies).
func shardClass(t *testing.T) (string, string) {
	t.Helper()
	return filepath.Join("..", "..", "..", "submissions"), "1,4,5,8,12,17,21,24,27,33"
}

// kubernetesArgs reads the grading and merging commands of the example
// Indexed Job.
func kubernetesArgs(t *testing.T) (grade, merge []string) {
	t.Helper()
	data, err := os.ReadFile("../../../examples/kubernetes/grade-class.yaml")
	assert.NilError(t, err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc struct {
			Metadata struct{ Name string }
			Spec     struct {
				CompletionMode string `yaml:"completionMode"`
				Completions    int
				Template       struct {
					Spec struct {
						Containers []struct{ Args []string }
					}
				}
			}
		}
		if err := dec.Decode(&doc); err != nil {
			break
		}
		args := doc.Spec.Template.Spec.Containers[0].Args
		if doc.Spec.CompletionMode == "Indexed" {
			assert.Equal(t, doc.Spec.Completions, 3)
			grade = args
		} else {
			merge = args
		}
	}
	assert.Assert(t, grade != nil && merge != nil, "the example has a grading and a merging Job")
	return grade, merge
}

// workflowRuns reads the grading and merging commands of the example
// GitHub Actions workflow.
func workflowRuns(t *testing.T) (grade, merge string) {
	t.Helper()
	data, err := os.ReadFile("../../../examples/github-actions/grade-class.yml")
	assert.NilError(t, err)
	var wf struct {
		Jobs map[string]struct {
			Strategy struct{ Matrix map[string][]int }
			Steps    []struct {
				Name string
				Run  string
			}
		}
	}
	assert.NilError(t, yaml.Unmarshal(data, &wf))
	assert.DeepEqual(t, wf.Jobs["grade"].Strategy.Matrix["shard"], []int{0, 1, 2})
	for job, j := range wf.Jobs {
		for _, s := range j.Steps {
			if s.Name == job {
				if job == "grade" {
					grade = s.Run
				} else {
					merge = s.Run
				}
			}
		}
	}
	assert.Assert(t, grade != "" && merge != "")
	return grade, merge
}

// TestShardsMergeLikeOneBatch grades the class unsharded, then as 3 shards
// in parallel with the commands of the Kubernetes example (each with
// JOB_COMPLETION_INDEX set as Kubernetes sets it), merges them with the
// example's merge command, and finds every report, the gradebook and the
// summary byte-identical. The GitHub Actions example's commands do the
// same. Merge refuses a missing, a duplicated and a mismatched shard.
func TestShardsMergeLikeOneBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("grades the sample class several times")
	}
	class, tasks := shardClass(t)
	root := t.TempDir()
	dlv := delve(t)
	flags := []string{"--task", tasks, "--no-cache", "--dlv", dlv}

	code, _, stderr := runEnv(nil, append([]string{"batch", class, "--out", filepath.Join(root, "one")}, flags...)...)
	assert.Equal(t, code, cli.ExitOK, stderr)

	// Kubernetes: the container args, with the volume mapped to root.
	gradeArgs, mergeArgs := kubernetesArgs(t)
	mapPath := func(a string) string {
		a = strings.Replace(a, "/data/submissions", class, 1)
		return strings.Replace(a, "/data/results", root, 1)
	}
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			index := map[string]string{"JOB_COMPLETION_INDEX": string(rune('0' + i))}
			var args []string
			for _, a := range gradeArgs {
				args = append(args, mapPath(strings.ReplaceAll(a, "$(JOB_COMPLETION_INDEX)", index["JOB_COMPLETION_INDEX"])))
			}
			code, _, stderr := runEnv(index, append(args, flags...)...)
			assert.Check(t, cmp.Equal(code, cli.ExitOK), stderr)
		}()
	}
	wg.Wait()
	var margs []string
	for _, a := range mergeArgs {
		margs = append(margs, mapPath(a))
	}
	code, _, stderr = runEnv(nil, margs...)
	assert.Equal(t, code, cli.ExitOK, stderr)
	sameTree(t, filepath.Join(root, "one"), filepath.Join(root, "final"))

	// GitHub Actions: the matrix's run lines, shard by shard.
	ghGrade, ghMerge := workflowRuns(t)
	gh := t.TempDir()
	for _, shard := range []string{"0", "1", "2"} {
		args := fields(strings.ReplaceAll(ghGrade, "${{ matrix.shard }}", shard))
		args[2] = class                      // grader batch <submissions> …
		args[4] = filepath.Join(gh, args[4]) // --out results-N
		code, _, stderr := runEnv(nil, append(args[1:], flags...)...)
		assert.Equal(t, code, cli.ExitOK, stderr)
	}
	args := fields(ghMerge)
	for i, a := range args {
		if strings.HasPrefix(a, "results") {
			args[i] = filepath.Join(gh, a)
		}
	}
	code, _, stderr = runEnv(nil, args[1:]...)
	assert.Equal(t, code, cli.ExitOK, stderr)
	sameTree(t, filepath.Join(root, "one"), filepath.Join(gh, "results"))

	// Refusals.
	shard := func(i int) string { return filepath.Join(root, "shard-"+string(rune('0'+i))) }
	out := filepath.Join(root, "refused")
	code, _, stderr = runEnv(nil, "merge", shard(0), shard(1), "--out", out)
	assert.Equal(t, code, cli.ExitError)
	assert.Assert(t, cmp.Contains(stderr, "shards missing: 2 of 3"))
	code, _, stderr = runEnv(nil, "merge", shard(0), shard(0), shard(1), shard(2), "--out", out)
	assert.Equal(t, code, cli.ExitError)
	assert.Assert(t, cmp.Contains(stderr, "shard 0 appears twice"))
	other := filepath.Join(root, "other")
	assert.NilError(t, os.CopyFS(other, os.DirFS(shard(2))))
	m := filepath.Join(other, "shard.json")
	data, err := os.ReadFile(m)
	assert.NilError(t, err)
	var man map[string]any
	assert.NilError(t, json.Unmarshal(data, &man))
	man["fingerprint"] = "another grader"
	data, _ = json.Marshal(man)
	assert.NilError(t, os.WriteFile(m, data, 0o644))
	code, _, stderr = runEnv(nil, "merge", shard(0), shard(1), other, "--out", out)
	assert.Equal(t, code, cli.ExitError)
	assert.Assert(t, cmp.Contains(stderr, "with other specs, references or settings"))
	_, err = os.Stat(out)
	assert.Assert(t, os.IsNotExist(err), "a refused merge writes nothing")
}

// sameTree compares the reports, gradebook, summary and manifest of two
// results folders byte for byte.
func sameTree(t *testing.T, want, got string) {
	t.Helper()
	names := files(t, want)
	assert.Assert(t, len(names) >= 5, "%v", names)
	for _, n := range names {
		a, err := os.ReadFile(n)
		assert.NilError(t, err)
		b, err := os.ReadFile(filepath.Join(got, filepath.Base(n)))
		assert.NilError(t, err)
		assert.Equal(t, string(b), string(a), "%s differs", filepath.Base(n))
	}
	assert.Equal(t, len(files(t, got)), len(names))
}

// files lists the regular files of a results folder (not the .keys of
// a batch's own bookkeeping).
func files(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	assert.NilError(t, err)
	var out []string
	for _, e := range ents {
		if e.Type().IsRegular() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

var spaces = regexp.MustCompile(`\s+`)

func fields(s string) []string { return spaces.Split(strings.TrimSpace(s), -1) }
