-- The latest reported actual of each indicator, by region and industry, with its quote.
with ranked as (
    select
        f.*,
        row_number() over (
            partition by f.region_code, f.industry_code, f.indicator_code, f.measure
            order by f.period_end desc, f.figure_id desc
        ) as recency
    from {{ ref('fct_figure') }} as f
    where f.kind = 'actual'
)

select
    r.region_code,
    r.name_zh as region_zh,
    i.industry_code,
    i.name_zh as industry_zh,
    n.indicator_code,
    n.name_zh as indicator_zh,
    ranked.measure,
    ranked.period,
    ranked.value,
    ranked.unit,
    ranked.qualifier,
    ranked.value_text,
    ranked.reported_unit,
    ranked.quote,
    ranked.doc_id,
    ranked.figure_id
from ranked
inner join {{ ref('dim_region') }} as r on ranked.region_code = r.region_code
inner join {{ ref('dim_industry') }} as i on ranked.industry_code = i.industry_code
inner join {{ ref('dim_indicator') }} as n on ranked.indicator_code = n.indicator_code
where ranked.recency = 1
