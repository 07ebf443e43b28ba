// Package specs embeds the task specs (taskNN.yaml) and the JSON Schema of
// the result document, so that an installed grader needs no files beside it.
package specs

import "embed"

// FS holds task*.yaml, golden files under testdata/, and result.schema.json.
//
//go:embed task*.yaml result.schema.json all:testdata
var FS embed.FS
