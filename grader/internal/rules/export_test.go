package rules

import (
	"testing"

	"gotest.tools/v3/assert"
)

// TestExportDataAskedOnce: type-checking task after task asks the go
// command once for the packages prefetched, and once more only for a
// package none of them depends on.
func TestExportDataAskedOnce(t *testing.T) {
	saved := exportData
	exportData = &exports{files: map[string]string{}}
	t.Cleanup(func() { exportData = saved })

	a := map[string][]byte{"main.go": []byte("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() { fmt.Fprintln(os.Stderr, 1) }\n")}
	b := map[string][]byte{"main.go": []byte("package main\n\nimport \"strings\"\n\nfunc main() { _ = strings.ToUpper(\"x\") }\n")}
	Prefetch(a, b)
	assert.Equal(t, exportData.asked, 1)
	for range 3 {
		for _, files := range []map[string][]byte{a, b} {
			_, err := Load("task01", files)
			assert.NilError(t, err)
		}
	}
	assert.Equal(t, exportData.asked, 1)

	c := map[string][]byte{"main.go": []byte("package main\n\nimport \"net/http\"\n\nvar _ = http.MethodGet\n\nfunc main() {}\n")}
	_, err := Load("task02", c)
	assert.NilError(t, err)
	assert.Equal(t, exportData.asked, 2)

	// A package that is not in the standard library is a type error,
	// asked about once.
	d := map[string][]byte{"main.go": []byte("package main\n\nimport \"example.com/nope\"\n\nvar _ = nope.X\n\nfunc main() {}\n")}
	for range 2 {
		_, err = Load("task03", d)
		assert.ErrorContains(t, err, "nope")
	}
	assert.Equal(t, exportData.asked, 3)
}
