"""Section markers: the one table of how Chinese official documents number their parts.

Used by structure (the section hierarchy), metadata (a numbered line is never a title line),
normalize (a lost paragraph break before a marker), boilerplate and chrome (a heading is never
page furniture), directives (a sentence starts after its marker).

Levels, as documents.sections.level: 1 一、 / speech style 第一， / 第一章; 2 （一） / 第一节;
3 1. / 第一条; 4 （1）. A document numbered by articles (办法, 条例, 规定, 细则, laws: 第一章 … 第一条 …)
uses chapter 1, section 2, article 3, and its other markers (（一）, 1., （1）) are items of an
article, level 4 (ITEM_LEVEL).
"""
from __future__ import annotations

import re

from .dates import chinese_numeral_to_int

# Numerals of ordinals in markers. e.g. 十二, 三十六, 一百零五 (第一百零五条)
CN_NUMERALS = "一二三四五六七八九十百零〇"
_CN = f"[{CN_NUMERALS}]"

# style -> (level, pattern whose group named like the style holds the ordinal), tried in this order.
MARKER_STYLES = {
    # "第一章　总则"
    "chapter": (1, rf"第(?P<chapter>{_CN}{{1,4}})章"),
    # "第一节　一般规定"
    "section": (2, rf"第(?P<section>{_CN}{{1,4}})节"),
    # "第三十六条 本办法自2012年12月1日起施行。"
    "article": (3, rf"第(?P<article>{_CN}{{1,5}})条"),
    # speech style "第二，要真实干"; not "第一、二轮督察" (a list of ordinals)
    "speech": (1, rf"第(?P<speech>[{CN_NUMERALS[:10]}]{{1,3}})[，、](?![{CN_NUMERALS[:10]}])"),
    # "一、指导思想"; not "一、二、三产业" (a list of numerals)
    "cn": (1, rf"(?P<cn>[{CN_NUMERALS[:10]}]{{1,3}})、(?![{CN_NUMERALS[:10]}]+、)"),
    # "（一）建设忠诚型政府"
    "paren_cn": (2, rf"[（(](?P<paren_cn>[{CN_NUMERALS[:10]}]{{1,3}})[）)]"),
    # "（1）…"
    "paren_arabic": (4, r"[（(](?P<paren_arabic>\d{1,2})[）)]"),
    # "1.不断提高政治站位"; not "2.9倍" (a digit may not follow)
    "arabic": (3, r"(?P<arabic>\d{1,2})[.．、](?!\d)"),
}
SECTION_MARKER = re.compile("|".join(pattern for _, pattern in MARKER_STYLES.values()))
MARKER_LEVEL = {style: level for style, (level, _) in MARKER_STYLES.items()}
ARTICLE_STYLES = ("chapter", "section", "article")
ITEM_LEVEL = 4

# A marker opening a line: a section heading, never a title, chrome or a repeated page line.
MARKER_AT_LINE_START = re.compile(rf"^\s*(?:{SECTION_MARKER.pattern})")
# A heading in one of the Chinese-numeral styles opening a line (no Arabic "1.": document-site
# notices and footers number their lines so). e.g. "（二）强化组织领导", "第七章　附则"
HEADING_STYLES = ("chapter", "section", "article", "speech", "cn", "paren_cn")
HEADING_AT_LINE_START = re.compile(r"^\s*(?:" + "|".join(
    re.sub(r"\(\?P<\w+>", "(?:", MARKER_STYLES[s][1]) for s in HEADING_STYLES) + ")")
# Styles that open a new paragraph when text extraction joined paragraphs with a space: a break
# was lost before them. e.g. "表个态。 一、政府工作" ("1." is left out: "共 3. 5 亿" is no paragraph)
PARAGRAPH_STYLES = ("chapter", "article", "speech", "cn", "paren_cn")
MARKER_AHEAD = "(?=(?:" + "|".join(
    re.sub(r"\(\?P<\w+>", "(?:", MARKER_STYLES[s][1]) for s in PARAGRAPH_STYLES) + "))"


def ordinal(numeral: str) -> int:
    """'3' -> 3, '十二' -> 12, '三十六' -> 36, '一百零五' -> 105; -1 when it is no number."""
    if numeral.isdigit():
        return int(numeral)
    if len(numeral) > 1 and not set(numeral) & set("十百"):
        return -1  # "二二" is digit-by-digit (a year's way), never an ordinal
    value = chinese_numeral_to_int(numeral)
    return value if value is not None and value > 0 else -1
