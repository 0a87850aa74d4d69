"""What a run has seen and buffered: counts, stage times, and rows waiting for their Delta commit.

Prefect-free, so the flow (flows/pipeline.py) and the benchmark's direct mode (scripts/bench.py)
buffer and commit the same way.
"""
from __future__ import annotations

import logging
import time
from collections import Counter

import pyarrow as pa
import pyarrow.compute as pc

from schemas import BATCH_TABLES, RUN_COUNTERS, TABLES
from transforms.document import StageClock

from . import links, warehouse
from .batch import BatchOptions, BatchResult, concat_results, process_batch
from .inputs import batches_by_bytes, discover
from .report import MAX_DOCUMENT_ROWS

# Rows buffered per Delta commit: documents (--commit-every), or Arrow bytes of all tables,
# whichever comes first. A document's rows take ~70 KB of Arrow (measured on the benchmark corpus:
# terms 30, sections 13, directives 12, documents 12); fewer, bigger commits write faster, smaller
# ones keep memory down.
FLUSH_BYTES = 96 * 1024 * 1024
# The runs row's counts, in this order (the tables' own counters come from schemas/).
SUMMARY_COUNTS = ("files_seen", "documents_added", "documents_unchanged", "rejects") + RUN_COUNTERS
_COUNTER_OF = {t.runs_counter: t.name for t in TABLES.values() if t.runs_counter}


class RunState:
    """Counts and buffers of one run; `take` a batch result, `flush` buffered rows to Delta."""

    def __init__(self, output_dir: str, commit_every: int):
        self.output_dir, self.commit_every = output_dir, commit_every
        self.summary = Counter(dict.fromkeys(SUMMARY_COUNTS, 0))
        self.rows_added: Counter = Counter(dict.fromkeys(BATCH_TABLES, 0))
        self.reasons: Counter = Counter()
        self.clock = StageClock()           # per-stage seconds of the batches, plus the run's own steps
        self.current: dict[str, str] = {}   # source_path -> doc_id of its current version
        self.written: set[str] = set()      # doc_ids in the warehouse: at start, plus written by this run
        self.added: set[str] = set()
        self.pending: list[BatchResult] = []
        self.new_documents: list[dict] = []
        self.failed_batches: list[str] = []
        self.batches_done = 0
        self.unlinked_runs: list[str] = []  # earlier runs whose documents this run links too
        self.to_link: set[str] = set()
        self.linked = False

    def begin(self, options, run_id: str, version: str, logger=None) -> tuple[list, BatchOptions]:
        """What a run does before its batches, holding the lock: repair the warehouse (see
        warehouse.repair), read what it holds, discover and batch the input. Returns the batches
        and the options every batch task gets."""
        t0 = time.perf_counter()
        log = logger or logging.getLogger(__name__)
        repaired = warehouse.repair(self.output_dir, run_id)
        if repaired["recovered"]:
            log.warning("undid the half-written commit of %d documents left by a killed run", len(repaired["recovered"]))
        for name, n in repaired["orphans"].items():
            log.warning("deleted the %s rows of %d documents missing from documents (a lost commit?)", name, n)
        if repaired["superseded"]:
            log.warning("marked %d older versions superseded (a run was killed before it could)", repaired["superseded"])
        if repaired["killed_runs"]:
            log.warning("%d earlier runs never finished: marked killed in the runs table", repaired["killed_runs"])
        self.unlinked_runs, self.to_link = warehouse.unlinked_runs(self.output_dir, run_id)
        in_warehouse = warehouse.known_documents(self.output_dir)
        self.written.update(in_warehouse)  # re-processing any of these replaces its rows
        known = {} if options.full_refresh else in_warehouse
        self.current = warehouse.current_versions(self.output_dir)
        files = list(discover(options.input_dir, exclude=(self.output_dir, warehouse.warehouse_dir(self.output_dir))))
        batches = list(batches_by_bytes(files, options.batch_bytes))
        self.clock.seconds["discover"] += time.perf_counter() - t0
        self.clock.documents["discover"] += len(files)
        log.info("%d files in %d batches; %d documents already in the warehouse", len(files), len(batches), len(known))
        done = frozenset(d for d, v in known.items() if v == version)
        return batches, BatchOptions(run_id, version, done, options.stage_options, options.record_options,
                                     options.max_file_bytes)

    def take(self, result: BatchResult) -> None:
        self.batches_done += 1
        self.summary["files_seen"] += result.files_seen
        self.summary["documents_unchanged"] += result.unchanged
        self.summary["rejects"] += result.rejects
        self.reasons.update(result.reject_reasons)
        self.clock.add(result.clock)
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
        self.rows_added.update({name: t.num_rows for name, t in tables.items()})
        for counter, name in _COUNTER_OF.items():
            self.summary[counter] = self.rows_added[name]
        self.clock.seconds["write"] += time.perf_counter() - t0
        self.clock.documents["write"] += len(new)

    def link(self, run_id: str, logger=None) -> dict:
        """After the last flush: link this run's documents (and those of earlier runs that never got
        this far) to the rest of the warehouse: duplicates, cited documents (flows/links.py)."""
        report = links.link(self.output_dir, self.added | self.to_link)
        for step, seconds in report.pop("seconds").items():
            self.clock.seconds[step] += seconds
            self.clock.documents[step] += len(self.added | self.to_link)
        warehouse.mark_linked(self.output_dir, self.unlinked_runs)
        self.linked = True
        (logger or logging.getLogger(__name__)).info(
            "linked %d documents: %d near-duplicate pairs compared, %d duplicates; %d citations resolved, %d open",
            len(self.added | self.to_link), report["pairs"], report["duplicates"], report["resolved"], report["open"])
        return report

    def runs_row(self) -> dict:
        """This run's counts, rows per table and stage times, as columns of the runs table."""
        return {**self.summary, "rows_added": [{"table": n, "rows": r} for n, r in self.rows_added.items()],
                "stages": self.clock.rows(), "linked": self.linked}


def _without(tables: dict[str, pa.Table], doc_ids: list[str]) -> dict[str, pa.Table]:
    """The rows of every table with a doc_id column, except those of doc_ids."""
    drop = pa.array(doc_ids, pa.string())
    return {name: table.filter(pc.invert(pc.is_in(table.column("doc_id"), value_set=drop)))
            if "doc_id" in table.column_names else table for name, table in tables.items()}


def run_direct(options, run_id: str | None = None, version: str = "direct") -> RunState:
    """The flow's work without Prefect, in this process (the benchmark's baseline, and tests):
    same repairs, batches, buffering, commits, link step and runs rows as `gongwen run --workers 1`."""
    import uuid
    from datetime import datetime, timezone

    run_id = run_id or str(uuid.uuid4())
    row = {"run_id": run_id, "started_at": datetime.now(timezone.utc), "finished_at": None, "status": "running",
           "input_dir": str(options.input_dir), "pipeline_version": version, "error": None}
    with warehouse.exclusive_lock(options.output_dir, wait=options.wait_for_lock):
        warehouse.ensure_tables(options.output_dir)
        state = RunState(options.output_dir, options.commit_every)
        warehouse.record_run(options.output_dir, {**row, **state.runs_row()})
        batches, batch_options = state.begin(options, run_id, version)
        for batch in batches:
            state.take(process_batch(batch, batch_options))
        state.flush()
        state.link(run_id)
        warehouse.record_run(options.output_dir, {**row, **state.runs_row(), "status": "completed",
                                                  "finished_at": datetime.now(timezone.utc)})
    return state
