"""Delta Lake I/O for the warehouse: one Delta table per schema under <output>/warehouse/<table>/.

Writes are idempotent upserts keyed on each table's key (schemas/). Child tables of a document
(sections, directives, terms, chrome) are replaced as a whole for re-processed documents, so they
leave no stale rows; rows of new documents are appended (a merge scans the whole target table:
time and memory would grow with the warehouse). `documents` is written last, and the ids being
appended are noted in _inflight.json first: a run killed mid-write leaves the tables readable, and
the next run's `recover` deletes the half-written rows before it processes those documents again.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import errno
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from deltalake import DeltaTable, WriterProperties, write_deltalake

from schemas import CHILD_TABLES, COMMENT, DERIVED_TABLES, TABLES, column_doc, key_columns, schema, validate

from . import storage

WRITER_PROPERTIES = WriterProperties(compression="ZSTD", max_row_group_size=256 * 1024)


class WarehouseBusy(RuntimeError):
    pass


def warehouse_dir(output_dir: str | Path) -> Path | str:
    """<output>/warehouse: a Path, or a URI string when the output is on object storage."""
    if storage.is_remote(output_dir):
        return storage.join(output_dir, "warehouse")
    return Path(output_dir) / "warehouse"


def _in_warehouse(output_dir: str | Path, name: str) -> Path | str:
    where = warehouse_dir(output_dir)
    return storage.join(where, name) if isinstance(where, str) else where / name


def table_path(output_dir: str | Path, name: str) -> Path | str:
    return _in_warehouse(output_dir, name)


def open_table(output_dir: str | Path, name: str) -> DeltaTable | None:
    path = str(table_path(output_dir, name))
    options = storage.delta_storage_options(path)
    return DeltaTable(path, storage_options=options) if DeltaTable.is_deltatable(path, options) else None


def ensure_tables(output_dir: str | Path) -> None:
    """Create every missing table, empty, so queries on a new warehouse find all of them; add the
    columns a newer gongwen declares to tables an older one created (new columns are nullable)."""
    for name, declared in TABLES.items():
        path = table_path(output_dir, name)
        options = storage.delta_storage_options(path)
        if not DeltaTable.is_deltatable(str(path), options):
            if isinstance(path, Path):
                path.mkdir(parents=True, exist_ok=True)
            DeltaTable.create(str(path), declared.schema, mode="ignore", description=declared.doc,
                              storage_options=options)
            continue
        dt = DeltaTable(str(path), storage_options=options)
        have = {f.name for f in dt.schema().fields}
        missing = [f for f in declared.schema if f.name not in have]
        if missing:
            from deltalake.schema import Schema as DeltaSchema

            dt.alter.add_columns(list(DeltaSchema.from_arrow(pa.schema(missing)).fields))
        _sync_column_comments(dt, declared.schema)


def _sync_column_comments(dt: DeltaTable, declared: pa.Schema) -> None:
    """Store each column's doc as its Delta column metadata `comment` (what Spark's DESCRIBE shows)
    where the table lacks it or has an older text: one commit per changed column, so only the
    first run after an upgrade pays."""
    stored = {f.name: (f.metadata or {}).get(COMMENT) for f in dt.schema().fields}
    for field in declared:
        doc = column_doc(field)
        if field.name in stored and stored[field.name] != doc:
            dt.alter.set_column_metadata(field.name, {COMMENT: doc})


def read_table(output_dir: str | Path, name: str, columns: list[str] | None = None) -> pa.Table:
    dt = open_table(output_dir, name)
    if dt is None:
        declared = schema(name)
        return declared.empty_table() if columns is None else pa.schema([declared.field(c) for c in columns]).empty_table()
    return pa.table(dt.to_pyarrow_dataset().to_table(columns=columns))


def _lock_file(output_dir: str | Path) -> Path:
    """The lock file: in the warehouse folder, or for object storage (which has no flock) a local
    file named after the warehouse URI, under GONGWEN_LOCK_DIR or ~/.cache/gongwen/locks."""
    path = warehouse_dir(output_dir)
    if isinstance(path, Path):
        path.mkdir(parents=True, exist_ok=True)
        return path / ".gongwen.lock"
    folder = Path(os.environ.get("GONGWEN_LOCK_DIR") or Path.home() / ".cache" / "gongwen" / "locks")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{hashlib.sha1(path.encode()).hexdigest()}.lock"


@contextmanager
def exclusive_lock(output_dir: str | Path, wait: bool = False):
    """One writer per warehouse: a second run waits (wait=True) or fails with WarehouseBusy.

    On object storage the lock is a local file (see _lock_file): it serialises the runs started
    from this machine only. Runs started from different machines on one S3 warehouse must be
    serialised by the scheduler (a deployment with concurrency_limit 1). Delta's conditional-put
    commits still keep every table consistent if they are not, but two overlapping runs could both
    append the same new documents."""
    path = warehouse_dir(output_dir)
    with open(_lock_file(output_dir), "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise WarehouseBusy(f"{path} is being written by {holder}; wait for it to finish or use --wait") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sql_list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def upsert(output_dir: str | Path, name: str, data: pa.Table, replace_doc_ids: list[str] | None = None) -> None:
    """Insert new keys, update existing ones; with replace_doc_ids, also delete those documents'
    rows that are not in `data` (stale children of a re-processed document)."""
    data = validate(name, data)
    dt = open_table(output_dir, name)
    if dt is None:
        ensure_tables(output_dir)
        dt = open_table(output_dir, name)
    if dt.version() == 0 and data.num_rows:  # a new table: nothing to merge with
        write_deltalake(dt, data, mode="append", writer_properties=WRITER_PROPERTIES)
        return
    keys = key_columns(name)
    if data.num_rows == 0:
        if replace_doc_ids:
            dt.delete(f"doc_id IN ({_sql_list(replace_doc_ids)})", writer_properties=WRITER_PROPERTIES)
        return
    merger = (
        dt.merge(source=data, predicate=" AND ".join(f"t.{k} = s.{k}" for k in keys),
                 source_alias="s", target_alias="t", writer_properties=WRITER_PROPERTIES)
        .when_matched_update_all()
        .when_not_matched_insert_all()
    )
    if replace_doc_ids:
        merger = merger.when_not_matched_by_source_delete(f"t.doc_id IN ({_sql_list(replace_doc_ids)})")
    merger.execute()


def known_documents(output_dir: str | Path) -> dict[str, str]:
    """doc_id -> pipeline_version of every document in the warehouse."""
    data = read_table(output_dir, "documents", ["doc_id", "pipeline_version"])
    return dict(zip(data.column("doc_id").to_pylist(), data.column("pipeline_version").to_pylist()))


def current_versions(output_dir: str | Path) -> dict[str, str]:
    """source_path -> doc_id of the documents that are not superseded."""
    data = read_table(output_dir, "documents", ["doc_id", "source_path", "superseded_by"])
    return {p: d for d, p, s in zip(*(data.column(c).to_pylist() for c in ("doc_id", "source_path", "superseded_by")))
            if s is None}


def mark_superseded(output_dir: str | Path, replaced: dict[str, str]) -> None:
    """Set documents.superseded_by for old doc_id -> new doc_id."""
    set_column(output_dir, "documents", "doc_id", "superseded_by", replaced)


def set_column(output_dir: str | Path, name: str, key: str, column: str, values: dict) -> None:
    """Set one column of the rows whose `key` is in `values` (key -> new value, None for null): a
    merge that rewrites only the files holding those rows."""
    if not values:
        return
    declared = schema(name)
    source = pa.table({key: pa.array(list(values), declared.field(key).type),
                       column: pa.array(list(values.values()), declared.field(column).type)})
    (open_table(output_dir, name)
     .merge(source=source, predicate=f"t.{key} = s.{key}", source_alias="s", target_alias="t",
            writer_properties=WRITER_PROPERTIES)
     .when_matched_update({column: f"s.{column}"})
     .execute())


def delete_keys(output_dir: str | Path, name: str, key: str, values: list[str]) -> None:
    dt = open_table(output_dir, name)
    for chunk in range(0, len(values), 5000):
        if dt is not None and values:
            dt.delete(f"{key} IN ({_sql_list(values[chunk:chunk + 5000])})", writer_properties=WRITER_PROPERTIES)


def _inflight_path(output_dir: str | Path) -> Path | str:
    return _in_warehouse(output_dir, "_inflight.json")


def _read_inflight(path: Path | str) -> list[str] | None:
    if isinstance(path, Path):
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    if not storage.exists(path):
        return None
    handle, key = storage.filesystem(path)
    with handle.open_input_stream(key) as stream:
        return json.loads(stream.read().decode("utf-8"))


def _write_inflight(path: Path | str, doc_ids: list[str]) -> None:
    if isinstance(path, Path):
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc_ids), encoding="utf-8")
        os.replace(tmp, path)
    else:  # one PUT: an object appears whole or not at all
        handle, key = storage.filesystem(path)
        with handle.open_output_stream(key) as stream:
            stream.write(json.dumps(doc_ids).encode("utf-8"))


def _delete_inflight(path: Path | str) -> None:
    if isinstance(path, Path):
        path.unlink()
    else:
        handle, key = storage.filesystem(path)
        handle.delete_file(key)


def recover(output_dir: str | Path) -> list[str]:
    """Undo a commit that a killed run left half done: delete the rows of the documents it was
    writing from every table (the next run processes them again). Returns their doc_ids."""
    path = _inflight_path(output_dir)
    doc_ids = _read_inflight(path)
    if doc_ids is None:
        return []
    for name in CHILD_TABLES + DERIVED_TABLES + ("documents",):  # every table whose rows belong to a document
        _delete_doc_rows(output_dir, name, doc_ids)
    _delete_inflight(path)
    return doc_ids


def _append(output_dir: str | Path, name: str, data: pa.Table) -> None:
    data = validate(name, data)
    if data.num_rows:
        write_deltalake(open_table(output_dir, name), data, mode="append", writer_properties=WRITER_PROPERTIES)


def _only(table: pa.Table, doc_ids: list[str]) -> pa.Table:
    return table.filter(pc.is_in(table.column("doc_id"), pa.array(doc_ids, pa.string())))


FREE_SPACE_MARGIN = 8 * 2**20


def _check_free_space(output_dir: str | Path, arrow_bytes: int) -> None:
    """Refuse a commit the disk cannot hold (ENOSPC) before the Rust writer starts: run out of
    space mid-write, it fails with a panic on stderr. Compressed Parquet is smaller than the Arrow
    buffers, so their size is a safe bound."""
    if storage.is_remote(output_dir):
        return
    free = shutil.disk_usage(warehouse_dir(output_dir)).free
    if free < arrow_bytes + FREE_SPACE_MARGIN:
        raise OSError(errno.ENOSPC, f"No space left on device: {free:,} bytes free, a commit needs up to "
                      f"{arrow_bytes + FREE_SPACE_MARGIN:,}", str(warehouse_dir(output_dir)))


def commit_batch(output_dir: str | Path, tables: dict[str, pa.Table], existing: set[str] = frozenset()) -> None:
    """Write one flush of rows: children first, documents last (see module doc).

    Documents new to the warehouse are appended (cheap, memory-flat); their ids are noted in
    _inflight.json first so `recover` can undo a half-done commit. Documents already there
    (re-processed) are merged, replacing their child rows."""
    _check_free_space(output_dir, sum(t.nbytes for t in tables.values()))
    doc_ids = tables["documents"].column("doc_id").to_pylist()
    replaced = [d for d in doc_ids if d in existing]
    fresh = [d for d in doc_ids if d not in existing]
    path = _inflight_path(output_dir)
    _write_inflight(path, fresh)
    for name in CHILD_TABLES:
        if replaced:
            upsert(output_dir, name, _only(tables[name], replaced), replace_doc_ids=replaced)
        _append(output_dir, name, _only(tables[name], fresh) if replaced else tables[name])  # no copy when all are new
    upsert(output_dir, "rejects", tables["rejects"])
    if replaced:
        upsert(output_dir, "documents", _only(tables["documents"], replaced))
    _append(output_dir, "documents", _only(tables["documents"], fresh) if replaced else tables["documents"])
    _delete_inflight(path)
    clear_rejects(output_dir, tables["documents"].column("source_path").to_pylist())


def _delete_doc_rows(output_dir: str | Path, name: str, doc_ids: list[str]) -> None:
    delete_keys(output_dir, name, "doc_id", doc_ids)


def delete_orphans(output_dir: str | Path) -> dict[str, int]:
    """Delete child rows whose document is not in `documents` (a lost or truncated log, a crash
    no _inflight.json covered): left in place, re-adding those documents would append their child
    rows a second time. One doc_id column scan per child table. Returns rows' doc_ids per table."""
    documents = set(read_table(output_dir, "documents", ["doc_id"]).column("doc_id").to_pylist())
    found = {}
    for name in CHILD_TABLES + DERIVED_TABLES:
        ids = pc.unique(read_table(output_dir, name, ["doc_id"]).column("doc_id")).to_pylist()
        orphans = [d for d in ids if d not in documents]
        if orphans:
            _delete_doc_rows(output_dir, name, orphans)
            found[name] = len(orphans)
    return found


def repair_supersession(output_dir: str | Path) -> int:
    """Leave one current version per source_path: the newest by processed_at (a kill between a
    commit and its mark_superseded leaves two). Returns the number of documents marked."""
    data = read_table(output_dir, "documents", ["doc_id", "source_path", "superseded_by", "processed_at"])
    current: dict[str, list[tuple]] = {}
    for doc_id, path, sup, at in zip(*(data.column(c).to_pylist() for c in data.column_names)):
        if sup is None:
            current.setdefault(path, []).append((at, doc_id))
    replaced = {}
    for versions in current.values():
        if len(versions) > 1:
            newest = max(versions)[1]
            replaced.update({d: newest for _, d in versions if d != newest})
    mark_superseded(output_dir, replaced)
    return len(replaced)


def mark_stale_runs(output_dir: str | Path, run_id: str) -> int:
    """Runs still 'running' when a new run holds the lock were killed: say so. Returns how many."""
    runs = read_table(output_dir, "runs")
    stale = [r for r in runs.to_pylist() if r["status"] == "running" and r["run_id"] != run_id]
    for row in stale:
        record_run(output_dir, {**row, "status": "killed",
                                "error": "the run ended without finishing (killed, or its machine stopped)"})
    return len(stale)


def repair(output_dir: str | Path, run_id: str) -> dict:
    """What a run does first, holding the lock: undo a half-written commit (recover), delete child
    rows without their document, leave one current version per path, mark runs that never finished
    as killed. Returns what it found, for the log."""
    return {"recovered": recover(output_dir), "orphans": delete_orphans(output_dir),
            "superseded": repair_supersession(output_dir), "killed_runs": mark_stale_runs(output_dir, run_id)}


def unlinked_runs(output_dir: str | Path, run_id: str) -> tuple[list[str], set[str]]:
    """(run_ids, doc_ids) of earlier runs whose documents were never linked (killed or failed first)."""
    runs = read_table(output_dir, "runs", ["run_id", "linked"])
    ids = [r for r, linked in zip(runs.column("run_id").to_pylist(), runs.column("linked").to_pylist())
           if not linked and r != run_id]
    if not ids:
        return [], set()
    docs = read_table(output_dir, "documents", ["doc_id", "run_id"])
    docs = docs.filter(pc.is_in(docs.column("run_id"), value_set=pa.array(ids, pa.string())))
    return ids, set(docs.column("doc_id").to_pylist())


def mark_linked(output_dir: str | Path, run_ids: list[str]) -> None:
    if run_ids:
        set_column(output_dir, "runs", "run_id", "linked", {r: True for r in run_ids})


def clear_rejects(output_dir: str | Path, paths: list[str]) -> None:
    """A path that became a document is no longer a reject (a file repaired since)."""
    dt = open_table(output_dir, "rejects")
    if dt is None or not paths:
        return
    rejected = set(read_table(output_dir, "rejects", ["source_path"]).column("source_path").to_pylist())
    gone = sorted(set(paths) & rejected)
    for chunk in range(0, len(gone), 5000):
        dt.delete(f"source_path IN ({_sql_list(gone[chunk:chunk + 5000])})", writer_properties=WRITER_PROPERTIES)


def record_run(output_dir: str | Path, row: dict) -> None:
    upsert(output_dir, "runs", pa.Table.from_pylist([row], schema=schema("runs")))


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _one_line(err: BaseException) -> str:
    """An error from the Rust writer or Arrow as one plain line: no ANSI colours, no '↳' chain."""
    text = _ANSI.sub("", str(err))
    parts = [p.strip(" ↳") for p in text.splitlines() if p.strip(" ↳")]
    return "; ".join(parts)[:300] or type(err).__name__


def check(output_dir: str | Path) -> list[str]:
    """What is wrong with a warehouse, one line per problem (empty: healthy): data files the log
    references but that are missing, duplicate keys, child rows without their document, paths
    with more than one current version, an interrupted commit."""
    problems = []
    readable = {}
    for name in TABLES:
        dt = open_table(output_dir, name)
        if dt is None:
            problems.append(f"{name}: missing table (the next run creates it)")
            continue
        missing = [f for f in dt.file_uris() if not storage.exists(f)]
        if missing:
            problems.append(f"{name}: {len(missing)} data files referenced by the Delta log are missing, "
                            f"e.g. {missing[0]}")
            continue
        try:
            data = read_table(output_dir, name, key_columns(name))
        except (OSError, ValueError) as err:
            problems.append(f"{name}: a data file cannot be read: {_one_line(err)}")
            continue
        readable[name] = data
        keys = data.group_by(key_columns(name)).aggregate([([], "count_all")])
        dupes = keys.filter(pc.greater(keys.column("count_all"), 1)).num_rows
        if dupes:
            problems.append(f"{name}: {dupes} keys ({', '.join(key_columns(name))}) occur more than once")
    if "documents" in readable:
        documents = set(readable["documents"].column("doc_id").to_pylist())
        for name in CHILD_TABLES:
            if name in readable:
                ids = set(pc.unique(read_table(output_dir, name, ["doc_id"]).column("doc_id")).to_pylist())
                orphans = ids - documents
                if orphans:
                    problems.append(f"{name}: rows of {len(orphans)} documents that are not in documents "
                                    f"(the next run deletes them)")
        current = read_table(output_dir, "documents", ["source_path", "superseded_by"])
        paths = current.filter(pc.is_null(current.column("superseded_by"))).group_by("source_path").aggregate([([], "count_all")])
        several = paths.filter(pc.greater(paths.column("count_all"), 1)).num_rows
        if several:
            problems.append(f"documents: {several} source paths have more than one current version "
                            "(the next run marks the older ones superseded)")
    if _read_inflight(_inflight_path(output_dir)) is not None:
        problems.append("an interrupted commit is noted in _inflight.json (the next run undoes it)")
    return problems
