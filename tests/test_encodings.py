"""The encodings matrix: every seed re-encoded in every encoding it can be written in.

Each variant goes through the whole per-document pipeline (`process_document`) and must give the
same clean text as the UTF-8 bytes of the same text, with the right encoding family reported in
`documents.encoding`. Combinations a codec cannot write are skipped (with the character in the
reason); NBSP / en spaces that a legacy codec cannot write become plain spaces first, as they
would on a real page in that codec.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

import opencc
import pytest

from conftest import seed_paths
from transforms.document import Processed, process_document

SEEDS = {p.name: p.read_text(encoding="utf-8") for p in seed_paths()}
SIMPLIFIED_SEEDS = ("002_090c31c4a9f3c820.txt", "003_074de4ef042b938f.txt", "004_1ac75a8c33db37d8.txt")

UTF8, UTF16, GBK_FAMILY, BIG5_FAMILY = {"utf-8"}, {"utf-16"}, {"gb18030"}, {"big5", "big5hkscs"}

# id -> (codec the text is written with, BOM written first, encoding families accepted, legacy)
ENCODINGS = {
    "utf-8": ("utf-8", b"", UTF8, False),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8, UTF8, False),
    "utf-16-le-bom": ("utf-16-le", codecs.BOM_UTF16_LE, UTF16, False),
    "utf-16-be-bom": ("utf-16-be", codecs.BOM_UTF16_BE, UTF16, False),
    "utf-16-le": ("utf-16-le", b"", UTF16, False),
    "utf-16-be": ("utf-16-be", b"", UTF16, False),
    "gb18030": ("gb18030", b"", GBK_FAMILY, False),
    "gbk": ("gbk", b"", GBK_FAMILY, True),
    "gb2312": ("gb2312", b"", GBK_FAMILY, True),
    "big5": ("big5", b"", BIG5_FAMILY, True),
    "big5hkscs": ("big5hkscs", b"", BIG5_FAMILY, True),
}
TRADITIONAL_ENCODINGS = ("big5", "big5hkscs")  # the s2t versions of the simplified seeds

# Space separators other than U+0020 (NBSP, en space, ...); the ideographic space U+3000 is
# writable in every Chinese codec and is kept.
ODD_SPACES = "".join(chr(c) for c in range(0x80, 0x3000) if unicodedata.category(chr(c)) == "Zs")


@lru_cache(maxsize=None)
def traditional(name: str) -> str:
    """OpenCC s2t of a simplified seed; OpenCC-standard variants Big5 lacks (爲着羣衆裏) as Taiwan forms."""
    text = opencc.OpenCC("s2t").convert(SEEDS[name])
    if _unwritable(as_written(text, "big5", True), "big5"):
        text = opencc.OpenCC("t2tw").convert(text)
    return text


def _unwritable(text: str, codec: str) -> str | None:
    for ch in dict.fromkeys(text):  # the first one in the text, so skip reasons are stable
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            return ch
    return None


def as_written(text: str, codec: str, legacy: bool) -> str:
    """The text as a page in `codec` would carry it: odd spaces the codec cannot write become spaces."""
    if legacy:
        for ch in ODD_SPACES:
            if ch in text and _unwritable(ch, codec):
                text = text.replace(ch, " ")
    return text


@lru_cache(maxsize=None)
def utf8_clean_text(text: str) -> str:
    result = process_document(text.encode("utf-8"), "reference.txt")
    assert isinstance(result, Processed), result
    return result.document["clean_text"]


def _matrix():
    cases = [(name, "original", enc) for name in SEEDS for enc in ENCODINGS]
    cases += [(name, "s2t", enc) for name in SIMPLIFIED_SEEDS for enc in TRADITIONAL_ENCODINGS]
    for name, variant, enc in cases:
        codec, _, _, legacy = ENCODINGS[enc]
        text = SEEDS[name] if variant == "original" else traditional(name)
        bad = _unwritable(as_written(text, codec, legacy), codec)
        marks = [pytest.mark.skip(reason=f"{codec} cannot write {bad!r} (U+{ord(bad):04X})")] if bad else []
        yield pytest.param(name, variant, enc, id=f"{name[:3]}-{variant}-{enc}", marks=marks)


def test_seed_names_match_the_matrix():
    assert len(SEEDS) == 5 and set(SIMPLIFIED_SEEDS) <= set(SEEDS)


@pytest.mark.parametrize("name,variant,enc", list(_matrix()))
def test_reencoded_seed_gives_the_same_clean_text(name, variant, enc):
    codec, bom, families, legacy = ENCODINGS[enc]
    text = as_written(SEEDS[name] if variant == "original" else traditional(name), codec, legacy)
    raw = bom + text.encode(codec)
    result = process_document(raw, f"{name}.{enc}")
    assert isinstance(result, Processed), f"rejected: {result.reason}: {result.detail}"
    doc = result.document
    assert doc["encoding"] in families, (doc["encoding"], doc["encoding_confidence"])
    assert doc["replacement_chars"] == 0
    assert doc["clean_text"] == utf8_clean_text(text)


# --- GBK with three invalid bytes --------------------------------------------------------------

GBK_SEEDS = [n for n in SEEDS if _unwritable(as_written(SEEDS[n], "gbk", True), "gbk") is None]
SENTENCE_SPLIT = re.compile(r"[。！？；\n]")


def _corrupt_gbk(text: str, mode: str) -> bytes:
    """GBK bytes of text with 0xFF (invalid in GBK, GB18030 and UTF-8) at 3 character boundaries,
    a quarter, half and three quarters in: inserted, or overwriting the character's first byte."""
    raw = bytearray(text.encode("gbk"))
    starts, pos = [], 0
    for ch in text:
        starts.append(pos)
        pos += len(ch.encode("gbk"))
    for at in sorted((starts[len(text) * k // 4] for k in (1, 2, 3)), reverse=True):
        if mode == "insert":
            raw[at:at] = b"\xff"
        else:
            raw[at] = 0xFF
    return bytes(raw)


@pytest.mark.parametrize("mode", ["insert", "overwrite"])
@pytest.mark.parametrize("name", GBK_SEEDS)
def test_gbk_with_three_invalid_bytes_decodes_leniently(name, mode):
    text = as_written(SEEDS[name], "gbk", True)
    result = process_document(_corrupt_gbk(text, mode), f"{name}.bad-gbk")
    assert isinstance(result, Processed), f"rejected: {result.reason}: {result.detail}"
    doc = result.document
    assert doc["encoding"] == "gb18030"
    # an inserted 0xFF is exactly one bad character; an overwritten lead byte may take its trail
    # byte (read as the next lead byte) with it
    if mode == "insert":
        assert doc["replacement_chars"] == 3
    else:
        assert 3 <= doc["replacement_chars"] <= 6
    assert doc["clean_text"].count("\ufffd") <= doc["replacement_chars"]
    # every body sentence of the intact text survives, except the (at most 3) that held a bad byte
    sentences = [s for s in SENTENCE_SPLIT.split(utf8_clean_text(text)) if len(s) >= 8]
    missing = [s for s in sentences if s not in doc["clean_text"]]
    assert len(sentences) >= 20
    assert len(missing) <= (3 if mode == "insert" else 6), missing
