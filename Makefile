# make run   — install missing system packages, build, open the playground
# make test  — install missing system packages, build, run every test
SWIFT   ?= swift
CONFIG  ?= release
BIN      = .build/$(CONFIG)/netplayground

.PHONY: run test build deps bench clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build -c $(CONFIG) --product netplayground

run: build
	@$(BIN) $(ARGS)

# Release with -enable-testing: numeric code is 10–100× slower in debug, and
# @testable imports keep working. The end-to-end tests drive $(BIN) in tmux.
test: deps
	$(SWIFT) build -c $(CONFIG) -Xswiftc -enable-testing
	NETPLAYGROUND_BIN=$(CURDIR)/$(BIN) $(SWIFT) test -c $(CONFIG) -Xswiftc -enable-testing

bench: build
	$(BIN) bench

clean:
	rm -rf .build
