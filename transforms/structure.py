"""Split the clean text of a document into its numbered section hierarchy.

Levels (transforms/markers.py): 1 "一、" or speech style "第一，"/"第一、"; 2 "（一）"; 3 "1." "1、"
"1．"; 4 "（1）"; in a document numbered by articles (办法, 条例, laws) 1 第X章, 2 第X节, 3 第X条 and
its other markers are items of an article (4).
Markers are found at line starts and inside a line after a sentence end or a space (text whose
line breaks were lost). A candidate is kept only if its ordinal continues the sequence at its
level (一 then 二 ...; restarting under each new parent), which rejects numbers that are not
markers. Enumerations (一是…, 第二是…, 首先…) never match the marker patterns. The body ends at
a glossary (名词解释) or, once the hierarchy has started, at an attachment (附件1 …).
Optionally, unmarked parallel paragraphs (排比段: "讲实干就要…", "讲实干就要…") under a level-1
section without marked children become level-2 sections with an empty marker.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import markers
from .markers import SECTION_MARKER  # noqa: F401 - re-exported for directives

# --- rule tables -------------------------------------------------------------------------------

# Section markers and their levels: transforms/markers.py (the one table).
# A document with at least this many 第X条 at line starts is numbered by articles. e.g. a 办法
ARTICLES_MIN = 2
# Where a marker may stand: line start, or after a sentence end or a space (a lost line break).
# Not after ，、；： — there a number is a list item inside a sentence. e.g. "包括：1.…；2.…" is no section
MARKER_MAY_FOLLOW = "。！？ \t\n"
_MARKER_MAY_FOLLOW_RUN = re.compile(f"[{MARKER_MAY_FOLLOW}]+")

# A heading ends at the first of these (or at the end of the line / the next marker).
# e.g. "一、坚持带头维护核心，努力建设一个…好班子。牢固树立…" -> "坚持带头维护核心，努力建设一个…好班子"
HEADING_END = re.compile(r"[。！？；：]")
HEADING_MAX_CHARS = 40  # a longer first sentence is cut at its first "，"
# e.g. "（一）从体制方面来讲，要强化党的观念，…（60+ chars）。" -> "从体制方面来讲"

# Numbering of a document-site notice list: two markers in a row; neither is a section.
# e.g. "1. 1、本文档共7页" (DOUBLE_NUMBERING follows "1.", LONE_NUMBER_BEFORE precedes "1、")
DOUBLE_NUMBERING = re.compile(r"\s*\d{1,3}[.．、](?!\d)")
LONE_NUMBER_BEFORE = re.compile(r"\s*\d{1,3}[.．]\s*")

# Lines where the body's hierarchy ends. e.g. "附件1", "附件：1.xx名单", "附件 2 申报表", "名词解释"
ATTACHMENT_LINE = re.compile(rf"^[ \t]*附[ \t]*件(?:[ \t]*[\d{markers.CN_NUMERALS}]+.*|[ \t]*(?:[：:].*)?)$", re.M)
ATTACHMENT_LINE_MAX_CHARS = 80
GLOSSARY_LINE = re.compile(r"^[ \t]*(?:附[：:]?\s*)?名词解释[ \t]*[：:]?[ \t]*$", re.M)

# A gap of one in the ordinal sequence is tolerated for a marker at a line start (a lost or
# mistyped marker), never for one inside a line. e.g. "一、…\n三、…" keeps 三 when 二 was lost.
# Sections with no enclosing section (e.g. lists of a law's articles) may restart at a line-start
# （一）/1. ; level 1 never restarts.
ORDINAL_GAP_AT_LINE_START = 1

# Unmarked parallel paragraphs (排比段): a paragraph opening with a lead of >= 3 characters and
# 就要/要, with a short first sentence ending in 。！： (no question); >= 2 paragraphs with the same
# lead and different headings under one level-1 section (repeated lines are page furniture).
# e.g. "讲实干就要有敢于碰硬的担当意识。…" "讲实干就要有务实的执行能力。…"
# 要 closing a compound (主要, 重要, 需要 …) is not a modal.
PARALLEL_LEAD = re.compile(r"(?P<lead>[\u4e00-\u9fff]{3,8}?)(?<![主重需只必纲想将首紧简概摘扼])(?:就要|要)(?!求|点|素|么|是|领|务|害)")
PARALLEL_MIN_PARAGRAPHS = 2
PARALLEL_HEADING_ENDS = "。！："


@dataclass(frozen=True)
class Section:
    level: int            # 1: 一、 / 第一，(speech style) ; 2: （一） ; 3: 1. / 1、 / 1． ; 4: （1）
    ordinal: int          # the number in the marker
    marker: str           # as written, e.g. "一、", "（一）", "第一，"; "" for an unmarked parallel paragraph
    heading: str          # the heading sentence after the marker
    char_start: int       # offset into the clean text where the marker starts
    char_end: int         # end of the section's full text, children included
    parent: int | None    # index of the enclosing section in the returned list
    path: str             # ordinals from the top, e.g. "2.1.3"; 0 for a missing level, e.g. "0.3"


@dataclass
class _Candidate:
    level: int
    ordinal: int
    style: str
    marker: str
    start: int
    end: int              # end of the marker
    at_line_start: bool
    heading: str = ""


# --- helpers -----------------------------------------------------------------------------------

_NON_SPACE = re.compile(r"\S")


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _before_spaces(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def first_sentence(text: str, start: int, limit: int) -> str:
    """The heading rule: up to the first 。！？；： (or limit); cut at "，" when still too long."""
    segment = text[start:limit]
    stop = HEADING_END.search(segment)
    heading = (segment[: stop.start()] if stop else segment).strip()
    if len(heading) > HEADING_MAX_CHARS and "，" in heading:
        heading = heading[: heading.index("，")].strip()
    return heading


def body_end(text: str, hierarchy_from: int | None = None) -> int:
    """Offset where the body's hierarchy ends: a glossary heading, or an attachment line that
    comes after `hierarchy_from` (the first section's start); len(text) when there is none."""
    end = len(text)
    glossary = GLOSSARY_LINE.search(text)
    if glossary:
        end = glossary.start()
    if hierarchy_from is not None:
        for m in ATTACHMENT_LINE.finditer(text, hierarchy_from + 1):
            if len(m.group(0).strip()) <= ATTACHMENT_LINE_MAX_CHARS:
                end = min(end, m.start())
                break
    return end


# --- candidates --------------------------------------------------------------------------------

def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    # try the pattern only where a marker may stand (markers hold none of MARKER_MAY_FOLLOW, so
    # this finds what SECTION_MARKER.finditer would, 3x faster than scanning every position)
    for pos in [0] + [b.end() for b in _MARKER_MAY_FOLLOW_RUN.finditer(text)]:
        m = markers.SECTION_MARKER.match(text, pos)
        if not m:
            continue
        style = m.lastgroup
        number = m.group(style)
        ordinal = markers.ordinal(number)
        if ordinal < 1:
            continue
        line_start, _ = _line_bounds(text, m.start())
        found.append(_Candidate(
            level=markers.MARKER_LEVEL[style], ordinal=ordinal, style=style, marker=m.group(0),
            start=m.start(), end=m.end(), at_line_start=not text[line_start:m.start()].strip(),
        ))
    return found


def _with_headings(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """Attach headings; drop markers with nothing after them and doubled numbering ("1. 1、…")."""
    kept: list[_Candidate] = []
    for i, cand in enumerate(candidates):
        line_start, line_end = _line_bounds(text, cand.start)
        if DOUBLE_NUMBERING.match(text, cand.end) or LONE_NUMBER_BEFORE.fullmatch(text, line_start, cand.start):
            continue
        limit = line_end
        if i + 1 < len(candidates) and candidates[i + 1].start < limit:
            limit = candidates[i + 1].start
        heading = first_sentence(text, cand.end, limit)
        if not heading and not text[cand.end:line_end].strip():
            below = _NON_SPACE.search(text, line_end)  # marker alone on its line: heading below
            if below:
                heading = first_sentence(text, below.start(), _line_bounds(text, below.start())[1])
        if not heading:
            continue
        cand.heading = heading
        kept.append(cand)
    return kept


def _in_sequence(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep candidates whose ordinal continues the sequence at their level under the current parent."""
    last = {1: 0, 2: 0, 3: 0, 4: 0}
    last_article = 0
    level1_style: str | None = None
    kept: list[_Candidate] = []
    for cand in candidates:
        if cand.level == 1 and level1_style and cand.style != level1_style:
            continue  # "第二，" inside a document numbered 一、二、 is an enumeration
        if cand.style == "article":  # numbered through the whole text, across chapters; an excerpt
            if not (cand.at_line_start and cand.ordinal > last_article):  # may start anywhere and skip
                continue
            last_article = last[cand.level] = cand.ordinal
            for deeper in range(cand.level + 1, 5):
                last[deeper] = 0
            kept.append(cand)
            continue
        expected = last[cand.level] + 1
        gap = ORDINAL_GAP_AT_LINE_START if cand.at_line_start and expected > 1 else 0
        orphan_restart = (cand.level > 1 and cand.ordinal == 1 and cand.at_line_start
                          and not any(last[upper] for upper in range(1, cand.level)))
        if not (expected <= cand.ordinal <= expected + gap or orphan_restart):
            continue
        if cand.level == 1:
            level1_style = cand.style
        last[cand.level] = cand.ordinal
        for deeper in range(cand.level + 1, 5):
            last[deeper] = 0
        kept.append(cand)
    return kept


def _parallel_paragraphs(text: str, start: int, end: int) -> list[_Candidate]:
    """Unmarked parallel paragraphs in text[start:end] sharing a lead (see PARALLEL_LEAD)."""
    groups: dict[str, list[_Candidate]] = {}
    pos = start
    while pos < end:
        line_end = text.find("\n", pos)
        line_end = end if line_end < 0 or line_end > end else line_end
        m = PARALLEL_LEAD.match(text, pos, line_end)
        if m:
            stop = HEADING_END.search(text, pos, line_end)
            if stop and stop.start() - pos <= HEADING_MAX_CHARS and text[stop.start()] in PARALLEL_HEADING_ENDS:
                groups.setdefault(m.group("lead"), []).append(_Candidate(
                    level=2, ordinal=0, style="parallel", marker="", start=pos, end=pos,
                    at_line_start=True, heading=text[pos:stop.start()].strip(),
                ))
        pos = line_end + 1
    parallel = [g for g in groups.values()
                if len(g) >= PARALLEL_MIN_PARAGRAPHS and len({c.heading for c in g}) == len(g)]
    paragraphs = sorted((c for g in parallel for c in g), key=lambda c: c.start)
    for i, cand in enumerate(paragraphs, 1):
        cand.ordinal = i
    return paragraphs


# --- main --------------------------------------------------------------------------------------

def _as_articles(candidates: list[_Candidate]) -> list[_Candidate]:
    """In a document numbered by articles (at least ARTICLES_MIN 第X条 at line starts), markers of the
    other styles are items of an article: level markers.ITEM_LEVEL. e.g. 第三十五条 … （一）… （二）…"""
    articles = sum(c.style == "article" and c.at_line_start for c in candidates)
    if articles < ARTICLES_MIN:
        return [c for c in candidates if c.style not in markers.ARTICLE_STYLES or c.at_line_start]
    for c in candidates:
        if c.style not in markers.ARTICLE_STYLES:
            c.level = markers.ITEM_LEVEL
    return candidates


def split_sections(text: str) -> list[Section]:
    """Sections of the clean text, in document order (see the module docstring for the rules)."""
    candidates = _as_articles(_with_headings(text, _candidates(text)))
    marked = _in_sequence(candidates)
    end = body_end(text, marked[0].start if marked else None)
    marked = [c for c in marked if c.start < end]  # the sequence check is order-preserving

    # unmarked parallel paragraphs under level-1 sections that have no marked children
    level1 = [c for c in marked if c.level == 1]
    extra: list[_Candidate] = []
    for i, sec in enumerate(level1):
        sec_end = level1[i + 1].start if i + 1 < len(level1) else end
        if any(sec.start < c.start < sec_end for c in marked if c.level > 1):
            continue
        body_start = _line_bounds(text, sec.start)[1] + 1
        extra += _parallel_paragraphs(text, body_start, sec_end)
    ordered = sorted(marked + extra, key=lambda c: c.start)

    sections: list[Section] = []
    stack: list[int] = []  # indices of the open ancestors
    for i, cand in enumerate(ordered):
        while stack and sections[stack[-1]].level >= cand.level:
            stack.pop()
        parent = stack[-1] if stack else None
        ordinals = [0] * (cand.level - 1)
        for idx in stack:
            ordinals[sections[idx].level - 1] = sections[idx].ordinal
        char_end = next((c.start for c in ordered[i + 1:] if c.level <= cand.level), end)
        sections.append(Section(
            level=cand.level, ordinal=cand.ordinal, marker=cand.marker, heading=cand.heading,
            char_start=cand.start, char_end=_before_spaces(text, char_end), parent=parent,
            path=".".join(str(n) for n in ordinals + [cand.ordinal]),
        ))
        stack.append(i)
    return sections
