"""scripts/bench_corpus.py: deterministic, covers every kind, duplicates really are duplicates."""
from __future__ import annotations

import codecs
import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "bench_corpus.py"


@pytest.fixture(scope="module")
def bench_corpus():
    spec = importlib.util.spec_from_file_location("bench_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_corpus", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(bench_corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bench") / "a"
    bench_corpus.build(out, 200, 1)
    return out


def test_same_seed_gives_byte_identical_files(bench_corpus, corpus, tmp_path):
    again = tmp_path / "b"
    bench_corpus.build(again, 200, 1)
    first, second = _tree(corpus), _tree(again)
    assert len(first) == 201  # 200 files + the hidden manifest
    assert first == second


def test_another_seed_gives_other_files(bench_corpus, corpus, tmp_path):
    other = tmp_path / "c"
    bench_corpus.build(other, 200, 2)
    assert _tree(corpus) != _tree(other)


def test_every_kind_is_present(bench_corpus, corpus):
    rows = bench_corpus.read_manifest(corpus)
    assert len(rows) == 200
    kinds = {r["kind"] for r in rows}
    assert {"txt", "html", "page", "dup", "bad-empty", "bad-png", "bad-truncated", "bad-nul"} <= kinds
    encodings = {r["encoding"] for r in rows if r["kind"] == "txt"}
    assert {"utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-8-trad"} <= encodings
    assert {r["encoding"] for r in rows if r["kind"] == "html"} == {"utf-8", "gb18030"}
    assert len({r["path"].rsplit("/", 1)[0] for r in rows}) == 2  # 100 files per folder


def test_files_are_what_the_manifest_says(bench_corpus, corpus):
    for r in bench_corpus.read_manifest(corpus):
        raw = (corpus / r["path"]).read_bytes()
        assert len(raw) == int(r["bytes"])
        kind, enc = r["kind"], r["encoding"]
        if kind == "bad-empty":
            assert raw == b""
        elif kind == "bad-png":
            assert raw.startswith(b"\x89PNG\r\n\x1a\n")
        elif kind == "bad-nul":
            assert b"\x00" in raw
        elif kind == "bad-truncated":
            with pytest.raises(UnicodeDecodeError):
                raw.decode("utf-8")
        elif kind in ("txt", "html", "page"):
            if enc == "utf-8-sig":
                assert raw.startswith(codecs.BOM_UTF8)
            if enc == "utf-16":
                assert raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            codec = {"utf-8-trad": "utf-8", "utf-8-sig": "utf-8-sig"}.get(enc, enc)
            text = raw.decode(codec)  # strict: really in the encoding it claims
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
            if kind != "txt":
                assert "<html" in text[:2000].lower()


def test_duplicates_are_byte_identical_and_the_rest_is_unique(bench_corpus, corpus):
    rows = bench_corpus.read_manifest(corpus)
    by_path = {r["path"]: (corpus / r["path"]).read_bytes() for r in rows}
    dups = [r for r in rows if r["kind"] == "dup"]
    assert dups
    for r in dups:
        assert r["dup_of"] != r["path"]
        assert by_path[r["path"]] == by_path[r["dup_of"]]
    content = [hashlib.sha256(by_path[r["path"]]).hexdigest() for r in rows if r["kind"] in ("txt", "html", "page")]
    assert len(set(content)) == len(content)
