"""Resources shared by the assets."""

from dagster_dbt import DbtCliResource

from orchestration.publish.build_lock import BuildLock
from orchestration.pipeline.dbt_project import dbt_project
from orchestration.pipeline.engines import WarehouseEngine
from orchestration.pipeline.warehouse_paths import WarehousePaths
from orchestration.settings import DBT_EXECUTABLE

resources = {
    "dbt": DbtCliResource(project_dir=dbt_project, dbt_executable=DBT_EXECUTABLE),
    "build_lock": BuildLock(),
    # duckdb unless REGSTAT_ENGINE or the run config says otherwise (docs/spark.md)
    "engine": WarehouseEngine.configure_at_launch(),
    # raw/ and warehouse/ of the environment (settings); tests and deployments pass their own
    "paths": WarehousePaths(),
}
