-- Growth across years, one row per annual change a document states with its own level of
-- that year: a growth rate (the level against last year's level x (1 + growth)) or an
-- increment on last year (比上年(末)增加 2.5万人: the level against last year's level +
-- the increment). Last year's level is its latest vintage known when the document was
-- published (the document's own restatement, if it gives one). A growth rate stated in real
-- terms (按可比价格 / 不变价, or an indicator by convention stated so, dbt var
-- series_real_growth_indicators) is not compared with nominal levels; `not_compared_reason`
-- says why. An increment is a difference of the stated levels, so it is always compared;
-- only one stated against last year (比上年 / 较上年 in its quote) counts, since an
-- increment such as 新增企业232户 counts gross additions, not the change of a level.
with observations as (
    select * from {{ ref('fct_series_observation') }}
),

growth as (
    select * from observations
    where length(period) = 4
        and (measure = 'yoy_growth'
            or (measure = 'increment' and (quote like '%比上年%' or quote like '%较上年%')))
),

levels as (
    select * from observations
    where measure = 'level' and length(period) = 4
),

-- last year's level as known at the growth document's publication: its latest vintage on
-- or before that date
previous_known as (
    select
        g.figure_id as growth_figure_id,
        p.figure_id as previous_figure_id,
        row_number() over (partition by g.figure_id order by p.vintage desc, p.doc_id desc) as recency
    from growth as g
    inner join levels as p
        on p.region_code = g.region_code
        and p.industry_code = g.industry_code
        and p.indicator_code = g.indicator_code
        and {{ year_of('p.period_end') }} = {{ year_of('g.period_end') }} - 1
        and (p.vintage < g.vintage or (p.vintage = g.vintage and p.doc_id <= g.doc_id))
)

select
    g.figure_id as growth_figure_id,
    g.doc_id,
    g.vintage,
    g.region_code,
    g.industry_code,
    g.indicator_code,
    g.period,
    cur.figure_id as level_figure_id,
    prev.figure_id as previous_figure_id,
    prev.doc_id as previous_doc_id,
    prev.vintage as previous_vintage,
    cur.value_low as level_low,
    cur.value_high as level_high,
    g.measure as change_measure,
    case when g.measure = 'increment' then prev.value_low + g.value_low
        else prev.value_low * (1 + g.value_low / 100) end as expected_low,
    case when g.measure = 'increment' then prev.value_high + g.value_high
        else prev.value_high * (1 + g.value_high / 100) end as expected_high,
    cur.unit = prev.unit
        and (g.measure <> 'increment' or g.unit = cur.unit or (g.unit = 'percentage_point' and cur.unit = 'percent'))
        as units_agree,
    g.quote as growth_quote,
    cur.quote as level_quote,
    prev.quote as previous_quote,
    g.value_text as growth_text,
    case when g.measure = 'increment' then '+ ' || g.value_text || g.reported_unit
        else 'x (1 + ' || g.value_text || '%)' end as change_text,
    cur.value_text || cur.reported_unit as level_text,
    prev.value_text || prev.reported_unit as previous_text,
    case
        when g.measure <> 'yoy_growth' then null
        when g.quote like '%可比价%' or g.quote like '%不变价%' then 'growth stated at comparable prices (按可比价格, real), the levels are nominal: not compared'
        {%- for indicator in var('series_real_growth_indicators') %}
        when g.indicator_code = '{{ indicator }}' then 'growth of {{ indicator }} is stated at comparable prices (real) by convention (var series_real_growth_indicators), the levels are nominal: not compared'
        {%- endfor %}
    end as not_compared_reason
from growth as g
-- this year's level, stated by the same document
inner join levels as cur
    on cur.doc_id = g.doc_id
    and cur.region_code = g.region_code
    and cur.industry_code = g.industry_code
    and cur.indicator_code = g.indicator_code
    and cur.period = g.period
inner join previous_known as pk on pk.growth_figure_id = g.figure_id and pk.recency = 1
inner join levels as prev on prev.figure_id = pk.previous_figure_id
