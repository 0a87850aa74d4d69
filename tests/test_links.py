"""Corpus links across runs: cited documents resolved when they arrive, reposts clustered."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import SEEDS, seed_paths
from flows import links, warehouse
from flows.options import RunOptions
from flows.runstate import run_direct
from schemas import TABLES

DECISION = SEEDS / "000_b91d5fdc5d2a3594.txt"  # 湖政发〔2017〕18号, 湖州市人民政府关于加强领导班子自身建设的决定
# A notice that implements the decision, citing it by title and number (the way 通知 cite 决定).
CITING_NOTICE = """湖州市人民政府办公室关于贯彻落实加强领导班子自身建设工作的通知
各县区人民政府，市政府各部门：
为深入贯彻《湖州市人民政府关于加强领导班子自身建设的决定》（湖政发〔2017〕18号）精神，进一步转变作风、提高效能，经市政府同意，现就有关事项通知如下。
一、提高思想认识
各地各部门要充分认识加强领导班子自身建设的重要意义，把各项要求落到实处。
二、加强督查考核
市政府督查室要加强跟踪督查，确保各项任务按时完成。
湖州市人民政府办公室
2017年5月10日
"""


def build(inp: Path, out: Path):
    return run_direct(RunOptions(input_dir=str(inp), output_dir=str(out)))


def counts(out: Path) -> dict[str, int]:
    return {name: warehouse.read_table(out, name).num_rows for name in TABLES if name != "runs"}


def by_path(out: Path) -> dict[str, dict]:
    return {Path(d["source_path"]).name: d for d in warehouse.read_table(out, "documents").to_pylist()}


def test_a_citation_is_linked_when_its_target_arrives_in_a_later_run(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "notice.txt").write_text(CITING_NOTICE, encoding="utf-8")
    build(inp, out)
    refs = warehouse.read_table(out, "references").to_pylist()
    cited = [r for r in refs if r["cited_doc_number"] == "湖政发〔2017〕18号"]
    assert len(cited) == 1 and cited[0]["cited_title"] == "湖州市人民政府关于加强领导班子自身建设的决定"
    assert cited[0]["kind"] == "document" and cited[0]["cited_doc_id"] is None  # not in the warehouse yet

    shutil.copy(DECISION, inp / DECISION.name)
    build(inp, out)
    docs = by_path(out)
    ref = next(r for r in warehouse.read_table(out, "references").to_pylist() if r["cited_doc_number"] == "湖政发〔2017〕18号")
    assert ref["cited_doc_id"] == docs[DECISION.name]["doc_id"]
    # the decision's own number in its header is no citation of itself
    own = [r for r in warehouse.read_table(out, "references").to_pylist() if r["doc_id"] == docs[DECISION.name]["doc_id"]]
    assert all(r["cited_doc_number"] != "湖政发〔2017〕18号" for r in own)

    before = counts(out)
    third = build(inp, out)  # no-op
    assert third.summary["documents_added"] == 0 and counts(out) == before


def test_a_repost_with_other_chrome_is_a_duplicate_and_different_documents_are_not(tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    (inp / "site-a").mkdir(parents=True)
    for p in seed_paths():
        shutil.copy(p, inp / "site-a" / p.name)
    build(inp, out)
    (inp / "site-b").mkdir()
    chrome = "当前位置：首页 > 政务公开 > 政策文件\n来源：湖州日报\n【打印本页】【关闭窗口】\n"
    (inp / "site-b" / "repost.txt").write_text(chrome + DECISION.read_text(encoding="utf-8") + "\n扫一扫在手机打开当前页\n",
                                              encoding="utf-8")
    build(inp, out)
    docs = by_path(out)
    original, repost = docs[DECISION.name], docs["repost.txt"]
    assert repost["duplicate_of"] == original["doc_id"] and original["duplicate_of"] is None
    assert [(r["doc_id"], r["duplicate_of"]) for r in warehouse.read_table(out, "duplicates").to_pylist()] == \
        [(repost["doc_id"], original["doc_id"])]
    assert docs["002_090c31c4a9f3c820.txt"]["duplicate_of"] is None and docs["004_1ac75a8c33db37d8.txt"]["duplicate_of"] is None
    before = counts(out)
    build(inp, out)
    assert counts(out) == before


def test_documents_of_a_run_killed_before_linking_are_linked_by_the_next(tmp_path, monkeypatch):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "notice.txt").write_text(CITING_NOTICE, encoding="utf-8")
    shutil.copy(DECISION, inp / DECISION.name)

    def killed(*_a, **_k):
        raise KeyboardInterrupt("kill -9 before the link step")

    monkeypatch.setattr(links, "link", killed)
    with pytest.raises(KeyboardInterrupt):
        build(inp, out)
    monkeypatch.undo()
    ref = next(r for r in warehouse.read_table(out, "references").to_pylist() if r["cited_doc_number"])
    assert ref["cited_doc_id"] is None
    build(inp, out)  # nothing new, but the killed run's documents were never linked
    ref = next(r for r in warehouse.read_table(out, "references").to_pylist() if r["cited_doc_number"])
    assert ref["cited_doc_id"] == by_path(out)[DECISION.name]["doc_id"]
    assert all(r["linked"] for r in warehouse.read_table(out, "runs").to_pylist() if r["status"] == "completed")


def _repost_input(tmp_path: Path) -> Path:
    inp = tmp_path / "in"
    (inp / "a").mkdir(parents=True)
    (inp / "b").mkdir()
    shutil.copy(DECISION, inp / "a" / DECISION.name)
    (inp / "b" / "repost.txt").write_text("当前位置：首页 > 政策文件\n" + DECISION.read_text(encoding="utf-8")
                                          + "\n【打印本页】【关闭窗口】\n", encoding="utf-8")
    for p in seed_paths()[1:3]:
        shutil.copy(p, inp / "a" / p.name)
    return inp


def test_reposts_of_one_run_are_clustered_and_only_their_duplicate_of_is_merged(tmp_path, monkeypatch):
    inp, out = _repost_input(tmp_path), tmp_path / "out"
    merged = []
    real = warehouse.set_column
    monkeypatch.setattr(warehouse, "set_column",
                        lambda o, name, *a, **k: (merged.append((name, a[2])), real(o, name, *a, **k)))
    run_direct(RunOptions(input_dir=str(inp), output_dir=str(out), commit_every=1))  # one commit per document
    docs = {d["source_path"]: d for d in warehouse.read_table(out, "documents").to_pylist()}
    original, repost = docs[f"a/{DECISION.name}"], docs["b/repost.txt"]
    assert repost["duplicate_of"] == original["doc_id"] and original["duplicate_of"] is None
    assert [(r["doc_id"], r["duplicate_of"]) for r in warehouse.read_table(out, "duplicates").to_pylist()] == \
        [(repost["doc_id"], original["doc_id"])]
    # the merge carries the one changed value, not every new document (it rewrites each file it touches)
    assert [values for name, values in merged if name == "documents" and values] == [{repost["doc_id"]: original["doc_id"]}]


def test_a_kill_in_the_link_step_is_repaired_by_the_next_run(tmp_path, monkeypatch):
    inp, out = _repost_input(tmp_path), tmp_path / "out"

    def killed(self, *a, **k):
        raise KeyboardInterrupt("killed in the link step, after the commits")

    monkeypatch.setattr(links.DuplicateWrites, "apply", killed)
    with pytest.raises(KeyboardInterrupt):
        run_direct(RunOptions(input_dir=str(inp), output_dir=str(out)))
    assert warehouse.read_table(out, "duplicates").num_rows == 0  # the documents are in, their links are not
    monkeypatch.undo()
    run_direct(RunOptions(input_dir=str(inp), output_dir=str(out)))  # nothing new to read: links the killed run
    docs = {d["source_path"]: d for d in warehouse.read_table(out, "documents").to_pylist()}
    assert [(r["doc_id"], r["duplicate_of"]) for r in warehouse.read_table(out, "duplicates").to_pylist()] == \
        [(docs["b/repost.txt"]["doc_id"], docs[f"a/{DECISION.name}"]["doc_id"])]
    assert warehouse.check(out) == []
