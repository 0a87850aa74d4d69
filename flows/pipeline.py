"""The main Prefect flow: discover files, process them in batches (one task per batch), write.

Callable from Python (`gongwen_run(input_dir=..., output_dir=...)`), from the CLI (`gongwen run`)
and deployable (`gongwen serve`, prefect.yaml).
"""
from __future__ import annotations

import time
import uuid
from collections import Counter
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version

from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run
from prefect.task_runners import ProcessPoolTaskRunner, ThreadPoolTaskRunner

from transforms.document import RULES_REVISION
from transforms.tokens import DEFAULT_TOKENIZER

from . import warehouse
from .batch import BatchResult, concat_results, process_batch
from .records import RecordOptions
from .inputs import DEFAULT_BATCH_BYTES, DEFAULT_MAX_FILE_BYTES, batches_by_bytes, discover

FLUSH_DOCUMENTS = 20_000  # documents buffered before Delta commits: few commits, bounded memory
FLUSH_BYTES = 256 * 1024 * 1024


def pipeline_version() -> str:
    try:
        pkg = version("gongwen")
    except PackageNotFoundError:  # running from a source tree that was not installed
        pkg = "0+unknown"
    return f"{pkg}+rules{RULES_REVISION}"


@task(name="process-batch", retries=2, retry_delay_seconds=2)
def process_batch_task(files, run_id, pipeline_version, known, tokenizer, max_file_bytes, record_options) -> BatchResult:
    return process_batch(files, run_id=run_id, pipeline_version=pipeline_version, known=known,
                         tokenizer=tokenizer, max_file_bytes=max_file_bytes, record_options=record_options)


def task_runner_for(workers: int, engine: str = "process", dask_address: str | None = None):
    """Where batch tasks run: this process (1 worker), local processes, or a dask.distributed cluster."""
    if engine == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    if engine != "process":
        raise ValueError(f"unknown task runner {engine!r}: choose process or dask")
    return ProcessPoolTaskRunner(max_workers=workers) if workers > 1 else ThreadPoolTaskRunner(max_workers=1)


class RunSummary(dict):
    """Counts of one run; printed by the CLI, stored in `runs`."""


@flow(name="gongwen-run", task_runner=ThreadPoolTaskRunner(max_workers=1))
def gongwen_run(input_dir: str, output_dir: str, batch_mb: float = DEFAULT_BATCH_BYTES / 2**20,
                tokenizer: str = DEFAULT_TOKENIZER, full_refresh: bool = False,
                max_file_mb: float = DEFAULT_MAX_FILE_BYTES / 2**20, workers: int = 1,
                text_column: str | None = None, html_column: str | None = None,
                url_column: str | None = None, id_column: str | None = None,
                commit_every: int = FLUSH_DOCUMENTS, wait_for_lock: bool = False) -> dict:
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or uuid.uuid4())
    version_ = pipeline_version()
    started = datetime.now(timezone.utc)
    summary = Counter(files_seen=0, documents_added=0, documents_unchanged=0, rejects=0,
                      sections_added=0, directives_added=0)
    reasons: Counter = Counter()
    run_row = {"run_id": run_id, "started_at": started, "finished_at": None, "status": "running",
               "input_dir": str(input_dir), "pipeline_version": version_, "error": None}
    with warehouse.exclusive_lock(output_dir, wait=wait_for_lock):
        warehouse.ensure_tables(output_dir)
        warehouse.record_run(output_dir, {**run_row, **summary})
        status, error = "failed", "interrupted"
        try:
            known = {} if full_refresh else warehouse.known_documents(output_dir)
            current = warehouse.current_versions(output_dir)
            record_options = RecordOptions(text_column, html_column, url_column, id_column)
            files = list(discover(input_dir))
            batches = list(batches_by_bytes(files, int(batch_mb * 2**20)))
            logger.info("%d files in %d batches; %d documents already in the warehouse", len(files), len(batches), len(known))
            written: set[str] = set()
            pending: list[BatchResult] = []
            t0 = time.perf_counter()
            window = max(2, 2 * workers)
            futures = []
            done = 0
            for i, batch in enumerate(batches):
                futures.append(process_batch_task.submit(batch, run_id, version_, known, tokenizer,
                                                          int(max_file_mb * 2**20), record_options))
                while len(futures) >= window or (i == len(batches) - 1 and futures):
                    result: BatchResult = futures.pop(0).result()
                    done += 1
                    summary["files_seen"] += result.files_seen
                    summary["documents_unchanged"] += result.unchanged
                    reasons.update(result.reject_reasons)
                    pending.append(result)
                    logger.info("batch %d/%d: %d files, %d documents, %d unchanged, %d rejected (%.1f s elapsed)",
                                done, len(batches), result.files_seen, result.documents, result.unchanged,
                                result.rejects, time.perf_counter() - t0)
                    if sum(r.documents for r in pending) >= commit_every or \
                            sum(r.tables["documents"].nbytes for r in pending) >= FLUSH_BYTES:
                        _flush(output_dir, pending, written, current, summary)
                        pending = []
            _flush(output_dir, pending, written, current, summary)
            summary["rejects"] = sum(reasons.values())
            status, error = "completed", None
        except Exception as err:
            status, error = "failed", f"{type(err).__name__}: {err}"
            raise
        finally:
            warehouse.record_run(output_dir, {**run_row, **summary, "status": status, "error": error,
                                              "finished_at": datetime.now(timezone.utc)})
    result = dict(summary, run_id=run_id, status=status, top_reject_reasons=dict(reasons.most_common(5)),
                  seconds=round((datetime.now(timezone.utc) - started).total_seconds(), 2))
    logger.info("run %s: %s", status, result)
    return result


def _flush(output_dir: str, pending: list[BatchResult], written: set[str], current: dict[str, str],
           summary: Counter) -> None:
    if not pending:
        return
    tables = concat_results(pending)
    ids = tables["documents"].column("doc_id").to_pylist()
    repeats = sum(1 for d in ids if d in written)
    replaced = {}
    for doc_id, path in zip(ids, tables["documents"].column("source_path").to_pylist()):
        old = current.get(path)
        if old is not None and old != doc_id:
            replaced[old] = doc_id  # same path, new bytes: the old document is superseded
        current[path] = doc_id
    warehouse.commit_batch(output_dir, tables)
    warehouse.mark_superseded(output_dir, replaced)
    written.update(ids)
    summary["documents_added"] += len(ids) - repeats
    summary["documents_unchanged"] += repeats + sum(r.documents for r in pending) - len(ids)
    summary["sections_added"] += tables["sections"].num_rows
    summary["directives_added"] += tables["directives"].num_rows
