-- Every check on the numbers, in one shape, for Great Expectations to decide (suite
-- check_intervals, expectations/suites/): the stated relations of the documents
-- (int_rule_evaluations) and the reconciliations of tables, registers and enterprise
-- reports (int_reconciliation). A check holds when its observed interval overlaps its
-- expected one and the compared attributes agree; nothing here says whether it does.
-- A table: GX queries it once per metric (a view would recompute every reconciliation
-- each time), and fct_check_result, a view, reads it by schema and name.
{{ config(materialized='table') }}
select
    check_id,
    'relation' as family,
    rule,
    severity,
    severity_on_failure,
    observed_low,
    observed_high,
    expected_low,
    expected_high,
    attributes_agree,
    case rule
        when 'listed_count' then 'exact; an open list (等) may be shorter: warn'
        else 'interval overlap: rounding of written figures and qualifier bounds'
    end as tolerance,
    description,
    figure_ids,
    cast(null as {{ string_type() }}) as table_facts,
    doc_id
from {{ ref('int_rule_evaluations') }}

union all

select
    check_id,
    'reconciliation' as family,
    rule,
    severity,
    severity as severity_on_failure,
    observed_low,
    observed_high,
    expected_low,
    expected_high,
    true as attributes_agree,
    'within ' || {{ fmt_num('tolerance') }} || ' (rounding of printed values, relative margin)' as tolerance,
    description,
    figure_ids,
    table_facts,
    doc_id
from {{ ref('int_reconciliation') }}
