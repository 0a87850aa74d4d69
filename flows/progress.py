"""Progress of a run, per batch: files done of total, documents, rejects, rate and ETA.

The flow feeds one `RunProgress`; it reports to its sinks: a Prefect progress artifact (the flow
run's Artifacts tab, updated per batch) and, when `gongwen run` is attached to a terminal, a rich
progress bar. Without a terminal (CI, cron, a pipe) the per-batch log lines are the progress.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass

KEY_PROGRESS = "gongwen-progress"
log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    files_done: int
    files_total: int
    documents: int
    unchanged: int
    rejects: int
    elapsed: float

    @property
    def fraction(self) -> float:
        return 1.0 if not self.files_total else min(1.0, self.files_done / self.files_total)

    @property
    def rate(self) -> float:
        """Files per second so far."""
        return self.files_done / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left at the rate so far; None before the first batch."""
        if not self.files_done or not self.rate:
            return None
        return max(0.0, (self.files_total - self.files_done) / self.rate)

    def describe(self) -> str:
        """'1,200 of 20,000 files (6%), 1,150 documents, 30 unchanged, 20 rejects, 41.3 files/s, ETA 7 min 35 s'."""
        eta = "ETA unknown" if self.eta is None else f"ETA {duration(self.eta)}"
        return (f"{self.files_done:,} of {self.files_total:,} files ({100 * self.fraction:.0f}%), "
                f"{self.documents:,} documents, {self.unchanged:,} unchanged, {self.rejects:,} rejects, "
                f"{self.rate:.1f} files/s, {eta}")


def duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"


class RunProgress:
    """Counts per batch; every `advance` is reported to the sinks (which never fail the run)."""

    def __init__(self, files_total: int, sinks=(), clock=time.monotonic):
        self.clock, self.started = clock, clock()
        self.files_total = files_total
        self.files_done = self.documents = self.unchanged = self.rejects = 0
        self.sinks = [s for s in sinks if s is not None]
        self._report("start")

    def snapshot(self) -> Snapshot:
        return Snapshot(self.files_done, self.files_total, self.documents, self.unchanged, self.rejects,
                        self.clock() - self.started)

    def advance(self, files: int, documents: int, unchanged: int, rejects: int) -> Snapshot:
        self.files_done += files
        self.documents += documents
        self.unchanged += unchanged
        self.rejects += rejects
        self._report("update")
        return self.snapshot()

    def close(self) -> None:
        self._report("close")

    def _report(self, event: str) -> None:
        snap = self.snapshot()
        for sink in list(self.sinks):
            try:
                getattr(sink, event)(snap)
            except Exception as err:  # progress must never fail a run: drop the sink
                log.warning("progress display %s disabled: %s: %s", type(sink).__name__, type(err).__name__, err)
                self.sinks.remove(sink)


class ArtifactSink:
    """A Prefect progress artifact (key gongwen-progress), created at the start, updated per batch."""

    def __init__(self):
        self.artifact_id = None

    def start(self, snap: Snapshot) -> None:
        from prefect.artifacts import create_progress_artifact

        self.artifact_id = create_progress_artifact(progress=0.0, key=KEY_PROGRESS, description=snap.describe())

    def update(self, snap: Snapshot) -> None:
        from prefect.artifacts import update_progress_artifact

        if self.artifact_id is not None:
            update_progress_artifact(self.artifact_id, progress=round(100 * snap.fraction, 1), description=snap.describe())

    close = update


class TerminalBar:
    """A rich progress bar on the terminal: files, rate, ETA and the running counts."""

    def __init__(self, console=None):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, \
            TimeElapsedColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("files"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                                 TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                 TimeRemainingColumn(), TextColumn("{task.fields[counts]}"), console=console,
                                 transient=False)
        self.task = None

    @property
    def console(self):
        return self.progress.console

    def _fields(self, snap: Snapshot) -> dict:
        return {"rate": f"{snap.rate:.1f} files/s",
                "counts": f"{snap.documents:,} documents, {snap.unchanged:,} unchanged, {snap.rejects:,} rejects"}

    def start(self, snap: Snapshot) -> None:
        self.progress.start()
        self.task = self.progress.add_task("run", total=snap.files_total or None, **self._fields(snap))

    def update(self, snap: Snapshot) -> None:
        self.progress.update(self.task, completed=snap.files_done, **self._fields(snap))

    def close(self, snap: Snapshot) -> None:
        self.update(snap)
        self.progress.stop()


def wants_terminal_bar(stream=None) -> bool:
    """A bar only for a person at a terminal: not in CI, not when output is piped or logged."""
    stream = stream or sys.stderr
    if os.environ.get("CI") or os.environ.get("GONGWEN_NO_PROGRESS") or os.environ.get("TERM") == "dumb":
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


_terminal: TerminalBar | None = None


@contextmanager
def terminal_bar():
    """While active (the CLI wraps `gongwen run` in it), runs in this process draw a progress bar,
    and Prefect's console log lines are printed above it (through the bar's console)."""
    global _terminal
    if not wants_terminal_bar():
        yield None
        return
    from rich.console import Console

    _terminal = TerminalBar(Console(stderr=True))
    _share_console_with_logging(_terminal.console)
    try:
        yield _terminal
    finally:
        _terminal.progress.stop()  # also after a failed run: the terminal gets its cursor back
        _terminal = None


def current_terminal_bar() -> TerminalBar | None:
    return _terminal


def prefect_console_handlers() -> list:
    """Prefect's console log handlers, on every logger that has one."""
    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger()] + [lg for lg in logging.root.manager.loggerDict.values()
                                       if isinstance(lg, logging.Logger)]
    return [h for lg in loggers for h in lg.handlers if isinstance(h, PrefectConsoleHandler)]


def _share_console_with_logging(console) -> None:
    """Prefect's console handlers print through their own rich Console: give them the bar's, so
    log lines scroll above the bar instead of breaking it."""
    for handler in prefect_console_handlers():
        handler.console = console
