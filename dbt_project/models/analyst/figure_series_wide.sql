-- One row per series (region, industry, indicator, measure, kind, display unit), one column
-- per year in the display unit: the shape a spreadsheet or a chart wants. The years are the
-- var analyst_wide_years, fixed so the columns a dashboard reads never change with the data.
{%- set years = range(var('analyst_wide_years')['first'], var('analyst_wide_years')['last'] + 1) %}
select
    region_code,
    region_zh,
    region_en,
    industry_code,
    industry_zh,
    industry_en,
    indicator_code,
    indicator_zh,
    indicator_en,
    measure,
    kind,
    display_unit,
    count(*) as figures,
    {%- for y in years %}
    max(case when year = {{ y }} then display_value end) as y{{ y }}{{ ',' if not loop.last }}
    {%- endfor %}
from {{ ref('figure_series') }}
group by region_code, region_zh, region_en, industry_code, industry_zh, industry_en,
         indicator_code, indicator_zh, indicator_en, measure, kind, display_unit
