"""Load the published DuckDB warehouse into PostgreSQL and swap it in atomically.

Each served schema (marts, analyst, meta) is loaded into `<schema>__new`, with the same
table names, column types and comments; then one transaction renames `<schema>` to
`<schema>__old` and `<schema>__new` to `<schema>`. Renaming a schema takes no lock that a
reader's query waits for or blocks on: a query that started before the swap finishes on the
old tables (they still exist, now under __old), a query that starts after it reads the new
ones, and a single query never mixes the two. The old tables are dropped afterwards, when
their last reader is done (or at the next load)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from orchestration.serving.dbt_keys import META_COMMENTS, META_KEYS, Keys, model_keys

SERVED_SCHEMAS = ("marts", "analyst", "meta")
# DuckDB type → PostgreSQL type; DECIMAL(p,s) keeps its precision, anything else is text.
TYPES = {
    "VARCHAR": "text", "BOOLEAN": "boolean", "TINYINT": "smallint", "SMALLINT": "smallint",
    "INTEGER": "integer", "BIGINT": "bigint", "HUGEINT": "numeric", "UBIGINT": "numeric",
    "FLOAT": "real", "DOUBLE": "double precision", "DATE": "date", "TIME": "time",
    "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamptz", "UUID": "uuid", "JSON": "jsonb",
}


def pg_type(duckdb_type: str) -> str:
    if duckdb_type.startswith("DECIMAL"):
        return duckdb_type.replace("DECIMAL", "numeric")
    return TYPES.get(duckdb_type, "text")


@dataclass
class Relation:
    schema: str
    name: str
    comment: str | None
    columns: list[tuple[str, str, str | None]]  # name, DuckDB type, comment


def served_relations(con: duckdb.DuckDBPyConnection) -> list[Relation]:
    """Every table and view of the served schemas in the DuckDB file."""
    found = con.execute(f"""
        select schema_name, table_name, comment from duckdb_tables() where schema_name in {SERVED_SCHEMAS}
        union all
        select schema_name, view_name, comment from duckdb_views() where schema_name in {SERVED_SCHEMAS} and not internal
        order by 1, 2""").fetchall()
    relations = []
    for schema, name, comment in found:
        columns = con.execute("""select column_name, data_type, comment from duckdb_columns()
                                 where schema_name = ? and table_name = ? order by column_index""", [schema, name]).fetchall()
        relations.append(Relation(schema, name, comment, columns))
    return relations


def _copy(con: duckdb.DuckDBPyConnection, pg: psycopg.Connection, relation: Relation, target: str) -> int:
    names = [c[0] for c in relation.columns]
    select = ", ".join(f'"{n}"' for n in names)
    result = con.execute(f'select {select} from "{relation.schema}"."{relation.name}"')
    rows = 0
    copy_sql = sql.SQL("copy {}.{} ({}) from stdin").format(
        sql.Identifier(target), sql.Identifier(relation.name), sql.SQL(", ").join(map(sql.Identifier, names)))
    with pg.cursor().copy(copy_sql) as copy:
        while batch := result.fetchmany(10_000):
            for row in batch:
                copy.write_row(row)
            rows += len(batch)
    return rows


def _create(pg: psycopg.Connection, relation: Relation, target: str) -> None:
    columns = sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(n), sql.SQL(pg_type(t))) for n, t, _ in relation.columns)
    table = sql.SQL("{}.{}").format(sql.Identifier(target), sql.Identifier(relation.name))
    pg.execute(sql.SQL("create table {} ({})").format(table, columns))
    table_comment, column_comments = META_COMMENTS.get(relation.name, (None, {})) if relation.schema == "meta" else (None, {})
    if relation.comment or table_comment:
        pg.execute(sql.SQL("comment on table {} is {}").format(table, sql.Literal((relation.comment or table_comment).strip())))
    for name, _, comment in relation.columns:
        if comment or column_comments.get(name):
            pg.execute(sql.SQL("comment on column {}.{} is {}").format(
                table, sql.Identifier(name), sql.Literal((comment or column_comments[name]).strip())))


def _served_keys(relations: list[Relation]) -> dict[tuple[str, str], Keys]:
    """The keys of each served relation, foreign keys kept only where they point at a served
    relation's whole primary key (a reference to a non-key column is a dbt test, not a key)."""
    declared = {**model_keys(), **{("meta", name): keys for name, keys in META_KEYS.items()}}
    present = {(r.schema, r.name): {c[0] for c in r.columns} for r in relations}
    schema_of = {name: schema for schema, name in present}
    served: dict[tuple[str, str], Keys] = {}
    for key, columns in present.items():
        keys = declared.get(key, Keys())
        primary = keys.primary if set(keys.primary) <= columns else []
        foreign = [(column, target, field) for column, target, field in keys.foreign
                   if column in columns and target in schema_of
                   and declared.get((schema_of[target], target), Keys()).primary == [field]]
        served[key] = Keys(primary, foreign)
    return served


def _add_keys(pg: psycopg.Connection, relations: list[Relation]) -> None:
    """Primary keys first (a foreign key needs its target's), then foreign keys, on <schema>__new."""
    keys = _served_keys(relations)
    schema_of = {name: schema for schema, name in keys}

    def table(schema: str, name: str) -> sql.Composed:
        return sql.SQL("{}.{}").format(sql.Identifier(f"{schema}__new"), sql.Identifier(name))

    for (schema, name), k in keys.items():
        if k.primary:
            pg.execute(sql.SQL("alter table {} add primary key ({})").format(
                table(schema, name), sql.SQL(", ").join(map(sql.Identifier, k.primary))))
    # NOT VALID: the dbt relationships test already checked every row of this build, so
    # PostgreSQL records the key (BI tools read it) without scanning the tables again.
    for (schema, name), k in keys.items():
        for column, target, field in k.foreign:
            pg.execute(sql.SQL("alter table {} add foreign key ({}) references {} ({}) not valid").format(
                table(schema, name), sql.Identifier(column), table(schema_of[target], target), sql.Identifier(field)))


def load(duckdb_path: Path, dsn: str, reader_role: str, lock_timeout_s: float = 5, attempts: int = 5) -> dict[str, int]:
    """Load the served schemas of `duckdb_path` and swap them in; returns rows per table."""
    if not duckdb_path.exists():
        raise FileNotFoundError(f"no warehouse at {duckdb_path}: run `make run` first")
    counts: dict[str, int] = {}
    with duckdb.connect(str(duckdb_path), read_only=True) as con, psycopg.connect(dsn) as pg:
        relations = served_relations(con)
        schemas = sorted({r.schema for r in relations})
        for schema in schemas:  # load into <schema>__new: invisible to readers of <schema>
            pg.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(f"{schema}__new")))
            pg.execute(sql.SQL("create schema {}").format(sql.Identifier(f"{schema}__new")))
        for relation in relations:
            _create(pg, relation, f"{relation.schema}__new")
            counts[f"{relation.schema}.{relation.name}"] = _copy(con, pg, relation, f"{relation.schema}__new")
        _add_keys(pg, relations)
        for schema in schemas:
            new = sql.Identifier(f"{schema}__new")
            pg.execute(sql.SQL("grant usage on schema {} to {}").format(new, sql.Identifier(reader_role)))
            pg.execute(sql.SQL("grant select on all tables in schema {} to {}").format(new, sql.Identifier(reader_role)))
        pg.commit()
        _swap(pg, schemas, lock_timeout_s, attempts)
        _drop_old(pg, schemas, lock_timeout_s)
    return counts


def _swap(pg: psycopg.Connection, schemas: list[str], lock_timeout_s: float, attempts: int) -> None:
    """One transaction: every <schema> becomes <schema>__old, every <schema>__new <schema>."""
    for attempt in range(1, attempts + 1):
        try:
            with pg.transaction():
                pg.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(f"{int(lock_timeout_s * 1000)}ms")))
                for schema in schemas:
                    old = sql.Identifier(f"{schema}__old")
                    pg.execute(sql.SQL("drop schema if exists {} cascade").format(old))
                    if pg.execute("select 1 from pg_namespace where nspname = %s", [schema]).fetchone():
                        pg.execute(sql.SQL("alter schema {} rename to {}").format(sql.Identifier(schema), old))
                    pg.execute(sql.SQL("alter schema {} rename to {}").format(sql.Identifier(f"{schema}__new"), sql.Identifier(schema)))
            pg.commit()
            return
        except psycopg.errors.LockNotAvailable:
            if attempt == attempts:
                raise
            time.sleep(attempt)


def _drop_old(pg: psycopg.Connection, schemas: list[str], lock_timeout_s: float) -> None:
    """Drop the replaced tables once their readers are done; if one is still busy, the next
    load drops them instead."""
    try:
        with pg.transaction():
            pg.execute(sql.SQL("set local lock_timeout = {}").format(sql.Literal(f"{int(lock_timeout_s * 1000)}ms")))
            for schema in schemas:
                pg.execute(sql.SQL("drop schema if exists {} cascade").format(sql.Identifier(f"{schema}__old")))
        pg.commit()
    except psycopg.errors.LockNotAvailable:
        pass
