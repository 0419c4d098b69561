select unit, canonical_unit, cast(factor as double) as factor, measure_type
from {{ source('raw', 'units') }}
