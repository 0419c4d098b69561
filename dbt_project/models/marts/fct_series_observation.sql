-- One row per observation of a series (region, industry, indicator, measure) for a period,
-- as one document published it: its vintage is the document's publication date (ALFRED's
-- realtime period: known_from, superseded_on). A document stating the same observation
-- twice (a restatement, agreeing or not) gives one row, its first statement. Targets are
-- plans, not observations: fct_target_progress follows them up.
with figures as (
    select * from {{ ref('int_figures_canonical') }}
    where kind <> 'target'
),

documents as (
    select doc_id, published_on from {{ ref('stg_raw__documents') }}
),

first_in_document as (
    select
        f.*,
        d.published_on as vintage,
        row_number() over (
            partition by f.region_code, f.industry_code, f.indicator_code, f.measure, f.period, f.doc_id
            order by case when f.is_restatement then 1 else 0 end, f.source_line, f.figure_id
        ) as nth_in_document
    from figures as f
    inner join documents as d on d.doc_id = f.doc_id
),

vintages as (
    select
        *,
        -- two documents of one day: the later doc_id is the later vintage (deterministic)
        row_number() over (
            partition by region_code, industry_code, indicator_code, measure, period
            order by vintage, doc_id
        ) as vintage_number,
        count(*) over (
            partition by region_code, industry_code, indicator_code, measure, period
        ) as vintage_count,
        lead(vintage) over (
            partition by region_code, industry_code, indicator_code, measure, period
            order by vintage, doc_id
        ) as next_vintage,
        lag(value) over (
            partition by region_code, industry_code, indicator_code, measure, period
            order by vintage, doc_id
        ) as previous_value
    from first_in_document
    where nth_in_document = 1
)

select
    region_code || '|' || industry_code || '|' || indicator_code || '|' || measure as series_id,
    region_code,
    industry_code,
    indicator_code,
    measure,
    kind,
    period,
    period_start,
    period_end,
    vintage,
    -- row_number() is an int on one engine and a bigint on another: one type everywhere
    cast(vintage_number as bigint) as vintage_number,
    cast(vintage_count as bigint) as vintage_count,
    vintage_number = vintage_count as is_latest_vintage,
    vintage as known_from,
    next_vintage as superseded_on,
    doc_id,
    figure_id,
    value,
    value_low,
    value_high,
    unit,
    qualifier,
    value_text,
    reported_value,
    reported_unit,
    quote,
    previous_value,
    value - previous_value as revision,
    case when previous_value <> 0 then (value - previous_value) / abs(previous_value) end as revision_share
from vintages
