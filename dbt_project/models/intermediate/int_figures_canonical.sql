-- Every statement of a figure in canonical units (CNY, kW, count, percent, ...), with its
-- interval bounds, whether it restates an earlier statement of the same fact, and whether
-- that restatement agrees with it (only an agreeing one leaves fct_figure).
with figures as (
    select * from {{ ref('stg_raw__figures') }}
),

units as (
    select * from {{ ref('stg_raw__units') }}
),

-- ingest guarantees each statement restates at most one first statement, itself not a
-- restatement (no self-references, cycles or chains)
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
),

statements as (
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
        figures.source_line
    from figures
    inner join units on units.unit = figures.reported_unit
),

compared as (
    select
        s.*,
        r.restates_figure_id,
        -- the attributes a restatement must share with its first statement (the restatement
        -- rule of int_rule_evaluations compares exactly these); null when not a restatement
        case when r.restates_figure_id is not null then
            coalesce(first_.reported_value = s.reported_value
                and first_.reported_unit = s.reported_unit
                and first_.qualifier = s.qualifier
                and first_.kind = s.kind
                and first_.period = s.period
                and first_.region_code = s.region_code
                and first_.industry_code = s.industry_code
                and first_.indicator_code = s.indicator_code
                and first_.measure = s.measure, false)
        end as restatement_attributes_agree,
        coalesce(s.value_high >= first_.value_low and first_.value_high >= s.value_low, false) as overlaps_first
    from statements as s
    left join restatements as r on r.figure_id = s.figure_id
    left join statements as first_ on first_.figure_id = r.restates_figure_id
)

select
    figure_id, doc_id, region_code, industry_code, indicator_code, measure, kind, period, period_start,
    period_end, value, value_low, value_high, unit, qualifier, reported_value, reported_unit, value_text,
    quote, quote_offset, subject_zh, source_file, source_line, restates_figure_id,
    restates_figure_id is not null as is_restatement,
    restatement_attributes_agree,
    -- the restatement's check passes (the rule_evaluations suite's conditions: attributes
    -- agree and the intervals overlap): only then is it the same fact and left out of
    -- fct_figure; a disagreeing restatement keeps both facts
    coalesce(restatement_attributes_agree and overlaps_first, false) as is_agreeing_restatement
from compared
