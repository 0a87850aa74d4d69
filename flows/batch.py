"""Process one batch of input files into Arrow tables (the unit of work of a Prefect task)."""
from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pyarrow as pa

from schemas import TABLES, key_columns
from transforms.document import Processed, Rejected, doc_id_of, process_document

from .inputs import DEFAULT_MAX_FILE_BYTES, InputFile

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


def _reject_row(f: InputFile, sha: str, reason: str, detail: str, run_id: str) -> dict:
    return {"source_path": f.rel, "sha256": sha, "reason": reason, "detail": detail, "size_bytes": f.size, "run_id": run_id}


def _read(f: InputFile, max_file_bytes: int) -> tuple[bytes | None, tuple[str, str] | None]:
    if f.problem:
        reason, _, detail = f.problem.partition(":")
        return None, (reason, detail or reason)
    if f.size is not None and f.size > max_file_bytes:
        return None, ("too-large", f"{f.size:,} bytes is over the limit of {max_file_bytes:,} (--max-file-mb)")
    try:
        with open(f.path, "rb") as handle:
            raw = handle.read(max_file_bytes + 1)
    except OSError as err:
        return None, ("unreadable", f"{type(err).__name__}: {err.strerror or err}")
    if len(raw) > max_file_bytes:
        return None, ("too-large", f"grew past the limit of {max_file_bytes:,} bytes while being read")
    return raw, None


def process_batch(files: list[InputFile], *, run_id: str, pipeline_version: str, known: dict[str, str],
                  tokenizer: str, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> BatchResult:
    """Read, hash, skip unchanged, process the rest. Never raises for one bad file."""
    rows: dict[str, list[dict]] = {name: [] for name in ROW_TABLES}
    seen_in_batch: set[str] = set()
    unchanged = 0
    t_read = t_proc = 0.0
    now = datetime.now(timezone.utc)
    for f in files:
        t0 = time.perf_counter()
        raw, problem = _read(f, max_file_bytes)
        t_read += time.perf_counter() - t0
        if problem:
            rows["rejects"].append(_reject_row(f, "", *problem, run_id))
            continue
        sha = hashlib.sha256(raw).hexdigest()
        doc_id = doc_id_of(sha)
        if known.get(doc_id) == pipeline_version or doc_id in seen_in_batch:
            unchanged += 1
            continue
        t0 = time.perf_counter()
        try:
            result = process_document(raw, f.rel, tokenizer=tokenizer, sha256_hex=sha)
        except Exception as err:  # a bug on one document must not lose the batch
            result = Rejected(f.rel, sha, "internal-error", f"{type(err).__name__}: {err}", len(raw))
        t_proc += time.perf_counter() - t0
        if isinstance(result, Rejected):
            rows["rejects"].append(_reject_row(f, sha, result.reason, result.detail, run_id))
            continue
        seen_in_batch.add(doc_id)
        _add(rows, result, run_id, pipeline_version, now)
    t0 = time.perf_counter()
    tables = {name: pa.Table.from_pylist(rows[name], schema=TABLES[name]) for name in ROW_TABLES}
    t_arrow = time.perf_counter() - t0
    return BatchResult(
        tables=tables,
        files_seen=len(files),
        unchanged=unchanged,
        seconds={"read": t_read, "process": t_proc, "arrow": t_arrow},
        reject_reasons=Counter(r["reason"] for r in rows["rejects"]),
    )


def _add(rows: dict[str, list[dict]], result: Processed, run_id: str, version: str, now: datetime) -> None:
    rows["documents"].append({**result.document, "pipeline_version": version, "run_id": run_id, "processed_at": now})
    rows["sections"].extend(result.sections)
    rows["directives"].extend(result.directives)
    rows["terms"].extend(result.terms)
    rows["chrome"].extend(result.chrome)


def concat_results(results: list[BatchResult]) -> dict[str, pa.Table]:
    """Tables of several batches, with a document seen in two batches kept once."""
    tables = {name: pa.concat_tables([r.tables[name] for r in results]) for name in ROW_TABLES}
    docs = tables["documents"]
    ids = docs.column("doc_id").to_pylist()
    if len(set(ids)) != len(ids):
        first = {}
        for i, d in enumerate(ids):
            first.setdefault(d, i)
        tables["documents"] = docs.take(sorted(first.values()))
        for name in ("sections", "directives", "terms", "chrome"):
            tables[name] = _dedupe(name, tables[name])
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
