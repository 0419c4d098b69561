-- The enterprise register with its classification flags.
select
    e.uscc,
    e.name,
    e.region_code,
    e.industry_code,
    e.sei_code,
    e.above_scale,
    e.high_tech,
    e.specialized,
    e.gazelle,
    e.champion
from {{ ref('stg_raw__enterprises') }} as e
