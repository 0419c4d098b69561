{#- Every non-null value of the column matches `pattern` (a regular expression, anchored
    with ^ and $). A dbt test, not an expectation: Great Expectations has no regex on DuckDB. -#}
{% test matches_pattern(model, column_name, pattern) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
  and not {% if target.type == 'spark' -%}
    ({{ column_name }} rlike '{{ pattern }}')
  {%- else -%}
    regexp_full_match({{ column_name }}, '{{ pattern }}')
  {%- endif %}
{% endtest %}
