-- The tight floor: what the warehouse build does to the structured data, written by hand as
-- one DuckDB script with nothing around it (no Dagster, dbt, Great Expectations, snapshots),
-- doing each piece of work once. benchmarks/bench_scale.py runs it in its own connection
-- against the same raw folder and compares the build's wall time with this script's.
--
-- {raw} is the raw folder; {months} the list of report file paths; {uscc_valid} the SQL
-- check of a credit code the build uses (orchestration/ingest/register.py uscc_valid_sql). Tables
-- (a few thousand values) are read by the build's Python loaders too: here they come from
-- the build's own raw.table_values, copied in by the harness with the reference tables.
--
-- The checks are counters computed in the same pass as the sums: problem rows are named
-- (section 3) only when a counter is not zero, which the harness decides.

-- 1. The register, typed, and its checks counted: credit codes with their check
-- characters, duplicates, counties, industry classes, flags.
create or replace table enterprises as
select uscc, name, region_code, industry_code, nullif(sei_code, '') as sei_code,
       above_scale = '1' as above_scale, high_tech = '1' as high_tech, specialized = '1' as specialized,
       gazelle = '1' as gazelle, champion = '1' as champion,
       {uscc_valid} and above_scale in ('0', '1') and high_tech in ('0', '1') and specialized in ('0', '1')
           and gazelle in ('0', '1') and champion in ('0', '1') as row_ok
from read_csv('{raw}/register/enterprises.csv', header = true, all_varchar = true);
create or replace table register_problems as
select count(*) filter (where not row_ok) as bad_rows,
       count(*) - count(distinct uscc) as duplicates,
       count(*) filter (where region_code not in (select region_code from regions where level = 'county')) as bad_regions,
       count(*) filter (where industry_code not in (select industry_code from industries)) as bad_industries
from enterprises;

-- 2. One pass over every report month: county × class × month sums (fct_industry_month's
-- decimal arithmetic) with the report checks counted per group: month equals its folder,
-- amounts present and not negative, duplicates (a credit code belongs to one county and
-- class, so a month's duplicates fall in one group), enterprises unknown to the register.
create or replace table month_pass as
select e.region_code, e.industry_code, r.folder as month, count(*) as reporting_enterprises,
       cast(sum(cast(r.output_value as decimal(18, 1))) * 10000 as decimal(38, 2)) as output_value,
       cast(sum(cast(r.revenue as decimal(18, 1))) * 10000 as decimal(38, 2)) as revenue,
       count(*) filter (where r.month is distinct from r.folder) as wrong_month,
       count(*) filter (where r.output_value is null or r.revenue is null or r.output_value < 0 or r.revenue < 0) as bad_amounts,
       count(r.uscc) - count(distinct r.uscc) as duplicates,
       count(*) filter (where e.uscc is null) as unknown
from (select uscc, month, output_value, revenue, regexp_extract(filename, 'month=([0-9-]+)', 1) as folder
      from read_parquet({months}, filename = true, hive_partitioning = false)) as r
left join enterprises as e using (uscc)
group by all;
create or replace view industry_month as
select region_code, industry_code, month, reporting_enterprises, output_value, revenue
from month_pass where region_code is not null;

-- 3. Problem rows named, by file and row: run only when a counter of section 1 or 2 is not zero.
create or replace table report_problems as
with r as (select * from read_parquet({months}, file_row_number = true, filename = true, hive_partitioning = false))
select filename, file_row_number + 1 as row_number, 'unknown uscc' as reason from r anti join enterprises using (uscc)
union all
select filename, file_row_number + 1, 'negative or missing amount' from r
where output_value is null or revenue is null or output_value < 0 or revenue < 0
union all
select filename, file_row_number + 1, 'month differs from its folder' from r
where month is distinct from regexp_extract(filename, 'month=([0-9-]+)', 1)
union all
select filename, min(file_row_number) + 1, 'duplicate uscc' from r group by filename, uscc having count(*) > 1;

-- 4. Hierarchy closures and the aggregates at every level (fct_enterprise_aggregate).
create or replace table region_ancestors as
with recursive a(code, ancestor_code) as (
    select region_code, region_code from regions
    union all
    select a.code, r.parent_code from a join regions r on r.region_code = a.ancestor_code where r.parent_code is not null
) select * from a;
create or replace table industry_ancestors as
with recursive a(code, ancestor_code) as (
    select industry_code, industry_code from industries
    union all
    select a.code, i.parent_code from a join industries i on i.industry_code = a.ancestor_code where i.parent_code is not null
) select * from a;

create or replace table enterprise_aggregate as
with complete_years as (
    select substr(month, 1, 4) as period from industry_month group by 1 having count(distinct month) = 12
),
amounts as (
    select region_code, industry_code, substr(month, 1, 4) as period,
           sum(output_value)::double as output_value, sum(revenue)::double as revenue
    from industry_month where substr(month, 1, 4) in (select period from complete_years) group by all
),
counts as (
    select region_code, industry_code, (select max(period) from complete_years) as period,
           count(*)::double as enterprise_count, count(*) filter (above_scale)::double as above_scale_enterprise_count,
           count(*) filter (high_tech)::double as high_tech_enterprise_count,
           count(*) filter (specialized)::double as specialized_sme_count,
           count(*) filter (gazelle)::double as gazelle_enterprise_count,
           count(*) filter (champion)::double as single_champion_count
    from enterprises group by all
),
base as (
    unpivot amounts on output_value, revenue as operating_revenue into name indicator_code value value
    union all by name
    unpivot counts on enterprise_count, above_scale_enterprise_count, high_tech_enterprise_count,
        specialized_sme_count, gazelle_enterprise_count, single_champion_count into name indicator_code value value
)
select r.ancestor_code as region_code, i.ancestor_code as industry_code, b.period, b.indicator_code, sum(b.value) as value
from base b
join region_ancestors r on r.code = b.region_code
join industry_ancestors i on i.code = b.industry_code
group by all;

-- 5. Reconciliation: table hierarchies, enterprises and register against the tables.
create or replace table reconciliation as
with facts as (
    select t.*, ind.measure_type from table_values t join indicators ind using (indicator_code)
),
region_children as (select parent_code, count(*) as children from regions group by parent_code),
industry_children as (select parent_code, count(*) as children from industries group by parent_code),
region_sums as (
    select w.table_id, w.region_code, w.industry_code, w.period, w.indicator_code, w.value as whole, w.measure_type,
           p.table_id as part_table, count(*) as parts, sum(p.value) as parts_sum, any_value(c.children) as children
    from facts w join regions r on r.parent_code = w.region_code
    join facts p on p.region_code = r.region_code and p.industry_code = w.industry_code
                and p.period = w.period and p.indicator_code = w.indicator_code
    join region_children c on c.parent_code = w.region_code
    group by w.table_id, w.region_code, w.industry_code, w.period, w.indicator_code, w.value, w.measure_type, p.table_id
    having count(*) = any_value(c.children)
),
industry_sums as (
    select w.table_id, w.region_code, w.industry_code, w.period, w.indicator_code, w.value as whole, w.measure_type,
           p.table_id as part_table, count(*) as parts, sum(p.value) as parts_sum, any_value(c.children) as children
    from facts w join industries i on i.parent_code = w.industry_code
    join facts p on p.industry_code = i.industry_code and p.region_code = w.region_code
                and p.period = w.period and p.indicator_code = w.indicator_code
    join industry_children c on c.parent_code = w.industry_code
    group by w.table_id, w.region_code, w.industry_code, w.period, w.indicator_code, w.value, w.measure_type, p.table_id
    having count(*) = any_value(c.children)
)
select 'region_hierarchy' as rule, table_id, region_code, industry_code, period, indicator_code,
       abs(parts_sum - whole) <= case when measure_type = 'count' then 0 else greatest(0.001 * abs(whole), 500 * (parts + 1)) end as holds
from region_sums
union all
select 'industry_hierarchy', table_id, region_code, industry_code, period, indicator_code,
       abs(parts_sum - whole) <= case when measure_type = 'count' then 0 else greatest(0.001 * abs(whole), 500 * (parts + 1)) end
from industry_sums
union all
select 'aggregate_vs_table', f.table_id, f.region_code, f.industry_code, f.period, f.indicator_code,
       abs(a.value - f.value) <= case when f.measure_type = 'count' then 0 else greatest(0.001 * abs(f.value), 500) end
from facts f join enterprise_aggregate a using (region_code, industry_code, period, indicator_code);
