-- Checks across documents (issue 19), in the shape of int_rule_evaluations (each reduced
-- to an observed and an expected interval; the rule_evaluations suite decides them):
--   revision: a later vintage of an observation with a different value. A revision is
--     news, not an error: it passes within var series_revision_warn_share of the previous
--     value (the observed interval must reach the previous interval widened by that
--     share) and warns beyond. The size and both quotes are in the description.
--   growth_across_years: this year's level against last year's level (latest vintage at
--     the document's date) x (1 + stated growth), or + the stated increment on last year;
--     nominal growth only (int_series_growth).
with observations as (
    select * from {{ ref('fct_series_observation') }}
),

revisions as (
    select
        'revision:' || cur.figure_id as check_id,
        'revision' as rule,
        cur.doc_id,
        'warn' as severity,
        'warn' as severity_on_failure,
        cur.value_low as observed_low,
        cur.value_high as observed_high,
        prev.value_low - abs(prev.value_low) * {{ var('series_revision_warn_share') }} as expected_low,
        prev.value_high + abs(prev.value_high) * {{ var('series_revision_warn_share') }} as expected_high,
        cur.unit = prev.unit as attributes_agree,
        prev.figure_id || ';' || cur.figure_id as figure_ids,
        'revision of ' || cur.series_id || ' ' || cur.period || ': '
            || prev.value_text || prev.reported_unit || ' in ' || prev.doc_id
            || ' (' || cast(prev.vintage as {{ string_type() }}) || ': ' || prev.quote || ') → '
            || cur.value_text || cur.reported_unit || ' in ' || cur.doc_id
            || ' (' || cast(cur.vintage as {{ string_type() }}) || ': ' || cur.quote || '); revised by '
            || case
                when cur.reported_unit = prev.reported_unit
                    then {{ fmt_num('cur.reported_value - prev.reported_value') }} || cur.reported_unit
                else {{ fmt_num('cur.value - prev.value') }} || ' ' || cur.unit
            end
            || coalesce(' (' || {{ fmt_num('round(cur.revision_share * 100, 2)') }} || '%)', '')
            || '; warns beyond ' || {{ fmt_num('cast(' ~ var('series_revision_warn_share') ~ ' as double) * 100') }} || '%' as description
    from observations as cur
    inner join observations as prev
        on prev.series_id = cur.series_id
        and prev.period = cur.period
        and prev.vintage_number = cur.vintage_number - 1
    where cur.value <> prev.value
),

growth as (
    select
        'growth_across_years:' || growth_figure_id as check_id,
        'growth_across_years' as rule,
        doc_id,
        '{{ var("series_growth_severity") }}' as severity,
        '{{ var("series_growth_severity") }}' as severity_on_failure,
        level_low as observed_low,
        level_high as observed_high,
        expected_low,
        expected_high,
        units_agree as attributes_agree,
        previous_figure_id || ';' || growth_figure_id || ';' || level_figure_id as figure_ids,
        indicator_code || ' ' || region_code || ' ' || industry_code || ' ' || period || ': level '
            || level_text || ' (' || doc_id || ': ' || level_quote || ') against last year''s '
            || previous_text || ' (' || previous_doc_id || ', ' || cast(previous_vintage as {{ string_type() }})
            || ': ' || previous_quote || ') ' || change_text || ' (' || growth_quote || ')' as description
    from {{ ref('int_series_growth') }}
    where not_compared_reason is null
)

select * from revisions
union all
select * from growth
