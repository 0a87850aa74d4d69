"""Scheduled and manually triggered runs of the `gongwen-run` flow.

Two ways to deploy (docs/operations.md has the commands):
- `serve(...)` (what `gongwen serve` calls): registers a deployment with a cron schedule and runs
  its flow runs in this process until stopped, no work pool or worker needed. Flow runs are
  started in a subprocess of the serving process, one at a time.
- `prefect.yaml` at the repo root: `prefect deploy --all` registers `gongwen-run/gongwen-nightly`
  on the process work pool `gongwen-pool`; a `prefect worker start --pool gongwen-pool` runs it.

Either way the schedule lives on a Prefect server, so both need PREFECT_API_URL pointing at a
persistent `prefect server start`: the temporary server a bare `gongwen run` starts does not run
the scheduler service and disappears with the process.
"""
from __future__ import annotations

import os
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from prefect.schedules import Cron, Schedule
from prefect.types.entrypoint import EntrypointType

from . import storage
from .options import DEFAULTS

DEFAULT_CRON = "0 2 * * *"          # 02:00 every day
DEFAULT_TIMEZONE = "Asia/Shanghai"  # cron fields are read in this zone, not UTC
DEFAULT_NAME = "gongwen-scheduled"
DESCRIPTION = "gongwen: scraped Chinese government documents in, Delta warehouse out, on a schedule"
TAGS = ["gongwen"]
CONCURRENCY_LIMIT = 1  # one run at a time across every runner of the deployment: a second would find the warehouse locked


class ServeError(RuntimeError):
    """The deployment cannot be served (no Prefect server, bad cron or time zone)."""


def nightly_schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE) -> Schedule:
    """A cron schedule read in `timezone` (IANA name); raises ServeError on a bad cron or zone."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ServeError(f"unknown time zone {timezone!r} (use an IANA name such as Asia/Shanghai)") from None
    try:
        return Cron(cron, timezone=timezone)
    except ValueError as err:
        raise ServeError(f"invalid cron {cron!r}: {err}") from None


def run_parameters(input_dir: str | os.PathLike, output_dir: str | os.PathLike, batch_mb: float = DEFAULTS.batch_mb,
                   workers: int = DEFAULTS.workers) -> dict[str, Any]:
    """Default parameters of the deployment's runs (a manual run can override any of them).
    Folders are made absolute: runs do not start in the folder `serve` was called from."""
    def absolute(where):
        return str(where) if storage.is_remote(where) else os.path.abspath(where)

    return {"input_dir": absolute(input_dir), "output_dir": absolute(output_dir),
            "batch_mb": float(batch_mb), "workers": int(workers)}


def deployment_options(input_dir: str | os.PathLike, output_dir: str | os.PathLike, cron: str = DEFAULT_CRON,
                       batch_mb: float = DEFAULTS.batch_mb, workers: int = DEFAULTS.workers, timezone: str = DEFAULT_TIMEZONE,
                       name: str = DEFAULT_NAME) -> dict[str, Any]:
    """Keyword arguments of Runner.add_flow and Flow.to_deployment (Flow.serve calls the
    deployment's concurrency limit `global_limit`)."""
    return {
        "name": name,
        "schedule": nightly_schedule(cron, timezone),
        "parameters": run_parameters(input_dir, output_dir, batch_mb, workers),
        "description": DESCRIPTION,
        "tags": list(TAGS),
        "concurrency_limit": CONCURRENCY_LIMIT,
        # `flows.pipeline.gongwen_run` (the installed package), so the entrypoint does not depend
        # on the folder `gongwen serve` was started from.
        "entrypoint_type": EntrypointType.MODULE_PATH,
    }


def served_flow(workers: int = 1):
    """The flow as `gongwen run --workers N` runs it (process pool for the batch tasks when N > 1)."""
    from .pipeline import gongwen_run, task_runner_for

    return gongwen_run if workers <= 1 else gongwen_run.with_options(task_runner=task_runner_for(workers))


def require_api() -> str:
    """The Prefect API URL, or ServeError when none is configured."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        raise ServeError("a schedule needs a persistent Prefect server: run `prefect server start` and "
                         "`export PREFECT_API_URL=http://127.0.0.1:4200/api` first")
    return url


def serve(input_dir: str | os.PathLike, output_dir: str | os.PathLike, cron: str, batch_mb: float = DEFAULTS.batch_mb,
          workers: int = DEFAULTS.workers, timezone: str = DEFAULT_TIMEZONE, name: str = DEFAULT_NAME) -> None:
    """Register deployment `gongwen-run/<name>` with `cron` (read in `timezone`) and serve it until
    interrupted (Ctrl-C / SIGTERM). Scheduled runs and manual runs of that deployment (UI,
    `prefect deployment run 'gongwen-run/<name>' -p input_dir=...`) are executed here, one at a
    time. The schedule is paused when serving stops, so runs do not pile up with nobody to run them.
    """
    options = deployment_options(input_dir, output_dir, cron, batch_mb, workers, timezone, name)
    require_api()
    print(describe_schedule(options["schedule"], name))
    served_flow(workers).serve(**{k: v for k, v in options.items() if k != "concurrency_limit"},
                               global_limit=options["concurrency_limit"], limit=1, pause_on_shutdown=True)


def describe_schedule(schedule: Schedule, name: str = DEFAULT_NAME, now=None) -> str:
    """'gongwen-run/NAME: cron "0 2 * * *" in Asia/Shanghai, next run 2026-12-03 02:00 (+08:00, 18:00 UTC)'."""
    import asyncio
    from datetime import datetime, timezone as tz

    from prefect.server.schemas.schedules import CronSchedule  # how the server itself computes the runs

    zone = ZoneInfo(schedule.timezone or "UTC")
    start = now or datetime.now(tz.utc)
    [upcoming] = asyncio.run(CronSchedule(cron=schedule.cron, timezone=zone.key).get_dates(1, start=start))
    local = upcoming.astimezone(zone)
    offset = local.strftime("%z")
    return (f'gongwen-run/{name}: cron "{schedule.cron}" in {zone.key}, next run {local:%Y-%m-%d %H:%M} '
            f'({offset[:3]}:{offset[3:]}, {local.astimezone(tz.utc):%H:%M} UTC); '
            f'at most {CONCURRENCY_LIMIT} run at a time')
