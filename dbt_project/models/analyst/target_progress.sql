-- Every target with its status, named in Chinese and English, in its display unit, with
-- both quotes, and for a target that cannot be judged what is missing to judge it.
with actual_series as (
    -- the (indicator, measure) series the documents do give actuals for, and where
    select distinct indicator_code, measure, region_en || ' · ' || industry_en as series_where
    from {{ ref('figure_series') }}
    where kind = 'actual'
),

available as (
    select indicator_code, measure, {{ string_agg_ordered('series_where', 'series_where', '; ') }} as actuals_elsewhere
    from actual_series
    group by indicator_code, measure
)

select
    p.status,
    t.region_zh,
    t.industry_zh,
    t.indicator_zh,
    p.measure,
    p.target_period,
    p.target_value,
    p.target_qualifier,
    p.unit,
    p.actual_period,
    p.actual_value,
    p.required_annual_growth,
    p.observed_annual_growth,
    p.status_reason,
    t.quote as target_quote,
    a.quote as actual_quote,
    p.region_code,
    p.industry_code,
    p.indicator_code,
    p.target_figure_id,
    p.actual_figure_id,
    p.doc_id,
    t.region_en,
    t.industry_en,
    t.indicator_en,
    t.display_unit,
    t.display_value as target_display,
    p.actual_value / du.factor as actual_display,
    p.is_aspirational,
    p.observed_growth_source,
    p.status <> 'no_comparable_actual' as judged,
    case
        when p.status <> 'no_comparable_actual' then null
        when p.measure = 'increment' then
            'the level of ' || t.indicator_en || ' (' || t.region_en || ', ' || t.industry_en || ') at the start of the period '
            || p.target_period || ' and a later one: an increment target is judged on the change between two levels'
        else
            'an actual ' || t.indicator_en || ' (' || p.measure || ') of ' || t.region_en || ', ' || t.industry_en
            || ' dated before ' || p.target_period
            || coalesce('; the documents give this series only for: ' || av.actuals_elsewhere, '; no document gives this series at all')
    end as missing
from {{ ref('fct_target_progress') }} as p
inner join {{ ref('figure_series') }} as t on p.target_figure_id = t.figure_id
left join {{ ref('fct_figure') }} as a on p.actual_figure_id = a.figure_id
inner join {{ ref('dim_unit') }} as du on du.unit = t.display_unit
left join available as av on av.indicator_code = p.indicator_code and av.measure = p.measure
