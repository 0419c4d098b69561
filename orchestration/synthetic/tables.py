"""The synthetic dataset's tables, restating the enterprise aggregates the way statistics
offices publish them, and the inconsistencies planted in them.

- output-value-<year>.xlsx: a yearbook workbook, one sheet per city: counties × divisions
  of output value (万元), a 合计 row (the city) and a 合计 column (manufacturing, C);
- revenue-<year>.csv (GBK): city and province × division revenue, and county × division
  counts of above-scale enterprises;
- output-by-class-<year>.parquet: county × four-digit class output value.

Every planted inconsistency is named by the table fact it changed:
table_id|region_code|industry_code|period|indicator_code, the key the reconciliation
checks list among their inputs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from orchestration.ingest.tables.writers import YearbookSheet, write_long_csv, write_parquet, write_yearbook_xlsx

CATALOG_COLUMNS = ["table_id", "file", "sheet", "layout", "encoding", "indicator_code", "unit", "period", "source"]
SOURCE = "synthetic (regstat generate)"


def fact_key(table_id: str, region: str, industry: str, period: int | str, indicator: str) -> str:
    return f"{table_id}|{region}|{industry}|{period}|{indicator}"


def _wan(x: float) -> float:
    """万元 with one decimal, as tables print them (from CNY-free 万元 sums)."""
    return round(float(x), 1)


def write_tables(out: Path, year: int, regions: pd.DataFrame, industries: pd.DataFrame, classes: list[str],
                 register: pd.DataFrame, sums: pd.DataFrame, rng: np.random.Generator | None) -> list[dict]:
    """Write the three tables and tables/catalog.csv; plant one inconsistency of each kind
    when rng is given. Returns the planted inconsistencies."""
    tables = out / "tables"
    tables.mkdir()
    names = dict(zip(regions["region_code"], regions["name_zh"]))
    city_of = dict(zip(regions["region_code"], regions["parent_code"]))
    cities = regions.loc[regions["level"] == "city", "region_code"].tolist()
    sums = sums.assign(city=sums["region_code"].map(city_of))
    divisions = sorted(sums["division"].unique())
    injected: list[dict] = []
    catalog = []

    # 1. Yearbook workbook: per city, counties × divisions, 合计 row and column. Its columns
    # are every GB/T 4754 division of section C in the reference (0 where no synthetic
    # enterprise is), so the 合计 column covers the whole partition and can be checked.
    columns = sorted(set(divisions) | set(industries.loc[(industries["parent_code"] == "C")
                                                       & (industries["classification"] == "GB/T 4754-2017"),
                                                       "industry_code"]))
    by_county = sums.groupby(["city", "region_code", "division"])["output_value"].sum()
    by_city = sums.groupby(["city", "division"])["output_value"].sum()
    sheets = {}
    for city in cities:
        table_id = f"output-value-{year}-{city}"
        counties = sorted(c for c in regions.loc[regions["parent_code"] == city, "region_code"])
        rows = {names[c]: {d: _wan(by_county.get((city, c, d), 0.0)) for d in columns} for c in counties}
        row_totals = {names[c]: _wan(sum(by_county.get((city, c, d), 0.0) for d in columns)) for c in counties}
        column_totals = {d: _wan(by_city.get((city, d), 0.0)) for d in columns}
        grand_total = _wan(sum(by_city.get((city, d), 0.0) for d in columns))
        sheets[names[city]] = dict(table_id=table_id, rows=rows, row_totals=row_totals,
                                   column_totals=column_totals, grand_total=grand_total)
        catalog.append([table_id, f"output-value-{year}.xlsx", names[city], "yearbook", "", "output_value", "万元", year, SOURCE])
    if rng is not None:
        city = cities[int(rng.integers(0, len(cities)))]
        d = divisions[int(rng.integers(0, len(divisions)))]
        sheet = sheets[names[city]]
        sheet["column_totals"][d] = _wan(sheet["column_totals"][d] * 1.07)
        injected.append({"id": "stated_region_total", "rule": "region_hierarchy",
                         "fact": fact_key(sheet["table_id"], city, d, year, "output_value"),
                         "description": f"{names[city]} 合计 row, {d}: 7 % above the sum of its counties"})
        city = cities[int(rng.integers(0, len(cities)))]
        sheet = sheets[names[city]]
        county_name = sorted(sheet["row_totals"])[int(rng.integers(0, len(sheet["row_totals"])))]
        county = next(c for c, n in names.items() if n == county_name)
        sheet["row_totals"][county_name] = _wan(sheet["row_totals"][county_name] * 1.05)
        injected.append({"id": "stated_industry_total", "rule": "industry_hierarchy",
                         "fact": fact_key(sheet["table_id"], county, "C", year, "output_value"),
                         "description": f"{county_name} 合计 column: 5 % above the sum of its divisions"})
    industry_names = dict(zip(industries["industry_code"], industries["name_zh"]))
    write_yearbook_xlsx(tables / f"output-value-{year}.xlsx", {
        name: YearbookSheet(
            title=f"{year}年{name}分区县分行业工业总产值（单位：万元，合成数据）",
            sections=[(industry_names["C"], [industry_names[d] for d in columns])],
            rows=[*((county, [*values.values(), sheet["row_totals"][county]]) for county, values in sheet["rows"].items()),
                  ("合计", [*(sheet["column_totals"][d] for d in columns), sheet["grand_total"]])],
        ) for name, sheet in sheets.items()})

    # 2. GBK CSV: revenue by city and province × division; above-scale counts by county × division.
    revenue_id = f"revenue-{year}"
    city_revenue = sums.groupby(["city", "division"])["revenue"].sum()
    rows = [[city, d, year, "operating_revenue", _wan(city_revenue.get((city, d), 0.0)), "万元"]
            for city in cities for d in divisions]
    province_revenue = sums.groupby("division")["revenue"].sum()
    rows += [["990000", d, year, "operating_revenue", _wan(province_revenue.get(d, 0.0)), "万元"] for d in divisions]
    above = register[register["above_scale"] == 1].groupby(["region_code", "division"]).size()
    county_codes = regions.loc[regions["level"] == "county", "region_code"].tolist()
    rows += [[c, d, year, "above_scale_enterprise_count", int(above.get((c, d), 0)), "家"]
             for c in county_codes for d in divisions]
    long = pd.DataFrame(rows, columns=["region_code", "industry_code", "period", "indicator_code", "value", "unit"])
    if rng is not None:
        i = int(rng.choice(long.index[long["indicator_code"] == "above_scale_enterprise_count"]))
        long.at[i, "value"] = int(long.at[i, "value"]) + 3
        injected.append({"id": "register_vs_table", "rule": "register_vs_table",
                         "fact": fact_key(revenue_id, long.at[i, "region_code"], long.at[i, "industry_code"], year,
                                          "above_scale_enterprise_count"),
                         "description": "a county's above-scale count 3 more than the register holds"})
        i = int(rng.choice(long.index[long["region_code"] == "990000"]))
        long.at[i, "value"] = _wan(long.at[i, "value"] * 1.06)
        injected.append({"id": "province_total", "rule": "region_hierarchy",
                         "fact": fact_key(revenue_id, "990000", long.at[i, "industry_code"], year, "operating_revenue"),
                         "description": "province revenue of a division 6 % above the sum of its cities"})
    # printed as offices print them: thousands separators, one decimal for amounts
    long["value"] = [f"{v:,.1f}" if u == "万元" else str(v) for v, u in zip(long["value"], long["unit"])]
    write_long_csv(tables / f"{revenue_id}.csv", long, encoding="gbk")
    catalog.append([revenue_id, f"{revenue_id}.csv", "", "long", "gbk", "", "", "", SOURCE])

    # 3. Parquet: county × class output value.
    class_id = f"output-by-class-{year}"
    # every county × class, zeros included, so each division's classes are all present
    full = pd.MultiIndex.from_product([county_codes, classes], names=["region_code", "industry_code"])
    by_class = (sums.set_index(["region_code", "industry_code"])["output_value"].reindex(full, fill_value=0.0)
                .map(_wan).rename("output_value").reset_index())
    if rng is not None:
        i = int(rng.integers(0, len(by_class)))
        by_class.at[i, "output_value"] = _wan(by_class.at[i, "output_value"] * 0.9)
        injected.append({"id": "table_vs_enterprises", "rule": "enterprises_vs_table",
                         "fact": fact_key(class_id, by_class.at[i, "region_code"], by_class.at[i, "industry_code"], year,
                                          "output_value"),
                         "description": "a county × class output value 10 % below its enterprises' monthly reports"})
    write_parquet(tables / f"{class_id}.parquet", pd.DataFrame({
        "region_code": by_class["region_code"], "industry_code": by_class["industry_code"], "period": str(year),
        "indicator_code": "output_value", "value": by_class["output_value"], "unit": "万元"}))
    catalog.append([class_id, f"{class_id}.parquet", "", "long", "", "", "", "", SOURCE])

    pd.DataFrame(catalog, columns=CATALOG_COLUMNS).to_csv(tables / "catalog.csv", index=False)
    return injected
