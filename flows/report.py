"""Run report: the counts, reject reasons, stage timings and new documents of one run.

`publish_run_report` is called once at the end of the flow run. It publishes Prefect artifacts
(visible in the UI under the flow run's Artifacts tab and on the Artifacts page, one history per
key) and returns the same report as markdown. Outside a flow or task run it publishes nothing and
only returns the markdown, so it never needs (or starts) a Prefect server. `format_summary` is the
plain-text version the CLI prints.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from schemas import TABLES
from schemas.tables import DOCUMENT, REJECT

# Artifact keys: lowercase letters, numbers and dashes only (Prefect rejects anything else).
KEY_COUNTS = "gongwen-run-counts"
KEY_REJECTS = "gongwen-reject-reasons"
KEY_TIMINGS = "gongwen-stage-timings"
KEY_SUMMARY = "gongwen-run-summary"
ARTIFACT_KEYS = (KEY_COUNTS, KEY_REJECTS, KEY_TIMINGS, KEY_SUMMARY)

# (summary key, label): the counts of a run, in the order they are shown; the tables' own run
# counters (sections_added, ...) come from schemas/.
COUNTS = (
    ("files_seen", "files seen"),
    ("documents_added", "documents added"),
    ("documents_unchanged", "documents unchanged"),
    ("rejects", "rejects"),
) + tuple((t.runs_counter, f"{t.name} added") for t in TABLES.values() if t.runs_counter)
DOCUMENT_COLUMNS = ("title", "genre", "issuer", "signed_date")
MAX_DOCUMENT_ROWS = 50
MAX_REJECT_REASONS = 10
LABEL_WIDTH = 22
VALUE_WIDTH = 10

log = logging.getLogger(__name__)


def format_summary(summary: Mapping[str, Any], reject_reasons: Mapping[str, int]) -> str:
    """Plain-text summary for the console, labels left-aligned and counts right-aligned:

    gongwen run completed in 1.64 s  (run af8b8ae7-...)
      files seen                     5
      ...
      rejected as empty              2
    """
    reasons = _top_reasons(reject_reasons, limit=None)
    counted = {t.name for t in TABLES.values() if t.runs_counter or t.role in (DOCUMENT, REJECT)}
    other_rows = [(f"{name} added", n) for name, n in (summary.get("rows_added") or {}).items() if name not in counted]
    labels = [label for _, label in COUNTS] + [label for label, _ in other_rows] + [f"rejected as {reason}" for reason, _ in reasons]
    width = max([LABEL_WIDTH] + [len(label) + 2 for label in labels])
    lines = [f"gongwen run {summary.get('status', '?')} in {summary.get('seconds', '?')} s  "
             f"(run {summary.get('run_id', '?')})"]
    for key, label in COUNTS:
        lines.append(f"  {label:<{width}}{_count(summary.get(key)):>{VALUE_WIDTH}}")
    for label, n in other_rows:  # the tables without a runs column of their own
        lines.append(f"  {label:<{width}}{_count(n):>{VALUE_WIDTH}}")
    for reason, n in reasons:
        lines.append(f"  {'rejected as ' + reason:<{width}}{_count(n):>{VALUE_WIDTH}}")
    return "\n".join(lines)


def _stage_rows(stages) -> list[tuple[str, float, int | None]]:
    """(stage, seconds, documents) from runs.stages rows, or from a plain {stage: seconds}."""
    if isinstance(stages, Mapping):
        return [(str(k), float(v), None) for k, v in stages.items()]
    return [(str(r["stage"]), float(r["seconds"]), r.get("documents")) for r in stages]


def render_markdown(summary: Mapping[str, Any], new_documents: Sequence[Mapping[str, Any]],
                    stages, reject_reasons: Mapping[str, int],
                    rows_added: Mapping[str, int] | None = None, where: Mapping[str, Any] | None = None) -> str:
    """The run report as markdown: counts, rows per table, top reject reasons, stage timings
    (`stages`: runs.stages rows, or {stage: seconds}), new documents.

    `new_documents` may already be cut short by the caller: the "and N more" line counts from
    summary["documents_added"] when that is larger than the list.
    """
    out = [f"# gongwen run {_cell(summary.get('status', '?'))}", "",
           f"Run `{_cell(summary.get('run_id', '?'))}` finished in {_cell(summary.get('seconds', '?'))} s.", ""]
    out += _where_lines(where or {})
    out += ["| count | value |", "| --- | ---: |"]
    out += [f"| {label} | {_count(summary.get(key))} |" for key, label in COUNTS]
    if rows_added:
        out += ["", "## Rows added per table", "", "| table | rows |", "| --- | ---: |"]
        out += [f"| {_cell(name)} | {_count(n)} |" for name, n in rows_added.items()]

    out += ["", "## Top reject reasons", ""]
    reasons = _top_reasons(reject_reasons)
    if reasons:
        out += ["| reason | files |", "| --- | ---: |"]
        out += [f"| {_cell(reason)} | {_count(n)} |" for reason, n in reasons]
        hidden = len(reject_reasons) - len(reasons)
        if hidden > 0:
            out += ["", f"_and {hidden} more reasons_"]
    else:
        out.append("No rejects.")

    out += ["", "## Stage timings", ""]
    timed = _stage_rows(stages)
    if timed:
        total = sum(s for _, s, _ in timed) or 1.0
        out += ["| stage | seconds | share | documents |", "| --- | ---: | ---: | ---: |"]
        out += [f"| {_cell(stage)} | {s:.2f} | {100 * s / total:.0f}% | {'' if n is None else _count(n)} |"
                for stage, s, n in timed]
    else:
        out.append("No timings recorded.")

    added = max(len(new_documents), _int(summary.get("documents_added")))
    out += ["", f"## New documents ({added:,})", ""]
    if added:
        shown = list(new_documents[:MAX_DOCUMENT_ROWS])
        out += ["| " + " | ".join(DOCUMENT_COLUMNS) + " |", "| " + " | ".join("---" for _ in DOCUMENT_COLUMNS) + " |"]
        out += ["| " + " | ".join(_cell(doc.get(c)) for c in DOCUMENT_COLUMNS) + " |" for doc in shown]
        if added > len(shown):
            out += ["", f"_and {added - len(shown):,} more_"]
    else:
        out.append("No new documents.")
    return "\n".join(out) + "\n"


def _where_lines(where: Mapping[str, Any]) -> list[str]:
    """Input, output, pipeline version, and a link to each table's folder (`where["tables"]`:
    table name -> path or URI)."""
    if not where:
        return []
    out = [f"- input: `{_cell(where.get('input_dir'))}`", f"- output: `{_cell(where.get('output_dir'))}`",
           f"- pipeline version: `{_cell(where.get('pipeline_version'))}`"]
    links = [f"[{_cell(name)}]({_link(path)})" for name, path in (where.get("tables") or {}).items()]
    if links:
        out.append("- tables: " + ", ".join(links))
    return out + [""]


def _link(path: Any) -> str:
    text = str(path)
    if "://" not in text:
        from pathlib import Path

        text = Path(text).absolute().as_uri()
    return text.replace(" ", "%20").replace(")", "%29")


def publish_run_report(summary: dict, new_documents: list[dict], stages, reject_reasons: dict[str, int],
                       rows_added: dict[str, int] | None = None, where: dict[str, Any] | None = None) -> str:
    """Publish the run report as Prefect artifacts (inside a flow or task run) and return it as
    markdown. Never raises because of the artifacts: outside a run they are skipped, and an API
    error is logged as a warning."""
    markdown = render_markdown(summary, new_documents, stages, reject_reasons, rows_added, where)
    logger = _run_logger()
    if logger is None:
        log.debug("not inside a Prefect flow or task run: run report artifacts skipped")
        return markdown
    try:
        from prefect.artifacts import create_markdown_artifact, create_table_artifact

        run = _cell(summary.get("run_id", "?"))
        create_table_artifact(
            [{"count": label, "value": _int(summary.get(key))} for key, label in COUNTS],
            key=KEY_COUNTS, description=f"gongwen run {run}: files, documents, rejects, sections, directives")
        create_table_artifact(
            [{"reason": reason, "files": n} for reason, n in _top_reasons(reject_reasons)],
            key=KEY_REJECTS, description=f"gongwen run {run}: top reasons files were rejected")
        create_table_artifact(
            [{"stage": stage, "seconds": round(s, 3), "documents": n} for stage, s, n in _stage_rows(stages)],
            key=KEY_TIMINGS, description=f"gongwen run {run}: seconds spent per stage")
        create_markdown_artifact(markdown, key=KEY_SUMMARY, description=f"gongwen run {run}: summary and new documents")
    except Exception as err:  # the report must never fail a run that wrote its data
        logger.warning("could not publish the run report artifacts: %s: %s", type(err).__name__, err)
    return markdown


def _run_logger():
    """The Prefect run logger when inside a flow or task run, else None."""
    try:
        from prefect import get_run_logger
        from prefect.context import FlowRunContext, TaskRunContext
    except Exception:
        return None
    if FlowRunContext.get() is None and TaskRunContext.get() is None:
        return None
    try:
        return get_run_logger()
    except Exception:
        return log


def _top_reasons(reject_reasons: Mapping[str, int], limit: int | None = MAX_REJECT_REASONS) -> list[tuple[str, int]]:
    ranked = sorted(((str(r), _int(n)) for r, n in reject_reasons.items()), key=lambda item: (-item[1], item[0]))
    return ranked if limit is None else ranked[:limit]


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _count(value: Any) -> str:
    return f"{_int(value):,}"


def _cell(value: Any) -> str:
    """Text safe for one markdown table cell: one line, `\\ | [ ]` escaped, `< >` as entities."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    text = " ".join(str(value).split())
    for char in "\\|[]":  # backslash first; [ ] so that no cell turns into a link
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")
