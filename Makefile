# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
UV ?= $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
export DAGSTER_DISABLE_TELEMETRY := 1
export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := False

.PHONY: run test env manifest clean help

help:
	@echo "make run    build, validate and publish the warehouse, print a summary"
	@echo "make test   run the whole test suite"
	@echo "make clean  remove build output (warehouse/*, dbt target)"

# uv itself is installed with pip when missing (into ~/.local; on a distribution Python
# that marks itself externally managed, PEP 668, that user install needs the flag); the
# environment comes from uv.lock.
env:
	@command -v uv >/dev/null 2>&1 || test -x "$(UV)" || python3 -m pip install --user --quiet uv \
		|| python3 -m pip install --user --quiet --break-system-packages uv
	@$(UV) sync --frozen --quiet

manifest: env
	@$(UV) run --frozen dagster-dbt project prepare-and-package --file orchestration/dbt_project.py >/dev/null

run: env
	@$(UV) run --frozen regstat build

test: env
	@$(UV) run --frozen pytest

clean:
	rm -rf warehouse/build warehouse/reports warehouse/*.duckdb dbt_project/target dbt_project/logs
