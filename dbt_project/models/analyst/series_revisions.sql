-- Every vintage of every observation, oldest first, with the change from the vintage
-- before: the revision history of one observation is a WHERE away.
select
    o.series_id,
    o.region_code,
    r.name_zh as region_zh,
    o.industry_code,
    o.indicator_code,
    o.measure,
    o.period,
    o.vintage_number,
    o.vintage_count,
    o.vintage,
    o.superseded_on,
    o.value,
    o.unit,
    o.value_text,
    o.reported_unit,
    o.previous_value,
    o.revision,
    o.revision_share,
    o.doc_id,
    d.title as doc_title,
    o.figure_id,
    o.quote
from {{ ref('fct_series_observation') }} as o
inner join {{ ref('dim_region') }} as r on r.region_code = o.region_code
inner join {{ ref('dim_document') }} as d on d.doc_id = o.doc_id
