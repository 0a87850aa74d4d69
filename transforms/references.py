"""Documents a text cites: one row per cited document, with its title in 《…》 and/or its 发文字号.

A citation is a top-level 《…》 (〈〉 or a second 《》 inside it belong to the title: "《国务院关于印发
〈…〉的通知》"), a 发文字号 (湖政发〔2017〕18号, 许政办[2012]68号, normalized as documents.doc_number), or
both: a number in parentheses right after the title, or right before it, is the same citation
("《…的通知》（国办发〔2024〕5号）" is one reference). Kind from the title's ending (after notes such as
（试行）): law (…法), regulation (条例, 规定, 办法 … and the Party's 准则, 章程), document (通知, 意见,
方案, 规划, 纲要 …; also any bare 发文字号), other (books, newspapers, films: 《习近平谈治国理政》).

One row per cited document, at its first mention: a title cited again, an alias introduced as
"（以下简称《…》）" and a short back-reference that names only a genre ("《纲要》" after the full
"《…规划纲要（草案）》") are the same citation. Not citations: the document's own 发文字号 (own_doc_number,
and one opening a header line) and its own title written in 《》 as a header line ("《湖州市人民政府
关于…的决定》" heading seed 000).
Pure: text and sections in, plain data out.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from transforms import metadata
from transforms.directives import MAX_SENTENCE_CHARS, SENTENCE_END_MARKS
from transforms.structure import Section

CJK = metadata.CJK

# --- rule tables -------------------------------------------------------------------------------

# The bracketed year and serial of a 发文字号; the organ's 代字 is the CJK run before it.
# e.g. "〔2017〕18号", "[2012]68号", "（2019）第45号"; not "（2020）3号线" (a metro line), "（2019）浙01民初45号"
NUMBER_CORE = re.compile(r"[〔\[［【（(]\s*(?:19|20)\d{2}\s*[〕\]］】）)]\s*第?\s*\d{1,5}\s*号(?!线|楼|院|门|房|站|机|车|库|地块)")
ORG_MAX_CHARS = 12
_ORG_RUN = re.compile(rf"[{CJK}]{{1,{ORG_MAX_CHARS}}}\s*$")
# Words of the sentence that precede a 代字 without a break; cut off the front, repeatedly.
# e.g. "根据国办发〔2024〕5号" -> 国办发, "1号和国办发〔2024〕5号" -> 国办发, "按照省政府湘政办发…" (see ISSUER_BEFORE_ORG)
ORG_LEADS = re.compile(
    r"^(?:号文件|号文|号|文件|根据|依据|按照|参照|对照|遵照|依照|贯彻落实|贯彻|落实|执行|结合|印发|转发|下发|"
    r"详见|参见|见|即|和|及|与|或|以|并|的|是|按|据|由|对|将|在|为|于)+"
)
# An organ's name written before its 代字: kept only the 代字. e.g. "国务院办公厅国办发〔2019〕3号" -> 国办发,
# "省政府办公厅湘政办发〔2019〕3号" -> 湘政办发; not "人社部发" (部 is part of the 代字: only long organ words cut)
ISSUER_BEFORE_ORG = re.compile(r"^.*(?:人民政府|政府|办公厅|办公室|委员会|国务院|中共中央|党委|省委|市委|县委|区委)(?=[^\s]{2,})")

# A number opening the parenthesis right after a title belongs to it. e.g. "》（国办发〔2024〕5号）", "》(国发[2024]1号，以下简称…)"
NUMBER_AFTER_TITLE = re.compile(r"^\s*[（(]\s*$")
# A number right before a title belongs to it. e.g. "按照湖政发〔2017〕18号《…决定》"
NUMBER_BEFORE_TITLE = re.compile(r"^\s*(?:文件)?\s*$")
ADJACENT_CHARS = 6   # at most this far from the title
# An alias introduced for the title just cited. e.g. "（以下简称《意见》）", "（简称《纲要》）"
ALIAS_LEAD = re.compile(r"(?:以下|下文|下称)?简称\s*$|(?:以下|下文)称\s*$|下称\s*$")

# Longest ending of the title (after its notes) decides the kind.
# e.g. "中华人民共和国监察法" law, "民法典" law, "贵州省民营经济促进条例" regulation,
#      "中国共产党廉洁自律准则" regulation (Party regulations: 党章, 准则, 条例, 规定, 办法, 规则, 细则),
#      "…实施方案" document, "孙子兵法" other (a 法 that is no law), "习近平谈治国理政" other
KIND_ENDINGS = {
    "law": ("法", "法典", "宪法", "修正案"),
    "regulation": ("条例", "规定", "办法", "细则", "规则", "准则", "章程", "党章", "规章", "规程"),
    "document": ("通知", "意见", "决定", "决议", "方案", "规划", "纲要", "计划", "要点", "建议", "报告", "通报",
                 "公报", "公告", "通告", "批复", "函", "纪要", "指南", "指引", "目录", "清单", "标准", "规范",
                 "公约", "协定", "条约", "命令", "讲话", "白皮书", "守则", "制度", "政策", "措施", "举措"),
    "other": ("方法", "做法", "兵法", "书法", "算法", "想法", "看法", "说法", "写法", "手法", "技法", "疗法",
              "工作法", "语法", "章法", "心法", "用法", "打法", "玩法", "画法", "笔法", "佛法", "魔法", "戏法"),
}
# Notes closing a title that are no part of its name. e.g. "…办法（试行）", "…纲要（草案）", "…法（2018年修正）"
STATUS_NOTE = re.compile(
    r"\s*(?:[（(][^（）()]{0,12}?(?:试行|暂行|草案|修订|修正|征求意见稿|送审稿|讨论稿|摘要|节选|全文)[^（）()]{0,6}[）)]"
    r"|草案|征求意见稿|送审稿|讨论稿)\s*$"
)
# Any closing parenthesis note, for the kind only. e.g. "…规划（2021—2025年）" is a 规划
TRAILING_NOTE = metadata.TRAILING_PAREN_NOTE
# A title naming only a genre refers back to a document cited in full (or to one the reader knows).
# e.g. "《纲要》", "《建议》", "《纲要（草案）》", "《实施办法》", "《意见》"
GENERIC_PREFIXES = ("实施", "总体", "若干", "指导", "工作", "行动", "管理", "暂行", "规划")
# Quotes and marks a title is written with in one place and without in another.
# e.g. "《“十四五”数字经济发展规划》" / "《"十四五"数字经济发展规划》" / "《十四五数字经济发展规划》"
NON_KEY_CHARS = re.compile(r"[\W_]+")
# Organs opening a title before 关于 (matched on the key, punctuation gone): dropped from the key, as
# citations often put them outside 《》. e.g. "国务院关于…的意见" and 国务院《关于…的意见》, "中共中央、国务院关于…"
ISSUER_PREFIX = re.compile(r"^(?P<org>.{2,60}?)(?=关于)")

TITLE_MAX_CHARS = 150
TITLE_BREAKS = re.compile(r"[。！？\n]")   # a 《 whose 》 comes after one of these is not a title
HEADER_LINES = 6                          # the document's own title and number stand in its first lines
_BOOK_MARK = re.compile(r"[《》]")
_SPACE_NEXT_TO_CJK = re.compile(rf"\s+(?=[{CJK}（）《》〈〉“”])|(?<=[{CJK}（）《》〈〉“”])\s+")

_ENDINGS = sorted(((e, k) for k, endings in KIND_ENDINGS.items() for e in endings), key=lambda p: -len(p[0]))
_GENRE_WORDS = tuple(e for k in ("law", "regulation", "document") for e in KIND_ENDINGS[k] if len(e) > 1)


@dataclass(frozen=True)
class Reference:
    cited_title: str | None        # the title inside 《》, without them; None for a bare 发文字号
    cited_doc_number: str | None   # normalized as documents.doc_number, e.g. 许政办〔2012〕68号
    kind: str                      # law, regulation, document or other
    text: str                      # the sentence holding the citation
    char_start: int                # offset into the clean text (the 《 or the number, whichever first)
    section: int | None            # index of the innermost enclosing section, or None


@dataclass
class _Citation:
    start: int
    title: str | None = None
    number: str | None = None


# --- titles ------------------------------------------------------------------------------------


def _strip_notes(title: str) -> str:
    while (stripped := STATUS_NOTE.sub("", title)) != title:
        title = stripped
    return title


def kind_of(title: str | None) -> str:
    """law, regulation, document or other, from the title's ending ('…办法（试行）' -> regulation)."""
    if not title:
        return "document"   # a bare 发文字号 always names an official document
    t = title.strip()
    while (stripped := TRAILING_NOTE.sub("", t)) != t and stripped:
        t = stripped
    t = _strip_notes(t).rstrip("”’\"' ")
    for ending, kind in _ENDINGS:
        if t.endswith(ending):
            return kind
    return "other"


def back_reference_genre(title: str) -> str | None:
    """The genre of a title that names nothing but a genre: '纲要（草案）' -> 纲要, '实施办法' -> 办法."""
    t = _strip_notes(title.strip())
    for prefix in GENERIC_PREFIXES:
        if t.startswith(prefix) and t != prefix:
            t = t[len(prefix):]
            break
    return t if t in _GENRE_WORDS else None


def _title_text(title: str) -> str:
    """The title as written, without the spaces of a reflowed line."""
    return _SPACE_NEXT_TO_CJK.sub("", title).strip()


def _key(title: str, drop_issuer: bool) -> str:
    t = unicodedata.normalize("NFKC", title).strip()
    if t.startswith("《") and t.endswith("》"):
        t = t[1:-1]
    trailing = metadata.TRAILING_DOC_NUMBER.search(t)
    if trailing:
        t = t[: trailing.start()]
    t = _strip_notes(t.strip())
    t = NON_KEY_CHARS.sub("", t).lower()
    if drop_issuer:
        m = ISSUER_PREFIX.match(t)
        if m and metadata.looks_like_organ(m.group("org")):
            t = t[m.end():]
    return t


def title_key(title: str) -> str:
    """The normalized title used to resolve a citation to a document by its title or attachment_title:
    without 《》, quotes, spaces and punctuation, a status note (（试行）, （草案）, （2018年修正）) or a
    trailing 发文字号, and without the organs before 关于 (often written outside the 《》), NFKC-folded.
    '《九江市人民政府关于印发“五型”政府建设实施方案（试行）的通知》' and
    '关于印发"五型"政府建设实施方案(试行)的通知' -> '关于印发五型政府建设实施方案试行的通知';
    '…规划（2021—2025年）' keeps its period."""
    return _key(title, drop_issuer=True)


# --- document numbers --------------------------------------------------------------------------


def _numbers(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalized number) of every 发文字号 in the text."""
    found = []
    for m in NUMBER_CORE.finditer(text):
        run = _ORG_RUN.search(text, max(0, m.start() - ORG_MAX_CHARS - 2), m.start())
        if not run:
            continue
        org = run.group(0).strip()
        org = ORG_LEADS.sub("", org)
        org = ISSUER_BEFORE_ORG.sub("", org)
        if not org:
            continue
        parsed = metadata.parse_doc_number(org + m.group(0))
        if parsed:
            found.append((m.start() - len(org) - (len(run.group(0)) - len(run.group(0).rstrip())), m.end(), parsed[0]))
    return found


def _normalized(number: str | None) -> str | None:
    parsed = metadata.parse_doc_number(number) if number else None
    return parsed[0] if parsed else number


# --- citations ---------------------------------------------------------------------------------


def _titles(text: str) -> list[tuple[int, int, str]]:
    """(start of 《, end after 》, inner text) of the top-level 《…》 pairs that can be titles."""
    spans, depth, opened = [], 0, -1
    for m in _BOOK_MARK.finditer(text):
        if depth and TITLE_BREAKS.search(text, opened, m.start()):
            depth = 0   # an unclosed 《: start again
        if m.group(0) == "《":
            if not depth:
                opened = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if not depth and m.start() - opened - 1 <= TITLE_MAX_CHARS and m.start() > opened + 1:
                spans.append((opened, m.end(), text[opened + 1 : m.start()]))
    return spans


def _header(text: str) -> tuple[int, list[str]]:
    """(end offset of the header lines, own titles written there in 《》 as a whole line)."""
    pos, own, seen = 0, [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            if TITLE_BREAKS.search(stripped) or seen >= HEADER_LINES or len(stripped) > TITLE_MAX_CHARS + 20:
                break
            seen += 1
            rest = stripped
            for start, end, _ in sorted(_numbers(stripped), reverse=True):
                rest = rest[:start] + rest[end:]
            rest = rest.strip()
            if rest.startswith("《") and rest.endswith("》") and rest.count("《") == 1:
                own.append(_key(rest, drop_issuer=False))
        pos += len(line) + 1
    return min(pos, len(text)), own


def _citations(text: str, own_number: str | None, own_title: str | None) -> list[_Citation]:
    header_end, own_titles = _header(text)
    if own_title:
        own_titles.append(_key(own_title, drop_issuer=False))
    numbers = _numbers(text)
    titles = _titles(text)
    used: set[int] = set()      # numbers attached to a title or inside one
    aliases: set[str] = set()
    found: list[_Citation] = []
    for start, end, inner in titles:
        if ALIAS_LEAD.search(text, max(0, start - 6), start):
            aliases.add(_key(inner, drop_issuer=False))
            continue
        title, number, first = _title_text(inner), None, start
        trailing = metadata.TRAILING_DOC_NUMBER.search(title)
        if trailing and metadata.parse_doc_number(trailing.group("number")):
            number = metadata.parse_doc_number(trailing.group("number"))[0]
            title = title[: trailing.start()].strip()
        for i, (n_start, n_end, normalized) in enumerate(numbers):
            if start <= n_start < end:
                used.add(i)
            elif number is None and 0 <= n_start - end <= ADJACENT_CHARS and NUMBER_AFTER_TITLE.match(text[end:n_start]):
                number = normalized
                used.add(i)
            elif number is None and 0 <= start - n_end <= ADJACENT_CHARS and NUMBER_BEFORE_TITLE.match(text[n_end:start]):
                number, first = normalized, n_start
                used.add(i)
        found.append(_Citation(first, title, number))
    for i, (n_start, _, normalized) in enumerate(numbers):
        if i not in used:
            found.append(_Citation(n_start, None, normalized))
    result = []
    for c in sorted(found, key=lambda c: c.start):
        if c.number and (c.number == own_number or (c.start < header_end and not c.title and _opens_line(text, c.start))):
            if not c.title:
                continue    # the document's own 发文字号
            c.number = None
        if c.title and (_key(c.title, drop_issuer=False) in own_titles or _key(c.title, drop_issuer=False) in aliases):
            continue
        result.append(c)
    return result


def _opens_line(text: str, pos: int) -> bool:
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip()


def _merge(citations: list[_Citation]) -> list[_Citation]:
    """One citation per cited document: by title, by number, and short back-references."""
    merged: list[_Citation] = []
    by_title: dict[str, int] = {}
    by_number: dict[str, int] = {}
    for c in citations:
        key = _key(c.title, drop_issuer=False) if c.title else None
        genre = back_reference_genre(c.title) if c.title else None
        if genre and any(t.endswith(genre) for t in by_title):
            continue    # "《纲要》" after "《…规划纲要（草案）》"
        target = by_title.get(key) if key else None
        if target is None and c.number:
            target = by_number.get(c.number)
            if target is not None and c.title and merged[target].title and by_title.get(key) is None \
                    and _key(merged[target].title, drop_issuer=False) != key:
                target = None   # two titles with one number: a misprint; keep both
        if target is None:
            merged.append(_Citation(c.start, c.title, c.number))
            target = len(merged) - 1
        else:
            row = merged[target]
            row.title = row.title or c.title
            row.number = row.number or c.number
        if key:
            by_title.setdefault(key, target)
        if c.number:
            by_number.setdefault(c.number, target)
    return merged


def _sentence(text: str, pos: int, section_starts: list[int]) -> tuple[int, int]:
    """Bounds of the sentence holding pos, as directives.split_sentences cuts them (sentence ends, line
    ends, section starts), found around pos only: a full split costs more than the citations."""
    start = max(text.rfind(ch, 0, pos) for ch in SENTENCE_END_MARKS + "\n") + 1
    ends = [i for i in (text.find(ch, pos) for ch in SENTENCE_END_MARKS) if i >= 0]
    line_end = text.find("\n", pos)
    end = min(ends + [line_end - 1 if line_end >= 0 else len(text) - 1]) + 1
    i = bisect.bisect_right(section_starts, pos)
    if i:
        start = max(start, section_starts[i - 1])
    if i < len(section_starts):
        end = min(end, section_starts[i])
    if end - start > MAX_SENTENCE_CHARS:   # lost punctuation: the clause around pos
        start = max(start, text.rfind("，", start, pos) + 1, pos - MAX_SENTENCE_CHARS // 2)
        comma = text.find("，", pos, start + MAX_SENTENCE_CHARS)
        end = min(end, comma + 1 if comma >= 0 else start + MAX_SENTENCE_CHARS)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _innermost_section(sections: list[Section], pos: int) -> int | None:
    found = None
    for i, sec in enumerate(sections):
        if sec.char_start > pos:
            break
        if pos < max(sec.char_end, sec.char_start + 1):
            found = i
    return found


# --- entry point -------------------------------------------------------------------------------


def find_references(text: str, sections: list[Section], own_doc_number: str | None,
                    own_title: str | None = None) -> list[Reference]:
    """The documents the clean text cites, in order of first mention. own_doc_number and own_title
    (documents.doc_number and title) are the document's own: never a citation of itself."""
    if "《" not in text and "号" not in text:
        return []
    citations = _merge(_citations(text, _normalized(own_doc_number), own_title))
    if not citations:
        return []
    section_starts = sorted(s.char_start for s in sections)
    refs = []
    for c in citations:
        s, e = _sentence(text, c.start, section_starts)
        refs.append(Reference(
            cited_title=c.title, cited_doc_number=c.number, kind=kind_of(c.title),
            text=text[s:e], char_start=c.start, section=_innermost_section(sections, c.start),
        ))
    return refs


@dataclass(frozen=True)
class CitableDocument:
    """What a citation can be resolved to: a document of the warehouse."""
    doc_id: str
    doc_number: str | None
    title: str | None
    attachment_title: str | None   # the plan a 印发 notice forwards: cited by its own title
    rank: tuple                    # preference among equals: smaller first (originals before reposts, earlier first)


def citation_index(documents: list[CitableDocument]) -> dict[str, dict[str, str]]:
    """{"number": doc_number -> doc_id, "title": title key -> doc_id, "attachment": ...}: the best
    document (smallest rank) for each number and key. Titles too generic to resolve are left out."""
    index: dict[str, dict[str, tuple]] = {"number": {}, "title": {}, "attachment": {}}

    def put(kind: str, key: str | None, doc: CitableDocument) -> None:
        if key and (key not in index[kind] or doc.rank < index[kind][key][0]):
            index[kind][key] = (doc.rank, doc.doc_id)

    for doc in documents:
        put("number", doc.doc_number, doc)
        for kind, title in (("title", doc.title), ("attachment", doc.attachment_title)):
            if title and not back_reference_genre(title):
                put(kind, title_key(title), doc)
    return {kind: {k: v[1] for k, v in entries.items()} for kind, entries in index.items()}


def resolve(citing_doc_id: str, cited_doc_number: str | None, cited_key: str | None,
            index: dict[str, dict[str, str]], heads: dict[str, str] | None = None) -> str | None:
    """The doc_id a citation names: by its 发文字号, else by its title (a document's own title before a
    notice's attachment title), as the first document of its near-duplicate cluster (`heads`:
    doc_id -> that document); never the citing document itself, nor a repost of it. e.g. a notice forwarding
    《…实施方案》 and a repost of that notice titled by the plan: the plan is the notice's own text."""
    heads = heads or {}
    own = heads.get(citing_doc_id, citing_doc_id)
    for kind, key in (("number", cited_doc_number), ("title", cited_key), ("attachment", cited_key)):
        found = index[kind].get(key) if key else None
        if found and found != citing_doc_id and heads.get(found, found) != own:
            return heads.get(found, found)  # a repost stands for its text: the cluster's first document
    return None
