"""Tables are declared once (schemas/): every declared child table is filled, committed, undone by
recover() and rebuilt; a stage filling a table nobody declared fails loudly instead of losing rows."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from flows import warehouse
from flows.batch import BatchOptions, process_batch
from flows.inputs import discover
from flows.runstate import RunState
from schemas import BATCH_TABLES, CHILD_TABLES, DERIVED_TABLES, TABLES, key_columns
from transforms import document


def _build(inp: Path, out: Path) -> RunState:
    warehouse.ensure_tables(out)
    state = RunState(str(out), commit_every=1000)
    state.take(process_batch(list(discover(inp)), BatchOptions("t", "test", frozenset())))
    state.flush()
    return state


def _keys(out: Path) -> dict[str, list[tuple]]:
    keys = {}
    for name in CHILD_TABLES + ("documents",):
        data = warehouse.read_table(out, name, key_columns(name))
        keys[name] = sorted(zip(*(data.column(k).to_pylist() for k in key_columns(name))))
    return keys


def test_roles_are_declared_and_consistent():
    assert {t.role for t in TABLES.values()} == {"document", "child", "reject", "run", "derived"}
    assert set(CHILD_TABLES) == {n for n, t in TABLES.items() if t.role == "child"}
    assert BATCH_TABLES[-1] == "documents"  # a commit writes documents last
    assert set(BATCH_TABLES) == set(TABLES) - {"runs"} - set(DERIVED_TABLES)


def test_every_child_table_gets_rows_from_the_seeds_and_survives_a_kill_and_recover(seed_input, tmp_path, monkeypatch):
    clean = tmp_path / "clean"
    state = _build(seed_input, clean)
    want = _keys(clean)
    for name in CHILD_TABLES:
        assert want[name], f"no stage filled the declared child table {name}"
        assert state.rows_added[name] == len(want[name])

    # a kill after the child tables were appended and before documents: the commit's last write
    killed = tmp_path / "killed"
    real_append = warehouse._append

    def die_at_documents(output_dir, name, data):
        if name == "documents":
            raise KeyboardInterrupt("killed")
        real_append(output_dir, name, data)

    monkeypatch.setattr(warehouse, "_append", die_at_documents)
    with pytest.raises(KeyboardInterrupt):
        _build(seed_input, killed)
    monkeypatch.setattr(warehouse, "_append", real_append)
    half = _keys(killed)
    assert not half["documents"] and all(half[name] for name in CHILD_TABLES)  # every child table was written
    assert sorted(warehouse.recover(killed)) == sorted(d for (d,) in want["documents"])
    assert all(not rows for rows in _keys(killed).values())  # recover undid every child table
    _build(seed_input, killed)
    assert _keys(killed) == want


def test_a_stage_filling_an_undeclared_table_fails_loudly(seed_input, monkeypatch):
    """The "forgotten table": rows for a table schemas/ does not declare would never be written."""
    def also_fill_novel(work, options):
        work.rows["novel"] = [{"doc_id": work.doc_id}]

    stages = document.FINISH_STAGES + (document.Stage("novel", also_fill_novel),)
    monkeypatch.setattr(document, "FINISH_STAGES", stages)
    result = process_batch(list(discover(seed_input)), BatchOptions("t", "test", frozenset()))
    assert result.documents == 0
    reasons = {r["reason"] for r in result.tables["rejects"].to_pylist()}
    details = " ".join(r["detail"] for r in result.tables["rejects"].to_pylist())
    assert reasons == {"internal-error"} and "novel" in details


def test_runs_rows_count_every_table_and_time_every_stage(seed_input, tmp_path):
    state = _build(seed_input, tmp_path / "out")
    row = state.runs_row()
    assert {r["table"] for r in row["rows_added"]} == set(BATCH_TABLES)
    stage_names = [r["stage"] for r in row["stages"]]
    assert [s.name for s in document.STAGES] == [n for n in stage_names if n in {s.name for s in document.STAGES}]
    by_stage = {r["stage"]: r for r in row["stages"]}
    assert by_stage["decode"]["documents"] == 5 and by_stage["terms"]["documents"] == 5
    assert all(r["seconds"] >= 0 for r in row["stages"]) and by_stage["write"]["seconds"] > 0
    assert row["sections_added"] == dict((r["table"], r["rows"]) for r in row["rows_added"])["sections"]


def test_stage_order_is_the_one_list(seed_input):
    """prepare + finish run STAGES in order, each once per document."""
    seen = []
    wrapped = tuple(dataclasses.replace(s, run=lambda w, o, s=s: (seen.append(s.name), s.run(w, o))) for s in document.STAGES)
    raw = next(seed_input.iterdir()).read_bytes()
    record = next(document.read_page(raw, "x.txt"))
    work = document.Work(record)
    document.StageClock().run(wrapped, work, document.StageOptions())
    assert seen == [s.name for s in document.STAGES]
