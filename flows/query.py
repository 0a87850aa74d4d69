"""Read side: DuckDB SQL over the warehouse tables, table listing, compaction.

`gongwen query` runs untrusted SQL safely: one SELECT statement only (check_read_only); each table is a view over the Parquet files of its
current Delta version (`read_parquet(DeltaTable.file_uris())`, so removed files are never read;
DuckDB's delta extension would need a download), then the session is locked: external access off
(no read_text/read_csv of other files, no COPY ... TO, no ATTACH, no INSTALL), only the tables'
own files allowed, configuration locked so the query cannot undo it. Results are written by
gongwen (`write_result`), never by SQL. Registering deltalake's Arrow datasets instead hung or
crashed DuckDB at exit on tables of several files (engineering notes).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from schemas import TABLES, column_doc

from . import storage, warehouse

DEFAULT_RETENTION_HOURS = 7 * 24  # vacuum keeps 7 days of time travel
@dataclass(frozen=True)
class View:
    sql: str
    needs: tuple[str, ...]  # documents columns it reads: skipped while a table lacks them
    doc: str


# Views for analysts, over the tables; `gongwen export` writes them too.
VIEWS = {
    "current_documents": View(
        "select * from documents where superseded_by is null and duplicate_of is null",
        ("superseded_by", "duplicate_of"),
        "one row per text: the current version of each file (superseded_by is null), "
        "reposts of an earlier text left out (duplicate_of is null)"),
}


def sql_string(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def connect(output_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """A locked DuckDB connection with every warehouse table (and VIEWS) registered by name."""
    con = duckdb.connect()
    allowed: list[str] = []
    columns: dict[str, set[str]] = {}
    for name, declared in TABLES.items():
        dt = warehouse.open_table(output_dir, name)
        if dt is None:
            continue
        columns[name] = set(declared.schema.names)
        files = dt.file_uris()
        if files and not storage.is_remote(files[0]):
            allowed += files
            listed = ", ".join(sql_string(f) for f in files)
            # union_by_name: files written before a column was added lack it (read as null)
            con.execute(f'create view "{name}" as select * from read_parquet([{listed}], union_by_name = true)')
        else:  # no files yet, or object storage (DuckDB would need its httpfs extension): in memory
            data = pa.table(dt.to_pyarrow_table()) if files else declared.schema.empty_table()
            con.register(f"_{name}_arrow", data)
            con.execute(f'create table "{name}" as select * from "_{name}_arrow"')
            con.unregister(f"_{name}_arrow")
    for name, view in VIEWS.items():
        if all(c in columns.get("documents", ()) for c in view.needs):
            con.execute(f'create view "{name}" as {view.sql}')
    if allowed:
        con.execute(f"set allowed_paths = [{', '.join(sql_string(f) for f in allowed)}]")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")
    return con


class QueryRefused(ValueError):
    """SQL that is not one read-only statement."""


def check_read_only(sql: str) -> None:
    """One SELECT (DESCRIBE, SHOW and SUMMARIZE are SELECTs), nothing that writes or configures:
    the warehouse's own files must stay readable to the views, so writing to them is refused here
    (COPY ... TO a data file would otherwise pass the allowed_paths check)."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise QueryRefused(f"not valid SQL: {err}") from None
    if len(statements) != 1:
        raise QueryRefused(f"give one statement, got {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefused(f"only read-only queries (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE) run here, "
                           f"not {kind.name}; write results with --out")


def run_query(output_dir: str | Path, sql: str) -> pa.Table:
    check_read_only(sql)
    con = connect(output_dir)
    try:
        relation = con.sql(sql)
        return relation.to_arrow_table() if relation is not None else pa.table({})
    finally:
        con.close()


def write_result(table: pa.Table, out: str) -> None:
    """--out: Parquet as is; CSV with list and struct columns as JSON text (CSV has no lists), binary as hex."""
    if out.endswith(".parquet"):
        import pyarrow.parquet as pq

        pq.write_table(table, out, compression="zstd")
    elif out.endswith(".csv"):
        import pyarrow.csv as pacsv

        for i, field in enumerate(table.schema):
            if pa.types.is_binary(field.type) or pa.types.is_large_binary(field.type):  # minhash: hex text
                text = [None if v is None else v.hex() for v in table.column(i).to_pylist()]
                table = table.set_column(i, field.name, pa.array(text, pa.string()))
            elif pa.types.is_list(field.type) or pa.types.is_large_list(field.type) or pa.types.is_struct(field.type) \
                    or pa.types.is_map(field.type):
                text = [None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                        for v in table.column(i).to_pylist()]
                table = table.set_column(i, field.name, pa.array(text, pa.string()))
        pacsv.write_csv(table, out)
    else:
        raise ValueError(f"--out must end in .csv or .parquet, got {out!r}")


def describe_tables(output_dir: str | Path) -> list[dict]:
    """Each table's rows (counted from its data files, so a lost file shows), version, columns."""
    rows = []
    for name, declared in TABLES.items():
        dt = warehouse.open_table(output_dir, name)
        count, problem = None, None
        if dt is not None:
            try:
                if storage.is_remote(output_dir):  # counting S3 files through deltalake's dataset aborts at exit
                    count = sum(pa.table(dt.get_add_actions(flatten=True)).column("num_records").to_pylist())
                else:
                    count = dt.to_pyarrow_dataset().count_rows()
            except (OSError, ValueError) as err:
                problem = f"unreadable: {str(err).splitlines()[0][:200]} (run `gongwen check`)"
        rows.append({
            "table": name, "rows": count, "problem": problem,
            "version": None if dt is None else dt.version(),
            "columns": ", ".join(f"{f.name}:{f.type}" for f in declared.schema),
            "docs": [(f.name, str(f.type), column_doc(f)) for f in declared.schema],
        })
    return rows


def compact(output_dir: str | Path, retention_hours: int = DEFAULT_RETENTION_HOURS) -> list[dict]:
    """Delta optimize (small files into large) then vacuum files older than the retention."""
    report = []
    with warehouse.exclusive_lock(output_dir, wait=True):
        for name in TABLES:
            dt = warehouse.open_table(output_dir, name)
            if dt is None:
                continue
            metrics = dt.optimize.compact(writer_properties=warehouse.WRITER_PROPERTIES)
            removed = dt.vacuum(retention_hours=retention_hours, dry_run=False, enforce_retention_duration=False)
            report.append({"table": name, "files_added": metrics.get("numFilesAdded", 0),
                           "files_removed": metrics.get("numFilesRemoved", 0), "vacuumed": len(removed),
                           "retention": str(timedelta(hours=retention_hours))})
    return report
