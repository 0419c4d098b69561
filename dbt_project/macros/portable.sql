{# SQL that differs between engines lives here, dispatched by adapter, so models stay
   one code base. Defaults are DuckDB / ANSI; spark__ versions are Spark SQL 3.5 (the
   `spark` target, docs/spark.md lists what models must avoid or wrap). #}

{# +inf as a double: both engines parse 'Infinity'; Spark's shorter spelling is kept apart
   should an engine need its own. #}
{% macro infinity() -%}
    {{ return(adapter.dispatch('infinity', 'regstat')()) }}
{%- endmacro %}
{% macro default__infinity() -%}cast('Infinity' as double){%- endmacro %}
{% macro spark__infinity() -%}double('Infinity'){%- endmacro %}

{# The text type for casts: DuckDB says varchar, Spark string (Spark's varchar needs a
   length; dbt.type_string() gives TEXT, which Spark does not know). #}
{% macro string_type() -%}
    {{ return(adapter.dispatch('string_type', 'regstat')()) }}
{%- endmacro %}
{% macro default__string_type() -%}varchar{%- endmacro %}
{% macro spark__string_type() -%}string{%- endmacro %}

{# Ordered string aggregation: DuckDB has string_agg(x, sep order by y); Spark has no
   ordered aggregate, so collect (key, value) pairs, sort, join. NULL when every value is
   NULL, as string_agg. #}
{% macro string_agg_ordered(expr, order_by, sep=', ') -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'regstat')(expr, order_by, sep)) }}
{%- endmacro %}
{% macro default__string_agg_ordered(expr, order_by, sep) -%}
    string_agg({{ expr }}, '{{ sep }}' order by {{ order_by }})
{%- endmacro %}
{% macro spark__string_agg_ordered(expr, order_by, sep) -%}
    case when count({{ expr }}) > 0 then array_join(transform(array_sort(collect_list(
        case when ({{ expr }}) is not null then named_struct('k', {{ order_by }}, 'v', {{ expr }}) end)), x -> x.v), '{{ sep }}') end
{%- endmacro %}

{# Numbers in check messages: 4 decimals, infinities spelled out. DuckDB's double→varchar
   is the shortest round trip (7000000.0); Spark's is Java's (7.0E6): Spark goes through
   decimal(38,4) and trims the zeros, which agrees with DuckDB below 1e15. #}
{% macro fmt_num(expr) -%}
    {{ return(adapter.dispatch('fmt_num', 'regstat')(expr)) }}
{%- endmacro %}
{% macro default__fmt_num(expr) -%}
    case when isinf({{ expr }}) then (case when {{ expr }} > 0 then '+inf' else '-inf' end)
         else cast(round({{ expr }}, 4) as varchar) end
{%- endmacro %}
{% macro spark__fmt_num(expr) -%}
    case when {{ expr }} = double('Infinity') then '+inf' when {{ expr }} = double('-Infinity') then '-inf'
         else regexp_replace(regexp_replace(cast(cast(round({{ expr }}, 4) as decimal(38, 4)) as string), '0+$', ''), '[.]$', '.0') end
{%- endmacro %}

{# The year of a date as bigint: DuckDB's year() is bigint, Spark's int (one mart type on
   both engines). #}
{% macro year_of(expr) -%}
    {{ return(adapter.dispatch('year_of', 'regstat')(expr)) }}
{%- endmacro %}
{% macro default__year_of(expr) -%}year({{ expr }}){%- endmacro %}
{% macro spark__year_of(expr) -%}cast(year({{ expr }}) as bigint){%- endmacro %}

{# One row per item of a delimited list (in a select list): DuckDB unnests a
   string_split, Spark explodes a split (whose separator is a regular expression, hence
   the quoting). A NULL list gives no rows on both. #}
{% macro explode_list(expr, sep) -%}
    {{ return(adapter.dispatch('explode_list', 'regstat')(expr, sep)) }}
{%- endmacro %}
{% macro default__explode_list(expr, sep) -%}unnest(string_split({{ expr }}, '{{ sep }}')){%- endmacro %}
{% macro spark__explode_list(expr, sep) -%}explode(split({{ expr }}, '\\Q{{ sep }}\\E')){%- endmacro %}
