{# No two rows share the same values in `columns` (dbt has no built-in for this, and
   packages such as dbt_utils cannot be downloaded here). #}
{% test unique_combination(model, columns) %}
select {{ columns | join(', ') }}
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{% endtest %}
