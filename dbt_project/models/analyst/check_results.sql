{{ config(tags=['post_validation']) }}
-- Every check result with the quotes of the figures it checked.
select
    c.status,
    c.severity,
    c.rule,
    c.check_id,
    c.observed,
    c.expected,
    c.tolerance,
    c.message,
    c.figure_ids,
    (
        select {{ string_agg_ordered("f.figure_id || ': ' || f.quote", "f.figure_id", " | ") }}
        from {{ ref('fct_figure') }} as f
        where ';' || c.figure_ids || ';' like '%;' || f.figure_id || ';%'  -- portable list membership
    ) as figure_quotes,
    c.doc_id,
    case c.status when 'fail' then 0 when 'warn' then 1 else 2 end as status_order
from {{ ref('fct_check_result') }} as c
