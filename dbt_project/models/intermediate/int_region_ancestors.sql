-- Each region with itself and every region above it (county → city → province).
{{ ancestors(ref('stg_raw__regions'), 'region_code', 'parent_code') }}
