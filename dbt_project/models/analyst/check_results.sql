{{ config(tags=['build_database']) }}
-- Every check result with the quotes of the figures it checked.
with checked_figures as (
    select check_id, {{ explode_list('figure_ids', ';') }} as figure_id
    from {{ ref('fct_check_result') }}
),

quotes as (
    select
        cf.check_id,
        {{ string_agg_ordered("f.figure_id || ': ' || f.quote", "f.figure_id", " | ") }} as figure_quotes
    from checked_figures as cf
    inner join {{ ref('fct_figure') }} as f on f.figure_id = cf.figure_id
    group by cf.check_id
)

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
    q.figure_quotes,
    c.doc_id,
    case c.status when 'fail' then 0 when 'warn' then 1 else 2 end as status_order
from {{ ref('fct_check_result') }} as c
left join quotes as q on q.check_id = c.check_id
