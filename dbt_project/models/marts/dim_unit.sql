select unit, canonical_unit, factor, measure_type
from {{ ref('stg_raw__units') }}
