"""scripts/bench_corpus.py: deterministic, covers every kind, duplicates really are duplicates, reposts
really share their original's body, independent documents really are different texts, citations
really name what they cite."""
from __future__ import annotations

import codecs
import hashlib
import html
import importlib.util
import itertools
import re
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
    assert len(first) == 202  # 200 files + the hidden manifest and citations
    assert first == second


def test_another_seed_gives_other_files(bench_corpus, corpus, tmp_path):
    other = tmp_path / "c"
    bench_corpus.build(other, 200, 2)
    assert _tree(corpus) != _tree(other)


def test_every_kind_is_present(bench_corpus, corpus):
    rows = bench_corpus.read_manifest(corpus)
    assert len(rows) == 200
    kinds = {r["kind"] for r in rows}
    assert {"txt", "html", "page", "repost", "dup", "bad-empty", "bad-png", "bad-truncated", "bad-nul"} <= kinds
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
        elif kind in ("txt", "html", "page", "repost"):
            if enc == "utf-8-sig":
                assert raw.startswith(codecs.BOM_UTF8)
            if enc == "utf-16":
                assert raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            codec = {"utf-8-trad": "utf-8", "utf-8-sig": "utf-8-sig"}.get(enc, enc)
            text = raw.decode(codec)  # strict: really in the encoding it claims
            assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
            if r["path"].endswith(".html"):
                assert "<html" in text[:2000].lower()


def test_duplicates_are_byte_identical_and_the_rest_is_unique(bench_corpus, corpus):
    rows = bench_corpus.read_manifest(corpus)
    by_path = {r["path"]: (corpus / r["path"]).read_bytes() for r in rows}
    dups = [r for r in rows if r["kind"] == "dup"]
    assert dups
    for r in dups:
        assert r["dup_of"] != r["path"]
        assert by_path[r["path"]] == by_path[r["dup_of"]]
    content = [hashlib.sha256(by_path[r["path"]]).hexdigest() for r in rows if r["kind"] in ("txt", "html", "page", "repost")]
    assert len(set(content)) == len(content)


# --- reposts, independence, citations ---------------------------------------------------------

def _text(corpus: Path, row: dict) -> str:
    raw = (corpus / row["path"]).read_bytes()
    enc = row["encoding"]
    text = raw.decode({"utf-8-trad": "utf-8", "-": "utf-8"}.get(enc, enc), errors="replace")
    if row["path"].endswith(".html"):  # the page's paragraphs, one a line
        text = "\n".join(html.unescape(p) for p in re.findall(r"<(?:p|h1)[^>]*>(.*?)</(?:p|h1)>", text, re.S))
    return text.replace("\r\n", "\n")


def _prose(text: str) -> list[str]:
    """The body's paragraphs: the long lines with a sentence in them."""
    return [ln.strip() for ln in text.split("\n") if len(ln.strip()) > 40 and re.search("[。！？；;!?]", ln)]


def test_reposts_share_their_originals_body_in_another_folder(bench_corpus, corpus):
    rows = {r["path"]: r for r in bench_corpus.read_manifest(corpus)}
    reposts = [r for r in rows.values() if r["kind"] == "repost"]
    assert len(reposts) == round(200 * bench_corpus.KIND_SHARES["repost"])
    hows = set()
    for r in reposts:
        original = rows[r["repost_of"]]
        assert original["kind"] in ("txt", "html")
        assert r["path"].rsplit("/", 1)[0] != original["path"].rsplit("/", 1)[0]
        assert r["story"] == original["story"] != ""
        mine, theirs = _prose(_text(corpus, r)), _prose(_text(corpus, original))
        assert len(mine) >= 3
        assert set(mine) <= set(theirs)                       # the same paragraphs, word for word
        assert len(theirs) - len(mine) == ("drop" in r["repost_how"])   # and one dropped when it says so
        assert (r["title"] != original["title"]) == ("title" in r["repost_how"])
        assert original["title"] in r["title"]
        assert r["doc_number"] == original["doc_number"]
        hows.add(r["repost_how"])
    assert len(hows) >= 2


def _signature(bench_corpus, corpus, row):
    from transforms.document import Rejected, process_document

    done = process_document((corpus / row["path"]).read_bytes(), row["path"])
    return None if isinstance(done, Rejected) else done.document["minhash"]


def test_reposts_are_near_duplicates_and_independent_documents_are_not(bench_corpus, corpus):
    """Measured with the pipeline's own signature (transforms.near_duplicates): a repost is one text
    with its original; two documents of other stories share too little to be one (nor an LSH
    candidate pair), although they recombine the same sample sentences."""
    from transforms import near_duplicates as nd

    rows = {r["path"]: r for r in bench_corpus.read_manifest(corpus)}
    docs = [r for r in rows.values() if r["kind"] in ("txt", "html", "repost")]
    sigs = {r["path"]: _signature(bench_corpus, corpus, r) for r in docs}
    for r in docs:
        if r["kind"] == "repost":
            assert nd.similarity(sigs[r["path"]], sigs[r["repost_of"]]) >= 0.8
    independent = [(a, b) for a, b in itertools.combinations(docs, 2) if a["story"] != b["story"]
                   and sigs[a["path"]] and sigs[b["path"]]]
    assert len(independent) > 10000
    sims = sorted(nd.similarity(sigs[a["path"]], sigs[b["path"]]) for a, b in independent)
    assert sims[-1] < 0.25, sims[-5:]
    candidates = sum(bool(set(nd.band_keys(sigs[a["path"]])) & set(nd.band_keys(sigs[b["path"]]))) for a, b in independent)
    assert candidates / len(independent) < 0.001


def test_titles_and_numbers_are_unique_per_story(bench_corpus, corpus):
    rows = [r for r in bench_corpus.read_manifest(corpus) if r["kind"] in ("txt", "html")]
    keys = [r["title"][r["title"].find("关于"):] for r in rows if "关于" in r["title"]]
    numbers = [r["doc_number"] for r in rows if r["doc_number"]]
    assert len(numbers) > 40 and len(keys) > 80
    assert len(set(keys)) == len(keys) and len(set(numbers)) == len(numbers)


def test_citations_name_documents_that_carry_that_title_and_number(bench_corpus, corpus):
    rows = {r["path"]: r for r in bench_corpus.read_manifest(corpus)}
    cites = bench_corpus.read_citations(corpus)
    forms = {c["form"] for c in cites}
    assert forms == {"number", "title", "external"}
    for c in cites:
        citing = _text(corpus, rows[c["path"]])
        written = f"《{c['cited_title']}》"
        assert written in citing
        if c["cited_number"]:
            # right after the title, in either bracket style
            after = citing[citing.index(written) + len(written):][:30]
            alt = c["cited_number"].replace("〔", "[").replace("〕", "]")
            assert after.lstrip("（(").startswith((c["cited_number"], alt))
        if c["form"] == "external":
            assert c["cited"] == ""
            assert c["cited_title"] not in {r["title"] for r in rows.values()}
            assert not c["cited_number"] or c["cited_number"] not in {r["doc_number"] for r in rows.values()}
            continue
        cited = rows[c["cited"]]
        assert cited["kind"] in ("txt", "html") and c["cited"] != c["path"]
        assert cited["title"] == c["cited_title"]
        text = _text(corpus, cited)
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        assert c["cited_title"] in lines
        if c["form"] == "number":
            assert cited["doc_number"] == c["cited_number"]
            assert c["cited_number"] in lines      # the cited file's own header carries the number
            if c["cited"].endswith(".txt"):       # above its title, as GB/T 9704 places it
                assert lines.index(c["cited_number"]) < lines.index(c["cited_title"])
    # a repost or exact copy of a citing file cites the same documents
    citing = {c["path"] for c in cites}
    for r in rows.values():
        source = r["repost_of"] or r["dup_of"]
        if source in citing:
            assert r["path"] in citing
