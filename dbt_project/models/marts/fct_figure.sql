-- One row per fact: a figure stated twice is one row here when its restatement check
-- passes (int_figures_canonical.is_agreeing_restatement), with the ids of those
-- restatements in `restated_by`, so summing `value` never double counts. A restatement
-- that disagrees is a fact of its own and stays (its check fails or warns).
with figures as (
    select * from {{ ref('int_figures_canonical') }}
),

restated_by as (
    select
        restates_figure_id as figure_id,
        {{ string_agg_ordered('figure_id', 'figure_id', ';') }} as restated_by
    from figures
    where is_agreeing_restatement
    group by restates_figure_id
)

select
    f.figure_id,
    f.doc_id,
    f.region_code,
    f.industry_code,
    f.indicator_code,
    f.measure,
    f.kind,
    f.period,
    f.period_start,
    f.period_end,
    f.value,
    f.value_low,
    f.value_high,
    f.unit,
    f.qualifier,
    f.qualifier = 'strive' as is_aspirational,
    f.reported_value,
    f.reported_unit,
    f.value_text,
    f.quote,
    f.subject_zh,
    r.restated_by
from figures as f
left join restated_by as r on r.figure_id = f.figure_id
where not f.is_agreeing_restatement
