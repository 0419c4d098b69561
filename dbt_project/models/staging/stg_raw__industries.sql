select industry_code, name_zh, name_en, classification, parent_code
from {{ source('raw', 'industries') }}
