-- Every check result, as Great Expectations decided it: one row per check on the numbers
-- (int_check_intervals: stated relations and reconciliations), with the outcome the
-- validation step recorded for it, and one row per table-level expectation of the mart
-- suites. A view, so it needs no dbt run after validation: the outcomes are recorded once,
-- in validation.check_outcomes and validation.expectation_results (orchestration/
-- pipeline/expectation_suites.py), and read here. Until Great Expectations has decided a check its status
-- is null, and publishing refuses it.
--
-- The outcomes are read by name, not as a dbt source: they are written after this model's
-- inputs are built, and a source would put the validation step upstream of the dbt models
-- in Dagster's graph. The validation step creates the (empty) tables before dbt runs.
--
-- Names without the database: the view is also read from a file attached under another
-- name (the report compares this build with the previous one).
{{ config(materialized='view', tags=['build_database']) }}
with intervals as (
    select * from {{ ref('int_check_intervals').include(database=False) }}
),

outcomes as (
    select check_id, suite, failed_expectations from validation.check_outcomes
),

decided as (
    select
        i.check_id,
        i.rule,
        i.severity,
        case
            when o.check_id is null then null
            when o.failed_expectations is null then 'pass'
            when i.severity_on_failure = 'error' then 'fail'
            else 'warn'
        end as status,
        case when i.family = 'relation' or i.observed_low <> i.observed_high
             then '[' || {{ fmt_num('i.observed_low') }} || ', ' || {{ fmt_num('i.observed_high') }} || ']'
             else {{ fmt_num('i.observed_low') }} end as observed,
        '[' || {{ fmt_num('i.expected_low') }} || ', ' || {{ fmt_num('i.expected_high') }} || ']'
            || case when i.attributes_agree then '' else ' (compared attributes differ)' end as expected,
        i.tolerance,
        i.description
            || case when o.failed_expectations is not null then ' | failed: ' || o.failed_expectations else '' end as message,
        i.figure_ids,
        i.table_facts,
        i.doc_id,
        i.observed_low,
        i.observed_high,
        i.expected_low,
        i.expected_high,
        'great_expectations:' || o.suite as decided_by
    from intervals as i
    left join outcomes as o on o.check_id = i.check_id
),

expectations as (
    select
        'gx:' || suite || ':' || expectation_id as check_id,
        expectation_type as rule,
        severity,
        case when success then 'pass' when severity = 'error' then 'fail' else 'warn' end as status,
        cast(unexpected_count as {{ string_type() }}) || ' of ' || cast(element_count as {{ string_type() }}) || ' rows unexpected' as observed,
        '0 rows unexpected' as expected,
        'none' as tolerance,
        details as message,
        cast(null as {{ string_type() }}) as figure_ids,
        cast(null as {{ string_type() }}) as table_facts,
        cast(null as {{ string_type() }}) as doc_id,
        cast(unexpected_count as double) as observed_low,
        cast(unexpected_count as double) as observed_high,
        cast(0 as double) as expected_low,
        cast(0 as double) as expected_high,
        'great_expectations:' || suite as decided_by
    from validation.expectation_results
    where mode = 'table'
)

select * from decided
union all
select * from expectations
