-- Balance checks between the tables, the enterprise data and the document figures, in the
-- manner of R `validate`'s hierarchy / part_whole_relation rules: each compares a whole
-- with what should equal it, within a tolerance, and has a severity.
--   region_hierarchy    the regions of one table under a region add up to its value
--                       (counties → city, cities → province); all children must be present
--   industry_hierarchy  the same for industries (classes → division → section)
--   enterprises_vs_table  twelve months of enterprise reports summed to the year equal the
--                       table's annual value for that region, industry and indicator
--   register_vs_table   register counts equal the table's enterprise counts
--   aggregates_vs_document  enterprise aggregates fall within a document figure's bounds
-- Tables print amounts to 0.1 万元, so amounts may differ by that rounding per value summed
-- (and by a relative margin, dbt var reconciliation_rel_tolerance); counts must be exact.
-- This model states each comparison as intervals; whether it holds is decided by Great
-- Expectations (suite check_intervals, through int_check_intervals), nowhere else.
{%- set rel = var('reconciliation_rel_tolerance') %}
{%- set rounding = var('reconciliation_rounding_cny') %}
with facts as (
    select f.*, i.measure_type
    from {{ ref('fct_table_value') }} as f
    join {{ ref('stg_raw__indicators') }} as i on i.indicator_code = f.indicator_code
),

regions as (
    -- a zone (development zone without a GB/T 2260 code) overlaps counties: no part of their sum
    select region_code, parent_code from {{ ref('stg_raw__regions') }} where level <> 'zone'
),

industries as (
    -- the standard classifications partition their parent; local clusters, NBS groupings,
    -- product groups and the like overlap it: no part of its sum
    select industry_code, parent_code from {{ ref('stg_raw__industries') }}
    where classification in ({{ "'" ~ var('partition_classifications') | join("', '") ~ "'" }})
),

{%- set dimensions = [('region', 'regions', 'region_code', 'industry_code'),
                      ('industry', 'industries', 'industry_code', 'region_code')] %}
{%- for dimension, nodes, key, other in dimensions %}
{{ dimension }}_children as (
    select parent_code, count(*) as children from {{ nodes }} where parent_code is not null group by parent_code
),

-- each whole with the sum of one table's values for its child {{ dimension }}s
{{ dimension }}_sums as (
    select w.fact_key, w.value as whole, w.measure_type, p.table_id as part_table,
           count(*) as parts,
           -- as decimals: a sum of doubles depends on the order it is taken in
           cast(sum(cast(p.value as decimal(38, 6))) as double) as parts_sum,
           {{ string_agg_ordered('p.fact_key', 'p.fact_key', '; ') }} as part_keys
    from facts as w
    join {{ nodes }} as n on n.parent_code = w.{{ key }}
    join facts as p
        on p.{{ key }} = n.{{ key }} and p.{{ other }} = w.{{ other }}
        and p.period = w.period and p.indicator_code = w.indicator_code
    group by w.fact_key, w.value, w.measure_type, p.table_id
),

{% endfor %}
-- only wholes whose children are all in the part table
hierarchy as (
    {%- for dimension, nodes, key, other in dimensions %}
    select '{{ dimension }}_hierarchy' as rule, s.*
    from {{ dimension }}_sums as s
    join facts as w on w.fact_key = s.fact_key
    join {{ dimension }}_children as c on c.parent_code = w.{{ key }} and c.children = s.parts
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

comparisons as (
    select
        'recon:' || rule || ':' || fact_key || ':' || part_table as check_id,
        rule,
        'error' as severity,
        parts_sum as observed,
        whole as expected,
        case when measure_type = 'count' then 0
             else greatest({{ rel }} * abs(whole), {{ rounding }} * (parts + 1)) end as tolerance,
        'the ' || cast(parts as {{ string_type() }}) || ' values of table ' || part_table || ' under '
            || fact_key || ' add up to it' as description,
        fact_key || '; ' || part_keys as table_facts,
        cast(null as {{ string_type() }}) as figure_ids,
        cast(null as {{ string_type() }}) as doc_id
    from hierarchy

    union all

    select
        'recon:' || case when f.measure_type = 'count' then 'register_vs_table' else 'enterprises_vs_table' end
            || ':' || f.fact_key as check_id,
        case when f.measure_type = 'count' then 'register_vs_table' else 'enterprises_vs_table' end as rule,
        'warn' as severity,
        a.value as observed,
        f.value as expected,
        case when f.measure_type = 'count' then 0
             else greatest({{ rel }} * abs(f.value), {{ rounding }}) end as tolerance,
        case when f.measure_type = 'count'
             then 'register count of ' || f.indicator_code || ' equals the table value ' || f.fact_key
             else 'twelve months of enterprise reports sum to the table value ' || f.fact_key end as description,
        f.fact_key as table_facts,
        cast(null as {{ string_type() }}) as figure_ids,
        cast(null as {{ string_type() }}) as doc_id
    from facts as f
    join {{ ref('fct_enterprise_aggregate') }} as a
        on a.region_code = f.region_code and a.industry_code = f.industry_code
        and a.period = f.period and a.indicator_code = f.indicator_code
)

select
    check_id, rule, severity,
    observed as observed_low, observed as observed_high,
    expected - tolerance as expected_low, expected + tolerance as expected_high,
    tolerance,
    description, table_facts, figure_ids, doc_id
from comparisons

union all

-- A document figure is an interval (its qualifier and written precision): the aggregate
-- must fall inside it, widened by the relative margin.
select
    'recon:aggregates_vs_document:' || g.figure_id as check_id,
    'aggregates_vs_document' as rule,
    'warn' as severity,
    a.value as observed_low,
    a.value as observed_high,
    g.value_low - {{ rel }} * abs(g.value_low) as expected_low,
    g.value_high + {{ rel }} * abs(g.value_high) as expected_high,
    {{ rel }} * abs(g.value) as tolerance,
    'enterprise data summed to ' || g.region_code || ' / ' || g.industry_code || ' / ' || g.period
        || ' lies within the bounds of figure ' || g.figure_id as description,
    cast(null as {{ string_type() }}) as table_facts,
    g.figure_id as figure_ids,
    g.doc_id
from {{ ref('fct_figure') }} as g
join {{ ref('fct_enterprise_aggregate') }} as a
    on a.region_code = g.region_code and a.industry_code = g.industry_code
    and a.period = g.period and a.indicator_code = g.indicator_code
where g.kind = 'actual' and g.measure = 'level'
