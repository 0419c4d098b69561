with statements as (
    select
        doc_id,
        count(*) as statement_count,
        count(*) filter (where not is_agreeing_restatement) as figure_count
    from {{ ref('int_figures_canonical') }}
    group by doc_id
)

select
    d.doc_id,
    d.source,
    d.title,
    d.publisher,
    d.region_code,
    d.published_on,
    d.file,
    d.sha256,
    d.char_count,
    coalesce(s.figure_count, 0) as figure_count,
    coalesce(s.statement_count, 0) as statement_count
from {{ ref('stg_raw__documents') }} as d
left join statements as s on s.doc_id = d.doc_id
