-- Every statement of a figure in canonical units (CNY, kW, count, percent, ...), with its
-- interval bounds, and whether it restates an earlier statement of the same fact.
with figures as (
    select * from {{ ref('stg_raw__figures') }}
),

units as (
    select * from {{ ref('stg_raw__units') }}
),

restatements as (
    select
        restated.figure_id,
        first_statement.figure_id as restates_figure_id
    from {{ ref('stg_raw__relations') }} as relations
    inner join {{ ref('stg_raw__relation_members') }} as first_statement
        on first_statement.relation_id = relations.relation_id and first_statement.position = 1
    inner join {{ ref('stg_raw__relation_members') }} as restated
        on restated.relation_id = relations.relation_id and restated.position = 2
    where relations.kind = 'restatement'
)

select
    figures.figure_id,
    figures.doc_id,
    figures.region_code,
    figures.industry_code,
    figures.indicator_code,
    figures.measure,
    figures.kind,
    figures.period,
    figures.period_start,
    figures.period_end,
    figures.reported_value * units.factor as value,
    figures.reported_low * units.factor as value_low,
    figures.reported_high * units.factor as value_high,
    units.canonical_unit as unit,
    figures.qualifier,
    figures.reported_value,
    figures.reported_unit,
    figures.value_text,
    figures.quote,
    figures.quote_offset,
    figures.subject_zh,
    figures.source_file,
    figures.source_line,
    restatements.restates_figure_id,
    restatements.restates_figure_id is not null as is_restatement
from figures
inner join units on units.unit = figures.reported_unit
left join restatements on restatements.figure_id = figures.figure_id
