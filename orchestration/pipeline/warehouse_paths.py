"""Where a run reads raw/ and writes the warehouse, as a Dagster resource.

Unset, a folder is the environment's, read through orchestration/settings.py (the one place
environment variables are read) when the run starts, not when the definitions are imported;
a test or a deployment passes its own folders instead:
`dg.materialize([...], resources={"paths": WarehousePaths(raw_dir=..., warehouse_dir=...)})`.
Assets take their folders from it and hand them to library functions as arguments."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration import settings
from orchestration.publish.build_plan import input_digest_cache


class WarehousePaths(dg.ConfigurableResource):
    """The raw inputs folder and the warehouse folder of a run; every other path of the
    warehouse (build database, published file, report) follows from the second."""

    raw_dir: str | None = None
    warehouse_dir: str | None = None

    @property
    def raw(self) -> Path:
        return Path(self.raw_dir).resolve() if self.raw_dir is not None else settings.raw_dir()

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir).resolve() if self.warehouse_dir is not None else settings.warehouse_dir()

    @property
    def build_db(self) -> Path:
        return settings.build_db(self.warehouse)

    @property
    def published_db(self) -> Path:
        return settings.published_db(self.warehouse)

    @property
    def input_digests(self) -> Path:
        return input_digest_cache(self.warehouse)
