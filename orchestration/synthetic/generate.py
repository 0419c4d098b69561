"""`regstat generate`: a complete, deterministic, clearly synthetic raw folder.

It holds the committed documents, figures, relations and reference (so the document checks
still run), a synthetic province (GB/T 2260 prefix 99, which no real province uses), an
enterprise register, monthly reports, three tables (a yearbook workbook, a GBK CSV, a
Parquet file), a synthetic document whose figures restate the aggregates, and a known set
of planted inconsistencies in `injected.json`. Big data is written by DuckDB, never held
in pandas: the largest scale is 60 million report rows.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from orchestration import settings
from orchestration.synthetic.tables import write_tables
from orchestration.ingest.uscc import make_uscc

PROVINCE = "990000"
SYNTHETIC_NOTE = """# Synthetic data

Everything here was written by `regstat generate` ({args}). It is NOT real statistics:
the region codes 99xxxx belong to no real province, enterprises and their reports are
random draws, and `injected.json` lists the inconsistencies planted on purpose. Never copy
it into the project's raw/ folder.
"""
# Which strategic emerging industry a manufacturing division mostly belongs to.
SEI_OF_DIVISION = {"C26": "SEI03", "C27": "SEI0401", "C38": "SEI06", "C39": "SEI01"}


@dataclass(frozen=True)
class Scale:
    enterprises: int
    months: int
    counties: int
    counties_per_city: int = 5
    end_month: str = "2024-12"  # the last report month; the tables describe its year
    seed: int = 7
    inject: bool = True  # False: a consistent dataset (benchmarks publish it)

    @property
    def month_keys(self) -> list[str]:
        year, month = map(int, self.end_month.split("-"))
        index = year * 12 + month - 1
        return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(index - self.months + 1, index + 1)]

    @property
    def table_year(self) -> int:
        """The last calendar year the reports cover in full."""
        months = self.month_keys
        full = [y for y in {m[:4] for m in months} if sum(m.startswith(y) for m in months) == 12]
        if not full:
            raise ValueError("--months must cover at least one full calendar year")
        return int(max(full))


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _regions(scale: Scale) -> pd.DataFrame:
    cities = -(-scale.counties // scale.counties_per_city)
    rows = [{"region_code": PROVINCE, "name_zh": "合成省", "name_en": "Synthetic Province (not real)",
             "level": "province", "parent_code": ""}]
    for c in range(1, cities + 1):
        city = f"99{c:02d}00"
        rows.append({"region_code": city, "name_zh": f"合成{c}市", "name_en": f"Synthetic City {c}",
                     "level": "city", "parent_code": PROVINCE})
        for k in range(1, min(scale.counties_per_city, scale.counties - (c - 1) * scale.counties_per_city) + 1):
            rows.append({"region_code": f"99{c:02d}{k:02d}", "name_zh": f"合成{c}市{k}区",
                         "name_en": f"Synthetic County {c}-{k}", "level": "county", "parent_code": city})
    return pd.DataFrame(rows)


def _classes(raw: Path) -> pd.DataFrame:
    """Four-digit GB/T 4754-2017 classes of the reference, with their division."""
    industries = pd.read_csv(raw / "reference" / "industries.csv", dtype=str, keep_default_na=False)
    classes = industries[industries["industry_code"].str.fullmatch(r"C\d{4}")]
    if classes.empty:
        raise ValueError("reference/industries.csv has no four-digit GB/T 4754 classes (C2710 …)")
    return classes[["industry_code", "parent_code"]].rename(columns={"parent_code": "division"}).reset_index(drop=True)


def _register(scale: Scale, counties: list[str], classes: pd.DataFrame) -> pd.DataFrame:
    rng = np.random.default_rng(scale.seed)
    n = scale.enterprises
    county = np.asarray(counties)[rng.integers(0, len(counties), n)]
    klass = rng.integers(0, len(classes), n)
    division = classes["division"].to_numpy()[klass]
    flags = rng.random((n, 5))
    return pd.DataFrame({
        "uscc": [make_uscc(i, c) for i, c in enumerate(county)],
        "name": [f"合成企业{i:07d}有限公司" for i in range(n)],
        "region_code": county,
        "industry_code": classes["industry_code"].to_numpy()[klass],
        "sei_code": [SEI_OF_DIVISION.get(d, "") for d in division],
        "above_scale": (flags[:, 0] < 0.35).astype(int),
        "high_tech": (flags[:, 1] < 0.12).astype(int),
        "specialized": (flags[:, 2] < 0.05).astype(int),
        "gazelle": (flags[:, 3] < 0.02).astype(int),
        "champion": (flags[:, 4] < 0.004).astype(int),
        # monthly output in 万元 around which reports vary; not part of the register file
        "base": np.round(rng.lognormal(6.0, 1.0, n), 1),
    })


def _write_reports(con: duckdb.DuckDBPyConnection, out: Path, scale: Scale, progress: Callable[[str], None],
                   months: list[str] | None = None) -> None:
    """One Parquet file per month: output value varies ±20 % around the enterprise's base,
    revenue is 85–105 % of output (万元, one decimal). Deterministic: hash of (row, month, seed)."""
    months = months or scale.month_keys
    for i, month in enumerate(months):
        folder = out / "reports" / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        con.execute(f"""
            copy (
                select uscc, '{month}' as month,
                       round(base * (0.8 + (hash(idx, '{month}', {scale.seed}) % 4001) / 10000.0), 1) as output_value,
                       round(base * (0.8 + (hash(idx, '{month}', {scale.seed}) % 4001) / 10000.0)
                             * (0.85 + (hash(idx, '{month}', {scale.seed} + 1) % 2001) / 10000.0), 1) as revenue
                from enterprises order by idx
            ) to '{folder / "reports.parquet"}' (format parquet, compression zstd)""")
        if (i + 1) % 12 == 0 or i + 1 == len(months):
            progress(f"  reports: {i + 1}/{len(months)} months written")


def _register_connection(register: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.register("_register", register.reset_index(names="idx"))
    con.execute("create table enterprises as select idx, uscc, region_code, industry_code, division, base from _register")
    con.unregister("_register")
    return con


def add_month(out: Path, scale: Scale, progress: Callable[[str], None] = _say) -> str:
    """Write the month after the last one of a dataset generated with `scale` (the same
    enterprises), as a statistics office's next delivery; returns the month."""
    months = sorted(p.name.removeprefix("month=") for p in (out / "reports").glob("month=*"))
    year, month = map(int, months[-1].split("-"))
    following = f"{year + month // 12}-{month % 12 + 1:02d}"
    regions = pd.read_csv(out / "reference" / "regions.csv", dtype=str, keep_default_na=False)
    counties = regions.loc[regions["region_code"].str.startswith("99") & (regions["level"] == "county"), "region_code"]
    classes = _classes(out)
    register = _register(scale, counties.tolist(), classes)
    register["division"] = register["industry_code"].map(dict(zip(classes["industry_code"], classes["division"])))
    with _register_connection(register) as con:
        _write_reports(con, out, scale, progress, [following])
    return following


def _year_aggregates(con: duckdb.DuckDBPyConnection, out: Path, year: int) -> pd.DataFrame:
    """county × class sums of the year's reports (万元), exact: what the tables restate."""
    files = [str(out / "reports" / f"month={year}-{m:02d}" / "reports.parquet") for m in range(1, 13)]
    return con.execute(f"""
        select e.region_code, e.industry_code, e.division,
               sum(r.output_value) as output_value, sum(r.revenue) as revenue
        from read_parquet({files!r}) r join enterprises e using (uscc)
        group by all order by all""").df()


def _document(year: int, regions: pd.DataFrame, register: pd.DataFrame,
              sums: pd.DataFrame) -> tuple[str, pd.DataFrame, str]:
    """A synthetic briefing restating each city's above-scale count, output and revenue."""
    county_city = dict(zip(regions["region_code"], regions["parent_code"]))
    above = register[register["above_scale"] == 1].assign(city=lambda f: f["region_code"].map(county_city))
    counts = above.groupby("city").size()
    by_city = sums.assign(city=sums["region_code"].map(county_city)).groupby("city")[["output_value", "revenue"]].sum()
    names = dict(zip(regions["region_code"], regions["name_zh"]))
    doc_id = f"synthetic-province-{year}"
    lines = [f"合成省{year}年制造业运行情况（合成数据，非真实统计）", f"发布日期：{year + 1}-02-15", ""]
    figures = []
    for city in sorted(by_city.index):
        n, output, revenue = int(counts.get(city, 0)), by_city.loc[city, "output_value"] / 1e4, by_city.loc[city, "revenue"] / 1e4
        sentence = (f"{year}年，{names[city]}规模以上制造业企业{n}家，实现产值{output:.1f}亿元，"
                    f"营业收入{revenue:.1f}亿元。")
        lines.append(sentence)
        for value_text, unit, indicator, subject in (
            (str(n), "家", "above_scale_enterprise_count", "规模以上制造业企业"),
            (f"{output:.1f}", "亿元", "output_value", "制造业产值"),
            (f"{revenue:.1f}", "亿元", "operating_revenue", "制造业营业收入"),
        ):
            figures.append({"figure_id": f"syn-{city}-{indicator}", "doc_id": doc_id, "quote": sentence[:-1],
                            "value_text": value_text, "value": value_text, "unit": unit, "qualifier": "exact",
                            "kind": "actual", "period": str(year), "region_code": city, "industry_code": "C",
                            "indicator_code": indicator, "measure": "level", "subject_zh": f"{names[city]}{subject}"})
    return doc_id, pd.DataFrame(figures), "\n".join(lines) + "\n"


def _check_target(out: Path) -> None:
    own_raw = (settings.PROJECT_ROOT / "raw").resolve()
    target = out.resolve()
    if target == own_raw or own_raw in target.parents:
        raise ValueError(f"refusing to write synthetic data into the project's raw/ ({target})")
    if target.exists() and any(target.iterdir()) and not (target / "SYNTHETIC.md").exists():
        raise ValueError(f"{target} is not empty and was not written by `regstat generate`: choose another folder")


def generate(out: Path, scale: Scale, progress: Callable[[str], None] = _say) -> dict:
    """Write the dataset to `out` (replacing an earlier synthetic dataset there) and return
    the injected inconsistencies."""
    _check_target(out)
    if out.exists():
        shutil.rmtree(out)
    raw = settings.PROJECT_ROOT / "raw"
    out.mkdir(parents=True)
    for folder in ("documents", "figures", "relations", "reference"):
        shutil.copytree(raw / folder, out / folder)
    year = scale.table_year
    progress(f"generating {scale.enterprises:,} enterprises × {scale.months} months, {scale.counties} counties into {out}")

    regions = _regions(scale)
    with (out / "reference" / "regions.csv").open("a", encoding="utf-8", newline="") as f:
        regions.to_csv(f, header=False, index=False)
    counties = regions.loc[regions["level"] == "county", "region_code"].tolist()
    classes = _classes(out)
    register = _register(scale, counties, classes)
    register["division"] = register["industry_code"].map(dict(zip(classes["industry_code"], classes["division"])))
    (out / "register").mkdir()
    register.drop(columns=["base", "division"]).to_csv(out / "register" / "enterprises.csv", index=False)
    progress(f"  register: {len(register):,} enterprises")

    with _register_connection(register) as con:
        _write_reports(con, out, scale, progress)
        sums = _year_aggregates(con, out, year)

    rng = np.random.default_rng(scale.seed + 1)
    industries = pd.read_csv(out / "reference" / "industries.csv", dtype=str, keep_default_na=False)
    injected = write_tables(out, year, regions, industries, classes["industry_code"].tolist(), register, sums,
                            rng if scale.inject else None)
    doc_id, figures, text = _document(year, regions, register, sums)
    if scale.inject:
        injected.append(_inject_document_figure(figures, rng))
        text = _restate(text, figures)
    (out / "documents" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
    figures.to_csv(out / "figures" / f"{doc_id}.csv", index=False)
    documents = pd.read_csv(out / "documents" / "documents.csv", dtype=str, keep_default_na=False)
    documents.loc[len(documents)] = {
        "doc_id": doc_id, "file": f"{doc_id}.txt", "title": text.splitlines()[0], "publisher": "regstat generate",
        "region_code": PROVINCE, "published_on": f"{year + 1}-02-15", "source": "synthetic (regstat generate)",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    documents.to_csv(out / "documents" / "documents.csv", index=False)

    (out / "SYNTHETIC.md").write_text(SYNTHETIC_NOTE.format(args=json.dumps(asdict(scale))), encoding="utf-8")
    (out / "injected.json").write_text(json.dumps(injected, ensure_ascii=False, indent=1), encoding="utf-8")
    progress(f"  {len(injected)} planted inconsistencies listed in {out / 'injected.json'}")
    return {"scale": asdict(scale), "injected": injected}


def _inject_document_figure(figures: pd.DataFrame, rng: np.random.Generator) -> dict:
    """A city's output value restated 10 % too high in the document (text and figure)."""
    candidates = figures.index[figures["indicator_code"] == "output_value"]
    i = int(candidates[rng.integers(0, len(candidates))])
    original = figures.at[i, "value_text"]
    wrong = f"{float(original) * 1.1:.1f}"
    figures.at[i, "value_text"] = figures.at[i, "value"] = wrong
    figures.at[i, "_original"] = original
    return {"id": "document_figure", "rule": "aggregates_vs_document", "figure_id": figures.at[i, "figure_id"],
            "description": f"{figures.at[i, 'subject_zh']} {original}亿元 restated as {wrong}亿元"}


def _restate(text: str, figures: pd.DataFrame) -> str:
    """Put the injected value into the document text and the figure's quote."""
    for i in figures.index[figures.get("_original", pd.Series(dtype=str)).notna()]:
        old_quote = figures.at[i, "quote"]
        new_quote = old_quote.replace(f"产值{figures.at[i, '_original']}亿元", f"产值{figures.at[i, 'value_text']}亿元")
        text = text.replace(old_quote, new_quote)
        figures.loc[figures["quote"] == old_quote, "quote"] = new_quote
    figures.drop(columns=["_original"], errors="ignore", inplace=True)
    return text
