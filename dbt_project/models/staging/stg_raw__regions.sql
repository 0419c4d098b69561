select region_code, name_zh, name_en, level, parent_code
from {{ source('raw', 'regions') }}
