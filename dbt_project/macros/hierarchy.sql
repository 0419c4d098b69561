{# (code, ancestor_code, depth) for every node of a parent-pointer table and each of its
   ancestors, itself included at depth 0. Fixed-depth joins instead of a recursive CTE,
   which not every engine has; reference hierarchies here are at most five levels deep. #}
{% macro ancestors(relation, key, parent, max_depth=5) -%}
    {%- for depth in range(max_depth + 1) %}
    select n0.{{ key }} as code, n{{ depth }}.{{ key }} as ancestor_code, {{ depth }} as depth
    from {{ relation }} as n0
    {%- for i in range(1, depth + 1) %}
    join {{ relation }} as n{{ i }} on n{{ i }}.{{ key }} = n{{ i - 1 }}.{{ parent }}
    {%- endfor %}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
