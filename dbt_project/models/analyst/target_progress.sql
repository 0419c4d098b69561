-- Targets with progress and status, named and quoted.
select
    p.status,
    r.name_zh as region_zh,
    i.name_zh as industry_zh,
    n.name_zh as indicator_zh,
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
    p.doc_id
from {{ ref('fct_target_progress') }} as p
inner join {{ ref('fct_figure') }} as t on p.target_figure_id = t.figure_id
left join {{ ref('fct_figure') }} as a on p.actual_figure_id = a.figure_id
inner join {{ ref('dim_region') }} as r on p.region_code = r.region_code
inner join {{ ref('dim_industry') }} as i on p.industry_code = i.industry_code
inner join {{ ref('dim_indicator') }} as n on p.indicator_code = n.indicator_code
