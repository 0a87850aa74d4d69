"""Process one batch of input files into Arrow tables (the unit of work of a Prefect task).

read (I/O) -> readers (transforms/readers: one record per document) -> skip unchanged ->
prepare stages -> learn repeated lines per source -> finish stages -> one Arrow table per
batch table declared in schemas/ (BATCH_TABLES).
"""
from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow as pa
import pyarrow.compute as pc

from schemas import BATCH_TABLES, CHILD_TABLES, key_columns, schema
from transforms.boilerplate import SourceDocument, repeated_lines
from transforms.document import Processed, Rejected, StageClock, StageOptions, Work, doc_id_of, finish, prepare
from transforms.readers import ReaderError, RecordOptions, read_input

from . import storage
from .inputs import InputFile, special_kind
from .options import DEFAULTS


@dataclass(frozen=True)
class BatchOptions:
    """What a batch task needs to know of its run."""
    run_id: str
    pipeline_version: str
    known: frozenset[str]            # doc_ids already written by this pipeline version: skipped as unchanged
    stage_options: StageOptions = StageOptions()
    record_options: RecordOptions = RecordOptions()
    max_file_bytes: int = DEFAULTS.max_file_bytes


@dataclass
class BatchResult:
    tables: dict[str, pa.Table]
    files_seen: int = 0
    unchanged: int = 0
    clock: StageClock = field(default_factory=StageClock)
    reject_reasons: Counter = field(default_factory=Counter)

    @property
    def documents(self) -> int:
        return self.tables["documents"].num_rows

    @property
    def rejects(self) -> int:
        return self.tables["rejects"].num_rows

    def release(self) -> None:
        """Drop the tables once written: Prefect's flow-run context keeps every task result
        (FlowRunContext.run_results) until the run ends, so memory would grow with the corpus."""
        self.tables = {name: table.schema.empty_table() for name, table in self.tables.items()}


def _read(f: InputFile, max_file_bytes: int) -> tuple[bytes | None, tuple[str, str] | None]:
    if f.problem:
        reason, _, detail = f.problem.partition(":")
        return None, (reason, detail or reason)
    if f.size is not None and f.size > max_file_bytes:
        return None, ("too-large", f"{f.size:,} bytes is over the limit of {max_file_bytes:,} (--max-file-mb)")
    try:
        if storage.is_remote(f.path):
            filesystem, path = storage.filesystem(f.path)  # made once per worker process
            with filesystem.open_input_stream(path) as handle:
                raw = handle.read(max_file_bytes + 1)
        else:
            raw = _read_regular(f.path, max_file_bytes + 1)
    except NotRegularFile as err:
        return None, ("not-a-file", str(err))
    except TimeoutError:
        return None, ("unreadable", f"reading took over {READ_TIMEOUT_SECONDS} s")
    except OSError as err:
        return None, ("unreadable", f"{type(err).__name__}: {err.strerror or err}")
    if len(raw) > max_file_bytes:
        return None, ("too-large", f"grew past the limit of {max_file_bytes:,} bytes while being read")
    return raw, None


class NotRegularFile(OSError):
    pass


READ_TIMEOUT_SECONDS = 120  # a read slower than this (a hung network mount) gives up on the file
_READ_CHUNK = 1 << 20


def _read_regular(path: str, limit: int) -> bytes:
    """Read up to `limit` bytes of a regular file. Opened non-blocking and checked after opening:
    a file replaced by a FIFO after discovery must not block the batch; slow reads time out
    between chunks."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"{special_kind(mode)}, not a regular file")
        os.set_blocking(fd, True)
        deadline = time.monotonic() + READ_TIMEOUT_SECONDS
        parts, size = [], 0
        while size < limit:
            chunk = os.read(fd, min(_READ_CHUNK, limit - size))
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if time.monotonic() > deadline:
                raise TimeoutError(path)
        return b"".join(parts)
    finally:
        os.close(fd)


def process_batch(files: list[InputFile], options: BatchOptions) -> BatchResult:
    """Read, skip unchanged, clean, learn repeated lines per source, analyse.
    Never raises for one bad file: it becomes a rejects row."""
    batch = _Batch(options)
    clock = StageClock()
    for f in files:
        t0 = time.perf_counter()
        raw, problem = _read(f, options.max_file_bytes)
        if problem:
            batch.reject(f.rel, "", *problem, f.size)
            continue
        try:
            records = list(read_input(raw, f.rel, options.record_options))
        except ReaderError as err:
            batch.reject(f.rel, hashlib.sha256(raw).hexdigest(), err.reason, err.detail, len(raw))
            continue
        finally:
            clock.seconds["read"] += time.perf_counter() - t0
            clock.documents["read"] += 1
        for record in records:
            if record.problem:
                batch.reject(record.source_path, "", *record.problem, None)
            elif batch.is_new(record.sha256):
                batch.add(_guard(lambda: prepare(record, options.stage_options, clock), record.source_path,
                                 record.sha256, record.size_bytes))
            elif doc_id_of(record.sha256) in options.known:
                batch.unchanged_records.append(record)

    learned = repeated_lines(_voters(batch, options, clock))
    rows = {name: _Columns(schema(name).names) for name in BATCH_TABLES}
    now = datetime.now(timezone.utc)
    for work in batch.prepared:
        work.learned = learned.get(work.record.source, frozenset())
        result = _guard(lambda: _checked(finish(work, options.stage_options, clock)), work.record.source_path,
                        work.record.sha256, work.record.size_bytes)
        if isinstance(result, Rejected):
            batch.reject(result.source_path, result.sha256, result.reason, result.detail, result.size_bytes, count=False)
            continue
        rows["documents"].add([{**result.document, "pipeline_version": options.pipeline_version,
                                "run_id": options.run_id, "processed_at": now}])
        for name in CHILD_TABLES:
            rows[name].add(result.children.get(name, []))

    rows["rejects"].add(batch.rejects)
    t0 = time.perf_counter()
    tables = {name: rows[name].table(schema(name)) for name in BATCH_TABLES}
    clock.seconds["arrow"] += time.perf_counter() - t0
    return BatchResult(tables=tables, files_seen=batch.inputs, unchanged=batch.unchanged, clock=clock,
                       reject_reasons=Counter(r["reason"] for r in batch.rejects))


def _voters(batch: "_Batch", options: BatchOptions, clock: StageClock) -> list[SourceDocument]:
    """The documents whose lines vote on a source's repeated lines: the new ones, and the unchanged
    ones of the same sources (prepared again, only to vote), so that what is learned does not depend
    on which files an earlier, maybe killed, run already committed."""
    voters = [SourceDocument(w.record.source, w.text.split("\n")) for w in batch.prepared]
    sources = {w.record.source for w in batch.prepared}
    t0 = time.perf_counter()
    for record in batch.unchanged_records:
        if record.source in sources:
            work = _guard(lambda: prepare(record, options.stage_options), record.source_path, record.sha256, 0)
            if not isinstance(work, Rejected):
                voters.append(SourceDocument(record.source, work.text.split("\n")))
    clock.seconds["learned-chrome"] += time.perf_counter() - t0
    return voters


def _checked(result: Processed) -> Processed:
    """A stage that fills a table schemas/ does not declare as a child table is a bug: its rows
    would never reach the warehouse."""
    undeclared = set(result.children) - set(CHILD_TABLES)
    if undeclared:
        raise RuntimeError(f"stages filled tables not declared as child tables in schemas/: {sorted(undeclared)}")
    return result


class _Batch:
    """Bookkeeping of one batch: what is new, what was prepared, what was rejected."""

    def __init__(self, options: BatchOptions):
        self.options = options
        self.seen: set[str] = set()
        self.prepared: list[Work] = []
        self.unchanged_records: list = []  # InputRecords already in the warehouse (they still vote on repeated lines)
        self.rejects: list[dict] = []
        self.inputs = self.unchanged = 0

    def is_new(self, sha: str) -> bool:
        """Count one input; False (unchanged) when its content is already in the warehouse or batch."""
        self.inputs += 1
        doc_id = doc_id_of(sha)
        if doc_id in self.options.known or doc_id in self.seen:
            self.unchanged += 1
            return False
        self.seen.add(doc_id)
        return True

    def add(self, result: Work | Rejected) -> None:
        if isinstance(result, Rejected):
            self.reject(result.source_path, result.sha256, result.reason, result.detail, result.size_bytes, count=False)
        else:
            self.prepared.append(result)

    def reject(self, path: str, sha: str, reason: str, detail: str, size: int | None, count: bool = True) -> None:
        self.inputs += count
        self.rejects.append({"source_path": path, "sha256": sha, "reason": reason, "detail": detail,
                             "size_bytes": size, "run_id": self.options.run_id})


def _guard(step, path: str, sha: str, size: int | None):
    """Run one document's step; a bug on one document must not lose the batch."""
    try:
        return step()
    except Exception as err:
        return Rejected(path, sha, "internal-error", f"{type(err).__name__}: {err}", size)


class _Columns:
    """Rows of one table gathered column by column, turned into Arrow once per batch."""

    def __init__(self, names: list[str]):
        self.columns: dict[str, list] = {name: [] for name in names}

    def add(self, rows: list[dict] | dict[str, list]) -> None:
        """Row dicts, or a dict of equal-length columns (a stage's bulk rows, e.g. terms)."""
        if isinstance(rows, dict):
            n = len(next(iter(rows.values()), []))
            for name, values in self.columns.items():
                values.extend(rows[name] if name in rows else [None] * n)
            return
        for name, values in self.columns.items():
            values.extend([row.get(name) for row in rows])

    def table(self, table_schema: pa.Schema) -> pa.Table:
        return pa.Table.from_pydict(self.columns, schema=table_schema)


def concat_results(results: list[BatchResult]) -> dict[str, pa.Table]:
    """Tables of several batches. A document found in two batches (a batch never holds one twice)
    keeps all its rows from the first batch: filtered by doc_id, column-wise."""
    parts: dict[str, list[pa.Table]] = {name: [] for name in BATCH_TABLES}
    seen: list[pa.Array] = []
    for result in results:
        ids = result.tables["documents"].column("doc_id")
        earlier = pa.chunked_array(seen, pa.string()).combine_chunks() if seen else None
        for name in BATCH_TABLES:
            table = result.tables[name]
            if earlier is not None and len(earlier) and "doc_id" in table.column_names:
                table = table.filter(pc.invert(pc.is_in(table.column("doc_id"), value_set=earlier)))
            parts[name].append(table)
        seen.extend(ids.chunks)
    tables = {name: pa.concat_tables(parts[name]) for name in BATCH_TABLES}
    tables["rejects"] = _dedupe("rejects", tables["rejects"])
    return tables


def _dedupe(name: str, table: pa.Table) -> pa.Table:
    keys = key_columns(name)
    seen: set[tuple] = set()
    keep = []
    for i, key in enumerate(zip(*(table.column(k).to_pylist() for k in keys))):
        if key not in seen:
            seen.add(key)
            keep.append(i)
    return table if len(keep) == table.num_rows else table.take(keep)
