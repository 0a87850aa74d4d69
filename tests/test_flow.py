"""End-to-end: the Prefect flow builds the warehouse from the real seed documents."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from conftest import SCORER, SEEDS
from flows import warehouse
from schemas import BATCH_TABLES, TABLES

pytestmark = pytest.mark.slow

def row_counts(out: Path) -> dict[str, int]:
    return {name: warehouse.read_table(out, name).num_rows for name in TABLES}


@pytest.fixture(scope="module")
def seed_warehouse(tmp_path_factory, prefect_harness):
    """The seeds built once, plus the result of an identical second run."""
    import shutil

    from flows.pipeline import gongwen_run

    root = tmp_path_factory.mktemp("seedrun")
    inp, out = root / "input", root / "out"
    inp.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, inp / p.name)
    first = gongwen_run(input_dir=str(inp), output_dir=str(out))
    counts_after_first = row_counts(out)
    second = gongwen_run(input_dir=str(inp), output_dir=str(out))
    return {"input": inp, "out": out, "first": first, "second": second, "counts": counts_after_first}


def test_first_run_adds_every_seed(seed_warehouse):
    first = seed_warehouse["first"]
    assert first["status"] == "completed"
    assert first["files_seen"] == 5 and first["documents_added"] == 5 and first["rejects"] == 0
    assert first["sections_added"] > 30 and first["directives_added"] > 50


def test_rerun_adds_no_rows(seed_warehouse):
    second = seed_warehouse["second"]
    assert second["documents_added"] == 0 and second["documents_unchanged"] == 5
    after = row_counts(seed_warehouse["out"])
    before = seed_warehouse["counts"]
    for name in BATCH_TABLES:
        assert after[name] == before[name], name
    assert after["runs"] == before["runs"] + 1  # a run is recorded even when it changes nothing


def test_seed_gold_scorer_passes(seed_warehouse):
    """The shared acceptance scorer, run on the warehouse exactly as CI's acceptance check does."""
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(seed_warehouse["out"] / "warehouse"), str(SEEDS / "expected"), "--verbose"],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "seed-gold:" in proc.stdout


def test_tables_read_back_with_polars_and_duckdb(seed_warehouse):
    out = seed_warehouse["out"]
    docs = pl.read_delta(str(warehouse.table_path(out, "documents")))
    assert docs.height == 5
    assert docs.schema["published_at"] == pl.Datetime("us")
    assert docs.schema["addressees"] == pl.List(pl.String)
    traditional = docs.filter(pl.col("original_script") == "traditional")["source_path"].to_list()
    assert sorted(traditional) == ["000_b91d5fdc5d2a3594.txt", "001_d5aff8f7af327372.txt"]

    sections = warehouse.open_table(out, "sections").to_pyarrow_dataset()
    directives = warehouse.open_table(out, "directives").to_pyarrow_dataset()
    con = duckdb.connect()
    con.register("sections", sections)
    con.register("directives", directives)
    per_level = dict(con.execute("select level, count(*) from sections group by level").fetchall())
    assert set(per_level) <= {1, 2, 3, 4} and per_level[1] >= 19
    orphans = con.execute(
        "select count(*) from directives d left join sections s using (section_id) "
        "where d.section_id is not null and s.section_id is null").fetchone()[0]
    assert orphans == 0
    modalities = {m for (m,) in con.execute("select distinct modality from directives").fetchall()}
    assert modalities <= {"obligation", "prohibition", "encouragement"} and "prohibition" in modalities


def test_section_offsets_point_into_clean_text(seed_warehouse):
    out = seed_warehouse["out"]
    docs = {r["doc_id"]: r["clean_text"] for r in warehouse.read_table(out, "documents").to_pylist()}
    for row in warehouse.read_table(out, "sections").to_pylist():
        text = docs[row["doc_id"]]
        assert text[row["char_start"]:row["char_end"]] == row["text"]
        assert text[row["char_start"]:].startswith(row["marker"])


def test_chrome_table_records_what_was_removed(seed_warehouse):
    chrome = warehouse.read_table(seed_warehouse["out"], "chrome").to_pylist()
    removed = " ".join(r["text"] for r in chrome)
    for piece in ("扫描二维码", "相关热词搜索", "打印此页", "文档评论", "验证码"):
        assert piece in removed
    docs = warehouse.read_table(seed_warehouse["out"], "documents").to_pylist()
    for doc in docs:
        assert "打印此页" not in doc["clean_text"] and "验证码" not in doc["clean_text"]


def test_full_refresh_replaces_rows_without_duplicates(seed_warehouse, tmp_path):
    import shutil

    from flows.pipeline import gongwen_run

    out = tmp_path / "out"
    shutil.copytree(seed_warehouse["out"], out)
    before = row_counts(out)
    result = gongwen_run(input_dir=str(seed_warehouse["input"]), output_dir=str(out), full_refresh=True)
    assert result["documents_added"] == 5
    after = row_counts(out)
    for name in BATCH_TABLES:
        assert after[name] == before[name], name


def test_bad_inputs_become_rejects_and_nothing_is_lost(prefect_harness, tmp_path):
    from flows.pipeline import gongwen_run

    inp = tmp_path / "input"
    inp.mkdir()
    (inp / "empty.txt").write_bytes(b"")
    (inp / "blank.txt").write_bytes(b" \n\t\n")
    (inp / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(2000))
    (inp / "random.bin").write_bytes(bytes(range(256)) * 8)
    (inp / "english.txt").write_text("This page is not Chinese at all.\n", encoding="utf-8")
    (inp / "big.txt").write_bytes("政府工作报告。".encode() * 200_000)  # ~4.2 MB, over a 1 MB limit
    seed = sorted(SEEDS.glob("*.txt"))[2]
    (inp / "good.txt").write_bytes(seed.read_bytes())
    (inp / "cut.txt").write_bytes(seed.read_bytes()[:1001])  # cut inside a UTF-8 character
    out = tmp_path / "out"
    result = gongwen_run(input_dir=str(inp), output_dir=str(out), max_file_mb=1)
    rejects = {r["source_path"]: r for r in warehouse.read_table(out, "rejects").to_pylist()}
    assert rejects["empty.txt"]["reason"] == "empty"
    assert rejects["blank.txt"]["reason"] == "empty"
    assert rejects["image.png"]["reason"] == "binary" and "PNG" in rejects["image.png"]["detail"]
    assert rejects["random.bin"]["reason"] in {"binary", "undecodable"}
    assert rejects["english.txt"]["reason"] == "not-chinese"
    assert rejects["big.txt"]["reason"] == "too-large"
    docs = {r["source_path"] for r in warehouse.read_table(out, "documents").to_pylist()}
    assert docs == {"good.txt", "cut.txt"}
    assert result["files_seen"] == 8
    assert result["files_seen"] == result["documents_added"] + result["documents_unchanged"] + result["rejects"]


def test_cli_run_prints_summary_and_exits_zero(tmp_path, seed_input):
    env = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180"}
    gongwen = Path(sys.executable).parent / "gongwen"
    proc = subprocess.run([str(gongwen), "run", "--input", str(seed_input), "--output", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "documents added" in proc.stdout and "completed" in proc.stdout
    assert warehouse.read_table(tmp_path / "out", "documents").num_rows == 5


def test_a_failing_batch_keeps_the_others_and_fails_the_run(prefect_harness, seed_input, tmp_path, monkeypatch):
    import flows.pipeline as pipeline
    from faults import fail_on_seed_001

    monkeypatch.setattr(pipeline, "process_batch", fail_on_seed_001)
    out = tmp_path / "out"
    with pytest.raises(pipeline.BatchesFailed, match="1 of 5 batches failed.*ZeroDivisionError"):
        pipeline.gongwen_run(input_dir=str(seed_input), output_dir=str(out), batch_mb=0.001)
    calls = (tmp_path / "calls.log").read_text(encoding="utf-8").split()
    assert calls.count("001_d5aff8f7af327372.txt") == 3  # the first try and Prefect's two retries
    docs = {r["source_path"] for r in warehouse.read_table(out, "documents").to_pylist()}
    assert len(docs) == 4 and "001_d5aff8f7af327372.txt" not in docs
    run = warehouse.read_table(out, "runs").to_pylist()[0]
    assert run["status"] == "failed" and "ZeroDivisionError" in run["error"] and run["documents_added"] == 4
