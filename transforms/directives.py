"""Find directive sentences (obligations, prohibitions, encouragements) in the clean text.

A sentence (split on 。！？； line ends and section markers) is scanned left to right for the
words of the rule tables below; compounds that merely contain a trigger (主要, 重要, 不得不, 令行禁止
…) are consumed first so they never fire. A trigger counts only with a complement after it (not
before 的 or a clause end: "党中央禁止的" is a noun phrase), outside quotations “…” and outside
conditional clauses (如果…). Bare 要 counts only by position: after an intensifier (就要, 一定要 …),
at a clause start, or after a short subject ("各分管区长要带领…"; weak). A sentence opening with an
imperative adverb (严格执行…, 全面增强…) is an obligation without any modal.
Explicit modals (必须, 不得 …) always decide; the weak signals (bare 要, 确保, 不能, imperative
adverbs, encouragement verbs) are dropped in statements of fact: past/result aspect (了, 已经, 累计,
完成…亿元 …) in the sentence, or the sentence lies in a review paragraph (many such statements).
When several modalities fire: prohibition > obligation > encouragement (the strictest reading of
the sentence wins: "要严格执行…，原则上不得直接…" is a prohibition).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from transforms.structure import GLOSSARY_LINE, SECTION_MARKER, Section

# --- rule tables -------------------------------------------------------------------------------

# Sentence ends; line ends and section markers also end a sentence. e.g. "…团结就是本领；" | "…团结就是力量！"
SENTENCE_END_MARKS = "。！？；"
_SENTENCE_OR_LINE_END = re.compile(f"[{SENTENCE_END_MARKS}\n]")
_LINE_END = re.compile("\n")

# Prohibition words. e.g. "原则上不得直接向领导个人报送文件", "决不允许占着位子不干事"
PROHIBITION_WORDS = ("决不允许", "绝不允许", "不允许", "决不能", "绝不能", "决不可", "不得", "严禁", "禁止",
                     "不准", "不许", "杜绝", "切忌", "不要", "严防")
# Weak prohibition word: also states inability ("一些同志不能及时…"). e.g. "不能个人说了算"
WEAK_PROHIBITION_WORDS = ("不能",)
# Explicit obligation words. e.g. "重大决策必须报市委研究", "务必高度重视"
OBLIGATION_WORDS = ("必须", "务必", "务须", "应当", "应该", "一定要")
# Weak obligation word: a verb that also narrates results ("确保了…"). e.g. "确保年底“有看头”"
WEAK_OBLIGATION_WORDS = ("确保",)
# Encouragement words. e.g. "鼓励各地各部门根据实际情况大胆进行创新", "大力倡导…的精神"
ENCOURAGEMENT_WORDS = ("鼓励", "支持", "提倡", "倡导", "引导", "欢迎")

# Words that contain a trigger but are not one; matched first, so they hide the trigger.
# e.g. "主要负责人" (要), "重要指标", "需要救助", "只要符合", "不得不", "令行禁止" (an idiom), "能不能"
NON_TRIGGER_WORDS = (
    "主要", "重要", "需要", "只要", "纲要", "要素", "要点", "摘要", "必要", "想要", "将要", "快要",
    "首要", "紧要", "简要", "概要", "扼要", "要求", "要闻", "要么", "要是", "要不然", "要不要", "要想",
    "第一要务", "要害部门", "要害岗位",
    "不得不", "不得已", "不得了", "舍不得", "恨不得", "巴不得", "怪不得", "顾不得", "免不得", "由不得",
    "令行禁止", "能不能", "不能不", "不要紧", "不准确", "允许", "应该说", "为确保", "以确保",
    "支持度", "支持率",
)

# Bare 要 after one of these is a modal whatever precedes, and a strong one (kept in statements of
# fact). e.g. "就要", "一定要", "都要", "还要", "更要"
YAO_INTENSIFIERS = ("就", "都", "还", "更", "也", "又", "既", "总", "均", "才", "是", "先", "须",
                    "一定", "同样", "尤其", "特别", "真正", "始终", "务必", "必须", "坚决")
YAO = "要"
# Bare 要 is also a modal at a clause start or after a subject of at most this many characters.
# e.g. "要强化问题导向", "各分管区长要带领分管部门…", "班子成员之间要注重多沟通"
YAO_SUBJECT_MAX_CHARS = 12

# Imperative adverbs opening a sentence of a 决定/意见: an obligation without a modal.
# e.g. "严格执行重大行政决策程序规定，…", "全面增强法治意识，…自觉接受人大依法监督…"
IMPERATIVE_OPENERS = ("严格", "切实", "坚决", "认真", "自觉", "着力", "大力", "扎实", "全面", "深入",
                      "加快", "加强", "进一步", "积极", "主动", "努力", "不断", "持续", "严肃", "狠抓",
                      "抓紧", "牢固树立", "坚定不移", "充分", "坚持", "始终", "带头", "时刻", "及时")
# Connectives allowed before the opener. e.g. "同时，加强…", "此外，要…"
LEADING_CONNECTIVES = re.compile(r"^(?:同时|此外|另外|当前|今后|其次|再次|最后|首先|特别是|尤其是|为此|因此)[，、]?")

# A trigger followed by one of these has no complement: it sits in a noun phrase or ends a clause.
# e.g. "党中央禁止的坚决杜绝" (禁止的), "赢得了群众的拥护和支持。" (支持 at the end)
NO_COMPLEMENT = set("的之者，。；：、！？”）」》\n")

# A clause opening with 是 makes what precedes it a subject: weak signals there are no directive.
# e.g. "坚持和服从党委领导，是做好政府工作的首要原则" (a statement about 坚持…)
COPULA_CLAUSE = re.compile(r"[，、]是")

# A trigger inside a clause opening with one of these is hypothetical. e.g. "如果一开始就不能确定目标"
CONDITIONAL_LEADS = re.compile(r"(?:如果|假如|倘若|假若|若是|一旦|万一|即使|哪怕)")

# Statements of fact: past/result aspect and retrospective leads.
# e.g. "增强了经济增长的内生动力", "已经市政府同意", "取得了新的成效", "近几年来，我们…", "5年来，…"
FACT_MARKERS = re.compile(
    r"(?<![为除不])了(?!解|结|然|不起|算|就)"
    r"|已经|业已|已于|已达|已有|已成为|已形成"
    r"|取得了|取得的|(?<!要)取得(?:重大|显著|明显|积极|长足|可喜)(?:进展|成效|成绩|突破)"
    r"|(?:^|，)(?:过去|近(?:几|\d+|[一二三四五六七八九十])年来|\d+年来|[一二三四五六七八九十]+年来|多年来|去年以来|一年来)"
)
# Reported figures, unless their clause sets a target (TARGET_WORDS):
# a result verb with a figure, e.g. "生产总值完成1588.7亿元", "累计293亿元", "由…268项精简至192项", "是2006年的2.9倍";
# a precise statistic (>= 3 digits or a decimal) closing a clause, e.g. "政协提案1495件", "办理率达98.7%"
# (not "积极落实人才新政30条", "力争达到1000亿元以上")
FIGURE_UNIT = r"(?:亿元|万元|千元|元|亿|万|%|％|倍|件|个|项|条|封|家|户|人次|人|次|天|吨|公里|平方米|亩)"
REPORTED_FIGURE = re.compile(
    rf"(?:累计|完成|实现|达到|达|增长|增加|下降|减少|提高|精简至|压缩到|压缩至|审减)\s*(?:资金\s*)?\d[\d.,]*\s*{FIGURE_UNIT}"
    r"|是\d{4}年的[\d.]+倍"
    rf"|(?:\d{{3,}}|\d+\.\d+)\s*{FIGURE_UNIT}(?=[，。；！？、]|$)"
)
# Prefilters: every FACT_MARKERS match holds one of these characters, every REPORTED_FIGURE
# match a digit. A character scan is far cheaper than trying those patterns at every position.
_FACT_MARKER_CHAR = re.compile("[了已取过年]")
_DIGIT = re.compile(r"\d")
TARGET_WORDS = re.compile(r"力争|争取|目标|确保|以上|不低于|不少于|控制在")

# A paragraph where at least this share of the sentences state facts is a review paragraph
# (工作回顾): its weak signals are narration, not directives.
REVIEW_PARAGRAPH_FACT_SHARE = 0.34
REVIEW_PARAGRAPH_MIN_FACTS = 2

# Transmittal formula of a 通知: the directive is the forwarded document, not this sentence.
# e.g. "…已经市政府同意，现印发给你们，请认真贯彻执行", "现将…讲话印发给你们，请认真组织学习"
TRANSMITTAL = re.compile(r"(?:印发|转发|下发|批转)给你们")

# Glossary entries are definitions, not directives (the glossary heading, structure.GLOSSARY_LINE,
# also ends the directives). e.g. "1.“五型”政府：…", "“放管服”：…"
GLOSSARY_ENTRY = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])?\s*[“\"][^”\"]{1,30}[”\"][^，。；：:]{0,10}[：:]")

# When several modalities fire, the highest rank decides. e.g. "要严格执行…，原则上不得…" -> prohibition
MODALITY_RANK = {"prohibition": 3, "obligation": 2, "encouragement": 1}


@dataclass(frozen=True)
class Directive:
    text: str             # the sentence, without a leading section marker
    modality: str         # "obligation" | "prohibition" | "encouragement"
    trigger: str          # the word that decided the modality
    char_start: int       # offsets into the clean text
    char_end: int
    section: int | None   # index of the innermost enclosing section, or None


@dataclass(frozen=True)
class _Trigger:
    word: str
    modality: str
    strong: bool          # explicit modal: kept even in a statement of fact
    offset: int           # in the sentence
    explicit: bool = True  # a modal word (False: an imperative adverb opening the sentence)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_WORD_CLASS = {w: ("prohibition", True) for w in PROHIBITION_WORDS}
_WORD_CLASS.update({w: ("prohibition", False) for w in WEAK_PROHIBITION_WORDS})
_WORD_CLASS.update({w: ("obligation", True) for w in OBLIGATION_WORDS})
_WORD_CLASS.update({w: ("obligation", False) for w in WEAK_OBLIGATION_WORDS})
_WORD_CLASS.update({w: ("encouragement", False) for w in ENCOURAGEMENT_WORDS})
_WORD_CLASS.update({w: (None, False) for w in NON_TRIGGER_WORDS})
_WORD_CLASS[YAO] = ("obligation", False)
_TOKEN = re.compile(_alternation(_WORD_CLASS))
_OPENER = re.compile(_alternation(IMPERATIVE_OPENERS))
CLAUSE_BREAKS = "，：、"  # e.g. "如果一开始就不能确定目标，…" : a condition ends at the comma
MAX_SENTENCE_CHARS = 500  # longer "sentences" (text with lost punctuation) are cut at a comma


# --- sentences ---------------------------------------------------------------------------------

def split_sentences(text: str, sections: list[Section] = ()) -> list[tuple[int, int]]:
    """(start, end) spans of sentences: split on 。！？；, line ends and section marker starts."""
    cuts = {0, len(text)}
    cuts.update(m.end() for m in _SENTENCE_OR_LINE_END.finditer(text))
    cuts.update(s.char_start for s in sections)
    bounds = sorted(cuts)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        while b - a > MAX_SENTENCE_CHARS:  # unpunctuated runs: cut at a comma (keeps the scan linear)
            cut = text.rfind("，", a + 1, a + MAX_SENTENCE_CHARS)
            cut = cut + 1 if cut > a else a + MAX_SENTENCE_CHARS
            spans.append((a, cut))
            a = cut
        if a < b:
            spans.append((a, b))
    return spans


def _strip_marker(text: str, start: int, end: int, section_starts: set[int]) -> int:
    """Move `start` past a leading section marker."""
    if start in section_starts:
        m = SECTION_MARKER.match(text, start, end)
        if m:
            start = m.end()
            while start < end and text[start].isspace():
                start += 1
    return start


def _clause_start(sentence: str, pos: int) -> int:
    """Start of the clause holding pos: just after the last of CLAUSE_BREAKS before it."""
    return max(sentence.rfind(ch, 0, pos) for ch in CLAUSE_BREAKS) + 1


def _inside_quote(sentence: str, pos: int) -> bool:
    return sentence.count("“", 0, pos) > sentence.count("”", 0, pos)


def _yao_modality(sentence: str, pos: int) -> tuple[bool, bool]:
    """(is a modal, is a strong one) for the bare 要 at pos: strong after an intensifier."""
    before = sentence[_clause_start(sentence, pos):pos]
    if before.endswith(YAO_INTENSIFIERS):
        return True, True
    return len(before) <= YAO_SUBJECT_MAX_CHARS and not before.endswith("的"), False


def find_triggers(sentence: str) -> list[_Trigger]:
    """Modal words of the sentence that count (complement, quotation, condition and 要 rules)."""
    found: list[_Trigger] = []
    for m in _TOKEN.finditer(sentence):
        word = m.group(0)
        modality, strong = _WORD_CLASS[word]
        if modality is None:
            continue
        if m.end() >= len(sentence) or sentence[m.end()] in NO_COMPLEMENT:
            continue
        if m.start() > 0 and sentence[m.start() - 1] == "的" and word != YAO:
            continue  # "的政策支持": a noun
        if _inside_quote(sentence, m.start()):
            continue
        if CONDITIONAL_LEADS.match(sentence, _clause_start(sentence, m.start())):
            continue
        if word == YAO:
            modal, strong = _yao_modality(sentence, m.start())
            if not modal:
                continue
        found.append(_Trigger(word, modality, strong, m.start()))
    opening = LEADING_CONNECTIVES.match(sentence)
    opener = _OPENER.match(sentence, opening.end() if opening else 0)
    if opener:
        found.append(_Trigger(opener.group(0), "obligation", False, opener.start(), explicit=False))
    return found


def is_fact(sentence: str) -> bool:
    """A statement of fact: past/result aspect, or a statistic that is no target."""
    if _FACT_MARKER_CHAR.search(sentence) and FACT_MARKERS.search(sentence):
        return True
    if not _DIGIT.search(sentence):
        return False
    for m in REPORTED_FIGURE.finditer(sentence):
        if not TARGET_WORDS.search(sentence, _clause_start(sentence, m.start()), m.start()):
            return True
    return False


def classify(sentence: str, in_review: bool = False, fact: bool | None = None) -> tuple[str, str, int] | None:
    """(modality, trigger, offset) of a sentence, or None when it is no directive.
    `fact`: is_fact(sentence), when the caller knows it already."""
    triggers = find_triggers(sentence)
    if not triggers or TRANSMITTAL.search(sentence) or GLOSSARY_ENTRY.match(sentence):
        return None
    if in_review or (is_fact(sentence) if fact is None else fact):
        triggers = [t for t in triggers if t.strong]
    copula = COPULA_CLAUSE.search(sentence)
    if copula:
        triggers = [t for t in triggers if t.strong or t.offset > copula.start()]
    if not triggers:
        return None
    best = max(triggers, key=lambda t: (MODALITY_RANK[t.modality], t.strong, t.explicit, -t.offset))
    return best.modality, best.word, best.offset


# --- main --------------------------------------------------------------------------------------

def _line_numbers(text: str, spans: list[tuple[int, int]]) -> list[int]:
    line_starts = [0] + [m.end() for m in _LINE_END.finditer(text)]
    return [bisect.bisect_right(line_starts, start) - 1 for start, _ in spans]


def _review_paragraphs(lines: list[int], facts: list[bool]) -> set[int]:
    """Line numbers of review paragraphs (a paragraph is a line of the clean text)."""
    per_line: dict[int, list[bool]] = {}
    for line, fact in zip(lines, facts):
        per_line.setdefault(line, []).append(fact)
    return {
        line for line, facts in per_line.items()
        if sum(facts) >= REVIEW_PARAGRAPH_MIN_FACTS and sum(facts) / len(facts) >= REVIEW_PARAGRAPH_FACT_SHARE
    }


def _innermost_section(sections: list[Section], pos: int) -> int | None:
    found = None
    for i, sec in enumerate(sections):
        if sec.char_start > pos:
            break
        if pos < max(sec.char_end, sec.char_start + 1):
            found = i
    return found


def find_directives(text: str, sections: list[Section]) -> list[Directive]:
    """Directive sentences of the clean text, in document order."""
    glossary = GLOSSARY_LINE.search(text)
    body = text[: glossary.start()] if glossary else text
    section_starts = {s.char_start for s in sections}
    spans = split_sentences(body, sections)
    lines = _line_numbers(body, spans)
    facts = [is_fact(body[start:end]) for start, end in spans]
    review = _review_paragraphs(lines, facts)
    directives: list[Directive] = []
    for (start, end), line, span_fact in zip(spans, lines, facts):
        marker_end = _strip_marker(body, start, end, section_starts)
        # is_fact of the span holds for the sentence without its marker and end mark, except
        # when the marker itself matched (a digit of "1." before a figure): then ask again
        fact = span_fact if marker_end == start else None
        start = marker_end
        while end > start and body[end - 1] in SENTENCE_END_MARKS:
            end -= 1
        if start >= end:
            continue
        sentence = body[start:end]
        decided = classify(sentence, in_review=line in review, fact=fact)
        if decided is None:
            continue
        modality, trigger, _ = decided
        directives.append(Directive(
            text=sentence, modality=modality, trigger=trigger, char_start=start, char_end=end,
            section=_innermost_section(sections, start),
        ))
    return directives
