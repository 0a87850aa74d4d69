"""Failure modes a hostile but realistic operator meets: a kill between a commit and its
supersession, FIFOs under the input, input equal to output, a truncated Delta log, stale runs,
repaired files, lost data files, bad option values, a full or read-only disk."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import seed_paths
from flows import cli, warehouse
from flows.options import OptionError, RunOptions
from flows.runstate import run_direct
from schemas import CHILD_TABLES, key_columns

GONGWEN = str(Path(sys.executable).parent / "gongwen")


def build(inp: Path, out: Path, **kw):
    return run_direct(RunOptions(input_dir=str(inp), output_dir=str(out), **kw))


def keys(out: Path) -> dict[str, list[tuple]]:
    snap = {}
    for name in CHILD_TABLES + ("documents",):
        data = warehouse.read_table(out, name, key_columns(name))
        snap[name] = sorted(zip(*(data.column(k).to_pylist() for k in key_columns(name))))
    return snap


def current_per_path(out: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for row in warehouse.read_table(out, "documents", ["source_path", "superseded_by"]).to_pylist():
        if row["superseded_by"] is None:
            counts[row["source_path"]] = counts.get(row["source_path"], 0) + 1
    return counts


def test_a_kill_between_commit_and_supersession_is_repaired_by_the_next_plain_run(seed_input, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(seed_input, out)
    changed = seed_input / seed_paths()[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：本决定自印发之日起施行。\n", encoding="utf-8")

    def killed(_out, replaced):
        if replaced:
            raise KeyboardInterrupt("kill -9 after the commit")

    monkeypatch.setattr(warehouse, "mark_superseded", killed)
    with pytest.raises(KeyboardInterrupt):
        build(seed_input, out)
    monkeypatch.undo()
    assert max(current_per_path(out).values()) == 2  # the crash window: two current versions of one file
    second = build(seed_input, out)  # plain run, nothing new
    assert second.summary["documents_added"] == 0
    assert set(current_per_path(out).values()) == {1}
    new = next(d for d in warehouse.read_table(out, "documents").to_pylist()
               if d["source_path"] == changed.name and d["superseded_by"] is None)
    import hashlib

    assert new["sha256"] == hashlib.sha256(changed.read_bytes()).hexdigest()  # the newest version is current


def test_a_fifo_under_the_input_is_a_reject_not_a_hang(seed_input, tmp_path):
    os.mkfifo(seed_input / "pipe.txt")
    t0 = time.perf_counter()
    state = build(seed_input, tmp_path / "out")
    assert time.perf_counter() - t0 < 60
    rejects = {r["source_path"]: r for r in warehouse.read_table(tmp_path / "out", "rejects").to_pylist()}
    assert rejects["pipe.txt"]["reason"] == "not-a-file" and "FIFO" in rejects["pipe.txt"]["detail"]
    assert state.summary["documents_added"] == 5


def test_a_file_replaced_by_a_fifo_after_discovery_does_not_block(tmp_path):
    from flows.batch import BatchOptions, process_batch
    from flows.inputs import InputFile

    os.mkfifo(tmp_path / "late.txt")  # discovery saw a regular file here
    result = process_batch([InputFile(str(tmp_path / "late.txt"), "late.txt", 10)], BatchOptions("r", "v", frozenset()))
    assert [r["reason"] for r in result.tables["rejects"].to_pylist()] == ["not-a-file"]


@pytest.mark.parametrize("inp,out", [(".", "./"), ("in", "in/"), ("in", "./in"), ("in/warehouse/documents", "in")])
def test_input_equal_to_output_is_refused(tmp_path, monkeypatch, inp, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in" / "warehouse" / "documents").mkdir(parents=True)
    with pytest.raises(OptionError, match="is the output folder"):
        RunOptions(input_dir=inp, output_dir=out).validate()


def test_the_warehouse_is_never_read_as_input(seed_input, tmp_path):
    """Output inside the input (as `--input . --output out` is): its tables are skipped."""
    out = seed_input / "out"
    build(seed_input, out)
    second = build(seed_input, out)
    assert second.summary["files_seen"] == 5 and second.summary["rejects"] == 0


@pytest.mark.parametrize("argv,message", [
    (["--workers", "0"], "--workers must be a whole number"),
    (["--batch-mb", "nan"], "--batch-mb must be a positive number"),
    (["--batch-mb", "-1"], "--batch-mb must be a positive number"),
    (["--max-file-mb", "-1"], "--max-file-mb must be a positive number"),
    (["--commit-every", "0"], "--commit-every must be a whole number"),
])
def test_bad_option_values_exit_2_with_one_line_before_prefect_starts(seed_input, tmp_path, argv, message):
    t0 = time.perf_counter()
    proc = subprocess.run([GONGWEN, "run", "--input", str(seed_input), "--output", str(tmp_path / "out"), *argv],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2 and proc.stderr.strip().count("\n") == 0 and message in proc.stderr
    assert time.perf_counter() - t0 < 20  # no temporary Prefect server was started (15-20 s)
    assert not (tmp_path / "out").exists()


def test_an_output_that_is_a_file_exits_2(seed_input, tmp_path):
    (tmp_path / "out").write_text("not a folder")
    assert cli.main(["run", "--input", str(seed_input), "--output", str(tmp_path / "out")]) == 2


def _truncate_last_commit(table: Path) -> None:
    """Cut the table's last commit file at a line boundary: its add actions are gone."""
    last = sorted((table / "_delta_log").glob("*.json"))[-1]
    lines = last.read_text(encoding="utf-8").splitlines(keepends=True)
    last.write_text("".join(line for line in lines if '"add"' not in line), encoding="utf-8")


def test_a_truncated_log_does_not_duplicate_child_rows_and_check_reports_it(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for p in seed_paths():
        shutil.copy(p, inp / p.name)
    out, clean = tmp_path / "out", tmp_path / "clean"
    build(inp, out, commit_every=2, batch_mb=0.001)  # several commits
    build(inp, clean)
    _truncate_last_commit(warehouse.table_path(out, "documents"))
    hidden = 5 - warehouse.read_table(out, "documents").num_rows
    assert hidden > 0
    problems = warehouse.check(out)
    assert any("not in documents" in p for p in problems)
    proc = subprocess.run([GONGWEN, "check", "--output", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "not in documents" in proc.stdout
    build(inp, out)  # re-adds the hidden documents
    got = keys(out)
    for name, rows in got.items():
        assert len(rows) == len(set(rows)), f"duplicate keys in {name}"
    assert got == keys(clean)
    assert warehouse.check(out) == []


def test_check_reports_a_lost_data_file_and_tables_counts_from_the_data(seed_input, tmp_path, capsys):
    out = tmp_path / "out"
    build(seed_input, out)
    assert cli.main(["check", "--output", str(out)]) == 0
    lost = warehouse.open_table(out, "sections").file_uris()[0]
    os.remove(lost)
    assert cli.main(["check", "--output", str(out)]) == 1
    assert "data files referenced by the Delta log are missing" in capsys.readouterr().out
    assert cli.main(["tables", "--output", str(out)]) == 0
    assert "sections (unreadable" in capsys.readouterr().out


def test_a_killed_run_is_marked_killed_by_the_next_run(seed_input, tmp_path):
    out = tmp_path / "out"
    warehouse.ensure_tables(out)
    from datetime import datetime, timezone

    from flows.runstate import RunState

    warehouse.record_run(out, {"run_id": "dead", "started_at": datetime.now(timezone.utc), "finished_at": None,
                               "status": "running", "input_dir": str(seed_input), "pipeline_version": "v",
                               "error": None, **RunState(str(out), 1).runs_row()})
    build(seed_input, out)
    dead = next(r for r in warehouse.read_table(out, "runs").to_pylist() if r["run_id"] == "dead")
    assert dead["status"] == "killed" and "without finishing" in dead["error"]


def test_a_repaired_file_loses_its_old_reject(seed_input, tmp_path):
    out = tmp_path / "out"
    bad = seed_input / "late.txt"
    bad.write_bytes(b"")
    build(seed_input, out)
    assert [r["reason"] for r in warehouse.read_table(out, "rejects").to_pylist()] == ["empty"]
    bad.write_text(seed_paths()[1].read_text(encoding="utf-8") + "\n（此件公开发布）\n", encoding="utf-8")
    build(seed_input, out)
    assert warehouse.read_table(out, "rejects").num_rows == 0
    assert "late.txt" in {d["source_path"] for d in warehouse.read_table(out, "documents").to_pylist()}


def test_repeated_lines_are_learned_from_unchanged_files_too(tmp_path):
    """A resumed run learns the same chrome as a clean build: files committed before the kill vote."""
    folder = tmp_path / "in" / "site"
    folder.mkdir(parents=True)
    footer = "本网站由市政府信息中心维护 联系电话：0572-1234567"
    texts = [p.read_text(encoding="utf-8").strip() + "\n" + footer + "\n" for p in seed_paths()]
    for i, text in enumerate(texts[:3]):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(tmp_path / "in", out)  # three documents: the footer is in all of them
    for i, text in enumerate(texts[3:], 3):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    build(tmp_path / "in", out)  # two new ones, in the same batch as the three committed
    clean = tmp_path / "clean"
    build(tmp_path / "in", clean)
    def texts_of(o):
        return {d["source_path"]: d["clean_text"] for d in warehouse.read_table(o, "documents").to_pylist()}
    assert texts_of(out) == texts_of(clean)
    assert all(footer not in t for t in texts_of(clean).values())


@pytest.mark.slow
def test_a_full_disk_ends_with_one_line_and_the_next_run_recovers(prefect_harness, seed_input, tmp_path, monkeypatch, capsys):
    import collections

    out = tmp_path / "out"
    usage = collections.namedtuple("usage", "total used free")
    monkeypatch.setattr(warehouse.shutil, "disk_usage", lambda _p: usage(10**9, 10**9 - 4096, 4096))
    assert cli.main(["run", "--input", str(seed_input), "--output", str(out)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    last = err[-1]
    assert last.startswith(f"gongwen: run failed: cannot write {out}: no space left on device")
    assert "\x1b[" not in last and "panicked" not in "\n".join(err)
    monkeypatch.undo()
    assert cli.main(["run", "--input", str(seed_input), "--output", str(out)]) == 0
    assert warehouse.read_table(out, "documents").num_rows == 5 and warehouse.check(out) == []


@pytest.mark.slow
def test_a_read_only_output_ends_with_one_line(prefect_harness, seed_input, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"

    def read_only(*_a, **_k):
        raise OSError(30, "Read-only file system", str(out))

    monkeypatch.setattr(warehouse, "ensure_tables", read_only)
    assert cli.main(["run", "--input", str(seed_input), "--output", str(out)]) == 1
    assert capsys.readouterr().err.strip().splitlines()[-1].startswith(
        f"gongwen: run failed: cannot write {out}: the file system is read-only")


def test_write_failures_are_named_from_rust_messages():
    assert cli.write_failure(RuntimeError("Generic LocalFileSystem error: No space left on device (os error 28)")) \
        == "no space left on device"
    assert cli.write_failure(OSError(30, "Read-only file system")) == "the file system is read-only"
    assert cli.write_failure(ValueError("a bug")) is None
