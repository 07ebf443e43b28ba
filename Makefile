# The grader's build, tests and demo. Everything it needs comes from the Go
# module proxy; see README.md.

GO      ?= go
BIN     := bin
GRADER  := $(BIN)/grader
SAMPLES := complete seed-student mostly-empty

.PHONY: all build test vet fmt-check unit selftest demo clean

all: build

build:
	$(GO) build -o $(GRADER) ./grader

## test: every gate: formatting, vet, the unit and end-to-end tests (sample
## goldens, CLI scripts, hostile programs), the race detector on the
## concurrent packages, and the self-test of every spec.
test: fmt-check vet unit selftest

fmt-check:
	@out=$$(gofmt -l grader reference specs testdata); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test ./...
	$(GO) test -race -short ./grader/internal/sandbox ./grader/internal/grade ./grader/internal/build/...

selftest: build
	$(GRADER) selftest --no-cache

## demo: grade the sample submissions and print their scorecards.
demo: build
	@for s in $(SAMPLES); do $(GRADER) check submissions/$$s || exit 1; echo; done

clean:
	rm -rf $(BIN)
