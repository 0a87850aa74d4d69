"""Decode raw bytes of a scraped page into text, recording the encoding and a confidence.

Order (measured in ../shared/docs/engineering-notes.md): BOM, strict UTF-8, strict GBK (with a
plausibility check on short input), then score the gb18030 / big5 / utf-16 decodes by their share
of common hanzi, then chardet restricted to encodings plausible for Chinese, then lenient GB18030
as a last resort. Strict GB18030 accepts Big5 bytes and returns garbage, so it never decides alone.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

import chardet

# BOMs, longest first: UTF-32 LE starts with the UTF-16 LE BOM.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of binary formats users drop into crawl folders by mistake.
# e.g. b"\x89PNG" (image), b"PK\x03\x04" (zip/docx), b"%PDF" (pdf).
BINARY_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF87a": "GIF image",
    b"GIF89a": "GIF image",
    b"PK\x03\x04": "ZIP archive (or DOCX/XLSX)",
    b"%PDF-": "PDF document",
    b"\x1f\x8b": "gzip archive",
    b"7z\xbc\xaf\x27\x1c": "7z archive",
    b"Rar!\x1a\x07": "RAR archive",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "OLE document (DOC/XLS)",
    b"\x7fELF": "ELF executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"PAR1": "Parquet file",
}

# Candidates for the scoring step and for chardet: what Chinese pages are actually written in.
CHINESE_CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be")
CHARDET_ENCODINGS = ("utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be")
# chardet's names -> lower-case Python codec names we report.
CODEC_NAMES = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5", "big5hkscs": "big5hkscs"}

SHORT_INPUT_BYTES = 400      # below this a strict GBK decode can be a coincidence: check plausibility
MIN_PLAUSIBLE_SHARE = 0.80   # share of "common" characters a right decode reaches on real pages
MAX_REPLACEMENT_SHARE = 0.05  # lenient decode: more replacement characters than this is garbage


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str            # lower-case Python codec name
    confidence: float        # 0..1
    replacement_chars: int = 0


class DecodeError(ValueError):
    """The bytes are not text we can read; `reason` is the rejects-table reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@lru_cache(maxsize=1)
def common_hanzi() -> frozenset[str]:
    """The 3,755 level-1 characters of GB2312 plus the 5,401 common characters of Big5.

    Both standards ordered their first level by frequency of use, so a right decode of Chinese
    text is made almost entirely of these; a wrong decode (Big5 read as GB18030) is not.
    """
    chars: set[str] = set()
    for hi in range(0xB0, 0xD8):  # GB2312 level 1: rows 16..55
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    for hi in range(0xA4, 0xC7):  # Big5 常用字: 0xA440..0xC67E
        for lo in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                chars.add(bytes((hi, lo)).decode("big5"))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


@lru_cache(maxsize=1)
def _common_hanzi_run() -> re.Pattern:
    """Runs of common hanzi: counting them by run is 2x faster than testing each character."""
    return re.compile("[" + "".join(sorted(common_hanzi())) + "]+")


# ASCII, whitespace and CJK/fullwidth punctuation: fine in any decode, prove nothing.
_NEUTRAL = re.compile("[\x00-\x7f\u3000-\u303f\uff00-\uffef\u2010-\u206f·×〇○]+")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def plausibility(text: str) -> float:
    """Share of non-neutral characters that are common hanzi (1.0 when there are none)."""
    sample = text[:20000]
    scored = _NEUTRAL.sub("", sample)
    if not scored:
        return 1.0 if sample.strip() else 0.0
    return sum(map(len, _common_hanzi_run().findall(scored))) / len(scored)


def _control_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


def _binary_kind(raw: bytes) -> str | None:
    for sig, kind in BINARY_SIGNATURES.items():
        if raw.startswith(sig):
            return kind
    return None


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """Text with NUL bytes is either BOM-less UTF-16 (NULs are the high bytes of ASCII) or binary."""
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(raw, codec)
        if text is not None and _readable(text) and "\x00" not in text:
            share = plausibility(text)
            if share >= MIN_PLAUSIBLE_SHARE:
                return Decoded(text, "utf-16", round(min(0.99, share), 3))
    return None


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _readable(text: str) -> bool:
    return _control_share(text) < 0.02


def decode_bytes(raw: bytes) -> Decoded:
    """Decode a file's bytes; raise DecodeError(reason, detail) when it is not readable text."""
    if not raw or not raw.strip(b" \t\r\n\x00\x0b\x0c"):
        raise DecodeError("empty", f"{len(raw)} bytes, nothing but whitespace" if raw else "0 bytes")
    for bom, codec in BOMS:
        if raw.startswith(bom):
            text = _strict(raw, codec if codec != "utf-8" else "utf-8-sig")
            if text is not None and _readable(text):
                return Decoded(text, codec, 1.0)
            break  # a BOM followed by garbage: fall through to the other steps
    kind = _binary_kind(raw)
    if kind:
        raise DecodeError("binary", f"file starts with the signature of a {kind}")
    if b"\x00" in raw[:4000]:
        utf16 = _utf16_without_bom(raw)
        if utf16 is None:
            raise DecodeError("binary", "contains NUL bytes and is not UTF-16 text")
        return utf16

    text = _strict(raw, "utf-8")
    if text is not None and _readable(text):
        return Decoded(text, "utf-8", 1.0 if text.isascii() else 0.99)
    cut = _utf8_cut_at_end(raw)
    if cut is not None:
        return cut

    text = _strict(raw, "gbk")
    if text is not None and _readable(text):
        share = plausibility(text)
        if len(raw) >= SHORT_INPUT_BYTES or share >= MIN_PLAUSIBLE_SHARE:
            return Decoded(text, "gb18030", round(min(0.99, 0.5 + share / 2), 3))

    best: tuple[float, str, str] | None = None
    for codec in CHINESE_CANDIDATES:
        cand = _strict(raw, codec)
        if cand is None or not _readable(cand):
            continue
        share = plausibility(cand)
        if best is None or share > best[0]:
            best = (share, codec, cand)
    if best and best[0] >= MIN_PLAUSIBLE_SHARE:
        share, codec, cand = best
        name = "utf-16" if codec.startswith("utf-16") else codec
        return Decoded(cand, name, round(min(0.99, share), 3))

    guess = chardet.detect(raw[:200_000])
    guessed = (guess.get("encoding") or "").lower()
    if guessed in CHARDET_ENCODINGS or guessed in CODEC_NAMES:
        cand = _strict(raw, guessed)
        if cand is not None and _readable(cand) and plausibility(cand) >= MIN_PLAUSIBLE_SHARE:
            return Decoded(cand, CODEC_NAMES.get(guessed, guessed), round(float(guess.get("confidence") or 0.0), 3))

    return _lenient(raw)


def _utf8_cut_at_end(raw: bytes) -> Decoded | None:
    """UTF-8 whose only fault is a character cut off by truncation at the very end."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.end == len(raw) and len(raw) - err.start < 4:
            text = raw[: err.start].decode("utf-8") + "\ufffd"
            if _readable(text):
                return Decoded(text, "utf-8", 0.9, replacement_chars=1)
    return None


def _per_line(raw: bytes) -> tuple[str, str, int]:
    """Decode line by line (files pasted together from pages in two encodings):
    (text, the codec that decoded most bytes, replacement characters)."""
    parts, bytes_by_codec = [], {"utf-8": 0, "gb18030": 0}
    for line in raw.split(b"\n"):
        text = _strict(line, "utf-8")
        codec = "utf-8"
        if text is None:
            gb = _strict(line, "gb18030")
            if gb is not None and plausibility(gb) >= MIN_PLAUSIBLE_SHARE:
                text, codec = gb, "gb18030"
            else:
                text = line.decode("utf-8", errors="replace")
        bytes_by_codec[codec] += len(line)
        parts.append(text)
    text = "\n".join(parts)
    return text, max(bytes_by_codec, key=bytes_by_codec.get), text.count("\ufffd")


def _lenient(raw: bytes) -> Decoded:
    """Last resort: of the lenient decodes that are mostly readable Chinese text, the most
    plausible one, its replacement characters counted."""
    options = [(raw.decode(c, errors="replace"), c) for c in ("utf-8", "gb18030")]
    mixed_text, mixed_codec, _ = _per_line(raw)
    options.append((mixed_text, mixed_codec))
    scored = []
    for text, codec in options:
        bad = text.count("\ufffd")
        share = bad / max(1, len(text))
        scored.append((plausibility(text), -bad, share, codec, text))
    good = [o for o in scored if o[2] <= MAX_REPLACEMENT_SHARE and o[0] >= 0.5 and _readable(o[4])]
    if not good:
        best = max(scored)
        raise DecodeError(
            "undecodable",
            f"no encoding reads it as text: the best lenient decode ({best[3]}) has {-best[1]} replacement "
            f"characters in {len(best[4])} ({best[2]:.0%}) and {best[0]:.0%} common characters",
        )
    share_common, neg_bad, share, codec, text = max(good)
    return Decoded(text, codec, round(max(0.05, min(0.5, share_common / 2) - share * 10), 3), replacement_chars=-neg_bad)
