select region_code, name_zh, name_en, level, parent_code
from {{ ref('stg_raw__regions') }}
