"""Hypothesis fuzzing of the pure per-document pipeline and of the HTML extractor.

Random bytes and random mutations of the real seeds and HTML pages (byte flips, truncation,
inserted NULs / HTML tags / control characters, duplicated lines, a random slice of the text
re-encoded in another codec) go through `transforms.document.process_document`, which must never
raise and must return rows whose offsets, ids and links are consistent. `extract_html` is fuzzed
with malformed markup.

Sized to run in well under 30 s on 2 cores. `GONGWEN_FUZZ_SCALE=10` multiplies every example
count for a deeper local run. Under CI (CI=true) runs are derandomized, so CI is reproducible; the
example database is off so no .hypothesis/ folder is written.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from conftest import HTML_PAGES, seed_paths
from transforms import normalize
from transforms.decode import DecodeError, decode_bytes
from transforms.document import Processed, Rejected, process_document
from transforms.html import HtmlExtract, extract_html

SCALE = float(os.environ.get("GONGWEN_FUZZ_SCALE", "1"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def fuzz(examples: int) -> settings:
    return settings(max_examples=max(1, int(examples * SCALE)), deadline=None, database=None,
                    derandomize=IN_CI, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


SEED_BYTES = [p.read_bytes() for p in seed_paths()]
SEED_TEXTS = [raw.decode("utf-8") for raw in SEED_BYTES]
PAGE_TEXTS = [decode_bytes(p.read_bytes()).text for p in sorted(Path(HTML_PAGES).glob("*.html"))]
CODECS = ("utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be")
REJECT_REASONS = {"empty", "binary", "undecodable", "no-text", "not-chinese"}
MODALITIES = {"obligation", "prohibition", "encouragement"}

HTML_BITS = ["<p>", "</p>", "<div>", "</div>", "<br>", "<br/>", "<b><i>", "</b></i>", "<table><tr><td>",
             "</td>", "</table>", "<script>", "</script>", "<style>", "<!--", "-->", "<html>", "</html>",
             "</body>", "<title>", "</title>", "<a href='x'>", "</a>", "<div class=\"nav\">", "&nbsp;",
             "&amp;", "&#", "<", ">", "<?xml version=\"1.0\"?>", "<![CDATA[", "]]>", "<h1>", "</h1>"]
CONTROL = [chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85, 0x9F)]
# Tone-marked, valid pinyin in parentheses after a hanzi (spaces between allowed, not a line break):
# an injected annotation, e.g. 發(fā), 发（fā）.
PINYIN_LEFT = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff][ \t\u3000\xa0]*[(（]\s*([a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,7}(?:\s+[a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,7}){0,3})\s*[)）]")


# --- strategies ----------------------------------------------------------------------------------

def _insert(draw, raw: bytes, piece: bytes) -> bytes:
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + piece + raw[at:]


def _flip(draw, raw: bytes) -> bytes:
    if not raw:
        return raw
    out = bytearray(raw)
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(out) - 1))
        out[at] ^= draw(st.integers(1, 255))
    return bytes(out)


def _truncate(draw, raw: bytes) -> bytes:
    return raw[: draw(st.integers(0, len(raw)))]


def _nuls(draw, raw: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 3))):
        raw = _insert(draw, raw, b"\x00" * draw(st.integers(1, 4)))
    return raw


def _tags(draw, raw: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 6))):
        raw = _insert(draw, raw, draw(st.sampled_from(HTML_BITS)).encode("ascii"))
    return raw


def _controls(draw, raw: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 6))):
        raw = _insert(draw, raw, draw(st.sampled_from(CONTROL)).encode("utf-8"))
    return raw


def _duplicate_lines(draw, raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        lines[i:i + 1] = [lines[i]] * draw(st.integers(2, 6))
    return b"\n".join(lines)


MUTATIONS = {"flip": _flip, "truncate": _truncate, "nuls": _nuls, "tags": _tags, "controls": _controls,
             "duplicate-lines": _duplicate_lines}


@st.composite
def mutated_documents(draw) -> bytes:
    """A seed or a real HTML page, maybe sliced, encoded in some codec, then mutated 0-3 times."""
    text = draw(st.sampled_from(SEED_TEXTS + PAGE_TEXTS))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text)))
        text = text[start: draw(st.integers(start, len(text)))]
    raw = text.encode(draw(st.sampled_from(CODECS)), errors="replace")
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), max_size=3)):
        raw = MUTATIONS[name](draw, raw)
    return raw


# --- invariants ----------------------------------------------------------------------------------

def pinyin_left(clean: str) -> list[str]:
    return [m.group(0) for m in PINYIN_LEFT.finditer(clean)
            if any(c in normalize.TONE_MARKS for c in m.group(1)) and normalize._is_pinyin(m.group(1))]


def control_chars(clean: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in clean if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0})


def _size(n: int) -> str:
    return next(f"<{b}" for b in (1, 100, 1000, 10_000, 100_000, 10**9) if n < b)


def check_result(raw: bytes, result) -> None:
    sha = hashlib.sha256(raw).hexdigest()
    assert isinstance(result, (Processed, Rejected)), type(result)
    event(f"{type(result).__name__}: {getattr(result, 'reason', 'ok')}")  # --hypothesis-show-statistics
    if isinstance(result, Rejected):
        assert result.reason in REJECT_REASONS, result
        assert isinstance(result.detail, str) and result.detail.strip(), result
        assert result.sha256 == sha and result.size_bytes == len(raw)
        return

    doc = result.document
    clean = doc["clean_text"]
    assert doc["sha256"] == sha and sha.startswith(doc["doc_id"]) and len(doc["doc_id"]) == 32
    assert doc["size_bytes"] == len(raw)
    assert clean.strip() and doc["char_count"] == len(clean)
    assert 0.0 <= doc["encoding_confidence"] <= 1.0 and 0.0 <= doc["lang_zh_ratio"] <= 1.0
    assert doc["replacement_chars"] >= 0 and doc["pinyin_removed"] >= 0
    assert doc["original_script"] in {"simplified", "traditional", "mixed"}

    left = pinyin_left(clean)
    assert not left, f"pinyin annotations left in clean_text: {left[:5]}"

    ids = [s["section_id"] for s in result.rows("sections")]
    assert len(set(ids)) == len(ids)
    by_id = {}
    for s in result.rows("sections"):
        assert s["doc_id"] == doc["doc_id"]
        assert 0 <= s["char_start"] < s["char_end"] <= len(clean), s
        assert s["text"] == clean[s["char_start"]:s["char_end"]]
        assert clean.startswith(s["marker"], s["char_start"]), s
        assert 1 <= s["level"] <= 4 and s["path"].split(".")[-1] == str(s["ordinal"])
        if s["parent_id"] is not None:
            parent = by_id.get(s["parent_id"])
            assert parent is not None, f"parent {s['parent_id']} is not an earlier section"
            assert parent["level"] < s["level"]
            assert parent["char_start"] <= s["char_start"] and s["char_end"] <= parent["char_end"], (parent, s)
        by_id[s["section_id"]] = s

    for d in result.rows("directives"):
        assert d["doc_id"] == doc["doc_id"]
        assert 0 <= d["char_start"] < d["char_end"] <= len(clean), d
        assert d["text"] == clean[d["char_start"]:d["char_end"]]
        assert d["modality"] in MODALITIES and d["trigger"]
        assert d["section_id"] is None or d["section_id"] in by_id

    for t in result.rows("terms"):
        assert t["doc_id"] == doc["doc_id"] and t["term"].strip() and t["count"] > 0
    assert [c["seq"] for c in result.rows("chrome")] == list(range(len(result.rows("chrome"))))
    assert all(isinstance(c["text"], str) and c["rule"] for c in result.rows("chrome"))


# --- process_document ----------------------------------------------------------------------------

@fuzz(250)
@given(mutated_documents())
def test_mutated_documents_never_break_the_pipeline(raw):
    check_result(raw, process_document(raw, "fuzz.txt"))


@fuzz(300)
@given(st.binary(max_size=3000))
def test_random_bytes_never_break_the_pipeline(raw):
    check_result(raw, process_document(raw, "fuzz.bin"))


@fuzz(120)
@given(st.lists(st.sampled_from(["要", "必须", "不得", "一、", "（一）", "1.", "（1）", "第一，", "。", "；", "\n",
                                 "發(fā)", "關(guān)於", "“", "”", "如果", "鼓励", "政府", "同志们：", "×××", " "]),
                max_size=60))
def test_marker_soup_never_breaks_the_pipeline(parts):
    raw = "".join(parts).encode("utf-8")
    check_result(raw, process_document(raw, "soup.txt"))


@fuzz(40)
@example(seed=2, cut=202)
@given(st.integers(0, len(SEED_BYTES) - 1), st.integers(64, 4000))
def test_utf8_seed_truncated_anywhere_still_decodes_as_utf8(seed, cut):
    raw = SEED_BYTES[seed][:cut]
    try:
        decoded = decode_bytes(raw)
    except DecodeError as err:
        raise AssertionError(f"{len(raw)} bytes of a UTF-8 seed rejected: {err}") from None
    assert decoded.encoding == "utf-8"
    assert decoded.text.replace("\ufffd", "") == raw.decode("utf-8", errors="ignore")


# Injected pinyin in the seeds is written 發(fā). The same annotation with a space before it (a
# PDF/DOCX wrap space, which join_wrapped_lines later removes) or in fullwidth parentheses must go too.
ANNOTATION = re.compile(r"(?<=[\u4e00-\u9fff])\(([a-zA-Z\u00c0-\u024f]{1,7})\)")
PINYIN_SEEDS = [i for i, text in enumerate(SEED_TEXTS) if ANNOTATION.search(text)]
STYLES = {"space": (" (", ")"), "two-spaces": ("  (", ")"), "ideographic-space": ("\u3000(", ")"),
          "fullwidth": ("（", "）"), "space-fullwidth": (" （", "）")}


@fuzz(30)
@example(seed=PINYIN_SEEDS[0], style="space", every=1)
@example(seed=PINYIN_SEEDS[0], style="fullwidth", every=1)
@given(st.sampled_from(PINYIN_SEEDS), st.sampled_from(sorted(STYLES)), st.integers(1, 6))
def test_injected_pinyin_is_removed_however_it_is_spaced_or_bracketed(seed, style, every):
    text = SEED_TEXTS[seed]
    plain = process_document(text.encode("utf-8"), "plain.txt")
    opened, closed = STYLES[style]
    hits = iter(range(10**6))
    restyled = ANNOTATION.sub(lambda m: f"{opened}{m.group(1)}{closed}" if next(hits) % every == 0 else m.group(0), text)
    result = process_document(restyled.encode("utf-8"), "restyled.txt")
    assert isinstance(result, Processed)
    assert not pinyin_left(result.document["clean_text"]), pinyin_left(result.document["clean_text"])[:5]
    assert result.document["pinyin_removed"] == plain.document["pinyin_removed"]


@fuzz(30)
@example(seed=0, char="\x1b", every=40)
@given(st.integers(0, len(SEED_TEXTS) - 1), st.sampled_from([c for c in CONTROL if c not in "\x0b\x0c"]),
       st.integers(20, 200))
def test_control_characters_never_reach_clean_text(seed, char, every):
    text = SEED_TEXTS[seed]
    sentences = text.split("。")
    dirty = "。".join(s + char if i % every == 0 else s for i, s in enumerate(sentences))
    result = process_document(dirty.encode("utf-8"), "dirty.txt")
    assert isinstance(result, Processed), result
    assert not control_chars(result.document["clean_text"])


# --- extract_html --------------------------------------------------------------------------------

def check_extract(result) -> None:
    assert isinstance(result, HtmlExtract)
    assert result.title is None or isinstance(result.title, str)
    assert isinstance(result.text, str)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in result.meta.items())
    assert all(isinstance(t, str) and isinstance(r, str) and r for t, r in result.removed)
    assert ("<error>", "error") not in result.removed, "extract_html swallowed an internal error"


@st.composite
def tag_soup(draw) -> str:
    words = st.sampled_from(["正文内容，有标点。", "各级各部门要高度重视。", "当前位置：首页 > 通知", "发布时间：2020-01-01",
                             "来源：市政府办公室", "打印此页", "关闭", "分享到", "相关文章", "\n", " ", "\u3000"])
    tag = st.sampled_from(["p", "div", "span", "table", "tr", "td", "b", "i", "a", "ul", "li", "h1", "title",
                           "script", "style", "body", "html", "head", "nav", "footer", "br", "font", "center"])
    attr = st.sampled_from(["", " class=\"nav\"", " class=content", " id='zoom'", " style=\"display:none\"",
                            " class=\"footer", " href=x", " class=\"TRS_Editor\""])
    piece = st.one_of(
        words,
        st.builds(lambda t, a: f"<{t}{a}>", tag, attr),
        st.builds(lambda t: f"</{t}>", tag),
        st.sampled_from(HTML_BITS),
        st.text(max_size=12),
    )
    return "".join(draw(st.lists(piece, max_size=80)))


@fuzz(300)
@given(tag_soup())
def test_extract_html_never_fails_on_tag_soup(html):
    check_extract(extract_html(html))


@fuzz(120)
@given(st.sampled_from(PAGE_TEXTS), st.data())
def test_extract_html_never_fails_on_cut_or_mangled_pages(page, data):
    start = data.draw(st.integers(0, len(page)), label="start")
    end = data.draw(st.integers(start, len(page)), label="end")
    html = page[start:end]
    for _ in range(data.draw(st.integers(0, 5), label="mangles")):
        at = data.draw(st.integers(0, len(html)), label="at")
        html = html[:at] + data.draw(st.sampled_from(HTML_BITS + CONTROL), label="piece") + html[at:]
    event(f"page slice {_size(len(html))} chars")
    check_extract(extract_html(html))


@fuzz(20)
@given(st.integers(1, 4000), st.sampled_from(["div", "span", "b", "table", "p"]))
def test_extract_html_never_fails_on_deep_nesting(depth, tag):
    html = f"<html><body>{f'<{tag}>' * depth}各级各部门要高度重视，切实做好工作。{f'</{tag}>' * depth}</body></html>"
    check_extract(extract_html(html))
