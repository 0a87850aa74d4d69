"""Run report: markdown and console text, and the Prefect artifacts published inside a flow run."""
from __future__ import annotations

import json
import re
import warnings
from datetime import date

import pytest

from flows import report

SUMMARY = {"files_seen": 1234, "documents_added": 60, "documents_unchanged": 1100, "rejects": 74,
           "sections_added": 2345, "directives_added": 12345, "run_id": "af8b8ae7-2e0f-4cc6-8cea-dcd99b95f331",
           "status": "completed", "seconds": 12.5}
REASONS = {"empty": 3, "not-chinese": 50, "binary": 20, "too-large": 1}
STAGES = {"read": 0.5, "process": 8.0, "arrow": 1.0, "write": 2.5}


def documents(n: int) -> list[dict]:
    return [{"title": f"关于印发第{i}号方案的通知", "genre": "通知", "issuer": "某市人民政府",
             "signed_date": date(2024, 1, 1 + i % 28), "doc_id": f"id{i}"} for i in range(n)]


def table_rows(markdown: str, header: str) -> list[str]:
    """The body rows of the markdown table whose header line is `header`."""
    lines = markdown.splitlines()
    start = lines.index(header) + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def test_format_summary_is_aligned_plain_text():
    text = report.format_summary(SUMMARY, REASONS)
    lines = text.splitlines()
    assert lines[0] == "gongwen run completed in 12.5 s  (run af8b8ae7-2e0f-4cc6-8cea-dcd99b95f331)"
    # labels are padded to the longest one ("rejected as not-chinese") plus two spaces
    assert lines[1] == "  files seen" + " " * 15 + "     1,234"
    assert lines[6] == "  directives added" + " " * 9 + "    12,345"
    assert [line.split()[-2] for line in lines[1 + len(report.COUNTS):]] == ["not-chinese", "binary", "empty", "too-large"]
    assert len({len(line) for line in lines[1:]}) == 1  # every count ends in the same column
    assert "|" not in text and "#" not in text


def test_format_summary_widens_for_long_reject_reasons():
    text = report.format_summary(SUMMARY, {"a-very-long-reject-reason-code": 2})
    lines = text.splitlines()[1:]
    assert len({len(line) for line in lines}) == 1
    assert lines[-1].split() == ["rejected", "as", "a-very-long-reject-reason-code", "2"]


def test_markdown_report_has_counts_reasons_timings_and_documents():
    md = report.render_markdown(SUMMARY, documents(5), STAGES, REASONS)
    assert md.startswith("# gongwen run completed\n")
    counts = table_rows(md, "| count | value |")
    assert counts[0] == "| files seen | 1,234 |" and len(counts) == len(report.COUNTS)
    assert table_rows(md, "| reason | files |")[0] == "| not-chinese | 50 |"
    timings = table_rows(md, "| stage | seconds | share | documents |")
    assert timings == ["| read | 0.50 | 4% |  |", "| process | 8.00 | 67% |  |", "| arrow | 1.00 | 8% |  |",
                       "| write | 2.50 | 21% |  |"]
    docs = table_rows(md, "| title | genre | issuer | signed_date |")
    assert docs[0] == "| 关于印发第0号方案的通知 | 通知 | 某市人民政府 | 2024-01-01 |"
    assert len(docs) == 5
    assert "## New documents (60)" in md and "_and 55 more_" in md  # the caller passed 5 of 60
    assert "](" not in md and "http" not in md  # link-free


def test_markdown_caps_documents_at_50():
    md = report.render_markdown({**SUMMARY, "documents_added": 120}, documents(120), STAGES, {})
    assert len(table_rows(md, "| title | genre | issuer | signed_date |")) == 50
    assert "_and 70 more_" in md
    assert "No rejects." in md


def test_markdown_cells_are_escaped():
    doc = {"title": "a|b\\|c [x](http://e.x) <b>\n二行", "genre": None, "issuer": "甲|乙", "signed_date": None}
    md = report.render_markdown({**SUMMARY, "documents_added": 1}, [doc], {}, {"weird|reason": 1})
    [row] = table_rows(md, "| title | genre | issuer | signed_date |")
    assert row == "| a\\|b\\\\\\|c \\[x\\](http://e.x) &lt;b&gt; 二行 |  | 甲\\|乙 |  |"
    # splitting on unescaped pipes gives exactly the four columns back
    cells = re.split(r"(?<!\\)\|", row.replace("\\\\", ""))
    assert len(cells) == 6
    assert "| weird\\|reason | 1 |" in md
    assert "No timings recorded." in md


def test_empty_run():
    empty = {**{k: 0 for k, _ in report.COUNTS}, "run_id": "r", "status": "completed", "seconds": 0.1}
    md = report.render_markdown(empty, [], {}, {})
    assert "No new documents." in md and "No rejects." in md
    assert report.format_summary(empty, {}).count("\n") == len(report.COUNTS)


def test_publish_outside_a_flow_run_skips_artifacts_and_returns_markdown(monkeypatch):
    """No run context: nothing is sent to Prefect (no server started, no deprecation warning)."""
    import prefect.artifacts

    def fail(*args, **kwargs):
        raise AssertionError("artifact created outside a flow run")

    monkeypatch.setattr(prefect.artifacts, "create_table_artifact", fail)
    monkeypatch.setattr(prefect.artifacts, "create_markdown_artifact", fail)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        md = report.publish_run_report(SUMMARY, documents(3), STAGES, REASONS)
    assert md == report.render_markdown(SUMMARY, documents(3), STAGES, REASONS)


@pytest.mark.slow
def test_publish_inside_a_flow_run_creates_artifacts(prefect_harness):
    import httpx
    from prefect import flow
    from prefect.runtime import flow_run
    from prefect.settings import PREFECT_API_URL

    @flow(name="gongwen-report-test")
    def reporting_flow() -> tuple[str, str]:
        summary = {**SUMMARY, "run_id": str(flow_run.get_id())}
        return str(flow_run.get_id()), report.publish_run_report(summary, documents(3), STAGES, REASONS)

    run_id, md = reporting_flow()

    # Plain HTTP: with prefect 3.8.8 as installed here, PrefectClient.read_artifacts, Artifact.get and
    # `prefect artifact ls` send null for unset filters and the server answers 422 (fastapi 0.150 too).
    response = httpx.post(f"{PREFECT_API_URL.value()}/artifacts/filter", timeout=30,
                          json={"artifacts": {"flow_run_id": {"any_": [run_id]}}, "limit": 20, "sort": "KEY_ASC"})
    response.raise_for_status()
    artifacts = {a["key"]: a for a in response.json()}
    assert set(artifacts) == set(report.ARTIFACT_KEYS)
    assert artifacts[report.KEY_SUMMARY]["type"] == "markdown" and artifacts[report.KEY_SUMMARY]["data"] == md
    counts = artifacts[report.KEY_COUNTS]
    assert counts["type"] == "table"
    rows = json.loads(counts["data"])
    assert rows[0] == {"count": "files seen", "value": 1234} and len(rows) == len(report.COUNTS)
    assert json.loads(artifacts[report.KEY_REJECTS]["data"])[0] == {"reason": "not-chinese", "files": 50}
    assert [r["stage"] for r in json.loads(artifacts[report.KEY_TIMINGS]["data"])] == list(STAGES)


@pytest.mark.slow
def test_publish_does_not_fail_the_run_when_the_api_errors(prefect_harness, monkeypatch):
    import prefect.artifacts
    from prefect import flow

    def broken(*args, **kwargs):
        raise RuntimeError("API unavailable")

    monkeypatch.setattr(prefect.artifacts, "create_table_artifact", broken)

    @flow(name="gongwen-report-broken-api")
    def reporting_flow() -> str:
        return report.publish_run_report(SUMMARY, [], {}, {})

    assert reporting_flow().startswith("# gongwen run completed")


def test_markdown_report_takes_the_runs_stage_rows_and_rows_per_table():
    stages = [{"stage": "decode", "seconds": 1.0, "documents": 120}, {"stage": "terms", "seconds": 3.0, "documents": 100}]
    md = report.render_markdown(SUMMARY, [], stages, {}, {"sections": 2345, "terms": 0})
    assert table_rows(md, "| stage | seconds | share | documents |") == ["| decode | 1.00 | 25% | 120 |",
                                                                        "| terms | 3.00 | 75% | 100 |"]
    assert table_rows(md, "| table | rows |") == ["| sections | 2,345 |", "| terms | 0 |"]


def test_format_summary_lists_the_rows_of_tables_without_a_runs_column():
    summary = {**SUMMARY, "rows_added": {"sections": 79, "formulations": 134, "terms": 4023}}
    lines = report.format_summary(summary, {}).splitlines()
    assert "  sections added" not in "\n".join(lines[1 + len(report.COUNTS):])  # counted once, by its runs column
    assert [line.split() for line in lines[1 + len(report.COUNTS):]] == [["formulations", "added", "134"],
                                                                          ["terms", "added", "4,023"]]
    assert len({len(line) for line in lines[1:]}) == 1
