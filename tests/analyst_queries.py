"""The example queries of docs/analyst_views.md, by the name of the question they answer
(`-- question: NAME` on their first line), and the views the page documents."""

from __future__ import annotations

import re

from tests.conftest import PROJECT

DOC = (PROJECT / "docs" / "analyst_views.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sql\n(.*?)```", DOC, flags=re.S)
QUESTIONS = {m.group(1): q for q in QUERIES if (m := re.match(r"-- question: (\w+)\n", q))}


def question(name: str) -> str:
    """The query answering question `name`, without its trailing semicolon."""
    return QUESTIONS[name].strip().rstrip(";")
