"""Read side: DuckDB SQL over the warehouse tables, table listing, compaction. Works offline
(DuckDB's delta extension would need a download: tables are registered as Arrow datasets)."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pyarrow as pa

from schemas import TABLES

from . import warehouse

DEFAULT_RETENTION_HOURS = 7 * 24  # vacuum keeps 7 days of time travel


def connect(output_dir: str | Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with every existing warehouse table registered under its name."""
    con = duckdb.connect()
    for name in TABLES:
        dt = warehouse.open_table(output_dir, name)
        if dt is not None:
            con.register(name, dt.to_pyarrow_dataset())
    return con


def run_query(output_dir: str | Path, sql: str) -> pa.Table:
    return connect(output_dir).sql(sql).to_arrow_table()


def write_result(table: pa.Table, out: str) -> None:
    if out.endswith(".parquet"):
        import pyarrow.parquet as pq

        pq.write_table(table, out, compression="zstd")
    elif out.endswith(".csv"):
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, out)
    else:
        raise ValueError(f"--out must end in .csv or .parquet, got {out!r}")


def describe_tables(output_dir: str | Path) -> list[dict]:
    rows = []
    for name, declared in TABLES.items():
        dt = warehouse.open_table(output_dir, name)
        rows.append({
            "table": name,
            "rows": None if dt is None else sum(pa.table(dt.get_add_actions(flatten=True)).column("num_records").to_pylist()),
            "version": None if dt is None else dt.version(),
            "columns": ", ".join(f"{f.name}:{f.type}" for f in declared.schema),
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
