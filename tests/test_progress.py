"""Run progress: the counts, rate and ETA per batch; the terminal bar; the Prefect progress
artifact, the run report's header and the tags of a `gongwen run` from the command line."""
from __future__ import annotations

import io

import pytest

from flows import progress
from flows.progress import RunProgress, Snapshot, TerminalBar


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class Recorder:
    def __init__(self):
        self.events = []

    def start(self, snap):
        self.events.append(("start", snap.files_done))

    def update(self, snap):
        self.events.append(("update", snap.files_done))

    def close(self, snap):
        self.events.append(("close", snap.files_done))


def test_rate_and_eta_come_from_the_files_done_so_far():
    clock, sink = Clock(), Recorder()
    run = RunProgress(1000, [sink, None], clock=clock)
    assert run.snapshot().eta is None  # nothing done yet: no guess
    clock.now += 10
    snap = run.advance(100, documents=95, unchanged=2, rejects=3)
    assert snap.rate == pytest.approx(10.0) and snap.eta == pytest.approx(90.0)
    assert snap.describe() == ("100 of 1,000 files (10%), 95 documents, 2 unchanged, 3 rejects, "
                               "10.0 files/s, ETA 1 min 30 s")
    clock.now += 90
    snap = run.advance(900, 880, 0, 20)
    assert snap.fraction == 1.0 and snap.eta == 0.0 and snap.documents == 975
    run.close()
    assert sink.events == [("start", 0), ("update", 100), ("update", 1000), ("close", 1000)]


def test_an_empty_input_is_done_at_once():
    assert Snapshot(0, 0, 0, 0, 0, 1.0).fraction == 1.0


def test_a_failing_display_is_dropped_and_the_run_goes_on(caplog):
    class Broken(Recorder):
        def update(self, snap):
            raise OSError("terminal gone")

    broken, good = Broken(), Recorder()
    run = RunProgress(10, [broken, good])
    run.advance(5, 5, 0, 0)
    run.advance(5, 5, 0, 0)
    assert broken not in run.sinks and good.events[-1] == ("update", 10)
    assert "terminal gone" in caplog.text


@pytest.mark.parametrize("seconds, text", [(5, "5 s"), (75, "1 min 15 s"), (3 * 3600 + 120, "3 h 2 min")])
def test_durations_read_as_a_person_would_say_them(seconds, text):
    assert progress.duration(seconds) == text


def test_the_terminal_bar_shows_files_rate_eta_and_counts():
    from rich.console import Console

    out = io.StringIO()
    bar = TerminalBar(Console(file=out, force_terminal=True, width=160))
    run = RunProgress(200, [bar])
    run.advance(50, 48, 1, 1)
    run.close()
    text = out.getvalue()
    assert "50/200" in text and "files/s" in text and "ETA" in text and "48 documents" in text and "1 rejects" in text


def test_no_bar_without_a_terminal_or_in_ci(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("GONGWEN_NO_PROGRESS", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert progress.wants_terminal_bar(Tty())
    assert not progress.wants_terminal_bar(io.StringIO())  # a pipe or a log file: plain lines
    monkeypatch.setenv("CI", "true")
    assert not progress.wants_terminal_bar(Tty())


@pytest.mark.slow
def test_a_cli_run_is_tagged_and_reports_progress_and_where_it_wrote(prefect_harness, seed_input, tmp_path):
    import httpx
    from prefect.settings import PREFECT_API_URL

    from flows import cli, report, warehouse

    out = tmp_path / "out"
    assert cli.main(["run", "--input", str(seed_input), "--output", str(out), "--batch-mb", "0.01"]) == 0
    [run] = warehouse.read_table(out, "runs").to_pylist()
    api = PREFECT_API_URL.value()
    flow_run = httpx.get(f"{api}/flow_runs/{run['run_id']}", timeout=30).json()
    assert set(cli.CLI_RUN_TAGS) <= set(flow_run["tags"])
    # plain HTTP: see test_report.py for why not the client
    found = httpx.post(f"{api}/artifacts/filter", timeout=30,
                       json={"artifacts": {"flow_run_id": {"any_": [run["run_id"]]}}, "limit": 20}).json()
    artifacts = {a["key"]: a for a in found}
    bar = artifacts[progress.KEY_PROGRESS]
    assert bar["type"] == "progress" and float(bar["data"]) == 100.0
    assert bar["description"].startswith("5 of 5 files (100%), 5 documents")
    summary = artifacts[report.KEY_SUMMARY]["data"]
    assert f"- input: `{seed_input}`" in summary and f"- output: `{out}`" in summary
    assert "- pipeline version: `" in summary and f"[documents]({(out / 'warehouse' / 'documents').as_uri()})" in summary
