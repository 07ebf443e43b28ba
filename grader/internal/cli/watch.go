package cli

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/classgrade/gograder/grader/internal/grade"
	"github.com/classgrade/gograder/grader/internal/score"
)

// debounce is how long a task's files must stay quiet before it is
// re-graded: one save is often several events (an editor writes a
// temporary file, renames it, changes its mode).
const debounce = 300 * time.Millisecond

// watchSubmission grades the tasks once, then re-grades a task each time
// a file in its folder is saved, until ctx is cancelled. Reports go where
// the outputs say, each time; what the watcher does goes to stderr.
func watchSubmission(ctx context.Context, g *grade.Grader, dir string, only []int, list []output, rc *renderContext) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	defer w.Close()
	tasks := only
	if len(tasks) == 0 {
		tasks = g.Tasks()
	}
	wanted := map[int]bool{}
	for _, n := range tasks {
		wanted[n] = true
	}
	if err := w.Add(dir); err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	for _, n := range tasks {
		watchTree(w, filepath.Join(dir, grade.TaskName(n)))
	}

	all := map[int]score.Task{}
	regrade := func(tasks []int) error {
		start := time.Now()
		res, err := g.Grade(ctx, dir, tasks)
		if err != nil {
			return err
		}
		rc.elapsed = time.Since(start)
		if err := writeReports(rc.env, list, res, rc); err != nil {
			return err
		}
		for _, t := range res.Tasks {
			all[t.Task] = t
		}
		if len(all) > len(res.Tasks) {
			total := &score.Result{}
			for _, n := range sortedKeys(all) {
				total.Tasks = append(total.Tasks, all[n])
			}
			score.Total(total)
			fmt.Fprintf(rc.env.Stderr, "all %d tasks: %.1f / %.1f\n", len(all), total.Score, total.MaxScore)
		}
		return nil
	}
	if err := regrade(only); err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	fmt.Fprintf(rc.env.Stderr, "watching %s: save a file of a task to re-grade it (Ctrl-C to stop)\n", dir)

	dirty := map[int]string{} // task -> first file changed
	var quiet <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(rc.env.Stderr, "watch: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			n, rel := taskOf(dir, ev.Name)
			if !wanted[n] || ignoredChange(ev) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				watchTree(w, ev.Name) // a new task folder, or a folder in one
			}
			if _, ok := dirty[n]; !ok {
				dirty[n] = rel
			}
			quiet = time.After(debounce)
		case <-quiet:
			quiet = nil
			var tasks, files []string
			var nums []int
			for _, n := range sortedKeys(dirty) {
				nums = append(nums, n)
				tasks = append(tasks, grade.TaskName(n))
				files = append(files, dirty[n])
			}
			clear(dirty)
			fmt.Fprintf(rc.env.Stderr, "\n%s changed: re-grading %s\n", strings.Join(files, ", "), strings.Join(tasks, ", "))
			if err := regrade(nums); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				fmt.Fprintf(rc.env.Stderr, "grader check: %v\n", err)
			}
		}
	}
}

// watchTree watches a folder and the folders under it; a folder that does
// not exist yet is picked up when it is created.
func watchTree(w *fsnotify.Watcher, root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			w.Add(p)
		}
		return nil
	})
}

// taskOf returns the task a changed path belongs to (0 for none) and the
// path relative to the submission.
func taskOf(dir, name string) (int, string) {
	rel, err := filepath.Rel(dir, name)
	if err != nil {
		return 0, name
	}
	first, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	num, ok := strings.CutPrefix(first, "task")
	if !ok || len(num) != 2 {
		return 0, rel
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return 0, rel
	}
	return n, filepath.ToSlash(rel)
}

// ignoredChange: editor droppings (swap and backup files, hidden files)
// and changes of mode alone do not call for a re-grade.
func ignoredChange(ev fsnotify.Event) bool {
	base := filepath.Base(ev.Name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") {
		return true
	}
	return ev.Op == fsnotify.Chmod
}

func sortedKeys[V any](m map[int]V) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
