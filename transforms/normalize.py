"""Normalize decoded text: repair what can be repaired, convert to simplified, one punctuation policy.

Steps, in order (each a small function, `normalize_text` runs them all):
1. markup leftovers: HTML tags such as <br> and entities such as &nbsp; (a tag becomes a line break)
2. characters: NFC (not NFKC: it would turn ，（）： into ASCII and ① into 1), zero-width characters
   removed, fullwidth digits and letters to ASCII (１９９６ -> 1996), ideographic spaces to spaces
3. injected pinyin: 發(fā)展 -> 發展, real parentheses such as (广东) or (一) untouched
4. script: traditional (or mixed) text converted to simplified with OpenCC; the original recorded
5. injected watermarks removed (recorded, like chrome)
6. line-wrap spaces of PDF/DOCX extraction joined (市委领 导下 -> 市委领导下); a space that stood for
   a lost paragraph break before a section marker becomes a line break
7. punctuation policy (documented in README): in Chinese context , ; : ? ! ( ) are fullwidth
   ，；：？！（）; ASCII stays between digits or Latin letters (16:19:04, 1,588.7, 1.)
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import opencc

from .markers import MARKER_AHEAD

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "，。；：？！、“”‘’（）《》〈〉【】〔〕…—·"

# --- rule tables -------------------------------------------------------------------------------

# HTML tags left in text dumps; a block-level tag marks a line break. e.g. "完成;<br>需要"
HTML_BREAK_TAG = re.compile(r"<\s*(?:br|p|/p|div|/div|li|tr|/tr|h[1-6]|/h[1-6])\b[^<>]{0,200}>", re.I)
HTML_OTHER_TAG = re.compile(r"</?\s*[a-zA-Z][a-zA-Z0-9]*\b[^<>]{0,200}>")
# Zero-width and BOM characters scattered by editors and crawlers. e.g. "政\u200b府"
ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters: vertical tab, form feed and NEL are line breaks; the rest are noise.
# e.g. "保障。\x1b现就" (a terminal escape left by a crawler)
CONTROL_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
CONTROL_NOISE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# Injected pinyin annotations: a parenthesis holding tone-marked pinyin syllables right after
# a character. e.g. "發(fā)展", "會(huì )議", "F(xiàn)在" (after mojibake); not "(广东)", "(一)", "(PPP)".
# Spaces may separate the annotation from its character; they are removed with it.
PINYIN_ANNOTATION_LEAD = " \t\u3000\xa0"
PINYIN_BRACKETED = re.compile(r"[(（]\s*([a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,7}(?:\s+[a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,7}){0,3})\s*[)）]")
PINYIN_ANNOTATION = re.compile(rf"(?<=\S)[{PINYIN_ANNOTATION_LEAD}]*" + PINYIN_BRACKETED.pattern)
TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w", "")
PINYIN_FINALS = (
    "a", "o", "e", "i", "u", "v", "ai", "ei", "ui", "ao", "ou", "iu", "ie", "ve", "ue", "er", "an", "en",
    "in", "un", "vn", "ang", "eng", "ing", "ong", "ia", "iao", "ian", "iang", "iong", "ua", "uo", "uai",
    "uan", "uang", "io", "ng", "m", "n",
)

# Watermark sentences that document sites inject into the body, often mid-word.
# e.g. "中心城市的问该文档为文档投稿赚钱网作品,版权所有,违责必纠 题"
# Each rule: (name, a word every match holds, so most texts skip the scan, pattern).
WATERMARKS = (
    ("watermark-doc-site", "版权所有", re.compile(r"该文档为.{1,20}?作品[，,]\s*版权所有[，,]\s*违[者责]必[纠究]")),
    ("watermark-copyright", "必究", re.compile(r"(?:本文|此文档|本文档)?版权(?:归|属于).{1,20}?所有[，,]\s*(?:侵权|违者)必究")),
)

# A section marker that a paragraph break was lost in front of (PDF text joined with spaces):
# markers.MARKER_AHEAD. e.g. "表个态。 一、政府工作" / "违责必纠 (二)从运作方式"
SECTION_MARKER_AHEAD = MARKER_AHEAD

FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}
FULLWIDTH_ALNUM.update({0x3000: 0x20, 0x00A0: 0x20})
_DROPPED_CHAR = re.compile(f"{CONTROL_NOISE.pattern}|{ZERO_WIDTH.pattern}")
_FULLWIDTH_CHAR = re.compile("[" + "".join(map(chr, FULLWIDTH_ALNUM)) + "]")
ASCII_TO_CJK_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_ASCII_PUNCT = re.compile("[,;:?!()]")

# Script detection counts the distinct characters only one script writes (traditional-only: tw2s
# changes them, e.g. 發 經 濟; simplified-only: s2t changes them, e.g. 发 经 济) in the first
# SCRIPT_SAMPLE_CHARS: fewer than SCRIPT_MIN_CHARS of either is simplified; a traditional share of
# at least TRADITIONAL_SHARE is traditional; between the shares, or with MIXED_MIN_TRADITIONAL_CHARS
# traditional-only characters whatever the share (a traditional paragraph in a simplified page), mixed.
# e.g. a simplified report with 70 distinct traditional characters in its first 5% -> mixed;
# a simplified page with a "繁體" link (5: 換擊網體點) -> simplified
SCRIPT_SAMPLE_CHARS = 50000
SCRIPT_MIN_CHARS = 3
TRADITIONAL_SHARE = 0.8
SIMPLIFIED_SHARE = 0.2
MIXED_MIN_TRADITIONAL_CHARS = 8

WRAPPED_LINE_MIN_SPACES = 4  # CJK-space-CJK gaps that make a line "wrapped" (not a spaced list)
WRAPPED_LINE_MIN_CHARS = 80


@dataclass
class Normalized:
    text: str
    original_script: str  # simplified | traditional | mixed
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, rule) for the chrome table
    pinyin_removed: int = 0


# --- steps -------------------------------------------------------------------------------------

def strip_markup(text: str) -> str:
    text = HTML_BREAK_TAG.sub("\n", text)
    text = HTML_OTHER_TAG.sub("", text)
    return html.unescape(text) if "&" in text else text


def normalize_characters(text: str) -> str:
    # each step only when its characters occur: most text needs none, and a scan is cheaper
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if CONTROL_BREAKS.search(text):
        text = CONTROL_BREAKS.sub("\n", text)
    if _DROPPED_CHAR.search(text):
        text = _DROPPED_CHAR.sub("", text)
    return text.translate(FULLWIDTH_ALNUM) if _FULLWIDTH_CHAR.search(text) else text


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    return frozenset(i + f for i in PINYIN_INITIALS for f in PINYIN_FINALS)


_TONE_MARK = re.compile(f"[{TONE_MARKS}\u0300-\u036f]")  # composed or combining
_TONE_TO_PLAIN = str.maketrans({c: unicodedata.normalize("NFD", c)[0] for c in TONE_MARKS} | {"ü": "v"})


@lru_cache(maxsize=65536)  # annotations repeat: 發(fā)展 … 發(fā)現
def _is_pinyin(annotation: str) -> bool:
    words = annotation.split()
    nfc = unicodedata.normalize("NFC", annotation)
    if not any(ch in TONE_MARKS for ch in nfc):
        return False  # untoned Latin in parentheses is an abbreviation, not an annotation
    syllables = _pinyin_syllables()
    return all(unicodedata.normalize("NFC", w).lower().translate(_TONE_TO_PLAIN) in syllables for w in words)


def remove_pinyin(text: str) -> tuple[str, int]:
    """PINYIN_ANNOTATION's matches that hold pinyin removed. Scans for the bracket, then extends
    over the spaces before it: the same matches, without trying the pattern at every position."""
    if not _TONE_MARK.search(text):  # _is_pinyin needs a tone mark
        return text, 0
    out, pos, count = [], 0, 0
    for m in PINYIN_BRACKETED.finditer(text):
        start = m.start()
        while start > pos and text[start - 1] in PINYIN_ANNOTATION_LEAD:
            start -= 1
        if start == 0 or text[start - 1].isspace() or not _is_pinyin(m.group(1)):
            continue  # not after a character (the pattern's (?<=\S)), or no pinyin
        out.append(text[pos:start])
        pos = m.end()
        count += 1
    out.append(text[pos:])
    return "".join(out), count


@lru_cache(maxsize=1)
def _converters() -> tuple[opencc.OpenCC, opencc.OpenCC]:
    # tw2s, not t2s: t2s leaves 著 in 著力/随著; tw2sp would rewrite vocabulary (程序→进程).
    return opencc.OpenCC("tw2s"), opencc.OpenCC("s2t")


# Characters seen so far in this process, by script; set operations keep detection at C speed.
_SEEN_CHARS: set[str] = set()
_TRADITIONAL_ONLY: set[str] = set()
_SIMPLIFIED_ONLY: set[str] = set()


def _char_kind(ch: str) -> int:
    """+1 traditional-only, -1 simplified-only, 0 same in both scripts or changed by both converters
    (evidence of neither: tw2s maps the simplified 么 of 什么 to its Taiwan variant 幺, s2t to 麼)."""
    to_simple, to_trad = _converters()
    to_s, to_t = to_simple.convert(ch) != ch, to_trad.convert(ch) != ch
    return 0 if to_s == to_t else (1 if to_s else -1)


def _script_chars(text: str) -> tuple[set[str], set[str]]:
    """(traditional-only, simplified-only) characters of text."""
    chars = set(text)
    for ch in chars - _SEEN_CHARS:
        _SEEN_CHARS.add(ch)
        kind = _char_kind(ch) if ch >= "\u3400" else 0
        if kind > 0:
            _TRADITIONAL_ONLY.add(ch)
        elif kind < 0:
            _SIMPLIFIED_ONLY.add(ch)
    return chars & _TRADITIONAL_ONLY, chars & _SIMPLIFIED_ONLY


def detect_script(text: str) -> str:
    """simplified, traditional or mixed, from the distinct characters only one script writes."""
    trad_chars, simp_chars = _script_chars(text[:SCRIPT_SAMPLE_CHARS])
    trad, simp = len(trad_chars), len(simp_chars)
    if trad + simp < SCRIPT_MIN_CHARS:
        return "simplified"
    share = trad / (trad + simp)
    if share >= TRADITIONAL_SHARE:
        return "traditional"
    return "mixed" if share > SIMPLIFIED_SHARE or trad >= MIXED_MIN_TRADITIONAL_CHARS else "simplified"


def to_simplified(text: str, mixed: bool = False) -> str:
    """Traditional text through tw2s. Mixed text: only the lines holding traditional-only characters,
    and those through s2t first, so their simplified words survive (tw2s alone turns 显著 into 显着
    and 什么 out of a phrase into 什幺; a simplified line is left as it is)."""
    to_simple, to_trad = _converters()
    if not mixed:
        return to_simple.convert(text)
    trad_chars, _ = _script_chars(text)
    if not trad_chars:
        return text
    has_trad = re.compile("[" + "".join(sorted(trad_chars)) + "]")
    lines = text.split("\n")
    picked = [i for i, line in enumerate(lines) if has_trad.search(line)]
    converted = to_simple.convert(to_trad.convert("\n".join(lines[i] for i in picked))).split("\n")
    if len(converted) != len(picked):   # OpenCC keeps line breaks; convert line by line if not
        converted = [to_simple.convert(to_trad.convert(lines[i])) for i in picked]
    for i, line in zip(picked, converted):
        lines[i] = line
    return "\n".join(lines)


# ASCII punctuation after, or before (maybe past one space), a Chinese character or punctuation.
# The pattern opens with the punctuation itself, so the regex engine skips fast to candidates.
_PUNCT_NEAR_CJK = re.compile(rf"[,;:?!()](?:(?<=[{CJK}{CJK_PUNCT}].)|(?=[ \t]?[{CJK}{CJK_PUNCT}]))")
_OPEN_CJK_CLOSE_ASCII = re.compile(r"（([^()（）\n]{1,40})\)")
_OPEN_ASCII_CLOSE_CJK = re.compile(r"\(([^()（）\n]{1,40})）")
_SPACE_AFTER_CJK_PUNCT = re.compile(rf"([，。；：？！、])[ \t]+(?=[{CJK}“])")


def apply_punctuation_policy(text: str) -> str:
    if _ASCII_PUNCT.search(text):
        text = _PUNCT_NEAR_CJK.sub(lambda m: ASCII_TO_CJK_PUNCT[m.group(0)], text)
    # "(一" / "一)" pairs: close the other half of a parenthesis pair opened in Chinese context.
    if ")" in text:
        text = _OPEN_CJK_CLOSE_ASCII.sub(r"（\1）", text)
    if "(" in text:
        text = _OPEN_ASCII_CLOSE_CJK.sub(r"（\1）", text)
    # a space after Chinese punctuation is never meaningful. e.g. "魄力， 努力"
    if " " in text or "\t" in text:
        text = _SPACE_AFTER_CJK_PUNCT.sub(r"\1", text)
    return text


def remove_watermarks(text: str) -> tuple[str, list[tuple[str, str]]]:
    removed: list[tuple[str, str]] = []
    for rule, anchor, pattern in WATERMARKS:
        if anchor not in text:
            continue

        def drop(m: re.Match, rule=rule) -> str:
            removed.append((m.group(0), rule))
            return ""
        text = pattern.sub(drop, text)
    return text, removed


_WRAP_SIDE = f"[{CJK}{CJK_PUNCT},;:()]"
_INTRA_CJK_SPACE = re.compile(rf"(?<={_WRAP_SIDE})[ \t]+(?={_WRAP_SIDE})")
_BREAK_BEFORE_MARKER = re.compile(rf"(?<={_WRAP_SIDE})[ \t]+{SECTION_MARKER_AHEAD}")


def join_wrapped_lines(text: str) -> str:
    out = []
    if " " not in text and "\t" not in text:
        return text
    for line in text.split("\n"):
        if len(line) >= WRAPPED_LINE_MIN_CHARS and (" " in line or "\t" in line) and len(_INTRA_CJK_SPACE.findall(line)) >= WRAPPED_LINE_MIN_SPACES:
            line = _BREAK_BEFORE_MARKER.sub("\n", line)
            line = _INTRA_CJK_SPACE.sub("", line)
        out.append(line)
    return "\n".join(out)


def tidy_lines(text: str) -> str:
    lines = [ln.strip() for ln in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def normalize_text(text: str) -> Normalized:
    text = normalize_characters(strip_markup(text))
    text, pinyin = remove_pinyin(text)
    script = detect_script(text)
    if script != "simplified":
        text = to_simplified(text, mixed=script == "mixed")
    text, removed = remove_watermarks(text)
    text = apply_punctuation_policy(join_wrapped_lines(text))
    text = tidy_lines(text)
    return Normalized(text=text, original_script=script, removed=removed, pinyin_removed=pinyin)
