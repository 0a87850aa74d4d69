"""Reading the warehouse from other tools: `gongwen export` (DuckDB file, Parquet folder), column
docs where tools show them (Delta `comment`, DuckDB COMMENT), the Delta protocol Spark needs, and
pandas with nullable types."""
from __future__ import annotations

import glob
import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from conftest import seed_paths
from flows import export as exporter
from flows import warehouse
from flows.cli import main
from flows.options import RunOptions
from flows.runstate import run_direct
from schemas import COMMENT, TABLES, column_doc

# The Delta protocol of the tables, as the README's Spark recipe states it: documents needs reader 3 /
# writer 7 for timestampNtz (published_at is China local time as printed, no zone); the others 1 / 2.
SPARK_PROTOCOL = {"documents": (3, 7, ["timestampNtz"], ["timestampNtz"])}
PLAIN_PROTOCOL = (1, 2, None, None)


@pytest.fixture(scope="module")
def warehouse_of_two_runs(tmp_path_factory) -> Path:
    """Seeds in one run, then one of them edited and a second run: several files and versions per
    table, and a superseded document."""
    root = tmp_path_factory.mktemp("reading")
    inp, out = root / "in", root / "out"
    inp.mkdir()
    for p in seed_paths():
        shutil.copy(p, inp / p.name)
    run_direct(RunOptions(input_dir=str(inp), output_dir=str(out), commit_every=2))
    edited = inp / seed_paths()[1].name
    edited.write_text(edited.read_text(encoding="utf-8") + "\n各单位要认真贯彻落实。\n", encoding="utf-8")
    run_direct(RunOptions(input_dir=str(inp), output_dir=str(out), commit_every=2))
    return out


def current_rows(out: Path, name: str) -> int:
    return warehouse.read_table(out, name).num_rows


def test_a_parquet_glob_overcounts_and_the_export_does_not(warehouse_of_two_runs, tmp_path):
    out = warehouse_of_two_runs
    globbed = pq.ParquetDataset(glob.glob(str(out / "warehouse" / "documents" / "*.parquet"))).read().num_rows
    assert globbed > current_rows(out, "documents") == 6  # removed files of older versions are read too

    assert main(["export", "--output", str(out), "--format", "parquet", "--to", str(tmp_path / "pq")]) == 0
    for name in TABLES:
        assert pq.read_table(tmp_path / "pq" / f"{name}.parquet").num_rows == current_rows(out, name), name
    current = pq.read_table(tmp_path / "pq" / "current_documents.parquet")
    assert current.num_rows == 5 and current.column("superseded_by").null_count == 5
    field = pq.read_schema(tmp_path / "pq" / "documents.parquet").field("title")
    assert column_doc(field) == column_doc(TABLES["documents"].schema.field("title"))


def test_duckdb_export_has_every_table_with_comments_and_the_current_view(warehouse_of_two_runs, tmp_path, capsys):
    out, db = warehouse_of_two_runs, tmp_path / "gongwen.duckdb"
    assert main(["export", "--output", str(out), "--to", str(db)]) == 0
    assert "exported" in capsys.readouterr().out
    con = duckdb.connect(str(db), read_only=True)
    try:
        for name, table in TABLES.items():
            declared = table.schema
            assert con.execute(f'select count(*) from "{name}"').fetchall()[0][0] == current_rows(out, name), name
            comments = dict(con.execute("select column_name, comment from duckdb_columns() where table_name = ?",
                                        [name]).fetchall())
            assert comments == {f.name: column_doc(f) for f in declared}, name
            assert [c for c, *_ in con.execute(f'describe "{name}"').fetchall()] == declared.names
        assert con.execute("select count(*) from current_documents").fetchall() == [(5,)]
        versions = dict(con.execute('select "table", version from _export').fetchall())
        assert versions["documents"] == DeltaTable(str(out / "warehouse" / "documents")).version()
        # types survive: dates stay dates, counts integers
        types = dict(con.execute("select column_name, data_type from duckdb_columns() where table_name = 'documents'")
                     .fetchall())
        assert types["signed_date"] == "DATE" and types["doc_year"] == "INTEGER"
    finally:
        con.close()


def test_children_of_documents_committed_after_the_snapshot_are_left_out(warehouse_of_two_runs, tmp_path, monkeypatch):
    out = warehouse_of_two_runs
    real = exporter._document_ids
    keep = real(out)[:2]
    monkeypatch.setattr(exporter, "_document_ids", lambda _out: keep)  # as if the rest arrived mid-export
    exporter.export(out, "parquet", tmp_path / "pq")
    sections = pq.read_table(tmp_path / "pq" / "sections.parquet")
    assert set(sections.column("doc_id").to_pylist()) <= set(keep.to_pylist()) and sections.num_rows > 0
    assert pq.read_table(tmp_path / "pq" / "runs.parquet").num_rows == current_rows(out, "runs")


def test_a_failed_export_keeps_the_previous_one(warehouse_of_two_runs, tmp_path, monkeypatch, capsys):
    out, db = warehouse_of_two_runs, tmp_path / "gongwen.duckdb"
    exporter.export(out, "duckdb", db)
    before = db.read_bytes()

    def broken(*_args):
        yield "documents", 1, iter(())
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporter, "_sources", broken)
    assert main(["export", "--output", str(out), "--to", str(db)]) == 1
    assert "no space left on device; the previous export is kept" in capsys.readouterr().err
    assert db.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["gongwen.duckdb"]


@pytest.mark.parametrize("fmt, target, message", [
    ("duckdb", "folder", "a duckdb export is one file"),
    ("parquet", "file", "a parquet export is a folder"),
    ("duckdb", "missing/x.duckdb", "does not exist"),
    ("parquet", "warehouse/x", "outside the warehouse"),
])
def test_bad_targets_are_refused_with_a_reason(warehouse_of_two_runs, tmp_path, capsys, fmt, target, message):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    where = warehouse_of_two_runs / target if target.startswith("warehouse") else tmp_path / target
    assert main(["export", "--output", str(warehouse_of_two_runs), "--format", fmt, "--to", str(where)]) == 2
    assert message in capsys.readouterr().err


def test_delta_columns_carry_their_doc_as_comment(warehouse_of_two_runs):
    for name, table in TABLES.items():
        declared = table.schema
        stored = {f.name: f.metadata.get(COMMENT) for f in DeltaTable(str(warehouse_of_two_runs / "warehouse" / name)).schema().fields}
        assert stored == {f.name: column_doc(f) for f in declared}, name


def test_an_older_warehouse_gets_the_comments_on_its_next_run(tmp_path):
    warehouse.ensure_tables(tmp_path)
    dt = DeltaTable(str(tmp_path / "warehouse" / "sections"))
    dt.alter.set_column_metadata("heading", {COMMENT: "an older text"})
    warehouse.ensure_tables(tmp_path)
    [heading] = [f for f in DeltaTable(str(tmp_path / "warehouse" / "sections")).schema().fields if f.name == "heading"]
    assert heading.metadata[COMMENT] == column_doc(TABLES["sections"].schema.field("heading"))


def test_protocol_versions_are_what_the_spark_recipe_says(warehouse_of_two_runs):
    for name in TABLES:
        p = DeltaTable(str(warehouse_of_two_runs / "warehouse" / name)).protocol()
        got = (p.min_reader_version, p.min_writer_version, p.reader_features, p.writer_features)
        assert got == SPARK_PROTOCOL.get(name, PLAIN_PROTOCOL), name


def test_pandas_keeps_nullable_integers_and_dates(warehouse_of_two_runs):
    import pandas as pd

    # the README's recipe
    table = DeltaTable(str(warehouse_of_two_runs / "warehouse" / "documents")).to_pyarrow_table()
    df = table.to_pandas(types_mapper=pd.ArrowDtype)
    assert str(df["doc_year"].dtype) == "int32[pyarrow]" and str(df["signed_date"].dtype) == "date32[day][pyarrow]"
    assert df["signed_date"].isna().any() and not df["signed_date"].isna().all()  # the speech has no signed date
    assert [None if pd.isna(v) else v for v in df["doc_year"]] == table.column("doc_year").to_pylist()
    plain = table.to_pandas()  # without the mapper a year column with a null turns float
    assert str(plain["doc_year"].dtype) in ("float64", "int32") and str(plain["signed_date"].dtype) == "object"
