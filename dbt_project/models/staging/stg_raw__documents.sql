select
    doc_id,
    file,
    title,
    publisher,
    region_code,
    cast(published_on as date) as published_on,
    source,
    sha256,
    text,
    char_count
from {{ source('raw', 'documents') }}
