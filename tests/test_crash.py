"""Crash safety and one writer: kill -9 mid-write, then re-run; two runs at once on one output."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import seed_paths
from flows import warehouse
from schemas import CHILD_TABLES, key_columns, schema

pytestmark = pytest.mark.slow
GONGWEN = str(Path(sys.executable).parent / "gongwen")
ENV = {**os.environ, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180", "PREFECT_LOGGING_LEVEL": "WARNING"}


def make_corpus(folder: Path, n: int) -> None:
    """n distinct documents built from the seeds' paragraphs, 100 per sub-folder."""
    paragraphs = []
    for p in seed_paths():
        paragraphs += [ln for ln in p.read_text(encoding="utf-8").split("\n") if len(ln) > 60]
    for i in range(n):
        sub = folder / f"batch{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        body = "\n".join(paragraphs[(i * 7 + k) % len(paragraphs)] for k in range(3))
        (sub / f"doc{i:05d}.txt").write_text(f"关于第{i}号工作安排的通知\n{body}\n", encoding="utf-8")


def run(inp: Path, out: Path, *extra: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([GONGWEN, "run", "--input", str(inp), "--output", str(out), "--tokenizer", "rjieba",
                             "--batch-mb", "0.25", *extra], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, **kw)


def snapshot(out: Path) -> dict[str, list[tuple]]:
    """Every table's keys (runs and rejects aside), sorted."""
    snap = {}
    for name in CHILD_TABLES + ("documents",):
        data = warehouse.read_table(out, name, key_columns(name))
        snap[name] = sorted(zip(*(data.column(k).to_pylist() for k in key_columns(name))))
    return snap


def commits(out: Path, table: str) -> int:
    log = warehouse.table_path(out, table) / "_delta_log"
    return len(list(log.glob("*.json"))) if log.exists() else 0


def test_kill_during_write_then_rerun_equals_clean_build(tmp_path):
    inp = tmp_path / "in"
    make_corpus(inp, 2000)
    killed, clean = tmp_path / "killed", tmp_path / "clean"

    proc = run(inp, killed, "--commit-every", "150")
    deadline = time.time() + 300
    while commits(killed, "documents") < 3 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)  # wait until documents has its 2nd data commit: writes are under way
    assert proc.poll() is None, "the run ended before it could be killed: " + proc.stderr.read()[-2000:]
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = warehouse.read_table(killed, "documents", ["doc_id"]).num_rows
    assert 0 < partial < 2000  # readable at its last committed version

    resumed = run(inp, killed)
    assert resumed.wait(timeout=600) == 0, resumed.stderr.read()[-3000:]
    fresh = run(inp, clean)
    assert fresh.wait(timeout=600) == 0, fresh.stderr.read()[-3000:]

    got, want = snapshot(killed), snapshot(clean)
    for name in want:
        assert len(got[name]) == len(set(got[name])), f"duplicate keys in {name}"
        assert got[name] == want[name], name
    assert len(got["documents"]) == 2000
    statuses = [r["status"] for r in warehouse.read_table(killed, "runs").to_pylist()]
    assert sorted(statuses) == ["completed", "killed"]  # the resumed run marked the killed one


def test_two_runs_at_once_one_refuses_or_waits(tmp_path):
    inp = tmp_path / "in"
    make_corpus(inp, 300)
    out, single = tmp_path / "out", tmp_path / "single"
    first, second = run(inp, out), run(inp, out)
    codes = sorted([first.wait(timeout=600), second.wait(timeout=600)])
    errs = first.stderr.read() + second.stderr.read()
    assert codes in ([0, 0], [0, 3]), errs[-3000:]
    if codes == [0, 3]:
        assert "is being written by" in errs
    assert run(inp, single).wait(timeout=600) == 0
    assert snapshot(out) == snapshot(single)
    waiter = run(inp, out, "--wait")
    assert waiter.wait(timeout=600) == 0


def test_recover_undoes_a_half_written_commit(tmp_path):
    """What a kill between the child tables' append and the documents' append leaves behind."""
    import json

    import pyarrow as pa

    warehouse.ensure_tables(tmp_path)
    row = {"doc_id": "d1", "section_id": "d1-s0000", "parent_id": None, "level": 1, "ordinal": 1, "marker": "一、",
           "path": "1", "heading": "指导思想", "text": "一、指导思想", "char_start": 0, "char_end": 6}
    warehouse._append(tmp_path, "sections", pa.Table.from_pylist([row], schema=schema("sections")))
    (warehouse.warehouse_dir(tmp_path) / "_inflight.json").write_text(json.dumps(["d1"]))
    assert warehouse.recover(tmp_path) == ["d1"]
    assert warehouse.read_table(tmp_path, "sections").num_rows == 0
    assert warehouse.recover(tmp_path) == []
