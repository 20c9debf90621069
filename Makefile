# The two commands a new user needs (see README): `make site` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
YINGJI := $(BIN)/yingji

.PHONY: setup site test check bench bench-pdf bench-search bench-serve schemas serve zensical clean

setup:
	@scripts/setup.sh

site: setup
	$(YINGJI) build

check: setup
	$(YINGJI) check

# Every core (pytest-xdist); sites the tests only read are built once per run (tests/conftest.py).
test: setup
	$(BIN)/python -m pytest -q -n auto --durations=10

schemas: setup
	$(YINGJI) schema --out schemas

# make serve PORT=8100 HOST=0.0.0.0 (HOST: let colleagues on the office network open it)
serve: setup
	$(YINGJI) serve $(if $(PORT),--port $(PORT)) $(if $(HOST),--host $(HOST))

# The same docs/ and mkdocs.yml built with Zensical (Material for MkDocs' successor).
zensical: site
	$(BIN)/python scripts/zensical_check.py --out site-zensical

# Build a synthetic county (500 villages, 2000 questions) and print the figures against the targets.
bench: setup
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site site.tmp-* site.old site-zensical .pytest_cache

# PDF figures of `make bench` (scripts/bench_pdf.py); the site figures come from scripts/bench.py.
bench: bench-pdf
bench-pdf: setup
	$(BIN)/python scripts/bench_pdf.py

# Search figures of `make bench` for the default content (scripts/bench_search.py): index size,
# time from page open to first results, the query table and twenty fresh opens from file://.
bench: bench-search
bench-search: setup
	$(BIN)/python scripts/bench_search.py

# Preview figures of `make bench`: from saving a content file to the new page in `yingji serve`.
bench: bench-serve
bench-serve: setup
	$(BIN)/python scripts/bench_serve.py --compare
	$(BIN)/python scripts/bench_serve.py
