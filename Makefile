# Set-up is part of every target: a fresh clone needs only Python 3.11 and access to PyPI.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
N ?= 20000

BENCH_CORPUS ?= bench/corpus-$(N)
WORKERS ?= 2

.PHONY: setup run test score clean lock bench-corpus bench

$(STAMP): pyproject.toml requirements.lock
	$(PY) -c 'import sys; assert sys.version_info[:2] == (3, 11), "gongwen needs Python 3.11, got " + sys.version'
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

setup: $(STAMP)

run: setup   ## set up, then run the pipeline on the bundled sample corpus into output/
	$(BIN)/gongwen run --input samples --output output

test: setup  ## set up, then run the whole test suite
	$(BIN)/python -m pytest -q

score: run   ## score the sample warehouse against the seeds' expected extraction
	$(BIN)/python tests/fixtures/score_seeds.py output/warehouse tests/fixtures/seeds/expected --verbose

bench-corpus: setup  ## a deterministic benchmark corpus of N files (default 20000) in bench/
	$(BIN)/python scripts/bench_corpus.py --out $(BENCH_CORPUS) --n $(N)

bench: setup  ## gongwen vs the floor, no-op re-run, links judged, cost of the new stages, 1 vs 2 workers, Prefect overhead (needs bench-corpus)
	test -f $(BENCH_CORPUS)/.citations.tsv || $(MAKE) bench-corpus N=$(N)  # a corpus with the links' answers
	$(BIN)/python scripts/bench.py --corpus $(BENCH_CORPUS) --workers $(WORKERS) --tokenizer rjieba

clean:
	rm -rf output/warehouse

lock:        ## re-pin requirements.lock from the current .venv
	( head -2 requirements.lock; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^gongwen' ) > requirements.lock.new
	mv requirements.lock.new requirements.lock
