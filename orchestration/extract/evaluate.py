"""Compare the extractor with curated figures: precision, recall and F1 overall and per
kind, attribute accuracy on matched figures, misses and false positives.

A candidate matches a curated figure when both come from the same document, their values
in the canonical unit are equal (869.1 亿元 = 86910000000 CNY, 超1亿 元 = 1 亿元) and their
spans overlap: the candidate's value text against the curated value text located inside
the curated quote in the document. Each curated row is one statement, so a restated figure
is two rows with two quotes, and each must be found where it is stated. Pairs are chosen
by maximum bipartite matching. The extractor sees only the document text.

Also: the sign of matched figures, the proposed region, industry and indicator codes,
precision and recall of the candidate relations of every kind (a curated relation is found
when a candidate relation of its kind binds the candidates matched to its figures, in its
roles; growth compares level and rate), and the cells a reviewer changes per document: every
differing cell of a matched row, a whole row typed for a missed figure, one cell (the status)
to reject a false candidate, and one row typed per missed relation.

`python -m orchestration.extract.evaluate [RAW_DIR ...] [--seen FILE]` (make eval-extract)
prints the report for raw/ and for the held-out fixture; with --seen (doc_ids, one a line:
the documents looked at while developing the rules) each folder's documents are reported in
two groups, seen and unseen."""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from orchestration import settings
from orchestration.ingest.figures import Unit
from orchestration.ingest.raw_inputs import (
    DOCUMENT_COLUMNS,
    FIGURE_COLUMNS,
    REFERENCE_COLUMNS,
    RELATION_COLUMNS,
    load_reference,
    read_rows,
)

from .codes import CodeProposer
from .extractor import Candidate, Extraction, extract
from .memory import RECALLED_NOTE, CodeMemory
from .review_files import candidate_rows

KINDS = ("actual", "target", "growth_rate", "share")
ATTRIBUTES = ("qualifier", "kind", "period", "measure", "unit", "sign")
CODES = ("region_code", "industry_code", "indicator_code")
# The review row's cells a reviewer may have to change (quote and subject are free text).
REVIEW_CELLS = ("value_text", "value", "unit", "qualifier", "kind", "period", "region_code", "industry_code",
                "indicator_code", "measure")
RELATION_KINDS = ("listed_count", "sum_to_total", "share", "part_le_whole", "growth", "restatement", "structure",
                  "target_sequence")
HELD_OUT = settings.PROJECT_ROOT / "tests" / "extract" / "heldout"
_MAGNITUDE_PREFIXES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4),
                       ("千", Decimal(1000)))


@dataclass(frozen=True)
class Curated:
    row: dict[str, str]
    line: int
    spans: tuple[tuple[int, int], ...]  # every place its value text stands inside its quote


@dataclass
class DocumentResult:
    doc_id: str
    text: str
    curated: list[Curated]
    extraction: Extraction
    seconds: float
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (curated index, candidate index)
    relations_expected: int = 0
    relations_found: int = 0
    relations_same_items: int = 0
    relation_counts: dict[str, list[int]] = field(default_factory=dict)  # kind → [found, curated, right, proposed]
    changed_cells: int = 0
    rows: list[dict[str, str]] = field(default_factory=list)  # the review rows add-document would write
    region: str = ""
    document_industry: str = ""
    title: str = ""

    @property
    def candidates(self) -> list[Candidate]:
        return self.extraction.candidates


@dataclass(frozen=True)
class Scores:
    matched_curated: int
    curated: int
    matched_predicted: int
    predicted: int

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_curated / self.curated if self.curated else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


class UnitTable:
    """Units as written → (canonical unit, factor), from raw/reference/units.csv; a unit not
    listed there converts by its magnitude prefix (万辆 → 辆 × 10000) or stands for itself."""

    def __init__(self, raw: Path):
        rows = read_rows(raw / "reference" / "units.csv", REFERENCE_COLUMNS["units"])
        self.units = {r["unit"]: Unit(r["unit"], r["canonical_unit"], r["factor"], r["measure_type"]) for _, r in rows}

    def canonical(self, value: Decimal, unit: str) -> tuple[str, Decimal]:
        if unit in self.units:
            known = self.units[unit]
            return known.canonical_unit, value * known.factor
        for prefix, factor in _MAGNITUDE_PREFIXES:
            if unit.startswith(prefix) and len(unit) > len(prefix):
                base, base_value = self.canonical(value, unit[len(prefix):])
                return base, base_value * factor
        return unit, value


def curated_spans(text: str, quote: str, value_text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    q = text.find(quote)
    while q >= 0 and quote:
        v = quote.find(value_text)
        while v >= 0 and value_text:
            spans.append((q + v, q + v + len(value_text)))
            v = quote.find(value_text, v + 1)
        q = text.find(quote, q + 1)
    return tuple(spans)


def _matchable(curated: Curated, candidate: Candidate, units: UnitTable) -> bool:
    try:
        curated_value = units.canonical(Decimal(curated.row["value"]), curated.row["unit"])
    except ArithmeticError:
        return False
    if curated_value != units.canonical(candidate.value, candidate.unit):
        return False
    return any(start < candidate.end and candidate.start < end for start, end in curated.spans)


def match(curated: list[Curated], candidates: list[Candidate], units: UnitTable) -> list[tuple[int, int]]:
    """Maximum bipartite matching between curated rows and candidates (Kuhn's algorithm;
    documents hold tens to hundreds of figures)."""
    edges = [[j for j, c in enumerate(candidates) if _matchable(f, c, units)] for f in curated]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(curated)):
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


def evaluate_raw(raw: Path, units: UnitTable | None = None,
                 proposer: CodeProposer | None = None) -> list[DocumentResult]:
    """Extract every document of a raw-layout folder and match it with its curated figures."""
    units = units or UnitTable(settings.raw_dir())
    results = []
    extract("2023年，全市企業1個，產值千億元。", datetime.date(2024, 1, 1))  # one-time loads (zhconv) not timed
    for _, doc in read_rows(raw / "documents" / "documents.csv", DOCUMENT_COLUMNS):
        text = (raw / "documents" / doc["file"]).read_text(encoding="utf-8")
        figures_path = raw / "figures" / f"{doc['doc_id']}.csv"
        rows = read_rows(figures_path, FIGURE_COLUMNS) if figures_path.exists() else []
        curated = [Curated(row, line, curated_spans(text, row["quote"], row["value_text"])) for line, row in rows]
        started = time.perf_counter()
        extraction = extract(text, datetime.date.fromisoformat(doc["published_on"]))
        result = DocumentResult(doc["doc_id"], text, curated, extraction, time.perf_counter() - started)
        result.pairs = match(curated, extraction.candidates, units)
        result.region = doc["region_code"]
        result.title = doc["title"] or extraction.title
        result.document_industry = proposer.document_industry(result.title, doc["region_code"]) if proposer else ""
        _score_relations(raw, result)
        results.append(result)
    memory = remember(results, proposer.regions.place_names) if proposer else None
    for result in results:
        result.rows = review_rows(result, proposer, result.region, memory)
        result.changed_cells += count_changed_cells(result, result.rows)
    return results


def remember(results: Iterable[DocumentResult], places: frozenset[str]) -> CodeMemory:
    """The codes of every matched curated figure: the memory add-document reads (each
    document's own left out when it is scored: review_rows)."""
    memory = CodeMemory(places=places)
    for r in results:
        for i, j in r.pairs:
            row = r.curated[i].row
            memory.learn(r.doc_id, r.candidates[j], row["industry_code"], row["indicator_code"])
    return memory


def _relation_key(kind: str, members: Iterable[int | None]) -> tuple:
    """What must agree for two relations to be the same: roles in order, parts as a set."""
    members = list(members)
    if kind in ("sum_to_total",):
        return (kind, members[0], frozenset(members[1:]))
    if kind in ("listed_count", "structure"):
        return (kind, frozenset(members))
    if kind == "growth":
        return (kind, tuple(members[:2]))
    return (kind, tuple(members))


def _score_relations(raw: Path, result: DocumentResult) -> None:
    """Curated relations found among the candidate relations (same kind, same figures in
    their roles), and candidate relations that are curated, per kind."""
    if not (raw / "relations").is_dir():  # a folder that curates no relations (the held-out fixture)
        return
    path = raw / "relations" / f"{result.doc_id}.csv"  # in raw/, no file means no relations
    rows = [row for _, row in read_rows(path, RELATION_COLUMNS)] if path.exists() else []
    to_candidate = {result.curated[i].row["figure_id"]: j for i, j in result.pairs}
    proposed = {_relation_key(r.kind, r.members): r for r in result.extraction.relations}
    counts = result.relation_counts
    for kind in RELATION_KINDS:
        counts[kind] = [0, 0, 0, sum(r.kind == kind for r in result.extraction.relations)]
    curated_keys = set()
    for row in rows:
        if row["kind"] not in counts:
            continue
        members = [to_candidate.get(f.strip()) for f in row["figure_ids"].split(";")]
        key = _relation_key(row["kind"], members)
        curated_keys.add(key)
        counts[row["kind"]][1] += 1
        relation = proposed.get(key) if None not in members[:2 if row["kind"] == "growth" else None] else None
        if relation is not None:
            counts[row["kind"]][0] += 1
        if row["kind"] == "listed_count":
            result.relations_expected += 1
            if relation is not None:
                result.relations_found += 1
                result.relations_same_items += len(relation.items) == len([i for i in row["items"].split("|") if i])
        else:
            result.changed_cells += 0 if relation is not None else 1
    for key, relation in proposed.items():
        counts[relation.kind][2] += key in curated_keys


def review_rows(result: DocumentResult, proposer: CodeProposer | None, region: str,
                memory: CodeMemory | None = None) -> list[dict[str, str]]:
    """The review rows add-document writes for the document (candidate_rows: codes proposed,
    the memory of the other documents' accepted figures filling in), `recalled` set where
    the memory did."""
    extraction = replace(result.extraction, title=result.title)
    rows, _ = candidate_rows(extraction, result.doc_id, region, proposer,
                             memory.without(result.doc_id) if memory else None)
    return [{**row, "recalled": "yes" if RECALLED_NOTE in row["note"] else ""} for row in rows]


def changed_by_column(results: Iterable[DocumentResult]) -> dict[str, int]:
    """Matched rows' differing cells per column (where the curated cell is filled in)."""
    counts = dict.fromkeys(REVIEW_CELLS, 0)
    for r in results:
        rows = r.rows
        for i, j in r.pairs:
            for column in REVIEW_CELLS:
                curated = r.curated[i].row
                counts[column] += bool(curated[column]) and _cell(curated, column) != _cell(rows[j], column)
    return counts


def count_changed_cells(result: DocumentResult, rows: list[dict[str, str]]) -> int:
    """Cells a reviewer changes to turn the candidates into the curated figures (module docstring)."""
    changed = 0
    matched_c = {i for i, _ in result.pairs}
    for i, j in result.pairs:
        curated = result.curated[i].row
        changed += sum(_cell(curated, column) != _cell(rows[j], column) for column in REVIEW_CELLS
                       if curated[column])  # a folder that leaves codes empty does not score them
    changed += (len(result.curated) - len(matched_c)) * len(REVIEW_CELLS)
    changed += len(result.candidates) - len(result.pairs)
    return changed


def _cell(row: dict[str, str], column: str) -> str:
    if column == "value":
        try:
            return str(Decimal(row[column]).normalize())
        except ArithmeticError:
            return row[column]
    return row[column]


def scores(results: Iterable[DocumentResult], kind: str | None = None) -> Scores:
    """P/R counts overall, or for one kind (curated kind for recall, predicted kind for precision)."""
    mc = c = mp = p = 0
    for r in results:
        matched_c = {i for i, _ in r.pairs}
        matched_p = {j for _, j in r.pairs}
        for i, f in enumerate(r.curated):
            if kind is None or f.row["kind"] == kind:
                c += 1
                mc += i in matched_c
        for j, cand in enumerate(r.candidates):
            if kind is None or cand.kind == kind:
                p += 1
                mp += j in matched_p
    return Scores(mc, c, mp, p)


def attribute_accuracy(results: Iterable[DocumentResult]) -> dict[str, tuple[int, int]]:
    """attribute → (right, matched pairs)."""
    right = dict.fromkeys(ATTRIBUTES, 0)
    total = 0
    for r in results:
        for i, j in r.pairs:
            total += 1
            row, cand = r.curated[i].row, r.candidates[j]
            for attribute in ATTRIBUTES:
                right[attribute] += _attribute(row, attribute) == _attribute(cand, attribute)
    return {a: (right[a], total) for a in ATTRIBUTES}


def _attribute(row: dict[str, str] | Candidate, attribute: str) -> str:
    if attribute == "sign":
        value = Decimal(row["value"]) if isinstance(row, dict) else row.value
        return "-" if value < 0 else "+"
    return row[attribute] if isinstance(row, dict) else getattr(row, attribute)


def code_agreement(results: Iterable[DocumentResult]) -> dict[str, tuple[int, int]]:
    """How often the proposed codes (the review rows') equal the curated ones, on matched
    figures whose curated code is filled in: code → (equal, compared)."""
    counts = {column: [0, 0] for column in CODES}
    for r in results:
        for i, j in r.pairs:
            for column in CODES:
                if r.curated[i].row[column] and r.rows:
                    counts[column][0] += r.rows[j][column] == r.curated[i].row[column]
                    counts[column][1] += 1
    return {column: (equal, total) for column, (equal, total) in counts.items()}


def _context(text: str, start: int, end: int, width: int = 18) -> str:
    return (text[max(0, start - width):start] + "[" + text[start:end] + "]" + text[end:end + width]).replace("\n", "⏎")


def report(title: str, results: list[DocumentResult], proposer: CodeProposer | None = None, out=sys.stdout) -> None:
    def say(line: str = "") -> None:
        print(line, file=out)

    overall = scores(results)
    say(f"== {title}: {len(results)} document(s), {overall.curated} curated figures, {overall.predicted} candidates")
    say(f"{'':14}{'precision':>10}{'recall':>8}{'F1':>7}   matched/predicted  matched/curated")
    for kind in (None, *KINDS):
        s = scores(results, kind)
        say(f"{kind or 'overall':14}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}   "
            f"{s.matched_predicted:>7}/{s.predicted:<9} {s.matched_curated:>7}/{s.curated}")
    for r in results:
        s = scores([r])
        say(f"  {r.doc_id}: precision {s.precision:.3f} ({s.matched_predicted}/{s.predicted}), "
            f"recall {s.recall:.3f} ({s.matched_curated}/{s.curated})")
    accuracy = attribute_accuracy(results)
    say("attributes right on matched figures: " + ", ".join(
        f"{a} {r}/{n} ({r / n if n else 1:.3f})" for a, (r, n) in accuracy.items()))
    agreement = code_agreement(results) if proposer else {}
    if any(total for _, total in agreement.values()):
        say("proposed codes equal to the curated ones: " + ", ".join(
            f"{column} {equal}/{total}" for column, (equal, total) in agreement.items()))
    found = curated = right = proposed = 0
    parts = []
    for kind in RELATION_KINDS:
        f, c, ri, p = (sum(r.relation_counts.get(kind, [0, 0, 0, 0])[k] for r in results) for k in range(4))
        found, curated, right, proposed = found + f, curated + c, right + ri, proposed + p
        if c or p:
            parts.append(f"{kind} {f}/{c} found, {ri}/{p} right")
    unscored = [r for r in results if not r.relation_counts]
    if unscored:
        say(f"relations not scored: this folder curates none ({sum(len(r.extraction.relations) for r in unscored)} "
            "proposed)")
    if curated or proposed:
        say(f"relations: recall {found / curated if curated else 1:.3f} ({found}/{curated}), "
            f"precision {right / proposed if proposed else 1:.3f} ({right}/{proposed}); " + "; ".join(parts))
    expected = sum(r.relations_expected for r in results)
    if expected:
        say(f"listed_count relations: {sum(r.relations_found for r in results)}/{expected} found as candidates, "
            f"{sum(r.relations_same_items for r in results)} with the same number of items")
    shares = sorted(r.changed_cells / len(r.curated) for r in results if r.curated)
    if shares:
        median = shares[len(shares) // 2] if len(shares) % 2 else (shares[len(shares) // 2 - 1] + shares[len(shares) // 2]) / 2
        say("cells a reviewer changes: " + ", ".join(f"{r.doc_id} {r.changed_cells}" for r in results)
            + f"; median {median:.3f} per curated figure")
        recalled = [(r.curated[i].row, r.rows[j]) for r in results for i, j in r.pairs if r.rows[j]["recalled"]]
        say(f"  rows whose codes the memory of other documents filled in: {len(recalled)}, "
            f"{sum(a['industry_code'] == b['industry_code'] and a['indicator_code'] == b['indicator_code'] for a, b in recalled)}"
            " of them with both codes right")
        say("  of which in matched rows, by column: " + ", ".join(
            f"{column} {n}" for column, n in changed_by_column(results).items() if n))
    chars = sum(len(r.text) for r in results)
    seconds = sum(r.seconds for r in results)
    say(f"extraction time: {seconds * 1000:.1f} ms for {chars} characters")
    for r in results:
        matched_c = {i for i, _ in r.pairs}
        matched_p = {j for _, j in r.pairs}
        for i, f in enumerate(r.curated):
            if i not in matched_c:
                row = f.row
                say(f"  MISS {r.doc_id}:{f.line} {row['figure_id']} {row['value_text']} {row['unit']} "
                    f"({row['kind']}) in “{row['quote'][:60]}”".replace("\n", "⏎"))
        for j, cand in enumerate(r.candidates):
            if j not in matched_p:
                say(f"  FALSE POSITIVE {r.doc_id} {cand.value_text} {cand.unit} ({cand.kind}) "
                    f"{_context(r.text, cand.start, cand.end)}")
        for i, j in r.pairs:
            row, cand = r.curated[i].row, r.candidates[j]
            wrong = [f"{a} {_attribute(cand, a)}≠{_attribute(row, a)}" for a in ATTRIBUTES
                     if _attribute(row, a) != _attribute(cand, a)]
            if wrong:
                say(f"  ATTRIBUTE {r.doc_id} {row['figure_id']} {row['value_text']}{row['unit']}: {', '.join(wrong)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("raw_dirs", nargs="*", type=Path,
                        help="folders in the raw/ layout (default: raw/ and the held-out fixture)")
    parser.add_argument("--seen", type=Path, help="doc_ids (one a line) looked at while developing: reported apart")
    args = parser.parse_args(argv)
    folders = args.raw_dirs or [settings.raw_dir(), HELD_OUT]
    seen = set(args.seen.read_text(encoding="utf-8").split()) if args.seen else None
    for folder in folders:
        # a folder with its own reference tables (a corpus copy) is read with them
        reference_dir = folder if (folder / "reference" / "units.csv").exists() else settings.raw_dir()
        units = UnitTable(reference_dir)
        proposer = CodeProposer(load_reference(reference_dir))
        results = evaluate_raw(folder, units, proposer)
        if seen is None:
            report(str(folder), results, proposer)
        else:
            for label, group in (("seen while developing", [r for r in results if r.doc_id in seen]),
                                 ("unseen", [r for r in results if r.doc_id not in seen])):
                if group:
                    report(f"{folder} ({label})", group, proposer)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
