{{ config(tags=['post_validation']) }}
-- Every evaluated rule: one row per stated relation and per figure's provenance (status
-- from the `rule_evaluations` expectation suite), and one row per table-level expectation
-- of the mart suites.
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
        cast(null as {{ string_type() }}) as doc_id,
        cast(unexpected_count as double) as observed_low,
        cast(unexpected_count as double) as observed_high,
        cast(0 as double) as expected_low,
        cast(0 as double) as expected_high
    from {{ ref('stg_validation__expectation_results') }}
    where suite <> 'rule_evaluations'
)

select * from rules
union all
select * from expectations
