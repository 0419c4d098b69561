{# SQL that differs between engines lives here, dispatched by adapter, so models stay
   one code base. Defaults are DuckDB / ANSI. #}

{% macro infinity() -%}
    {{ return(adapter.dispatch('infinity', 'regstat')()) }}
{%- endmacro %}
{% macro default__infinity() -%}cast('Infinity' as double){%- endmacro %}

{% macro string_agg_ordered(expr, order_by, sep=', ') -%}
    {{ return(adapter.dispatch('string_agg_ordered', 'regstat')(expr, order_by, sep)) }}
{%- endmacro %}
{% macro default__string_agg_ordered(expr, order_by, sep) -%}
    string_agg({{ expr }}, '{{ sep }}' order by {{ order_by }})
{%- endmacro %}

{% macro fmt_num(expr) -%}
    {{ return(adapter.dispatch('fmt_num', 'regstat')(expr)) }}
{%- endmacro %}
{# Numbers in check messages: 4 significant decimals, infinities spelled out. #}
{% macro default__fmt_num(expr) -%}
    case when isinf({{ expr }}) then (case when {{ expr }} > 0 then '+inf' else '-inf' end)
         else cast(round({{ expr }}, 4) as varchar) end
{%- endmacro %}
