select
    table_id,
    source_ref,
    region_code,
    industry_code,
    period,
    indicator_code,
    value,
    unit,
    is_stated_total
from {{ source('raw', 'table_values') }}
