"""Local worker processes for batch tasks.

Prefect's ProcessPoolTaskRunner makes every worker process start its own temporary Prefect
server when no PREFECT_API_URL is set (15-20 s each) and pays Prefect's task machinery per
process. Instead the flow keeps Prefect tasks on threads (one task per batch, visible in the UI,
retried by Prefect) and each task hands its batch to this pool of plain processes, warmed up once:
tokenizer dictionary, OpenCC and the decoder's character tables are loaded at start.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_lock = threading.Lock()  # tasks on several threads ask for the pool at once
STORAGE_ENV_PREFIX = "AWS_"  # flows/storage.py reads its S3 settings from these


def _warm_up(tokenizer: str) -> None:
    from transforms import decode, normalize, tokens

    from .orphans import watch_parent

    watch_parent()  # a worker whose forkserver is gone exits

    tokens.tokenizer(tokenizer)
    normalize._converters()
    decode.common_hanzi()


def pool(workers: int, tokenizer: str) -> ProcessPoolExecutor:
    """The run's pool of `workers` processes (created on first use)."""
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size != workers:
            _shutdown()
            # forkserver: forking a process that runs Prefect's threads and event loop is unsafe
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["flows._forkserver_guard"])  # exits with this process
            _pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up, initargs=(tokenizer,))
            _pool_size = workers
        return _pool


def run(workers: int, tokenizer: str, fn, *args):
    """fn(*args) in the pool (warmed up for `tokenizer`), with this process's object-storage
    settings: workers are forked from a server started with the environment of the first run,
    which may have had none."""
    env = {name: value for name, value in os.environ.items() if name.startswith(STORAGE_ENV_PREFIX)}
    return pool(workers, tokenizer).submit(_call_with_env, env, fn, *args).result()


def _call_with_env(env: dict[str, str], fn, *args):
    for name in [n for n in os.environ if n.startswith(STORAGE_ENV_PREFIX) and n not in env]:
        del os.environ[name]
    os.environ.update(env)
    return fn(*args)


def shutdown() -> None:
    with _lock:
        _shutdown()


def _shutdown() -> None:
    global _pool, _pool_size
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
    _pool, _pool_size = None, 0
