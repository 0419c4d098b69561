-- Every value of the statistical tables (raw/tables/), with the key the reconciliation
-- checks cite it by: table_id|region|industry|period|indicator.
select
    table_id || '|' || region_code || '|' || industry_code || '|' || period || '|' || indicator_code as fact_key,
    table_id,
    region_code,
    industry_code,
    period,
    indicator_code,
    value,
    unit,
    is_stated_total,
    source_ref
from {{ ref('stg_raw__table_values') }}
