// Package reference embeds the reference solutions (taskNN/) and their
// mutants (taskNN/mutants/*.patch), so that an installed grader can derive
// expectations and run its self-test without a checkout.
package reference

import "embed"

// FS holds one folder per task.
//
//go:embed task*
var FS embed.FS
