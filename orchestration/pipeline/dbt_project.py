"""The dbt project, alone in its module: `dagster-dbt project prepare-and-package --file`
imports it, and the dbt assets need the manifest it prepares."""

from dagster_dbt import DbtProject

from orchestration.settings import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
dbt_project.prepare_if_dev()
