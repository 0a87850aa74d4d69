"""What a run has seen and buffered: counts, and rows waiting for their Delta commit.

Prefect-free, so the flow (flows/pipeline.py) and the benchmark's direct mode (scripts/bench.py)
buffer and commit the same way.
"""
from __future__ import annotations

import time
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from . import warehouse
from .batch import BatchResult, concat_results
from .report import MAX_DOCUMENT_ROWS

# Rows buffered per Delta commit: documents, or Arrow bytes of all tables, whichever comes first.
# A document's rows take ~70 KB of Arrow (measured on the benchmark corpus: terms 30, sections 13,
# directives 12, documents 12); fewer, bigger commits write faster, smaller ones keep memory down.
FLUSH_DOCUMENTS = 1_000
FLUSH_BYTES = 96 * 1024 * 1024


class RunState:
    """Counts and buffers of one run; `take` a batch result, `flush` buffered rows to Delta."""

    def __init__(self, output_dir: str, commit_every: int):
        self.output_dir, self.commit_every = output_dir, commit_every
        self.summary = Counter(files_seen=0, documents_added=0, documents_unchanged=0, rejects=0,
                               sections_added=0, directives_added=0)
        self.reasons: Counter = Counter()
        self.stage_seconds: Counter = Counter()
        self.current: dict[str, str] = {}   # source_path -> doc_id of its current version
        self.written: set[str] = set()      # doc_ids in the warehouse: at start, plus written by this run
        self.added: set[str] = set()
        self.pending: list[BatchResult] = []
        self.new_documents: list[dict] = []
        self.failed_batches: list[str] = []
        self.batches_done = 0

    def take(self, result: BatchResult) -> None:
        self.batches_done += 1
        self.summary["files_seen"] += result.files_seen
        self.summary["documents_unchanged"] += result.unchanged
        self.summary["rejects"] += result.rejects
        self.reasons.update(result.reject_reasons)
        self.stage_seconds.update(result.seconds)
        self.pending.append(result)
        if sum(r.documents for r in self.pending) >= self.commit_every or \
                sum(t.nbytes for r in self.pending for t in r.tables.values()) >= FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        t0 = time.perf_counter()
        rows = sum(r.documents for r in self.pending)
        tables = concat_results(self.pending)  # a document found in two batches is kept once
        for written in self.pending:
            written.release()
        self.pending = []
        docs = tables["documents"]
        ids = docs.column("doc_id").to_pylist()
        replaced = {}
        for doc_id, path in zip(ids, docs.column("source_path").to_pylist()):
            old = self.current.get(path)
            if old is not None and old != doc_id:
                replaced[old] = doc_id  # same path, new bytes: the old document is superseded
            self.current[path] = doc_id
        again = [d for d in ids if d in self.added]
        if again:  # written by an earlier flush of this run: same bytes, so the same rows; merging
            tables = _without(tables, again)  # them again would scan whole tables (grew with the warehouse)
        warehouse.commit_batch(self.output_dir, tables, existing=self.written)
        warehouse.mark_superseded(self.output_dir, replaced)
        new = [i for i, d in enumerate(ids) if d not in self.added]
        if len(self.new_documents) < MAX_DOCUMENT_ROWS:
            cols = docs.select(["doc_id", "title", "genre", "issuer", "signed_date"])
            keep = pa.array(new[: MAX_DOCUMENT_ROWS - len(self.new_documents)], pa.int64())
            self.new_documents += cols.take(keep).to_pylist()
        self.written.update(ids)
        self.added.update(ids)
        self.summary["documents_added"] += len(new)
        self.summary["documents_unchanged"] += rows - len(new)  # seen again in another batch of this run
        self.summary["sections_added"] += tables["sections"].num_rows
        self.summary["directives_added"] += tables["directives"].num_rows
        self.stage_seconds["write"] += time.perf_counter() - t0


def _without(tables: dict[str, pa.Table], doc_ids: list[str]) -> dict[str, pa.Table]:
    """The rows of every table but rejects, except those of doc_ids."""
    drop = pa.array(doc_ids, pa.string())
    return {name: table if name == "rejects" else table.filter(pc.invert(pc.is_in(table.column("doc_id"), value_set=drop)))
            for name, table in tables.items()}
