{# Join the figure playing the role at `position` of relation `r` (docs/curation.md gives
   the roles of each kind) from the CTE `members`; with mode 'after', every figure after
   that position. Used by int_rule_evaluations, one join per role. #}
{% macro relation_member(alias, position, mode='at') -%}
inner join members as {{ alias }}
        on {{ alias }}.relation_id = r.relation_id and {{ alias }}.position {{ '=' if mode == 'at' else '>' }} {{ position }}
{%- endmacro %}
