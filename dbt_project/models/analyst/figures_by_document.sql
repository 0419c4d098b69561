-- Every figure with its document: what each document says, with the quote, in order.
select
    d.doc_id,
    d.title,
    d.publisher,
    d.published_on,
    s.figure_id,
    s.kind,
    s.period,
    s.value_text,
    s.reported_unit,
    s.qualifier,
    s.value,
    s.unit,
    s.subject_zh,
    s.quote,
    s.region_code,
    s.industry_code,
    s.indicator_code,
    s.measure,
    s.display_value,
    s.display_unit,
    s.region_zh,
    s.industry_zh,
    s.indicator_zh,
    s.indicator_en
from {{ ref('figure_series') }} as s
inner join {{ ref('dim_document') }} as d on s.doc_id = d.doc_id
