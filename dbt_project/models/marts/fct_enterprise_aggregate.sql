-- Enterprise data summed to every level of the region and industry hierarchies: amounts
-- of the monthly reports per complete calendar year (all twelve months present), and
-- register counts for the latest complete year. Long form, one value per indicator, so it
-- lines up with table values and document figures on (region, industry, period, indicator).
-- Summed as decimals and converted to double once, at the end: a sum of doubles depends on
-- the order it is taken in, which no engine promises.
with files as (
    select month, substr(month, 1, 4) as period from {{ ref('stg_raw__report_files') }}
),

complete_years as (
    select period from files group by period having count(*) = 12
),

amounts as (
    select m.region_code, m.industry_code, substr(m.month, 1, 4) as period,
           m.output_value, m.revenue
    from {{ ref('fct_industry_month') }} as m
    join complete_years as y on y.period = substr(m.month, 1, 4)
),

amount_facts as (
    select region_code, industry_code, period, 'output_value' as indicator_code,
           sum(output_value) as value
    from amounts group by region_code, industry_code, period
    union all
    select region_code, industry_code, period, 'operating_revenue' as indicator_code,
           sum(revenue) as value
    from amounts group by region_code, industry_code, period
),

register as (
    select e.*, y.period
    from {{ ref('stg_raw__enterprises') }} as e
    cross join (select max(period) as period from complete_years) as y
    where y.period is not null
),

count_facts as (
    {%- set flags = [
        ('enterprise_count', 'true'),
        ('above_scale_enterprise_count', 'above_scale'),
        ('high_tech_enterprise_count', 'high_tech'),
        ('specialized_sme_count', 'specialized'),
        ('gazelle_enterprise_count', 'gazelle'),
        ('single_champion_count', 'champion'),
    ] %}
    {%- for indicator, flag in flags %}
    select region_code, industry_code, period, '{{ indicator }}' as indicator_code,
           cast(sum(case when {{ flag }} then 1 else 0 end) as decimal(38, 2)) as value
    from register group by region_code, industry_code, period
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

base as (
    select * from amount_facts
    union all
    select * from count_facts
)

select
    r.ancestor_code as region_code,
    i.ancestor_code as industry_code,
    b.period,
    b.indicator_code,
    cast(sum(b.value) as double) as value,
    count(*) as base_cells
from base as b
join {{ ref('int_region_ancestors') }} as r on r.code = b.region_code
join {{ ref('int_industry_ancestors') }} as i on i.code = b.industry_code
group by r.ancestor_code, i.ancestor_code, b.period, b.indicator_code
