-- The latest reported actual of each indicator, by region and industry, with its quote.
with ranked as (
    select
        s.*,
        row_number() over (
            partition by s.region_code, s.industry_code, s.indicator_code, s.measure
            order by s.year desc, s.period desc, s.figure_id desc
        ) as recency
    from {{ ref('figure_series') }} as s
    where s.kind = 'actual'
)

select
    region_code,
    region_zh,
    industry_code,
    industry_zh,
    indicator_code,
    indicator_zh,
    measure,
    period,
    value,
    unit,
    qualifier,
    value_text,
    reported_unit,
    quote,
    doc_id,
    figure_id,
    region_en,
    industry_en,
    indicator_en,
    display_value,
    display_unit
from ranked
where recency = 1
