"""Read side: `gongwen query`, `tables` and `compact` on a warehouse built by the flow."""
from __future__ import annotations

import pytest

from flows import query, warehouse
from flows.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory, prefect_harness):
    import shutil

    from conftest import seed_paths
    from flows.pipeline import gongwen_run

    root = tmp_path_factory.mktemp("query")
    for p in seed_paths():
        shutil.copy(p, root / p.name)
    out = root / "out"  # inside the input folder: discovery must skip it
    gongwen_run(input_dir=str(root), output_dir=str(out), batch_mb=0.01, commit_every=1)  # many small commits
    return out


def test_query_joins_tables_by_name(built):
    table = query.run_query(built, "select d.genre, count(*) n from sections s join documents d using (doc_id) "
                                   "where s.level = 1 group by d.genre order by d.genre")
    assert dict(zip(*(table.column(c).to_pylist() for c in ("genre", "n")))) == {"决定": 5, "讲话": 6, "通知": 8}


def test_query_cli_prints_and_writes_files(built, tmp_path, capsys):
    assert main(["query", "select title from documents where genre = '决定'", "--output", str(built)]) == 0
    assert "湖州市人民政府关于加强领导班子自身建设的决定" in capsys.readouterr().out
    out_csv = tmp_path / "r.csv"
    assert main(["query", "select doc_id, title from documents", "--output", str(built), "--out", str(out_csv)]) == 0
    assert len(out_csv.read_text(encoding="utf-8").splitlines()) == 6
    assert main(["query", "select * from no_such_table", "--output", str(built)]) == 1


def test_tables_lists_row_counts(built, capsys):
    assert main(["tables", "--output", str(built)]) == 0
    out = capsys.readouterr().out
    assert "documents (5 rows" in out and "rejects (0 rows" in out


def test_compact_merges_small_files_and_keeps_rows(built, tmp_path):
    import shutil

    built = shutil.copytree(built, tmp_path / "copy")  # the shared warehouse keeps its many files
    before = {name: warehouse.read_table(built, name).num_rows for name in ("documents", "sections", "terms")}
    files_before = len(warehouse.open_table(built, "sections").file_uris())
    report = {r["table"]: r for r in query.compact(built, retention_hours=0)}
    assert files_before > 1 and report["sections"]["files_removed"] == files_before
    assert len(warehouse.open_table(built, "sections").file_uris()) == 1
    assert report["sections"]["vacuumed"] >= files_before  # retention 0: old files deleted at once
    assert before == {name: warehouse.read_table(built, name).num_rows for name in before}


def test_read_side_without_warehouse_is_a_clear_error(tmp_path, capsys):
    assert main(["tables", "--output", str(tmp_path)]) == 2
    assert "no warehouse" in capsys.readouterr().err


def test_out_on_a_multi_file_table_exits_cleanly_in_a_subprocess(built, tmp_path):
    """Registering deltalake Arrow datasets hung or crashed DuckDB at exit on multi-file tables."""
    import subprocess
    import sys
    from pathlib import Path

    assert len(warehouse.open_table(built, "directives").file_uris()) > 1
    gongwen = str(Path(sys.executable).parent / "gongwen")
    for out in (tmp_path / "d.parquet", tmp_path / "d.csv"):
        proc = subprocess.run([gongwen, "query", "select * from documents d join directives using (doc_id) limit 50",
                               "--output", str(built), "--out", str(out)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert out.stat().st_size > 0
    header = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()[1]
    assert "[" in header  # addressees/cc lists written as JSON text in the CSV


@pytest.mark.parametrize("sql", [
    "select * from read_text('/etc/passwd')",
    "copy documents to '{tmp}/leak.csv'",
    "copy (select 1 as x) to '{datafile}' (format parquet, use_tmp_file false)",
    "attach '{tmp}/other.db' as other",
    "set enable_external_access = true",
    "select 1; copy documents to '{tmp}/leak.csv'",
    "create table t as select 1",
    "install httpfs",
])
def test_query_cannot_read_other_files_write_or_reconfigure(built, tmp_path, sql, capsys):
    datafile = warehouse.open_table(built, "documents").file_uris()[0]
    before = warehouse.read_table(built, "documents").num_rows
    code = main(["query", sql.format(tmp=tmp_path, datafile=datafile), "--output", str(built)])
    assert code in (1, 2) and "gongwen: query" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
    assert warehouse.read_table(built, "documents").num_rows == before  # the table is intact


def test_current_documents_view(built):
    rows = query.run_query(built, "select count(*) n from current_documents").to_pylist()
    assert rows == [{"n": 5}]


def test_a_reader_that_stops_early_is_no_error(built):
    import subprocess
    import sys

    # `gongwen tables | head -1`: the pipe closes after one line
    proc = subprocess.run(f'"{sys.executable}" -m flows.cli tables --output "{built}" | head -c 20', shell=True,
                          capture_output=True, text=True, timeout=120)
    assert proc.stdout.startswith("documents") and "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
