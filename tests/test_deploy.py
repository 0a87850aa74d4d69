"""Deployment: a cron schedule is stored, and a manual run with parameters is executed.

Runs against the session's temporary Prefect server (`prefect_harness`), no external server. The
deployment is registered exactly as `gongwen serve` registers it (`flows.deploy.deployment_options`
on a Runner, which is what Flow.serve builds), triggered with `run_deployment(..., timeout=0)`, and
executed by one polling pass of the runner (`Runner.start(run_once=True)` returns when the runs it
picked up have finished). The temporary server runs no scheduler service, so no scheduled run
competes with the manual one.
"""
from __future__ import annotations

import asyncio
import dataclasses
import signal
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from flows import deploy, warehouse
from flows.options import RunOptions

RUN_TIMEOUT_S = 80  # one flow run in a fresh subprocess: ~10 s on a busy 2-core machine

# prefect 3.8.8's scheduler cannot insert scheduled runs with SQLAlchemy 2.1 ("Can't evaluate
# bulk DML statement; please supply a bulk_dml decorated function"): cron schedules are stored
# but never fire. Strict: once SQLAlchemy is pinned below 2.1 the test must pass.


def test_nightly_schedule_reads_cron_in_shanghai_time():
    schedule = deploy.nightly_schedule("0 2 * * *")
    assert (schedule.cron, schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")
    with pytest.raises(deploy.ServeError, match="invalid cron"):
        deploy.nightly_schedule("61 * * * *")
    with pytest.raises(deploy.ServeError, match="time zone"):
        deploy.nightly_schedule("0 2 * * *", timezone="Asia/Nowhere")


def test_the_schedule_is_shown_with_its_time_zone_and_next_run():
    from datetime import datetime, timezone

    now = datetime(2026, 12, 2, 14, 0, tzinfo=timezone.utc)  # 22:00 in Shanghai
    text = deploy.describe_schedule(deploy.nightly_schedule(), "nightly", now=now)
    assert text == ('gongwen-run/nightly: cron "0 2 * * *" in Asia/Shanghai, next run 2026-12-03 02:00 '
                    '(+08:00, 18:00 UTC); at most 1 run at a time')
    berlin = deploy.describe_schedule(deploy.nightly_schedule("30 9 * * 1", "Europe/Berlin"), now=now)
    assert "in Europe/Berlin, next run 2026-12-07 09:30 (+01:00, 08:30 UTC)" in berlin


def test_serve_refuses_to_schedule_without_a_server(monkeypatch, tmp_path):
    """Without PREFECT_API_URL a schedule would live on a temporary server that never fires it."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.setattr(deploy, "served_flow", lambda workers: pytest.fail("served without a Prefect server"))
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with pytest.raises(deploy.ServeError, match="prefect server start"):
            deploy.serve(tmp_path, tmp_path / "out", cron="0 2 * * *")


@pytest.mark.slow
def test_deployment_stores_schedule_and_runs_on_manual_trigger(prefect_harness, seed_input: Path, tmp_path: Path,
                                                               monkeypatch):
    # The flow-run subprocess must talk to the harness server, not to a server exported by a developer.
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    out = tmp_path / "out"
    name = "gongwen-nightly-test"
    # Defaults point at a folder that does not exist: the manual run must use its own parameters.
    options = deploy.deployment_options(tmp_path / "scheduled-input", tmp_path / "scheduled-out",
                                        cron="0 2 * * *", batch_mb=2.0, name=name)
    previous_sigterm = signal.getsignal(signal.SIGTERM)  # Runner.start installs its own handler
    try:
        deployment, flow_run = asyncio.run(asyncio.wait_for(
            _deploy_trigger_and_execute(options, {"input_dir": str(seed_input), "output_dir": str(out)}),
            timeout=RUN_TIMEOUT_S))
    finally:
        signal.signal(signal.SIGTERM, previous_sigterm)

    assert deployment.name == name and deployment.tags == ["gongwen"]
    assert deployment.global_concurrency_limit is not None and deployment.global_concurrency_limit.limit == 1
    # the UI's run form is built from this schema: every parameter explained, the tokenizer a choice
    form = deployment.parameter_openapi_schema["properties"]
    flow_fields = {f.name for f in dataclasses.fields(RunOptions) if f.metadata["flow"]}
    assert set(form) == flow_fields and all(p.get("description") for p in form.values())
    assert form["tokenizer"]["enum"] == ["rjieba", "jieba"] and form["workers"]["type"] == "integer"
    assert deployment.entrypoint == "flows.pipeline.gongwen_run"
    assert deployment.parameters["input_dir"] == str(tmp_path / "scheduled-input")
    [stored] = deployment.schedules
    assert stored.active
    assert (stored.schedule.cron, stored.schedule.timezone) == ("0 2 * * *", "Asia/Shanghai")

    assert flow_run.deployment_id == deployment.id
    assert flow_run.parameters["input_dir"] == str(seed_input)       # from the trigger
    assert flow_run.parameters["batch_mb"] == 2.0                    # from the deployment
    assert flow_run.state is not None and flow_run.state.is_completed(), flow_run.state
    assert warehouse.read_table(out, "documents").num_rows == 5
    runs = warehouse.read_table(out, "runs").to_pylist()
    assert [(r["run_id"], r["status"]) for r in runs] == [(str(flow_run.id), "completed")]
    assert not (tmp_path / "scheduled-out").exists()


async def _deploy_trigger_and_execute(options: dict, parameters: dict):
    from prefect import get_client
    from prefect.deployments import run_deployment
    from prefect.runner import Runner

    runner = Runner(name="gongwen-test-runner", limit=1, pause_on_shutdown=False)
    deployment_id = await runner.aadd_flow(deploy.served_flow(1), **options)
    async with get_client() as client:
        deployment = await client.read_deployment(deployment_id)
    triggered = await run_deployment(name=f"gongwen-run/{options['name']}", parameters=parameters, timeout=0)
    await runner.start(run_once=True)  # picks up the run, returns when its process has exited
    async with get_client() as client:
        flow_run = await client.read_flow_run(triggered.id)
    return deployment, flow_run


@pytest.mark.slow
def test_server_schedules_runs_at_two_in_the_morning_shanghai_time(prefect_harness, tmp_path: Path):
    """What the server's scheduler service does with the stored cron: runs at 02:00 Beijing time
    (18:00 UTC the day before). The temporary server runs no scheduler, so ask for the runs
    through the API endpoint the scheduler's logic sits behind."""
    import httpx
    from prefect.settings import PREFECT_API_URL

    from flows.pipeline import gongwen_run

    deployment = gongwen_run.to_deployment(**deploy.deployment_options(
        tmp_path / "in", tmp_path / "out", cron="0 2 * * *", name="gongwen-schedule-test"))
    deployment_id = deployment.apply()
    api = PREFECT_API_URL.value()
    with httpx.Client(base_url=api, timeout=30) as http:
        # every body field given or omitted, never null: fastapi >= 0.151 rejects explicit nulls
        for _attempt in range(5):  # the harness server answers 503 while its SQLite database is busy
            response = http.post(f"/deployments/{deployment_id}/schedule", json={"min_runs": 3, "max_runs": 3})
            if response.status_code != 503:
                break
            time.sleep(2)
        assert response.status_code < 300, response.text[-500:]
        response = http.post("/flow_runs/filter", json={
            "deployments": {"id": {"any_": [str(deployment_id)]}}, "sort": "EXPECTED_START_TIME_ASC", "limit": 10})
        response.raise_for_status()
    starts = [datetime.fromisoformat(r["expected_start_time"].replace("Z", "+00:00")) for r in response.json()]
    assert len(starts) == 3
    shanghai = [s.astimezone(ZoneInfo("Asia/Shanghai")) for s in starts]
    assert all((t.hour, t.minute) == (2, 0) for t in shanghai), shanghai
    assert all(s.astimezone(ZoneInfo("UTC")).hour == 18 for s in starts)
    assert [(b - a).days for a, b in zip(shanghai, shanghai[1:])] == [1, 1]


def test_run_parameters_make_folders_absolute_and_keep_uris(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    params = deploy.run_parameters("in", "s3://lake/gongwen", batch_mb=2, workers=3)
    assert params == {"input_dir": str(tmp_path / "in"), "output_dir": "s3://lake/gongwen", "batch_mb": 2.0, "workers": 3}
