SWIFT ?= swift
BIN := .build/debug/mooring

.PHONY: deps build test demo bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	@scripts/run-tests.sh

demo: build
	@scripts/demo.sh

bench: deps
	$(SWIFT) build -c release
	@Benchmarks/run-all.sh

clean:
	rm -rf .build
