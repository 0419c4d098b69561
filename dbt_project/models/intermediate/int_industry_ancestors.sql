-- Each industry with itself and every industry above it (class C2710 → division C27 → C …).
{{ ancestors(ref('stg_raw__industries'), 'industry_code', 'parent_code') }}
