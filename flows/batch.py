"""Process one batch of input files into Arrow tables (the unit of work of a Prefect task)."""
from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES, key_columns
from transforms.boilerplate import SourceDocument, repeated_lines
from transforms.decode import Decoded
from transforms.document import Prepared, Processed, Rejected, doc_id_of, finish, prepare, prepare_text

from . import storage
from .inputs import DEFAULT_MAX_FILE_BYTES, InputFile
from .records import RecordFileError, RecordOptions, read_records, record_format

ROW_TABLES = ("documents", "sections", "directives", "terms", "chrome", "rejects")


@dataclass
class BatchResult:
    tables: dict[str, pa.Table]
    files_seen: int = 0
    unchanged: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
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


def _reject_row(path: str, sha: str, reason: str, detail: str, size: int | None, run_id: str) -> dict:
    return {"source_path": path, "sha256": sha, "reason": reason, "detail": detail, "size_bytes": size, "run_id": run_id}


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
            with open(f.path, "rb") as handle:
                raw = handle.read(max_file_bytes + 1)
    except OSError as err:
        return None, ("unreadable", f"{type(err).__name__}: {err.strerror or err}")
    if len(raw) > max_file_bytes:
        return None, ("too-large", f"grew past the limit of {max_file_bytes:,} bytes while being read")
    return raw, None


def process_batch(files: list[InputFile], *, run_id: str, pipeline_version: str, known: frozenset[str],
                  tokenizer: str, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
                  record_options: RecordOptions = RecordOptions()) -> BatchResult:
    """Read, hash, skip unchanged (`known`: doc_ids already written by this pipeline version),
    clean, learn repeated lines per source, analyse.
    Never raises for one bad file: it becomes a rejects row."""
    batch = _Batch(run_id, pipeline_version, known)
    t0 = time.perf_counter()
    for f in files:
        raw, problem = _read(f, max_file_bytes)
        if problem:
            batch.reject(f.rel, "", *problem, f.size)
        elif record_format(f.rel):
            _prepare_records(batch, f, raw, record_options)
        else:
            sha = hashlib.sha256(raw).hexdigest()
            if batch.is_new(sha):
                batch.add(_source_of(f.rel), _guard(lambda: prepare(raw, f.rel, sha), f.rel, sha, len(raw)))
    t_prepare = time.perf_counter() - t0

    t0 = time.perf_counter()
    learned = repeated_lines([SourceDocument(src, doc.clean_text.split("\n")) for src, doc in batch.prepared])
    rows = {name: _Columns(TABLES[name].names) for name in ROW_TABLES}
    rows["rejects"].add_rows(batch.rejects)
    now = datetime.now(timezone.utc)
    for source, doc in batch.prepared:
        result = _guard(lambda: finish(doc, learned.get(source, frozenset()), tokenizer), doc.source_path,
                        doc.sha256, doc.size_bytes)
        if isinstance(result, Rejected):
            batch.reject(result.source_path, result.sha256, result.reason, result.detail, result.size_bytes, count=False)
        else:
            _add(rows, result, run_id, pipeline_version, now)
    t_finish = time.perf_counter() - t0

    t0 = time.perf_counter()
    tables = {name: rows[name].table(TABLES[name]) for name in ROW_TABLES}
    return BatchResult(
        tables=tables,
        files_seen=batch.inputs,
        unchanged=batch.unchanged,
        seconds={"read+clean": t_prepare, "analyse": t_finish, "arrow": time.perf_counter() - t0},
        reject_reasons=Counter(r["reason"] for r in batch.rejects),
    )


class _Batch:
    """Bookkeeping of one batch: what is new, what was prepared, what was rejected."""

    def __init__(self, run_id: str, version: str, known: frozenset[str]):
        self.run_id, self.version, self.known = run_id, version, known
        self.seen: set[str] = set()
        self.prepared: list[tuple[str, Prepared]] = []
        self.rejects: list[dict] = []
        self.inputs = self.unchanged = 0

    def is_new(self, sha: str) -> bool:
        """Count one input; False (unchanged) when its content is already in the warehouse or batch."""
        self.inputs += 1
        doc_id = doc_id_of(sha)
        if doc_id in self.known or doc_id in self.seen:
            self.unchanged += 1
            return False
        self.seen.add(doc_id)
        return True

    def add(self, source: str, result: Prepared | Rejected) -> None:
        if isinstance(result, Rejected):
            self.rejects.append(_reject_row(result.source_path, result.sha256, result.reason, result.detail,
                                            result.size_bytes, self.run_id))
        else:
            self.prepared.append((source, result))

    def reject(self, path: str, sha: str, reason: str, detail: str, size: int | None, count: bool = True) -> None:
        self.inputs += count
        self.rejects.append(_reject_row(path, sha, reason, detail, size, self.run_id))


def _guard(step, path: str, sha: str, size: int):
    """Run one document's step; a bug on one document must not lose the batch."""
    try:
        return step()
    except Exception as err:
        return Rejected(path, sha, "internal-error", f"{type(err).__name__}: {err}", size)


def _source_of(rel: str) -> str:
    """Documents of one folder are one source for learning repeated chrome lines."""
    return os.path.dirname(rel)


def _prepare_records(batch: _Batch, f: InputFile, raw: bytes, options: RecordOptions) -> None:
    try:
        records, encoding, confidence = read_records(raw, f.rel, options)
        for rec in records:
            path = f"{f.rel}#{rec.key}"
            if rec.problem or rec.text is None:
                batch.reject(path, "", "bad-record", rec.problem or "the row's text column is empty", None)
                continue
            body = rec.text.encode("utf-8")
            sha = hashlib.sha256(body).hexdigest()
            if not batch.is_new(sha):
                continue
            source = urlsplit(rec.hints["url"]).netloc if rec.hints.get("url") else f.rel
            decoded = Decoded(rec.text, encoding, confidence)
            batch.add(source, _guard(lambda: prepare_text(decoded, path, sha, len(body), record_format(f.rel), rec.hints),
                                     path, sha, len(body)))
    except RecordFileError as err:
        batch.reject(f.rel, hashlib.sha256(raw).hexdigest(), "bad-record-file", str(err), len(raw))


class _Columns:
    """Rows of one table gathered column by column, turned into Arrow once per batch."""

    def __init__(self, names: list[str]):
        self.columns: dict[str, list] = {name: [] for name in names}

    def add_rows(self, rows: list[dict]) -> None:
        for name, values in self.columns.items():
            values.extend([row.get(name) for row in rows])

    def table(self, schema: pa.Schema) -> pa.Table:
        return pa.Table.from_pydict(self.columns, schema=schema)


def _add(rows: dict[str, _Columns], result: Processed, run_id: str, version: str, now: datetime) -> None:
    rows["documents"].add_rows([{**result.document, "pipeline_version": version, "run_id": run_id, "processed_at": now}])
    rows["sections"].add_rows(result.sections)
    rows["directives"].add_rows(result.directives)
    rows["chrome"].add_rows(result.chrome)
    terms = rows["terms"].columns  # the biggest table, built straight from the counts
    terms["doc_id"].extend([result.document["doc_id"]] * len(result.term_counts))
    terms["term"].extend(result.term_counts)
    terms["count"].extend(result.term_counts.values())


def concat_results(results: list[BatchResult]) -> dict[str, pa.Table]:
    """Tables of several batches. A document found in two batches (a batch never holds one twice)
    keeps all its rows from the first batch: filtered by doc_id, column-wise."""
    parts: dict[str, list[pa.Table]] = {name: [] for name in ROW_TABLES}
    seen: list[pa.Array] = []
    for result in results:
        ids = result.tables["documents"].column("doc_id")
        earlier = pa.chunked_array(seen, pa.string()).combine_chunks() if seen else None
        for name in ROW_TABLES:
            table = result.tables[name]
            if earlier is not None and len(earlier) and name != "rejects":
                table = table.filter(pc.invert(pc.is_in(table.column("doc_id"), value_set=earlier)))
            parts[name].append(table)
        seen.extend(ids.chunks)
    tables = {name: pa.concat_tables(parts[name]) for name in ROW_TABLES}
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
