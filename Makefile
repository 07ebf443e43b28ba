# The grader's build, tests and demo. Everything it needs comes from the Go
# module proxy; see README.md.

GO      ?= go
BIN     := $(CURDIR)/bin
GRADER  := $(BIN)/grader
DLV     := $(BIN)/dlv
DLV_VERSION := v1.27.2
SAMPLES := complete seed-student mostly-empty

.PHONY: all build dlv xmllint test vet fmt-check unit selftest demo bench clean

all: build

# The grader and, beside it, the launcher its sandboxed runs start through
# (the sandbox's shim alone: it starts several times faster than the
# grader). Static (CGO_ENABLED=0): a dynamically linked executable pays
# the dynamic loader at every start, about 1 ms here.
build:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/ ./grader ./grader/gograder-launcher

## dlv: Delve, pinned, in bin/ (debugger cases are skipped without it).
dlv: $(DLV)

$(DLV):
	GOBIN=$(BIN) $(GO) install github.com/go-delve/delve/cmd/dlv@$(DLV_VERSION)

## xmllint: Debian's libxml2-utils, whose xmllint validates the JUnit report
## against its XSD in the report tests (skipped without it, except in CI).
## Installed with apt-get when missing and root; otherwise a note.
xmllint:
	@command -v xmllint >/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libxml2-utils >/dev/null; \
	else \
		echo "xmllint is missing: the JUnit schema test will be skipped (apt-get install libxml2-utils)"; \
	fi

## test: every gate: formatting, vet, the unit and end-to-end tests (sample
## goldens, CLI scripts, hostile programs), the race detector on the
## concurrent packages, and the self-test of every spec.
test: fmt-check vet dlv xmllint unit selftest

fmt-check:
	@out=$$(gofmt -l grader reference specs testdata); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

# The hostile corpus (package grade) times how fast a bomb is put down: it
# runs alone, not beside the other packages' tests on a 2-core machine.
unit:
	GRADER_DLV=$(DLV) $(GO) test $$($(GO) list ./... | grep -v '/grader/internal/grade$$')
	GRADER_DLV=$(DLV) $(GO) test ./grader/internal/grade
	$(GO) test -race -short ./grader/internal/sandbox ./grader/internal/grade ./grader/internal/build/...
	$(GO) test -race -run 'TestWatch' ./grader/internal/cli

selftest: build dlv
	$(GRADER) selftest --no-cache --dlv $(DLV)

## demo: grade the sample submissions and print their scorecards.
demo: build dlv
	@for s in $(SAMPLES); do $(GRADER) check submissions/$$s || exit 1; echo; done

## bench: the grader against the usual one-build-per-task grading, in the
## same run, on BENCH_N distinct submissions each (default 6).
bench: build dlv
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 60m ./grader/internal/bench

clean:
	rm -rf $(BIN)
