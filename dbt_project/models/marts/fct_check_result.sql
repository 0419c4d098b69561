{{ config(tags=['post_validation']) }}
-- Every evaluated rule: one row per stated relation and per figure's provenance (status
-- from the `rule_evaluations` expectation suite), and one row per table-level expectation
-- of the mart suites, and one row per reconciliation check (int_reconciliation: tables,
-- enterprise data and document figures against each other).
with evaluations as (
    select * from {{ ref('int_rule_evaluations') }}
),

outcomes as (
    select * from {{ ref('stg_validation__rule_outcomes') }}
),

rules as (
    select
        e.check_id,
        e.rule,
        e.severity,
        case
            when o.check_id is null then 'pass'
            when e.severity_on_failure = 'error' then 'fail'
            else 'warn'
        end as status,
        '[' || {{ fmt_num('e.observed_low') }} || ', ' || {{ fmt_num('e.observed_high') }} || ']' as observed,
        '[' || {{ fmt_num('e.expected_low') }} || ', ' || {{ fmt_num('e.expected_high') }} || ']'
            || case when e.attributes_agree then '' else ' (compared attributes differ)' end as expected,
        case e.rule
            when 'provenance' then 'exact substring match'
            when 'listed_count' then 'exact; an open list (等) may be shorter: warn'
            else 'interval overlap: rounding of written figures and qualifier bounds'
        end as tolerance,
        e.description
            || case when o.check_id is not null then ' | failed: ' || o.failed_expectations else '' end as message,
        e.figure_ids,
        cast(null as {{ string_type() }}) as table_facts,
        e.doc_id,
        e.observed_low,
        e.observed_high,
        e.expected_low,
        e.expected_high
    from evaluations as e
    left join outcomes as o on o.check_id = e.check_id
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
        cast(0 as double) as expected_high
    from {{ ref('stg_validation__expectation_results') }}
    where suite <> 'rule_evaluations'
),

reconciliation as (
    select
        check_id,
        rule,
        severity,
        case when holds then 'pass' when severity = 'error' then 'fail' else 'warn' end as status,
        {{ fmt_num('observed_low') }} as observed,
        '[' || {{ fmt_num('expected_low') }} || ', ' || {{ fmt_num('expected_high') }} || ']' as expected,
        'within ' || {{ fmt_num('tolerance') }} || ' (rounding of printed values, relative margin)' as tolerance,
        description as message,
        figure_ids,
        table_facts,
        doc_id,
        observed_low,
        observed_high,
        expected_low,
        expected_high
    from {{ ref('int_reconciliation') }}
)

select * from rules
union all
select * from expectations
union all
select * from reconciliation
