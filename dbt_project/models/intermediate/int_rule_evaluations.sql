-- One row per stated relation (raw/relations). Every relation is reduced to two intervals:
-- it holds when the observed interval overlaps the expected one and the compared attributes
-- agree. The Great Expectations suite `check_intervals` (expectations/) decides pass or
-- fail on these rows (through int_check_intervals). Provenance (a quote in its document, a
-- value text in its quote) is the raw contract: ingest refuses a figure that breaks it.
-- The checks across documents (revisions, growth across years: int_series_checks) come
-- in the same shape and are decided the same way.
with relations as (
    select * from {{ ref('stg_raw__relations') }}
),

members as (
    select
        m.relation_id,
        m.position,
        f.*
    from {{ ref('stg_raw__relation_members') }} as m
    inner join {{ ref('int_figures_canonical') }} as f on f.figure_id = m.figure_id
),

documents as (
    select * from {{ ref('stg_raw__documents') }}
),

-- part / whole = share, in percent
share as (
    select
        r.relation_id as check_id,
        part.value_low / whole.value_high * 100 as observed_low,
        part.value_high / whole.value_low * 100 as observed_high,
        pct.value_low as expected_low,
        pct.value_high as expected_high,
        true as attributes_agree
    from relations as r
    {{ relation_member('part', 1) }}
    {{ relation_member('whole', 2) }}
    {{ relation_member('pct', 3) }}
    where r.kind = 'share'
),

-- the parts (positions 2..n) add up to the total (position 1)
sum_to_total as (
    select
        r.relation_id as check_id,
        sum(part.value_low) as observed_low,
        sum(part.value_high) as observed_high,
        min(total.value_low) as expected_low,
        max(total.value_high) as expected_high,
        true as attributes_agree
    from relations as r
    {{ relation_member('total', 1) }}
    {{ relation_member('part', 1, 'after') }}
    where r.kind = 'sum_to_total'
    group by r.relation_id
),

-- the smallest the part can be is not above the largest the whole can be
part_le_whole as (
    select
        r.relation_id as check_id,
        part.value_low as observed_low,
        part.value_low as observed_high,
        -{{ infinity() }} as expected_low,
        whole.value_high as expected_high,
        part.unit = whole.unit as attributes_agree
    from relations as r
    {{ relation_member('part', 1) }}
    {{ relation_member('whole', 2) }}
    where r.kind = 'part_le_whole'
),

-- level (1) = previous level (3) x (1 + growth rate (2) / 100)
growth as (
    select
        r.relation_id as check_id,
        level_.value_low as observed_low,
        level_.value_high as observed_high,
        previous.value_low * (1 + rate.value_low / 100) as expected_low,
        previous.value_high * (1 + rate.value_high / 100) as expected_high,
        level_.unit = previous.unit as attributes_agree
    from relations as r
    {{ relation_member('level_', 1) }}
    {{ relation_member('rate', 2) }}
    {{ relation_member('previous', 3) }}
    where r.kind = 'growth'
),

-- the stated count (sum of the figures) equals the number of listed items
listed_count as (
    select
        r.relation_id as check_id,
        cast(r.item_count as double) as observed_low,
        cast(r.item_count as double) as observed_high,
        sum(stated.value_low) as expected_low,
        sum(stated.value_high) as expected_high,
        true as attributes_agree
    from relations as r
    inner join members as stated on stated.relation_id = r.relation_id
    where r.kind = 'listed_count'
    group by r.relation_id, r.item_count
),

-- a later target (2) is not below an earlier one (1) of the same series
target_sequence as (
    select
        r.relation_id as check_id,
        later.value_low as observed_low,
        later.value_high as observed_high,
        earlier.value_low as expected_low,
        {{ infinity() }} as expected_high,
        earlier.unit = later.unit
            and earlier.indicator_code = later.indicator_code
            and earlier.industry_code = later.industry_code
            and earlier.region_code = later.region_code
            and earlier.measure = later.measure
            and earlier.period_end < later.period_end as attributes_agree
    from relations as r
    {{ relation_member('earlier', 1) }}
    {{ relation_member('later', 2) }}
    where r.kind = 'target_sequence'
),

-- a restatement (2) gives the same figure as the first statement (1)
restatement as (
    select
        r.relation_id as check_id,
        second.value_low as observed_low,
        second.value_high as observed_high,
        first_.value_low as expected_low,
        first_.value_high as expected_high,
        -- compared in int_figures_canonical, which leaves an agreeing restatement out of fct_figure
        coalesce(second.restatement_attributes_agree, false) as attributes_agree
    from relations as r
    {{ relation_member('first_', 1) }}
    {{ relation_member('second', 2) }}
    where r.kind = 'restatement'
),

-- the parts of a ratio a:b:c (members in canonical unit percent) sum to 100 within their written rounding;
-- with a level per part (the members not in percent, in the parts' order), each part also
-- matches that level's share of the levels' sum
structure_members as (
    select
        r.relation_id,
        m.unit = 'percent' as is_part,
        row_number() over (partition by r.relation_id, m.unit = 'percent' order by m.position) as ordinal,
        m.value_low,
        m.value_high
    from relations as r
    inner join members as m on m.relation_id = r.relation_id
    where r.kind = 'structure'
),

structure_levels as (
    select relation_id, sum(value_low) as sum_low, sum(value_high) as sum_high, count(*) as levels
    from structure_members where not is_part group by relation_id
),

structure as (
    select
        p.relation_id as check_id,
        sum(p.value_low) as observed_low,
        sum(p.value_high) as observed_high,
        cast(100 as double) as expected_low,
        cast(100 as double) as expected_high,
        coalesce(max(t.levels), 0) in (0, count(*))
            and coalesce(bool_and(l.value_low is null or (
                p.value_high >= l.value_low / t.sum_high * 100 and p.value_low <= l.value_high / t.sum_low * 100)),
                true) as attributes_agree
    from structure_members as p
    left join structure_levels as t on t.relation_id = p.relation_id
    left join structure_members as l
        on l.relation_id = p.relation_id and not l.is_part and l.ordinal = p.ordinal
    where p.is_part
    group by p.relation_id
),

relation_checks as (
    select * from share
    union all select * from structure
    union all select * from sum_to_total
    union all select * from part_le_whole
    union all select * from growth
    union all select * from listed_count
    union all select * from target_sequence
    union all select * from restatement
),

relation_rows as (
    select
        c.check_id,
        r.kind as rule,
        r.doc_id,
        r.severity,
        -- a list ending in 等 may be shorter than the stated count: a warning, not an error
        case
            when r.kind = 'listed_count' and r.list_open and c.observed_high < c.expected_low then 'warn'
            else r.severity
        end as severity_on_failure,
        c.observed_low,
        c.observed_high,
        c.expected_low,
        c.expected_high,
        c.attributes_agree,
        r.figure_ids,
        'relations/' || r.source_file || ':' || cast(r.source_line as {{ string_type() }}) || ': ' || r.reason as description
    from relation_checks as c
    inner join relations as r on r.relation_id = c.check_id
)

select * from relation_rows
-- checks across documents (revisions, growth across years): int_series_checks
union all
select * from {{ ref('int_series_checks') }}
