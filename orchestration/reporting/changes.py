"""What changed between two builds: figures added, removed or changed, checks and targets
whose status changed. Both databases are attached read-only to an in-memory DuckDB."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

FIGURE_FIELDS = ["value", "unit", "qualifier", "kind", "period", "quote"]


@dataclass
class Changes:
    previous_build: str | None
    figures_added: pd.DataFrame
    figures_removed: pd.DataFrame
    figures_changed: pd.DataFrame
    checks_changed: pd.DataFrame
    targets_changed: pd.DataFrame

    @property
    def total(self) -> int:
        return sum(len(f) for f in (self.figures_added, self.figures_removed, self.figures_changed,
                                     self.checks_changed, self.targets_changed))


def compare(previous: Path | None, current: Path) -> Changes | None:
    """None when there is no previous build to compare with."""
    if previous is None:
        return None
    con = duckdb.connect()
    try:
        con.execute(f"attach '{previous}' as prev (read_only)")
        con.execute(f"attach '{current}' as cur (read_only)")
        differs = " or ".join(f"p.{f} is distinct from c.{f}" for f in FIGURE_FIELDS)
        return Changes(
            previous_build=con.execute("select build_id from prev.meta.build_info").fetchone()[0],
            figures_added=con.execute("""select c.figure_id, c.subject_zh, c.value_text, c.reported_unit, c.period from cur.marts.fct_figure c
                                         anti join prev.marts.fct_figure p using (figure_id) order by 1""").df(),
            figures_removed=con.execute("""select p.figure_id, p.subject_zh, p.value_text, p.reported_unit, p.period from prev.marts.fct_figure p
                                           anti join cur.marts.fct_figure c using (figure_id) order by 1""").df(),
            figures_changed=con.execute(f"""select c.figure_id, c.subject_zh,
                    p.value_text || ' ' || p.reported_unit || ' (' || p.period || ')' as before,
                    c.value_text || ' ' || c.reported_unit || ' (' || c.period || ')' as after
                from prev.marts.fct_figure p join cur.marts.fct_figure c using (figure_id) where {differs} order by 1""").df(),
            checks_changed=con.execute("""select check_id, coalesce(p.status, '(new)') as before, coalesce(c.status, '(gone)') as after,
                    coalesce(c.message, p.message) as message
                from prev.marts.fct_check_result p full join cur.marts.fct_check_result c using (check_id)
                where p.status is distinct from c.status order by 1""").df(),
            targets_changed=con.execute("""select target_figure_id, coalesce(p.status, '(new)') as before, coalesce(c.status, '(gone)') as after
                from prev.marts.fct_target_progress p full join cur.marts.fct_target_progress c using (target_figure_id)
                where p.status is distinct from c.status order by 1""").df(),
        )
    finally:
        con.close()
