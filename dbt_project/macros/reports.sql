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
