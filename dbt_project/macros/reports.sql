{# The enterprise report rows of the given Parquet files (uscc, month, output_value,
   revenue in 万元), read where they lie: 60 million rows are never copied into the
   database. #}
{% macro report_rows(paths) -%}
    {{ return(adapter.dispatch('report_rows', 'regstat')(paths)) }}
{%- endmacro %}
{% macro default__report_rows(paths) -%}
    {%- if paths | length == 0 -%}
    (select cast(null as varchar) as uscc, cast(null as varchar) as month,
            cast(null as double) as output_value, cast(null as double) as revenue where false)
    {%- else -%}
    read_parquet([{% for p in paths %}'{{ p }}'{{ ', ' if not loop.last }}{% endfor %}], hive_partitioning = false)
    {%- endif -%}
{%- endmacro %}
