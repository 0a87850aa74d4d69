"""Batches to tables: a document met in two batches is kept once, with its rows from one batch."""
from __future__ import annotations

from pathlib import Path

from flows.batch import BatchOptions, concat_results, process_batch
from flows.inputs import discover
from schemas import BATCH_TABLES


def _batch(files):
    return process_batch(files, BatchOptions(run_id="test", pipeline_version="test", known=frozenset()))


def test_a_document_in_two_batches_is_kept_once(seed_input: Path, tmp_path: Path):
    files = list(discover(seed_input))
    first, second = _batch(files[:3]), _batch(files[2:])  # files[2] is in both
    alone = _batch(files)
    merged = concat_results([first, second])
    for name in BATCH_TABLES:
        if name == "rejects":
            continue
        got, want = merged[name], alone.tables[name]
        assert got.num_rows == want.num_rows > 0, name
        key = "section_id" if name == "sections" else "directive_id" if name == "directives" else None
        if key:
            assert sorted(got.column(key).to_pylist()) == sorted(want.column(key).to_pylist())
    shared = files[2].rel
    docs = merged["documents"].to_pylist()
    assert [d["source_path"] for d in docs].count(shared) == 1
    assert len({d["doc_id"] for d in docs}) == len(files)


def test_batches_without_shared_documents_are_concatenated(seed_input: Path):
    files = list(discover(seed_input))
    parts = [_batch(files[:2]), _batch(files[2:])]
    merged = concat_results(parts)
    for name in BATCH_TABLES:
        assert merged[name].num_rows == sum(p.tables[name].num_rows for p in parts)


def test_a_document_already_written_by_this_run_is_not_written_again(seed_input: Path, tmp_path: Path, monkeypatch):
    """A copy of a file met after its first flush: same doc_id, so it is skipped as unchanged, not
    merged again (a merge scans whole tables: commits grew with the warehouse)."""
    from flows import warehouse
    from flows.runstate import RunState

    files = list(discover(seed_input))
    copy = seed_input / "zz_copy.txt"
    copy.write_bytes(Path(files[0].path).read_bytes())
    out = tmp_path / "out"
    warehouse.ensure_tables(out)
    merges = []
    monkeypatch.setattr(warehouse, "upsert", lambda *a, **k: merges.append(a[1]))
    state = RunState(str(out), commit_every=1)  # a flush per batch
    state.take(_batch(files))
    state.take(_batch([f for f in discover(seed_input) if f.rel == "zz_copy.txt"]))
    state.flush()
    assert merges == ["rejects", "rejects"]  # nothing else merged
    docs = warehouse.read_table(out, "documents", ["doc_id", "source_path"]).to_pylist()
    assert len(docs) == len(files) and sorted(d["source_path"] for d in docs) == sorted(f.rel for f in files)
    sections = warehouse.read_table(out, "sections", ["section_id"]).column("section_id").to_pylist()
    assert len(sections) == len(set(sections)) > 0
    assert state.summary["documents_added"] == len(files) and state.summary["documents_unchanged"] == 1
