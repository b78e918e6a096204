# make run   — install missing system packages, build, open the playground
# make test  — install missing system packages, build, run every test
SWIFT   ?= swift
CONFIG  ?= release
BIN      = .build/$(CONFIG)/netplayground
# AVX2 + FMA for our own SIMD loops when this CPU has them (PORTABLE=1: baseline).
CPUFLAGS := $(if $(filter 1,$(PORTABLE)),,$(shell scripts/swift_cpu_flags.sh))

.PHONY: run test build deps bench clean fuzz

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) $(CPUFLAGS) --product netplayground

run: build
	@$(BIN) $(ARGS)

# Release with -enable-testing: numeric code is 10–100× slower in debug, and
# @testable imports keep working. The end-to-end tests drive $(BIN) in tmux.
# The export tests check ONNX and safetensors files with onnx, onnxruntime and
# safetensors from PyPI, in a venv made once under .build (skipped without
# python3, except under CI=true).
PYVENV   = .build/venv
test:
	@scripts/install-deps.sh --tests
	@scripts/setup_python_venv.sh $(PYVENV)
	$(SWIFT) build -c $(CONFIG) $(CPUFLAGS) -Xswiftc -enable-testing
	NETPLAYGROUND_BIN=$(CURDIR)/$(BIN) \
	NETPLAYGROUND_PYTHON=$$([ -x $(PYVENV)/bin/python ] && echo $(CURDIR)/$(PYVENV)/bin/python) \
	$(SWIFT) test -c $(CONFIG) $(CPUFLAGS) -Xswiftc -enable-testing

# The seeded mutation fuzzers (Tests/MiniNNTests/FuzzTests.swift) for minutes
# instead of `make test`'s few thousand cases; see the README.
FUZZ_SECONDS ?= 150
FUZZ_SEED    ?= $(shell date +%s)
fuzz:
	@scripts/install-deps.sh --tests
	$(SWIFT) build -c $(CONFIG) $(CPUFLAGS) -Xswiftc -enable-testing --build-tests
	@mkdir -p .build/fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_SEED=$(FUZZ_SEED) FUZZ_CRASH_DIR=$(CURDIR)/.build/fuzz \
	$(SWIFT) test -c $(CONFIG) $(CPUFLAGS) -Xswiftc -enable-testing --skip-build --filter FuzzTests

bench: build
	$(BIN) bench

clean:
	rm -rf .build
