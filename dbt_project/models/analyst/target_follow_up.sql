-- Each target with what later documents report for its period (fct_target_progress).
select
    p.target_figure_id,
    p.doc_id as target_doc_id,
    td.published_on as target_published_on,
    p.region_code,
    r.name_zh as region_zh,
    p.industry_code,
    p.indicator_code,
    p.measure,
    p.target_period,
    p.target_qualifier,
    p.target_value,
    p.unit,
    t.quote as target_quote,
    p.outcome,
    p.outcome_value,
    p.outcome_doc_id,
    p.outcome_vintage,
    p.outcome_quote
from {{ ref('fct_target_progress') }} as p
inner join {{ ref('fct_figure') }} as t on t.figure_id = p.target_figure_id
inner join {{ ref('dim_document') }} as td on td.doc_id = p.doc_id
inner join {{ ref('dim_region') }} as r on r.region_code = p.region_code
