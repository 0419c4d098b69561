select indicator_code, name_zh, name_en, measure_type, canonical_unit
from {{ ref('stg_raw__indicators') }}
