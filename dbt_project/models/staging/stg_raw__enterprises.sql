select
    uscc,
    name,
    region_code,
    industry_code,
    nullif(sei_code, '') as sei_code,
    above_scale,
    high_tech,
    specialized,
    gazelle,
    champion
from {{ source('raw', 'enterprises') }}
