package spec

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Error is a problem in a spec file, with the line it is on.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// DefaultTimeout is a run's wall-clock limit when the spec names none.
const DefaultTimeout = 5 * time.Second

// DefaultBatteryN is the number of calls the fd-leak battery makes.
const DefaultBatteryN = 2000

// Parse decodes and validates one spec. name is used in messages. Every
// problem found is reported, joined, each as an *Error.
func Parse(name string, r io.Reader) (*Spec, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read spec %s: %w", name, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlError(name, err)
	}
	s := &Spec{File: name}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var decodeErr error
	if err := dec.Decode(s); err != nil {
		var te *yaml.TypeError
		switch {
		case errors.Is(err, io.EOF):
			return nil, &Error{File: name, Msg: "empty spec"}
		case !errors.As(err, &te):
			return nil, yamlError(name, err)
		}
		// A type error leaves the rest decoded: validate that too, so
		// every problem is reported at once.
		decodeErr = yamlError(name, err)
	}
	s.File = name
	s.pos = indexPositions(&root)
	s.applyDefaults()
	if err := errors.Join(decodeErr, s.Validate()); err != nil {
		return nil, err
	}
	return s, nil
}

// Load parses the spec file at path; files it names are resolved beside it.
func Load(path string) (*Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	defer f.Close()
	s, err := Parse(path, f)
	if err != nil {
		return nil, err
	}
	s.fsys = os.DirFS(filepath.Dir(path))
	return s, s.checkFiles()
}

// LoadFS parses every taskNN.yaml at the top of fsys, sorted by task number.
// label prefixes file names in messages (e.g. "specs"). All problems of all
// files are reported at once.
func LoadFS(fsys fs.FS, label string) ([]*Spec, error) {
	names, err := fs.Glob(fsys, "task*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list specs in %s: %w", label, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load specs: no task*.yaml in %s", label)
	}
	var (
		specs []*Spec
		errs  []error
		seen  = map[int]string{}
	)
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			errs = append(errs, fmt.Errorf("load spec %s: %w", path.Join(label, n), err))
			continue
		}
		s, err := Parse(path.Join(label, n), bytes.NewReader(data))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.fsys = fsys
		if want := fmt.Sprintf("task%02d.yaml", s.Task); n != want {
			errs = append(errs, &Error{File: s.File, Line: s.pos.line("task"), Msg: fmt.Sprintf("task %d belongs in %s", s.Task, want)})
			continue
		}
		if other, dup := seen[s.Task]; dup {
			errs = append(errs, &Error{File: s.File, Msg: fmt.Sprintf("task %d is also specified in %s", s.Task, other)})
			continue
		}
		seen[s.Task] = s.File
		specs = append(specs, s)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].Task < specs[j].Task })
	for _, s := range specs {
		if err := s.checkFiles(); err != nil {
			errs = append(errs, err)
		}
	}
	return specs, errors.Join(errs...)
}

// ReadFile reads a file the spec names (stdout_file), relative to the spec.
func (s *Spec) ReadFile(name string) ([]byte, error) {
	if s.fsys == nil {
		return nil, fmt.Errorf("%s: no directory to read %s from", s.File, name)
	}
	return fs.ReadFile(s.fsys, name)
}

// checkFiles verifies that every file the spec names exists.
func (s *Spec) checkFiles() error {
	var errs []error
	for ci, c := range s.Cases {
		for ri, r := range c.Runs {
			if f := r.Expect.StdoutFile; f != "" {
				if _, err := fs.Stat(s.fsys, f); err != nil {
					p := fmt.Sprintf("cases[%d].runs[%d].expect.stdout_file", ci, ri)
					errs = append(errs, &Error{File: s.File, Line: s.pos.line(p), Msg: fmt.Sprintf("stdout_file %q: no such file beside the spec", f)})
				}
			}
		}
	}
	return errors.Join(errs...)
}

var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// yamlError turns the YAML library's messages ("line 12: field stdn not
// found in type spec.Run") into one *Error per problem.
func yamlError(name string, err error) error {
	var te *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &te) {
		msgs = te.Errors
	}
	var errs []error
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		e := &Error{File: name, Msg: m}
		if sub := yamlLine.FindStringSubmatch(m); sub != nil {
			e.Line, _ = strconv.Atoi(sub[1])
			e.Msg = friendlyYAML(sub[2])
		}
		errs = append(errs, e)
	}
	return errors.Join(errs...)
}

var notFound = regexp.MustCompile(`^field (\S+) not found in type spec\.(\w+)$`)

func friendlyYAML(m string) string {
	if sub := notFound.FindStringSubmatch(m); sub != nil {
		return fmt.Sprintf("unknown field %q in %s", sub[1], strings.ToLower(sub[2]))
	}
	return m
}

// positions maps a field path such as "cases[2].runs[0].expect.exit" to the
// line its value is on.
type positions map[string]int

func (p positions) line(path string) int {
	for path != "" {
		if l, ok := p[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 0
}

func indexPositions(root *yaml.Node) positions {
	p := positions{}
	var walk func(n *yaml.Node, path string)
	walk = func(n *yaml.Node, path string) {
		if path != "" {
			p[path] = n.Line
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, path)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i].Value
				sub := k
				if path != "" {
					sub = path + "." + k
				}
				walk(n.Content[i+1], sub)
				p[sub] = n.Content[i].Line
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	walk(root, "")
	return p
}

func (s *Spec) applyDefaults() {
	if s.Timeout == 0 {
		s.Timeout = Duration(DefaultTimeout)
	}
	for ci := range s.Cases {
		c := &s.Cases[ci]
		for ri := range c.Runs {
			r := &c.Runs[ri]
			if r.Name == "" {
				r.Name = string(rune('a' + ri))
			}
			if r.Timeout == 0 {
				r.Timeout = s.Timeout
			}
			for k, v := range s.Env {
				if _, set := r.Env[k]; set || k == "GOMAXPROCS" && r.Repeat > 1 {
					continue
				}
				if r.Env == nil {
					r.Env = map[string]string{}
				}
				r.Env[k] = v
			}
			for k := range r.Calls {
				if r.Calls[k].Battery != "" && r.Calls[k].N == 0 {
					r.Calls[k].N = DefaultBatteryN
				}
			}
		}
	}
}
