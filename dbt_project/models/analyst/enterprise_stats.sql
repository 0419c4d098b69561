-- Enterprise counts and amounts of the register and the monthly reports, one row per
-- region × industry × year at every level of both hierarchies (fct_enterprise_aggregate
-- pivoted), named in Chinese and English, money also in 亿元. Counts come from the
-- register for its latest complete year only; amounts for every complete year.
with pivoted as (
    select
        region_code,
        industry_code,
        period,
        {%- for indicator in ['enterprise_count', 'above_scale_enterprise_count', 'high_tech_enterprise_count',
                              'specialized_sme_count', 'gazelle_enterprise_count', 'single_champion_count',
                              'output_value', 'operating_revenue'] %}
        max(case when indicator_code = '{{ indicator }}' then value end) as {{ indicator }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ ref('fct_enterprise_aggregate') }}
    group by region_code, industry_code, period
)

select
    p.region_code,
    r.name_zh as region_zh,
    r.name_en as region_en,
    r.level as region_level,
    r.parent_code as parent_region_code,
    p.industry_code,
    i.name_zh as industry_zh,
    i.name_en as industry_en,
    cast(p.period as integer) as year,
    cast(p.enterprise_count as bigint) as enterprise_count,
    cast(p.above_scale_enterprise_count as bigint) as above_scale_enterprise_count,
    cast(p.high_tech_enterprise_count as bigint) as high_tech_enterprise_count,
    cast(p.specialized_sme_count as bigint) as specialized_sme_count,
    cast(p.gazelle_enterprise_count as bigint) as gazelle_enterprise_count,
    cast(p.single_champion_count as bigint) as single_champion_count,
    p.output_value as output_value_cny,
    p.output_value / 1e8 as output_value_yi,
    p.operating_revenue as operating_revenue_cny,
    p.operating_revenue / 1e8 as operating_revenue_yi
from pivoted as p
inner join {{ ref('dim_region') }} as r on p.region_code = r.region_code
inner join {{ ref('dim_industry') }} as i on p.industry_code = i.industry_code
