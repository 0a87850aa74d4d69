"""Every bad input is accounted for, through the real Prefect flow.

One folder holds every kind of bad input a crawl produces (empty, binary, NUL bytes, cut and
mixed encodings, English, too large, unreadable entries, symlink loops, a non-UTF-8 file name,
malformed HTML, a huge single-line file) next to a good document. One run of `gongwen_run` over
it must complete, and every entry must end up in `documents` or in `rejects` (with a reason code
and a detail), with the run's counts adding up.
"""
from __future__ import annotations

import hashlib
import io
import os
import random
import re
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import seed_paths
from flows import warehouse
from transforms.document import Processed, process_document

pytestmark = pytest.mark.slow

MAX_FILE_MB = 4  # small enough for a too-large file, big enough for the 3 MB single-line file
SEED = {p.name[:3]: p.read_text(encoding="utf-8") for p in seed_paths()}
BAD_NAME = b"bad\xff\xfe.txt"
BAD_NAME_STORED = "bad\\xff\\xfe.txt"  # flows.inputs.printable: undecodable bytes as \xNN
SENTENCE_SPLIT = re.compile(r"[。！？；\n]")

PARAGRAPHS = [
    "各区县人民政府，市政府各部门：",
    "为切实做好今年防汛抗旱工作，确保人民群众生命财产安全，经市政府同意，现就有关事项通知如下。",
    "一、提高思想认识。各级各部门要充分认识做好防汛工作的极端重要性，牢固树立底线思维，坚决克服麻痹思想和侥幸心理。",
    "二、压实工作责任。必须严格落实以行政首长负责制为核心的各项防汛责任制，层层分解任务，确保责任落实到岗到人。",
    "三、加强值班值守。汛期实行二十四小时值班和领导带班制度，严禁擅离职守，遇有重大情况要第一时间报告。",
]
# An XML declaration, an unclosed nav <div> wrapping the article, misnested <b><i>, an early
# </body></html> (server-side include) with the article going on after it, unclosed table cells,
# a bare &nbsp, stray < and &, extra end tags, an unterminated comment at the end.
MALFORMED_HTML = (
    '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html><html><head><meta charset="utf-8">'
    '<title>关于做好防汛工作的通知_某市人民政府</title><script>var s = "<div>";</script></head><body>'
    '<div class="nav">首页 &gt; 通知公告'
    f'<div class="content" id=main><p>{PARAGRAPHS[0]}<p>{PARAGRAPHS[1]}<b><i>'
    f'<p>{PARAGRAPHS[2]}</b></i></body></html>\n<table><tr><td><p>{PARAGRAPHS[3]}&nbsp<td>'
    f'<p>{PARAGRAPHS[4]} a < b && c > d</span></span></div></div></div></table>\n'
    '<div class="footer">版权所有：某市人民政府<!-- 未闭合的注释'
)


def _cut_mid_char(raw: bytes, near: int) -> bytes:
    """raw cut at or after `near`, inside a multi-byte UTF-8 character."""
    n = near
    while not 0x80 <= raw[n] < 0xC0:  # stop on a continuation byte
        n += 1
    return raw[:n]


def _zip_of(text: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("通知.txt", text)
    return buf.getvalue()


def _huge_single_line() -> bytes:
    """~3 MB of seed prose on one line, each copy made distinct."""
    body = SEED["002"].replace("\n", "").replace("\r", "")
    copies = 3 * 2**20 // len(body.encode("utf-8"))
    return "".join(body.replace("九江", f"九江{i}") for i in range(copies)).encode("utf-8")


def build_input(folder: Path) -> dict[str, bytes | None]:
    """Write every bad input; returns stored source_path -> the bytes written (None: no file)."""
    gbk_002 = SEED["002"].replace("\xa0", " ").replace("\u2002", " ")
    half = len(gbk_002) // 2
    files: dict[str, bytes] = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\r\n   \n",
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(1).randbytes(3000),
        "archive.zip": _zip_of(SEED["003"]),
        "random.bin": random.Random(2).randbytes(5000),
        "nul.txt": SEED["000"].encode("utf-8").replace("。".encode(), "。\x00".encode(), 3),
        "cut-mid-char.txt": _cut_mid_char(SEED["003"].encode("utf-8"), 1000),
        "cut-short.txt": _cut_mid_char(SEED["002"].encode("utf-8"), 200),
        "mixed-encodings.txt": gbk_002[:half].encode("utf-8") + gbk_002[half:].encode("gbk"),
        "english.txt": b"This page is not Chinese at all.\nIt is a plain English notice, two lines long.\n",
        "too-large.txt": "政府工作报告。".encode("utf-8") * (MAX_FILE_MB * 2**20 // 21 + 50_000),
        "malformed.html": MALFORMED_HTML.encode("utf-8"),
        "huge-line.txt": _huge_single_line(),
        "good.txt": SEED["004"].encode("utf-8"),
    }
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    fd = os.open(os.path.join(os.fsencode(folder), BAD_NAME), os.O_WRONLY | os.O_CREAT, 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(SEED["001"].encode("utf-8"))
    files[BAD_NAME_STORED] = SEED["001"].encode("utf-8")
    os.symlink("no-such-file.txt", folder / "dangling.txt")
    os.symlink("self-loop.txt", folder / "self-loop.txt")
    (folder / "a").mkdir()
    os.symlink("..", folder / "a" / "b")  # a/b -> the input folder itself
    return {**files, "dangling.txt": None, "self-loop.txt": None, "a/b": None}


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory, prefect_harness):
    from flows.pipeline import gongwen_run

    root = tmp_path_factory.mktemp("bad-input")
    inp, out = root / "input", root / "out"
    inp.mkdir()
    entries = build_input(inp)
    result = gongwen_run(input_dir=str(inp), output_dir=str(out), max_file_mb=MAX_FILE_MB)
    documents = warehouse.read_table(out, "documents").to_pylist()
    rejects = warehouse.read_table(out, "rejects").to_pylist()
    runs = warehouse.read_table(out, "runs").to_pylist()
    return SimpleNamespace(
        entries=entries, result=result, runs=runs, documents=documents, rejects=rejects,
        docs={d["source_path"]: d for d in documents}, rej={r["source_path"]: r for r in rejects},
    )


def test_run_completes_and_counts_add_up(bad_run):
    result = bad_run.result
    assert result["status"] == "completed"
    assert result["files_seen"] == len(bad_run.entries)
    assert result["files_seen"] == result["documents_added"] + result["documents_unchanged"] + result["rejects"]
    assert result["documents_added"] == len(bad_run.documents)
    assert result["rejects"] == len(bad_run.rejects)
    (run,) = bad_run.runs
    assert run["status"] == "completed" and run["error"] is None
    assert run["files_seen"] == result["files_seen"] and run["rejects"] == result["rejects"]


def test_every_entry_is_a_document_or_a_reject_with_a_reason(bad_run):
    paths = [d["source_path"] for d in bad_run.documents] + [r["source_path"] for r in bad_run.rejects]
    assert len(paths) == len(set(paths)), "an entry is counted twice"
    assert set(paths) == set(bad_run.entries), "entries silently dropped or invented"
    for row in bad_run.rejects:
        assert row["reason"] and row["reason"] != "internal-error", row
        assert row["detail"].strip(), row
        raw = bad_run.entries[row["source_path"]]
        if raw is not None and row["sha256"]:
            assert row["sha256"] == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("path,reasons,in_detail", [
    ("empty.txt", {"empty"}, ""),
    ("blank.txt", {"empty"}, ""),
    ("image.png", {"binary"}, "PNG"),
    ("archive.zip", {"binary"}, "ZIP"),
    ("random.bin", {"binary", "undecodable"}, ""),
    ("english.txt", {"not-chinese"}, ""),
    ("too-large.txt", {"too-large"}, ""),
    ("dangling.txt", {"unreadable"}, ""),
    ("self-loop.txt", {"symlink-loop"}, ""),
    ("a/b", {"symlink-loop"}, ""),
])
def test_rejected_with_the_right_reason(bad_run, path, reasons, in_detail):
    assert path not in bad_run.docs
    row = bad_run.rej[path]
    assert row["reason"] in reasons, row
    assert in_detail in row["detail"]


def test_too_large_file_is_not_read(bad_run):
    row = bad_run.rej["too-large.txt"]
    assert row["size_bytes"] == len(bad_run.entries["too-large.txt"]) > MAX_FILE_MB * 2**20
    assert row["sha256"] == ""


def test_text_with_nul_bytes_is_rejected_as_binary_or_kept_without_them(bad_run):
    if "nul.txt" in bad_run.rej:
        assert bad_run.rej["nul.txt"]["reason"] == "binary"
    else:
        assert "\x00" not in bad_run.docs["nul.txt"]["clean_text"]


def test_file_cut_inside_a_utf8_character_is_a_utf8_document(bad_run):
    doc = bad_run.docs["cut-mid-char.txt"]
    assert doc["encoding"] == "utf-8" and doc["replacement_chars"] == 1
    whole = _sentences(bad_run.entries["cut-mid-char.txt"].decode("utf-8", errors="ignore"))
    assert whole and all(s in doc["clean_text"] for s in whole[:-1])  # all but the cut sentence


def test_short_file_cut_inside_a_utf8_character_is_a_utf8_document(bad_run):
    assert "cut-short.txt" not in bad_run.rej, bad_run.rej.get("cut-short.txt")
    doc = bad_run.docs["cut-short.txt"]
    assert doc["encoding"] == "utf-8" and doc["replacement_chars"] <= 1
    assert "九江市人民政府" in doc["clean_text"]


def _sentences(text: str) -> list[str]:
    result = process_document(text.encode("utf-8"), "reference.txt")
    assert isinstance(result, Processed)
    return [s for s in SENTENCE_SPLIT.split(result.document["clean_text"]) if len(s) >= 8]


def test_file_mixing_two_encodings_is_rejected_or_fully_readable(bad_run):
    path = "mixed-encodings.txt"
    if path in bad_run.rej:
        return  # a clear reject (checked for reason and detail above) is an honest outcome
    clean = bad_run.docs[path]["clean_text"]
    text = SEED["002"].replace("\xa0", " ").replace("\u2002", " ")
    for half in (text[: len(text) // 2], text[len(text) // 2:]):
        sentences = _sentences(half)
        kept = [s for s in sentences if s in clean]
        assert len(kept) >= 0.8 * len(sentences), f"{len(kept)}/{len(sentences)} sentences of a half kept"


def test_invalid_utf8_file_name_is_stored_as_valid_utf8(bad_run):
    doc = bad_run.docs[BAD_NAME_STORED]
    doc["source_path"].encode("utf-8")  # no surrogate escapes left
    assert doc["original_script"] == "traditional" and doc["pinyin_removed"] > 0
    for row in bad_run.documents + bad_run.rejects:
        row["source_path"].encode("utf-8")


def test_malformed_html_keeps_the_article(bad_run):
    doc = bad_run.docs["malformed.html"]
    assert doc["input_format"] == "html"
    assert doc["title"] == "关于做好防汛工作的通知"
    for paragraph in PARAGRAPHS:
        assert paragraph[:12] in doc["clean_text"], paragraph
    assert "版权所有" not in doc["clean_text"] and "首页" not in doc["clean_text"]


def test_huge_single_line_file_is_processed(bad_run):
    doc = bad_run.docs["huge-line.txt"]
    raw = bad_run.entries["huge-line.txt"]
    assert doc["size_bytes"] == len(raw) > 3 * 2**20 - 10_000
    assert doc["char_count"] >= 0.9 * len(raw.decode("utf-8"))


def test_good_document_is_untouched_by_its_bad_neighbours(bad_run):
    doc = bad_run.docs["good.txt"]
    alone = process_document(bad_run.entries["good.txt"], "good.txt")
    assert doc["clean_text"] == alone.document["clean_text"]
