# QuantLab. `make report` and `make test` are the two commands a fresh machine needs:
# each installs the system packages and fetches the pinned data first when they are missing.

PROFILE ?= full
SEED ?=
THREADS ?=
# The section ids live in one place, the Study registry (`quantlab sections --ids` lists them):
# any goal that is not a target below is taken as a section id and handed to `quantlab run`,
# which names the known ids when it is not one.
TARGETS := all deps data build release test report bench peers gallery sections fixtures fuzz clean
SECTIONS := $(filter-out $(TARGETS),$(MAKECMDGOALS))

# Release builds target Haswell (AVX2, FMA, F16C, BMI2): every machine of this kind has it,
# and our element-wise kernels vectorize to 256-bit lanes only when the compiler may assume it.
RELEASE_FLAGS := -c release -Xswiftc -target-cpu -Xswiftc haswell
QUANTLAB := .build/release/quantlab
RUN_FLAGS := --profile $(PROFILE) $(if $(SEED),--seed $(SEED)) $(if $(THREADS),--threads $(THREADS))

# pandoc (Debian's) turns report/quantization.md into report/quantization.html: MathML formulas, contents.
APT_PACKAGES := libcairo2-dev libopenblas-dev libdnnl-dev fonts-dejavu-core pkg-config pandoc

.PHONY: $(TARGETS)

all: build

## deps: install the Debian packages the build links against and pandoc (when any is missing)
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "deps: all present ($(APT_PACKAGES))"; exit 0; fi; \
	echo "deps: installing $$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo"; \
	else echo "deps: need root to install: sudo apt-get update && sudo apt-get install -y $$missing" >&2; exit 1; fi; \
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing

## data: fetch and verify the pinned inputs of data/MANIFEST into data/raw/
# fetch.py is idempotent: it re-verifies checksums and downloads only what is missing.
data:
	python3 data/fetch.py

## build: debug build of every target
build: deps
	swift build

## release: optimized build used by experiments, the report and benchmarks
release: deps
	swift build $(RELEASE_FLAGS)

## test: the whole test suite; the end-to-end tests run the release binary, so it is built first
test: deps data release
	swift test

## report: rerun stale and missing sections, then write report/quantization.md
report: deps data release
	$(QUANTLAB) report $(RUN_FLAGS)

## <section>: rerun that section now, then rebuild the report from all stored results
.PHONY: $(SECTIONS)
$(SECTIONS): deps data release
	$(QUANTLAB) run $@ $(RUN_FLAGS)
	$(QUANTLAB) report $(RUN_FLAGS) --rerun none

## sections: which sections are fresh, stale, missing or failed (both profiles unless PROFILE is given)
sections: release
	$(QUANTLAB) sections $(if $(filter command line environment,$(origin PROFILE)),--profile $(PROFILE)) $(if $(SEED),--seed $(SEED))

## bench: benchmarks with their floors (release build); BENCH="int8 kernels" runs only those.
# BENCH=encoder measures PyTorch beside our encoder when `make peers` has installed it.
bench: deps data
	swift build $(RELEASE_FLAGS) --product quantlab-bench
	.build/release/quantlab-bench $(BENCH)

## peers: install the PyTorch peer of `make bench` (python3-torch, a git-ignored venv .venv-ref
# with transformers 4.30.2); optional: test, report and CI never need it
peers:
	scripts/install-peers.sh

## fixtures: record the trials that chapter tests read (Tests/Fixtures/<section>/trials.jsonl)
# from a quick-profile run of every section in a scratch workspace.
fixtures: deps data release
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && \
	mkdir -p "$$scratch/data" && ln -s "$$PWD/data/raw" "$$scratch/data/raw" && ln -s "$$PWD/Sources" "$$scratch/Sources" && \
	cp Package.swift "$$scratch/" && cp data/MANIFEST "$$scratch/data/" && \
	for id in $$($(QUANTLAB) sections --ids); do \
		$(QUANTLAB) run $$id --profile quick --threads 1 --root "$$scratch" && \
		mkdir -p Tests/Fixtures/$$id && cp "$$scratch/data/results/quick/$$id/trials.jsonl" Tests/Fixtures/$$id/; \
	done

## fuzz: every libFuzzer target of Tests/Fuzz for FUZZ_RUNS executions (default 1,000,000) each,
# with AddressSanitizer and a 512 MB bound; prints executions per target, exits 1 on any finding.
# A package of its own (Tests/Fuzz), built into .build-fuzz with the readers instrumented: the
# fuzzer and sanitizer runtimes ship with the Swift toolchain, so it needs nothing beyond `deps`.
FUZZ_RUNS ?= 1000000
fuzz: deps
	swift build --package-path Tests/Fuzz --scratch-path .build-fuzz -c release \
		-Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_TARGETS="$(FUZZ_TARGETS)" scripts/fuzz.sh

## gallery: every chart kind from fixed example data, into figures/gallery/
gallery: deps release
	$(QUANTLAB) gallery

clean:
	rm -rf .build .build-fuzz
