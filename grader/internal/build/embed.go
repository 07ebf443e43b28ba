package build

import (
	"embed"
	"io/fs"
	"strings"
)

//go:embed harness/*.go
var harnessFS embed.FS

// harnessDir is where the harness package lives inside a workspace module,
// and harnessImport its import path there.
const (
	modulePath    = "submission"
	harnessDir    = "zz_graderh"
	harnessImport = modulePath + "/" + harnessDir
)

// harnessFiles returns the harness package's source, without its tests.
func harnessFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	ents, err := fs.ReadDir(harnessFS, "harness")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := harnessFS.ReadFile("harness/" + e.Name())
		if err != nil {
			return nil, err
		}
		out[e.Name()] = b
	}
	return out, nil
}
