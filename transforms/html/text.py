"""Text helpers of the HTML reader: cleaning a line of page text, comparison keys, class tokens."""
from __future__ import annotations

import re

_ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
CJK_CLASS = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
# a newline between two CJK characters is a source-code wrap, not a space. e.g. "政\n府" -> "政府"
_CJK_NEWLINE_RE = re.compile(rf"(?<=[{CJK_CLASS}])[ \t\r]*\n\s*(?=[{CJK_CLASS}])")
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f]+")
_ALL_SPACE_RE = re.compile(r"[\s\u3000\xa0]+")
# a space between digits and CJK in a title is layout. e.g. "2020 年" -> "2020年"
_DIGIT_CJK_SPACE_RE = re.compile(r"(?<=\d)[ \u3000]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \u3000]+(?=\d)")
# class / id tokens: cut at non-letters and camelCase. e.g. "BreadcrumbNav" -> Breadcrumb, Nav
CLASS_TOKEN_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def clean_line(raw: str) -> str:
    s = _ZERO_WIDTH_RE.sub("", raw)
    if "\n" in s:
        s = _CJK_NEWLINE_RE.sub("", s)
    s = _SPACE_RE.sub(" ", s)
    return s.strip(" \u3000")


def norm_key(s: str) -> str:
    """Whitespace-free form for comparing titles and lines."""
    return _ALL_SPACE_RE.sub("", s)


def norm_title(s: str) -> str:
    s = _ZERO_WIDTH_RE.sub("", s)
    s = _ALL_SPACE_RE.sub(" ", s).strip()
    return _DIGIT_CJK_SPACE_RE.sub("", s)


def class_tokens(value: str) -> list[str]:
    return CLASS_TOKEN_RE.findall(value)
