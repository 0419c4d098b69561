# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
export DAGSTER_DISABLE_TELEMETRY := 1
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := False
# `make serve`: the Dagster instance (run history, schedule and sensor state) lives here.
DAGSTER_HOME ?= $(CURDIR)/.dagster_home
RUN = $(UV) run --frozen --no-sync --quiet
PORT ?= 3000
REVIEW_PORT ?= 8765

.PHONY: run test system-deps env manifest serve review bi bi-stop docs clean help eval-extract bench-extract bench

help:
	@echo "make run    build, validate and publish the warehouse, print a summary"
	@echo "make test   run the whole test suite (after make system-deps)"
	@echo "make system-deps   install the Debian packages the tests drive (PostgreSQL, Chromium + CJK font, Java)"
	@echo "make serve  Dagster daemon + web UI on http://127.0.0.1:$(PORT) (schedule and sensors fire)"
	@echo "make docs   data documentation (dbt docs, expectation results) in warehouse/docs/"
	@echo "make review the review studio on http://127.0.0.1:$(REVIEW_PORT): documents from text to warehouse"
	@echo "make bi     local PostgreSQL (127.0.0.1) with the published marts, for BI tools"
	@echo "make clean  remove build output (warehouse/*, dbt target)"
	@echo "make eval-extract   extractor precision/recall against the curated figures (raw/ and the held-out document)"
	@echo "make bench-extract  extractor speed on a generated 20,000-character document (target < 1 s)"
	@echo "make bench  build at three generated scales (up to 60M report rows) against a DuckDB floor; BENCH_SCALES=small,middle"

# uv itself is installed with pip when missing (into ~/.local; on a distribution Python
# that marks itself externally managed, PEP 668, that user install needs the flag); the
# environment comes from uv.lock.
env: .venv/.synced

# Synced again only when the lock or the project changes: a sync also compiles bytecode
# (pyproject: compile-bytecode), seconds of work and a "Bytecode compiled" line each time.
.venv/.synced: uv.lock pyproject.toml
	@command -v uv >/dev/null 2>&1 || test -x "$(UV)" || python3 -m pip install --user --quiet uv \
		|| python3 -m pip install --user --quiet --break-system-packages uv
	@$(UV) sync --frozen --quiet
	@touch $@

manifest: env
	@$(RUN) dagster-dbt project prepare-and-package --file orchestration/pipeline/dbt_project.py >/dev/null

run: env
	@$(RUN) regstat build

# The Debian packages the tests drive (PostgreSQL 15, Chromium + CJK font, Java 17): apt-get
# when missing, as root or through sudo -n; otherwise it says what to install.
system-deps:
	@.ci/system-packages

test: env system-deps
	@$(RUN) pytest

# The daemon runs the nightly schedule and the sensors; the UI listens on loopback only.
# Ctrl-C or SIGTERM stops both within 15 s (orchestration/pipeline/dagster_dev.py supervises dagster dev;
# the environment's Python directly, no `uv run` in between: `manifest` synced it). The
# instance config is copied in each time so the committed one wins.
serve: manifest
	@mkdir -p "$(DAGSTER_HOME)" && cp orchestration/deploy/dagster.yaml "$(DAGSTER_HOME)/dagster.yaml"
	@echo "Dagster UI: http://127.0.0.1:$(PORT)  (instance: $(DAGSTER_HOME); Ctrl-C stops)"
	@DAGSTER_HOME="$(DAGSTER_HOME)" exec .venv/bin/python -m orchestration.pipeline.dagster_dev -h 127.0.0.1 -p $(PORT)

# The review studio (issue 17, docs/review.md): loopback only; REVIEW_PORT=0 picks a free port.
review: env
	@exec $(RUN) regstat review --port $(REVIEW_PORT)

# PostgreSQL 15 from the system packages, data in warehouse/postgres/ (run as the
# `postgres` user when we are root); builds first if nothing is published yet.
bi: env
	@test -f warehouse/industry_stats.duckdb || $(RUN) regstat build --quiet
	@$(RUN) regstat bi load

docs: env
	@test -f warehouse/industry_stats.duckdb || $(RUN) regstat build --quiet
	@$(RUN) regstat docs

bi-stop: env
	@$(RUN) regstat bi stop

# The figure extractor (issue 6): quality against the curated figures, and speed.
eval-extract: env
	@$(RUN) regstat eval-extract --seen tests/extract/seen_while_developing.txt $(EVAL_DIRS)

# Structured data at scale (issue 5): results in warehouse/bench/*.json; the largest scale
# writes ~1 GB of Parquet under warehouse/bench/data and takes several minutes.
bench: manifest
	@$(RUN) python benchmarks/bench_scale.py

bench-extract: env
	@$(RUN) python benchmarks/bench_extract.py

clean:
	rm -rf warehouse/build warehouse/report warehouse/docs warehouse/*.duckdb dbt_project/target dbt_project/logs
