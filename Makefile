# Two commands on a fresh machine: `make demo` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SYSTEM_PACKAGES := espeak-ng libportaudio2 ffmpeg

.PHONY: install system-deps demo test test-fast lint eval bench clean

install: system-deps $(STAMP)

# Debian packages: installed when missing and we can (root, or password-less sudo);
# otherwise one line saying what to run.
system-deps:
	@bash scripts/system_deps.sh $(SYSTEM_PACKAGES)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,piper]'
	@touch $(STAMP)

demo: install
	$(BIN)/voice-coach demo

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

lint: install
	$(BIN)/ruff check voice_coach scripts tests
	$(BIN)/mypy voice_coach

eval: install
	$(BIN)/python scripts/eval_analysis.py ../shared/corpus/answers

clean:
	rm -rf $(VENV) sessions .pytest_cache .mypy_cache .ruff_cache

bench: install
	$(BIN)/python scripts/bench.py --json bench.json
