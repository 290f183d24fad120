# Two commands on a fresh machine: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM_PACKAGES := espeak-ng libportaudio2 ffmpeg
# only the test suite needs these: the HTML report is checked in a real headless browser
TEST_SYSTEM_PACKAGES := chromium chromium-driver pulseaudio pulseaudio-utils libasound2-plugins

.PHONY: install system-deps test-system-deps demo test test-fast lint eval bench clean

install: system-deps $(STAMP)

# Debian packages: installed when missing and we can (root, or password-less sudo);
# otherwise one line saying what to run.
system-deps:
	@bash scripts/system_deps.sh $(SYSTEM_PACKAGES)

test-system-deps:
	@bash scripts/system_deps.sh $(TEST_SYSTEM_PACKAGES)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing voice-coach and its models into $(VENV) (first time: a few minutes)..."
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,piper,plot]'
	@touch $(STAMP)

demo: install
	$(BIN)/voice-coach demo

# Two runs: the tests that do not depend on the wall clock in parallel (pytest-xdist, at most
# four workers: each loads the models), then the real-time ones (live listening at real speed,
# the real sound device, the benchmark) alone, so no other test's load delays them. Both run
# even when the first fails; the exit status is the first failure's.
test: install test-system-deps
	@rc=0; \
	$(BIN)/python -m pytest -q -n auto --maxprocesses 4 -m "not realtime" || rc=$$?; \
	$(BIN)/python -m pytest -q -m realtime || { r=$$?; [ $$rc -ne 0 ] || rc=$$r; }; \
	exit $$rc

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check voice_coach scripts tests
	$(BIN)/mypy voice_coach

eval: install
	$(BIN)/python scripts/eval_analysis.py ../shared/corpus/answers

bench: install
	$(BIN)/python scripts/bench.py --json bench.json

clean:
	rm -rf $(VENV) sessions .pytest_cache .mypy_cache .ruff_cache
