# winload: build, run and test. `make run` starts the monitor, `make test`
# runs every check CI runs (it installs tmux and gcc first when missing).

GO        ?= go
BIN       := bin/winload
PKG       := ./cmd/winload
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
# tcell_minimal leaves out tcell's terminfo lookup through infocmp (see
# internal/ui/terminal.go); the terminals it knows itself stay.
TAGS      := tcell_minimal
PREFIX    ?= /usr/local
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
FUZZTIME  ?= 60000x
FUZZTIME_SLOW ?= 2000x
# linux/arm/6 and linux/arm/7 are GOARM=6 and 7 (Raspberry Pi OS 32-bit).
# No windows/386: x/sys/windows lays MibIfRow2 out 4 bytes short there.
TARGETS   := linux/amd64 linux/arm64 linux/386 linux/arm/6 linux/arm/7 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64
ARGS      ?=
DURATION  ?= 60

export CGO_ENABLED := 0
# Go 1.26's Green Tea collector keeps more runtime memory for a small heap:
# without it the plain screen peaks 0.06-0.16 MiB lower at the same CPU
# (docs/benchmarks.md). Go documents this opt-out until Go 1.27.
export GOEXPERIMENT ?= nogreenteagc

.PHONY: all build run test deps lint unit faults fuzz cross bench bench-talkers bench-process bench-scale screenshot install clean

all: build

build:
	$(GO) build -trimpath -tags '$(TAGS)' -ldflags '$(LDFLAGS)' -o $(BIN) $(PKG)

## run: build and start the monitor (pass flags with ARGS='-d eth0 -u byte')
run: build
	./$(BIN) $(ARGS)

## test: everything CI checks
test: deps lint unit fuzz cross

deps:
	@./scripts/ensure-deps.sh

lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed: $$out"; exit 1; fi
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) vet -tags winload_inject_panic ./internal/ui/
	GOBIN=$(CURDIR)/bin $(GO) install $(STATICCHECK)
	@set -e; for os in linux darwin windows; do \
	  echo "staticcheck $$os"; GOOS=$$os GOARCH=amd64 ./bin/staticcheck ./...; \
	done
	./bin/staticcheck -tags winload_inject_panic ./internal/ui/

unit:
	CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 10m ./...

## faults: the fault tests alone, three times (device churn needs root and iproute2)
faults:
	CGO_ENABLED=1 $(GO) test -race -count=3 -timeout 10m -run 'TestCounterFaults|TestHourOfTicksHoldsMemory|TestDeviceChurn|TestPanicRestoresTerminal|TestQuitFromEveryStateRestoresTerminal|TestResizeAndKeyStorm|TestKillDuringFlush|TestHistoryFileProblems' ./internal/monitor/ ./internal/app/ ./internal/e2e/ ./internal/history/

# Each fuzz target runs briefly, for a count of inputs rather than a time:
# a -fuzztime duration races Go's fuzzing coordinator at its deadline and
# fails with "context deadline exceeded" and no crasher (go.dev/issue/75804,
# unfixed in Go 1.26). The slow targets (a few hundred inputs a second) get
# FUZZTIME_SLOW. `make fuzz FUZZTIME=2000000x FUZZTIME_SLOW=100000x` digs deeper.
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseRate$$' -fuzztime $(FUZZTIME) ./internal/units/
	$(GO) test -run '^$$' -fuzz '^FuzzParseColor$$' -fuzztime $(FUZZTIME) ./internal/settings/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/cli/
	$(GO) test -run '^$$' -fuzz '^FuzzParseDiag$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzAppendDump$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzCgroupName$$' -fuzztime $(FUZZTIME_SLOW) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzAppendTCPTable$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzAppendUDPTable$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzEStatsRead$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzAppendPCBList$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzParseFrame$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzNpcapFrame$$' -fuzztime $(FUZZTIME) ./internal/talkers/
	$(GO) test -run '^$$' -fuzz '^FuzzSettingsFile$$' -fuzztime $(FUZZTIME_SLOW) ./internal/cli/
	$(GO) test -run '^$$' -fuzz '^FuzzLoad$$' -fuzztime $(FUZZTIME_SLOW) ./internal/config/
	$(GO) test -run '^$$' -fuzz '^FuzzParseProcNetDev$$' -fuzztime $(FUZZTIME) ./internal/source/
	$(GO) test -run '^$$' -fuzz '^FuzzParseIfList2$$' -fuzztime $(FUZZTIME) ./internal/source/
	$(GO) test -run '^$$' -fuzz '^FuzzParseIfMibData$$' -fuzztime $(FUZZTIME) ./internal/source/
	$(GO) test -run '^$$' -fuzz '^FuzzParseAddrMessages$$' -fuzztime $(FUZZTIME) ./internal/source/
	$(GO) test -run '^$$' -fuzz '^FuzzParseStatsMessages$$' -fuzztime $(FUZZTIME) ./internal/source/
	$(GO) test -run '^$$' -fuzz '^FuzzParseNotifications$$' -fuzztime $(FUZZTIME) ./internal/source/
	$(GO) test -run '^$$' -fuzz '^FuzzDeviceLabel$$' -fuzztime $(FUZZTIME) ./internal/export/
	$(GO) test -run '^$$' -fuzz '^FuzzReadRequest$$' -fuzztime $(FUZZTIME) ./internal/httpserve/
	$(GO) test -run '^$$' -fuzz '^FuzzReadResponse$$' -fuzztime $(FUZZTIME) ./internal/httpget/
	$(GO) test -run '^$$' -fuzz '^FuzzFrameBytes$$' -fuzztime $(FUZZTIME) ./internal/capture/
	$(GO) test -run '^$$' -fuzz '^FuzzString$$' -fuzztime $(FUZZTIME) ./internal/printable/
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuota$$' -fuzztime $(FUZZTIME_SLOW) ./internal/history/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeRecord$$' -fuzztime $(FUZZTIME) ./internal/history/
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeFile$$' -fuzztime $(FUZZTIME) ./internal/history/
	$(GO) test -run '^$$' -fuzz '^FuzzParseExposition$$' -fuzztime $(FUZZTIME) ./internal/remote/
	$(GO) test -run '^$$' -fuzz '^FuzzJoinAPIAnswer$$' -fuzztime $(FUZZTIME) ./internal/remote/
	$(GO) test -run '^$$' -fuzz '^FuzzParseTarget$$' -fuzztime $(FUZZTIME) ./internal/remote/

## cross: build every release target with CGO_ENABLED=0 and vet each OS
cross:
	@set -e; for t in $(TARGETS); do \
	  os=$${t%%/*}; arch=$${t#*/}; arm=$${arch#*/}; arch=$${arch%%/*}; \
	  [ "$$arm" != "$$arch" ] || arm=; \
	  echo "build $$t"; \
	  GOOS=$$os GOARCH=$$arch GOARM=$$arm $(GO) build -trimpath -o /dev/null ./...; \
	done; \
	for os in linux darwin windows; do \
	  echo "vet $$os"; GOOS=$$os GOARCH=amd64 $(GO) vet ./...; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

## bench-talkers: one talkers tick with 1,000 real TCP sockets, the
## capture's work per frame, then winload's CPU with the capture under
## 100 MB/s of 1,500-byte and 20 MB/s of 100-byte packets beside the plain
## screen (needs root: it runs in private network namespaces)
bench-talkers:
	unshare -n sh -c 'ip link set lo up && WINLOAD_NETNS=1 $(GO) test -run "^$$" -bench "BenchmarkReadSockets|BenchmarkTick|BenchmarkCountFrame" -benchmem ./internal/talkers/'
	DURATION=$(or $(BENCH_DURATION),20) ./scripts/bench-talkers-capture

## bench-process: winload and nload side by side in tmux on lo, idle and
## under cmd/loadgen's load, at 500 and 100 ms (8 runs of DURATION s; root
## runs them in a private network namespace)
bench-process:
	DURATION=$(DURATION) ./scripts/bench-process

## bench-scale: winload -M and nload -m with 1,000 interfaces in a network
## namespace (root), at 500 and 100 ms, steady and with 100 appearing; CPU
## per tick and peak RSS, beside cmd/dumpfloor (the kernel's dump alone);
## LONG=600 adds a 10-minute RSS run at the defaults
bench-scale:
	DURATION=$(DURATION) TAGS=$(TAGS) ./scripts/bench-scale

## screenshot: docs/screenshot.png, winload in xterm under Xvfb
screenshot:
	./scripts/screenshot

install: build
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/winload
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0644 docs/winload.1 $(DESTDIR)$(PREFIX)/share/man/man1/winload.1

clean:
	rm -rf bin dist
