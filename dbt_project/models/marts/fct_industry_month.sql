{{ config(
    materialized=by_month_materialization(),
    incremental_strategy='delete+insert',
    unique_key='month',
    pre_hook="{% if is_incremental() %}delete from {{ this }} where month not in (select month from {{ ref('stg_raw__report_files') }}){% endif %}",
) }}
-- County × industry class × month totals of the enterprise reports. Incremental: a build
-- adds only the months whose inputs (report file, register) are new or changed, so a new
-- month of reports does not reread the history; a month whose file went away is deleted.
-- The sums come from ingest (raw.report_month_sums), which reads each new month's file
-- once to check it and sum it in the same pass (orchestration/ingest/register.py); amounts
-- are summed there as decimals (the reports carry one decimal of 万元), so a month processed
-- alone or with all others gives the same figures to the yuan.
with files as (
    select f.month, f.inputs_sha256
    from {{ ref('stg_raw__report_files') }} as f
    {%- if is_incremental() %}
    where not exists (select 1 from {{ this }} as t where t.month = f.month and t.inputs_sha256 = f.inputs_sha256)
    {%- endif %}
)

select
    s.region_code,
    s.industry_code,
    s.month,
    s.reporting_enterprises,
    s.output_value,
    s.revenue,
    f.inputs_sha256
from {{ source('raw', 'report_month_sums') }} as s
join files as f on f.month = s.month
