{# The enterprise report rows of the given Parquet files (uscc, month, output_value,
   revenue in 万元), read where they lie: 60 million rows are never copied into the
   database. #}
{% macro report_rows(paths) -%}
    {{ return(adapter.dispatch('report_rows', 'regstat')(paths)) }}
{%- endmacro %}
{% macro default__report_rows(paths) -%}
    {%- if paths | length == 0 -%}
    (select cast(null as {{ string_type() }}) as uscc, cast(null as {{ string_type() }}) as month,
            cast(null as double) as output_value, cast(null as double) as revenue where false)
    {%- else -%}
    read_parquet([{% for p in paths %}'{{ p }}'{{ ', ' if not loop.last }}{% endfor %}], hive_partitioning = false)
    {%- endif -%}
{%- endmacro %}
{# Spark reads a Parquet file by path in SQL (parquet.`path`); a union of one read per
   month keeps each file's own `month` column, where reading the folder would make the
   month=YYYY-MM directories a second, partition `month` column. #}
{% macro spark__report_rows(paths) -%}
    {%- if paths | length == 0 -%}
    (select cast(null as string) as uscc, cast(null as string) as month,
            cast(null as double) as output_value, cast(null as double) as revenue where false)
    {%- else -%}
    ({% for p in paths %}select uscc, month, output_value, revenue from parquet.`{{ p }}`{{ ' union all ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}

{# How a model summed month by month is materialized: incremental where the engine can
   delete and insert (DuckDB: only new or changed months are read), rebuilt whole where
   the table format cannot delete rows (Spark's plain Parquet tables; docs/spark.md). On a
   rebuild is_incremental() is false, so the model reads every month and its pre-hook does
   nothing. #}
{% macro by_month_materialization() -%}
    {{ return(adapter.dispatch('by_month_materialization', 'regstat')()) }}
{%- endmacro %}
{% macro default__by_month_materialization() -%}{{ return('incremental') }}{%- endmacro %}
{% macro spark__by_month_materialization() -%}{{ return('table') }}{%- endmacro %}
