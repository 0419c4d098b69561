{# Where the Dagster assets leave the sources for an engine that cannot read the build
   database: Parquet files, one folder per table, <root>/<schema>/<table>/
   (orchestration/pipeline/engines.py writes them; REGSTAT_SPARK_SOURCES moves the root). #}
{% macro spark_sources_root() -%}
    {{- env_var('REGSTAT_SPARK_SOURCES', env_var('REGSTAT_WAREHOUSE_DIR', '../warehouse') ~ '/spark/sources') -}}
{%- endmacro %}

{# on-run-start (dbt_project.yml): make the sources the selected models read queryable.
   DuckDB reads them from the build database, so nothing to do; Spark gets them as
   external Parquet tables of its catalog, registered anew on every run so a rewritten
   file is read whole. Only the sources of the selected nodes: the validation outcomes do
   not exist yet when the first pass runs. #}
{% macro register_sources() -%}
    {{ return(adapter.dispatch('register_sources', 'regstat')()) }}
{%- endmacro %}
{% macro default__register_sources() -%}{%- endmacro %}
{% macro spark__register_sources() -%}
    {%- if execute -%}
        {%- set wanted = [] -%}
        {%- for unique_id in selected_resources -%}
            {%- set node = graph.nodes.get(unique_id) -%}
            {%- for parent in (node.depends_on.nodes if node else []) -%}
                {%- if parent.startswith('source.') and parent not in wanted -%}{%- do wanted.append(parent) -%}{%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
        {%- for unique_id in wanted | sort -%}
            {%- set src = graph.sources[unique_id] -%}
            {%- do spark_ddl('create database if not exists ' ~ src.schema) -%}
            {%- do spark_ddl('drop table if exists ' ~ src.schema ~ '.' ~ src.identifier) -%}
            {%- do spark_ddl('create table ' ~ src.schema ~ '.' ~ src.identifier ~ " using parquet location '"
                             ~ spark_sources_root() ~ '/' ~ src.schema ~ '/' ~ src.identifier ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{# A statement whose result is not fetched: DDL through a Thrift server returns no result
   set, which run_query would try to read. #}
{% macro spark_ddl(sql) -%}
    {%- call statement('spark_ddl', fetch_result=False) -%}{{ sql }}{%- endcall -%}
{%- endmacro %}
