-- Each target against the latest comparable actual: same region, industry, indicator and
-- measure (output value is not revenue; a cluster is not the city), dated before the
-- target's period.
with figures as (
    select * from {{ ref('fct_figure') }}
),

targets as (
    select * from figures where kind = 'target'
),

actuals as (
    select * from figures where kind = 'actual'
),

latest_actual as (
    select
        t.figure_id as target_figure_id,
        a.figure_id as actual_figure_id,
        a.value as actual_value,
        a.period as actual_period,
        a.period_end as actual_period_end,
        row_number() over (
            partition by t.figure_id order by a.period_end desc, a.figure_id
        ) as recency
    from targets as t
    inner join actuals as a
        on a.region_code = t.region_code
        and a.industry_code = t.industry_code
        and a.indicator_code = t.indicator_code
        and a.measure = t.measure
        and a.period_end < t.period_end
),

-- a growth rate stated for the same series and period as the actual (the first stated,
-- should a document give two)
stated_growth as (
    select region_code, industry_code, indicator_code, period, value as growth
    from (
        select
            *,
            row_number() over (
                partition by region_code, industry_code, indicator_code, period order by figure_id
            ) as nth
        from figures
        where kind = 'growth_rate' and measure = 'yoy_growth'
    ) as growth_rates
    where nth = 1
),

-- the actual before the latest one, for the observed growth when none is stated (a join,
-- not a correlated subquery, which not every engine runs)
previous_actual as (
    select prev_la.target_figure_id, prev.value, prev.period_end
    from latest_actual as prev_la
    inner join actuals as prev on prev.figure_id = prev_la.actual_figure_id
    where prev_la.recency = 2 and prev.value > 0
),

-- follow-up (issue 19): the actual of the target's own series and period that later
-- documents report, its latest vintage; the document of that vintage judged the target
target_vintages as (
    select t.figure_id, d.published_on
    from targets as t
    inner join {{ ref('stg_raw__documents') }} as d on d.doc_id = t.doc_id
),

follow_up as (
    select
        tv.figure_id as target_figure_id,
        o.figure_id as outcome_figure_id,
        o.doc_id as outcome_doc_id,
        o.vintage as outcome_vintage,
        o.value as outcome_value,
        o.value_low as outcome_low,
        o.value_high as outcome_high,
        o.quote as outcome_quote,
        row_number() over (partition by tv.figure_id order by o.vintage desc, o.doc_id desc) as recency
    from targets as t
    inner join target_vintages as tv on tv.figure_id = t.figure_id
    inner join {{ ref('fct_series_observation') }} as o
        on o.region_code = t.region_code
        and o.industry_code = t.industry_code
        and o.indicator_code = t.indicator_code
        and o.measure = t.measure
        and o.period = t.period
        and o.unit = t.unit
        and o.vintage > tv.published_on
),

paired as (
    select
        t.*,
        la.actual_figure_id,
        la.actual_value,
        la.actual_period,
        {{ year_of('t.period_end') }} - {{ year_of('la.actual_period_end') }} as years_to_target,
        sg.growth as stated_growth,
        -- otherwise the compound growth from the previous actual of the series
        case
            when {{ year_of('la.actual_period_end') }} > {{ year_of('prev.period_end') }}
                then power(la.actual_value / prev.value, 1.0 / ({{ year_of('la.actual_period_end') }} - {{ year_of('prev.period_end') }})) * 100 - 100
        end as computed_growth,
        fu.outcome_figure_id,
        fu.outcome_doc_id,
        fu.outcome_vintage,
        fu.outcome_value,
        fu.outcome_low,
        fu.outcome_high,
        fu.outcome_quote
    from targets as t
    left join follow_up as fu on fu.target_figure_id = t.figure_id and fu.recency = 1
    left join latest_actual as la
        on la.target_figure_id = t.figure_id and la.recency = 1
    left join previous_actual as prev
        on prev.target_figure_id = t.figure_id
    left join stated_growth as sg
        on sg.region_code = t.region_code
        and sg.industry_code = t.industry_code
        and sg.indicator_code = t.indicator_code
        and sg.period = la.actual_period
),

measured as (
    select
        *,
        case
            when measure = 'level' and actual_value > 0 and years_to_target > 0
                then power(value / actual_value, 1.0 / years_to_target) * 100 - 100
        end as required_annual_growth,
        coalesce(stated_growth, computed_growth) as observed_annual_growth,
        case
            when stated_growth is not null then 'stated'
            when computed_growth is not null then 'computed'
        end as observed_growth_source
    from paired
)

select
    figure_id as target_figure_id,
    doc_id,
    region_code,
    industry_code,
    indicator_code,
    measure,
    unit,
    value as target_value,
    period as target_period,
    qualifier as target_qualifier,
    is_aspirational,
    actual_figure_id,
    actual_value,
    actual_period,
    years_to_target,
    required_annual_growth,
    observed_annual_growth,
    observed_growth_source,
    case
        when actual_figure_id is null then 'no_comparable_actual'
        when actual_value >= value then 'on_track'
        when required_annual_growth is null or observed_annual_growth is null then 'at_risk'
        when observed_annual_growth >= required_annual_growth then 'on_track'
        when observed_annual_growth >= required_annual_growth - {{ var('at_risk_margin_pp') }} then 'at_risk'
        else 'off_track'
    end as status,
    case
        when actual_figure_id is null then 'no actual of the same region, industry, indicator and measure before the target period'
        when actual_value >= value then 'the latest actual already reaches the target'
        when required_annual_growth is null then 'target is not a level: no growth path to compare'
        when observed_annual_growth is null then 'no observed growth for the series'
        else 'observed vs required annual growth'
    end as status_reason,
    outcome_figure_id,
    outcome_doc_id,
    outcome_vintage,
    outcome_value,
    outcome_quote,
    -- interval-aware: a ceiling (up_to) is met when the actual can be at or below it, any
    -- other target when the actual can reach it
    case
        when outcome_figure_id is null then null
        when qualifier = 'up_to' then case when outcome_low <= value_high then 'met' else 'missed' end
        when outcome_high >= value_low then 'met'
        else 'missed'
    end as outcome
from measured
