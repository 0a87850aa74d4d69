"""The main Prefect flow: discover files, process them in batches (one task per batch), write.

Callable from Python (`gongwen_run(input_dir=..., output_dir=...)`), from the CLI (`gongwen run`)
and deployable (`gongwen serve`, prefect.yaml).
"""
# no `from __future__ import annotations`: Prefect validates the flow parameters from real annotations (Literal)

import time
import uuid
from typing import Literal
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version

from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.task_runners import ThreadPoolTaskRunner

from schemas import TABLES
from transforms.document import RULES_REVISION

from . import warehouse
from . import workers as pool_workers
from .batch import BatchOptions, BatchResult, process_batch
from .options import DEFAULTS, RunOptions, flow_docstring
from .progress import ArtifactSink, RunProgress, current_terminal_bar, duration
from .report import publish_run_report
from .runstate import RunState


def pipeline_version() -> str:
    try:
        pkg = version("gongwen")
    except PackageNotFoundError:  # running from a source tree that was not installed
        pkg = "0+unknown"
    return f"{pkg}+rules{RULES_REVISION}"


# No caching or result persistence: inputs are file lists and results are Arrow tables the flow
# writes itself; hashing or storing them would only cost time and memory.
@task(name="process-batch", retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE, persist_result=False)
def process_batch_task(files, options: BatchOptions, local_processes: int = 0) -> BatchResult:
    if local_processes:
        return pool_workers.run(local_processes, options.stage_options.tokenizer, process_batch, files, options)
    return process_batch(files, options)


class BatchesFailed(RuntimeError):
    """Some batches failed after their retries; the others were written."""


def task_runner_for(workers: int, engine: str = "process", dask_address: str | None = None):
    """Where batch tasks run: this process (1 worker), local processes, or a dask.distributed cluster."""
    if engine == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    if engine != "process":
        raise ValueError(f"unknown task runner {engine!r}: choose process or dask")
    return ThreadPoolTaskRunner(max_workers=workers)  # each task runs its batch in flows.workers' pool


def gongwen_run(input_dir: str, output_dir: str, batch_mb: float = DEFAULTS.batch_mb,
                tokenizer: Literal["rjieba", "jieba"] = DEFAULTS.tokenizer, full_refresh: bool = DEFAULTS.full_refresh,
                max_file_mb: float = DEFAULTS.max_file_mb, workers: int = DEFAULTS.workers,
                text_column: str | None = DEFAULTS.text_column, html_column: str | None = DEFAULTS.html_column,
                url_column: str | None = DEFAULTS.url_column, id_column: str | None = DEFAULTS.id_column,
                commit_every: int = DEFAULTS.commit_every, wait_for_lock: bool = DEFAULTS.wait_for_lock) -> dict:
    options = RunOptions(input_dir=input_dir, output_dir=output_dir, batch_mb=batch_mb, tokenizer=tokenizer,
                         full_refresh=full_refresh, max_file_mb=max_file_mb, workers=workers, text_column=text_column,
                         html_column=html_column, url_column=url_column, id_column=id_column,
                         commit_every=commit_every, wait_for_lock=wait_for_lock).validate()
    return run_pipeline(options)


# the docstring's Args (the parameters' descriptions in the UI) come from RunOptions
gongwen_run.__doc__ = flow_docstring("Discover every file under input_dir, process them in batches, write the warehouse.")
gongwen_run = flow(name="gongwen-run", task_runner=ThreadPoolTaskRunner(max_workers=1))(gongwen_run)


def run_pipeline(options: RunOptions) -> dict:
    """The body of the gongwen-run flow (inside its flow run)."""
    input_dir, output_dir = options.input_dir, options.output_dir
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or uuid.uuid4())
    version_ = pipeline_version()
    started = datetime.now(timezone.utc)
    run_row = {"run_id": run_id, "started_at": started, "finished_at": None, "status": "running",
               "input_dir": str(input_dir), "pipeline_version": version_, "error": None}
    with warehouse.exclusive_lock(output_dir, wait=options.wait_for_lock):
        warehouse.ensure_tables(output_dir)
        state = RunState(output_dir, options.commit_every)
        warehouse.record_run(output_dir, {**run_row, **state.runs_row()})
        status, error = "failed", "interrupted"
        try:
            t0 = time.perf_counter()
            batches, batch_options = state.begin(options, run_id, version_, logger)
            # on threads, batches go to local worker processes, even with one worker (on a task thread
            # the batch would share this interpreter with Prefect's threads: +29% measured); other
            # runners (dask) run them as they are
            local_processes = options.workers if isinstance(FlowRunContext.get().task_runner, ThreadPoolTaskRunner) else 0
            window = max(2, 2 * options.workers)  # batches in flight: keeps memory flat on big corpora
            progress = RunProgress(sum(len(b) for b in batches), [ArtifactSink(), current_terminal_bar()])
            futures = []
            for i, batch in enumerate(batches):
                futures.append((batch, process_batch_task.submit(batch, batch_options, local_processes)))
                while len(futures) >= window or (i == len(batches) - 1 and futures):
                    batch_files, future = futures.pop(0)
                    try:
                        result: BatchResult = future.result()
                    except Exception as err:  # after Prefect's retries: keep the other batches' work
                        state.failed_batches.append(f"{batch_files[0].rel} (+{len(batch_files) - 1} files): "
                                                    f"{type(err).__name__}: {err}")
                        logger.error("batch of %d files from %s failed: %s", len(batch_files), batch_files[0].rel, err)
                        progress.advance(len(batch_files), 0, 0, 0)
                        continue
                    counts = (result.files_seen, result.documents, result.unchanged, result.rejects)
                    state.take(result)  # may flush, which empties the result: counts taken before
                    snap = progress.advance(len(batch_files), *counts[1:])
                    eta = "" if snap.eta is None else f", ETA {duration(snap.eta)}"
                    logger.info("batch %d/%d: %d files, %d documents, %d unchanged, %d rejected%s (%.1f s elapsed)",
                                state.batches_done, len(batches), *counts, eta, time.perf_counter() - t0)
            progress.close()
            state.flush()
            state.link(run_id, logger)
            if state.failed_batches:
                raise BatchesFailed(f"{len(state.failed_batches)} of {len(batches)} batches failed: "
                                    + "; ".join(state.failed_batches[:3]))
            status, error = "completed", None
        except Exception as err:
            status, error = "failed", f"{type(err).__name__}: {err}"
            raise
        finally:
            pool_workers.shutdown()
            try:
                warehouse.record_run(output_dir, {**run_row, **state.runs_row(), "status": status, "error": error,
                                                  "finished_at": datetime.now(timezone.utc)})
            except Exception as err:  # a full disk fails this too: keep the run's own error
                logger.error("could not record the run's end in the runs table: %s", err)
    result = dict(state.summary, run_id=run_id, status=status, top_reject_reasons=dict(state.reasons.most_common(5)),
                  rows_added=dict(state.rows_added),
                  seconds=round((datetime.now(timezone.utc) - started).total_seconds(), 2))
    where = {"input_dir": input_dir, "output_dir": output_dir, "pipeline_version": version_,
             "tables": {name: str(warehouse.table_path(output_dir, name)) for name in TABLES}}
    publish_run_report(result, state.new_documents, state.clock.rows(), dict(state.reasons), dict(state.rows_added), where)
    logger.info("run %s: %s", status, {k: v for k, v in result.items() if k not in ("top_reject_reasons", "rows_added")})
    return result
