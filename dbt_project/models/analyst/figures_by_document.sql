-- Every figure with its document: what each document says, in order.
select
    d.doc_id,
    d.title,
    d.publisher,
    d.published_on,
    f.figure_id,
    f.kind,
    f.period,
    f.value_text,
    f.reported_unit,
    f.qualifier,
    f.value,
    f.unit,
    f.subject_zh,
    f.quote,
    f.region_code,
    f.industry_code,
    f.indicator_code,
    f.measure
from {{ ref('fct_figure') }} as f
inner join {{ ref('dim_document') }} as d on f.doc_id = d.doc_id
