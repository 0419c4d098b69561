"""Region × industry × period tables (raw/tables/): a catalog, readers for long CSV (UTF-8
or GBK) and Parquet and for yearbook workbooks, and writers for the synthetic data."""

from orchestration.ingest.tables.catalog import TableSpec, load_catalog
from orchestration.ingest.tables.readers import TABLE_VALUE_COLUMNS, load_tables

__all__ = ["TABLE_VALUE_COLUMNS", "TableSpec", "load_catalog", "load_tables"]
