-- The latest vintage of every observation of every series, revisions marked.
select
    o.series_id,
    o.region_code,
    r.name_zh as region_zh,
    o.industry_code,
    o.indicator_code,
    n.name_zh as indicator_zh,
    o.measure,
    o.period,
    o.period_end,
    o.value,
    o.unit,
    o.value_text,
    o.reported_unit,
    o.vintage,
    o.vintage_count,
    first_.value as first_value,
    first_.vintage as first_vintage,
    o.value <> first_.value as is_revised,
    o.doc_id,
    o.figure_id,
    o.quote
from {{ ref('fct_series_observation') }} as o
inner join {{ ref('fct_series_observation') }} as first_
    on first_.series_id = o.series_id and first_.period = o.period and first_.vintage_number = 1
inner join {{ ref('dim_region') }} as r on r.region_code = o.region_code
inner join {{ ref('dim_indicator') }} as n on n.indicator_code = o.indicator_code
where o.is_latest_vintage
