-- Every figure as one point of a time series, named in Chinese and English, in its
-- canonical unit and in a display unit an analyst reads (亿元 for money, else the unit the
-- document wrote), with its bounds, document and quote. The one table to filter: a growth
-- rate and a level share an indicator but never a (measure, kind).
with figures as (
    select
        f.*,
        -- money in 亿元 so a series compares across documents that wrote 万元 or 亿元
        case when f.unit = 'CNY' then '亿元' else f.reported_unit end as display_unit
    from {{ ref('fct_figure') }} as f
)

select
    f.region_code,
    r.name_zh as region_zh,
    r.name_en as region_en,
    f.industry_code,
    i.name_zh as industry_zh,
    i.name_en as industry_en,
    f.indicator_code,
    n.name_zh as indicator_zh,
    n.name_en as indicator_en,
    f.measure,
    f.kind,
    f.period,
    {{ year_of('coalesce(f.period_end, f.period_start)') }} as year,
    f.value,
    f.unit,
    f.value / u.factor as display_value,
    f.display_unit,
    f.qualifier,
    f.value_low,
    f.value_high,
    f.value_low / u.factor as display_low,
    f.value_high / u.factor as display_high,
    f.is_aspirational,
    f.value_text,
    f.reported_unit,
    f.subject_zh,
    f.quote,
    f.doc_id,
    d.title as doc_title,
    d.published_on,
    f.figure_id
from figures as f
inner join {{ ref('dim_unit') }} as u on u.unit = f.display_unit
inner join {{ ref('dim_region') }} as r on f.region_code = r.region_code
inner join {{ ref('dim_industry') }} as i on f.industry_code = i.industry_code
inner join {{ ref('dim_indicator') }} as n on f.indicator_code = n.indicator_code
inner join {{ ref('dim_document') }} as d on f.doc_id = d.doc_id
