{{ config(
    materialized=by_month_materialization(),
    incremental_strategy='delete+insert',
    unique_key='month',
    pre_hook="{% if is_incremental() %}delete from {{ this }} where month not in (select month from {{ ref('stg_raw__report_files') }}){% endif %}",
) }}
-- County × industry class × month totals of the enterprise reports. Incremental: a build
-- reads only the months whose inputs (report file, register) are new or changed, so a new month of
-- reports does not reread the history; a month whose file went away is deleted.
-- Amounts are summed as decimals (the reports carry one decimal of 万元), so a month
-- processed alone or with all others gives the same figures to the yuan.
{%- set pending_sql %}
    select f.month, f.path, f.inputs_sha256
    from {{ ref('stg_raw__report_files') }} as f
    {%- if is_incremental() %}
    where not exists (select 1 from {{ this }} as t where t.month = f.month and t.inputs_sha256 = f.inputs_sha256)
    {%- endif %}
{%- endset %}
{%- set paths = run_query(pending_sql ~ ' order by 1').columns['path'].values() | list if execute else [] %}

with files as (
    {{ pending_sql }}
),

reports as (
    select uscc, month, output_value, revenue
    from {{ report_rows(paths) }}
),

enterprises as (
    select uscc, region_code, industry_code from {{ ref('stg_raw__enterprises') }}
)

select
    e.region_code,
    e.industry_code,
    r.month,
    count(*) as reporting_enterprises,
    cast(sum(cast(r.output_value as decimal(18, 1))) * 10000 as decimal(38, 2)) as output_value,
    cast(sum(cast(r.revenue as decimal(18, 1))) * 10000 as decimal(38, 2)) as revenue,
    f.inputs_sha256
from reports as r
join enterprises as e on e.uscc = r.uscc
join files as f on f.month = r.month
group by e.region_code, e.industry_code, r.month, f.inputs_sha256
