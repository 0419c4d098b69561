select
    relation_id,
    doc_id,
    kind,
    figure_ids,
    items,
    item_count,
    list_open,
    severity,
    reason,
    source_file,
    source_line
from {{ source('raw', 'relations') }}
