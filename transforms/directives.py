"""Find directive sentences (obligations, prohibitions, encouragements) in the clean text.

A sentence (split on 。！？； line ends and section markers) is scanned left to right for the
words of the rule tables below; compounds that merely contain a trigger (主要, 重要, 不得不, 令行禁止
…) are consumed first so they never fire. A trigger counts only with a complement after it (not
before 的 or a clause end: "党中央禁止的" is a noun phrase), outside quotations “…” and outside
conditional clauses (如果…). Bare 要 counts only by position: after an intensifier (就要, 一定要 …),
at a clause start, or after a short subject ("各分管区长要带领…"; weak). A sentence opening with an
imperative adverb (严格执行…, 全面增强…) is an obligation without any modal; an adverb before a
modal verb leaves the verb to decide ("大力支持…" encourages, "坚决防止…" forbids).
Parts of a document: a section, or an unnumbered heading line, whose heading names a review
(工作回顾, 发展成就, 过去五年, 计划执行情况 …) is a review part; one naming a plan (工作安排,
重点工作, 主要任务 …) is a plan part. In a plan part figures are targets, and a clause opening with
an action verb (推动…, 深化…) is an obligation.
Explicit modals (必须, 不得 …) always decide; the weak signals (imperative adverbs, action verbs,
encouragement verbs, 确保, 不能) are dropped in statements of fact: past/result aspect (了, 已经 …)
or an achieved figure (完成…亿元, …71.21万亩) in the sentence, a review part, or a review paragraph
(many such statements). Bare 要 survives in a review unless its sentence states a fact
("我们要直面问题挑战" closes a review).
When several modalities fire, prohibition wins (the strictest reading: "要严格执行…，原则上不得直接…"),
then a strong obligation; between weak obligation and encouragement the leading verb decides
("加快…，支持…" obliges, "支持…，鼓励…" encourages).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from transforms.markers import SECTION_MARKER
from transforms.structure import GLOSSARY_LINE, Section


def _alternation(words) -> str:
    """Regex alternation of the words, longest first (so a compound wins over its prefix)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# --- rule tables -------------------------------------------------------------------------------

# Sentence ends; line ends and section markers also end a sentence. e.g. "…团结就是本领；" | "…团结就是力量！"
SENTENCE_END_MARKS = "。！？；"
_SENTENCE_OR_LINE_END = re.compile(f"[{SENTENCE_END_MARKS}\n]")
_LINE_END = re.compile("\n")

# Prohibition words. e.g. "原则上不得直接向领导个人报送文件", "决不允许占着位子不干事", "严惩不贷、绝不姑息"
PROHIBITION_WORDS = ("决不允许", "绝不允许", "不允许", "决不能", "绝不能", "决不可", "决不", "绝不", "不得", "严禁", "禁止",
                     "不准", "不许", "杜绝", "切忌", "不要")
# Weak prohibition words: they also narrate ("一些同志不能及时…", "全省上下众志成城、严防坚守，成功应对…").
# e.g. "不能个人说了算", "严防违规新增隐性债务"
WEAK_PROHIBITION_WORDS = ("不能", "严防")
# Explicit obligation words. e.g. "重大决策必须报市委研究", "务必高度重视"
OBLIGATION_WORDS = ("必须", "务必", "务须", "应当", "应该", "一定要")
# Weak obligation word: a verb that also narrates results ("确保了…"). e.g. "确保年底“有看头”"
WEAK_OBLIGATION_WORDS = ("确保",)
# Encouragement words. e.g. "鼓励各地各部门根据实际情况大胆进行创新", "大力倡导…的精神"
ENCOURAGEMENT_WORDS = ("鼓励", "支持", "提倡", "倡导", "引导", "欢迎")

# Words that contain a trigger but are not one; matched first, so they hide the trigger.
# e.g. "主要负责人" (要), "重要指标", "需要救助", "只要符合", "不得不", "令行禁止" (an idiom), "能不能",
# "所有关心、支持吉林发展的海内外朋友" (the thanks formula), "办成一批…的大事要事", "决不辜负人民的期待" (a pledge)
NON_TRIGGER_WORDS = (
    "主要", "重要", "需要", "只要", "纲要", "要素", "要点", "摘要", "必要", "想要", "将要", "快要",
    "首要", "紧要", "简要", "概要", "扼要", "要求", "要闻", "要么", "要是", "要不然", "要不要", "要想",
    "第一要务", "要害部门", "要害岗位",
    "不得不", "不得已", "不得了", "舍不得", "恨不得", "巴不得", "怪不得", "顾不得", "免不得", "由不得",
    "令行禁止", "能不能", "不能不", "不要紧", "不准确", "允许", "应该说", "为确保", "以确保",
    "支持度", "支持率", "关心支持", "关心和支持", "关心、支持", "大事要事",
    "决不辜负", "绝不辜负", "决不罢休", "绝不罢休",
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
# Action verbs (and adverbs of manner) opening a clause of a plan part: there the clause is an
# order without a modal; they say what to do, not how strongly, so any modal word outranks them.
# e.g. "推进港口转型升级，大力发展…", "用足用好化债政策，推动有条件的市县提前实现隐性债务清零"
# (not 发展/建设/创新: as often nouns opening a subject)
PLAN_VERBS = ("实施", "推动", "推进", "深化", "强化", "完善", "健全", "提升", "开展", "优化", "落实", "促进",
              "统筹", "做好", "办好", "抓好", "用好", "建好", "用足", "聚焦", "打造", "培育", "加大", "扩大",
              "发挥", "提高", "巩固", "加力", "构建", "建立", "建强", "拓展", "全力", "聚力", "稳步", "有序",
              "稳妥", "分类", "因地制宜", "突出", "围绕", "启动", "制定", "出台", "推广", "推行", "弘扬", "规范",
              "探索", "激发", "增强", "守牢", "筑牢", "严守", "做强", "做优", "做大", "纵深推进", "一体推进",
              "力争", "争取", "保障", "营造", "创建", "继续", "设立", "改进", "壮大", "严厉", "依法", "更好")
# Verbs of prevention after an adverb of resolve: weak prohibitions of what follows (bare, they
# often head noun phrases: "常态化防止返贫致贫机制"). e.g. "坚决防止低效无效投资", "坚决遏制新增隐性债务"
PREVENTION_ADVERBS = ("坚决", "切实", "严格", "有效", "严密")
PREVENTION_VERBS = ("防止", "遏制", "避免")
# Connectives allowed before the opener. e.g. "同时，加强…", "此外，要…"
LEADING_CONNECTIVES = re.compile(r"^(?:同时|此外|另外|当前|今后|其次|再次|最后|首先|特别是|尤其是|为此|因此)[，、]?")

# A trigger followed by one of these has no complement: it sits in a noun phrase or ends a clause.
# e.g. "党中央禁止的坚决杜绝" (禁止的), "赢得了群众的拥护和支持。" (支持 at the end)
NO_COMPLEMENT = set("的之者，。；：、！？”）」》\n")

# A clause opening with 是 makes what precedes it a subject: weak signals there are no directive
# (prefiltered by the character 是).
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
# Reported figures, unless their clause sets a target (TARGET_WORDS before, TARGET_SUFFIX after):
# a result verb with a figure, e.g. "生产总值完成1588.7亿元", "累计293亿元", "由…268项精简至192项", "是2006年的2.9倍";
# a precise statistic (>= 3 digits or a decimal) closing a clause, e.g. "政协提案1495件", "办理率达98.7%",
# "新建和改造高标准农田71.21万亩", "转移受威胁群众84.5万人次"
# (not "积极落实人才新政30条", "力争达到1000亿元以上", "农畜产品输出量增长10%以上")
FIGURE_MAGNITUDES = "万亿千百"
FIGURE_UNITS = ("元", "人次", "人", "名", "户", "家", "个百分点", "个", "项", "件", "条", "封", "次", "天", "吨", "公里",
                "千米", "平方米", "立方米", "米", "亩", "公顷", "斤", "千瓦时", "千瓦", "标箱", "套", "所", "座", "辆", "张",
                "部", "台", "场", "批", "处", "篇", "艘", "列", "架次", "%", "％", "倍")
FIGURE_UNIT = f"(?>[{FIGURE_MAGNITUDES}]?(?:{_alternation(FIGURE_UNITS)})|[万亿])"  # atomic: 万人次 is one unit
TARGET_SUFFIX = r"(?!左右|以上|以内|以下|上下)"
REPORTED_FIGURE = re.compile(
    rf"(?:累计|完成|实现|达到|达|增长|增加|下降|减少|提高|精简至|压缩到|压缩至|审减)\s*(?:资金\s*)?\d[\d.,]*\s*{FIGURE_UNIT}{TARGET_SUFFIX}"
    r"|是\d{4}年的[\d.]+倍"
    rf"|(?:\d{{3,}}|\d+\.\d+)\s*{FIGURE_UNIT}(?=[，。；！？、]|$)"
)
# Prefilters: every FACT_MARKERS match holds one of these, every REPORTED_FIGURE match a digit
# (or its point or comma) before a unit ("2025年" is none): far cheaper than trying the patterns.
_FACT_MARKER_CHAR = re.compile("[了已取过]|年(?:以)?来")
_DIGIT_UNIT = re.compile(rf"[\d.,]\s*[{FIGURE_MAGNITUDES}{''.join(sorted({u[0] for u in FIGURE_UNITS}))}]")
TARGET_WORDS = re.compile(r"力争|争取|目标|确保|以上|不低于|不少于|控制在")

# Headings of a review part (work done) and of a plan part; a heading naming both is neither.
# e.g. "一、2025年和“十四五”时期工作回顾", "2025年工作总结和“十四五”发展成就", "过去五年的工作"
REVIEW_HEADING = re.compile(r"回顾|工作总结|发展成就|主要成就|主要成绩|过去[一二三四五六七八九十\d]+年|[一二三四五六七八九十\d]+年来")
# e.g. "三、2026年工作安排", "“十五五”时期主要目标任务", "二、主要任务", "“十五五”时期发展的主要考虑"
PLAN_HEADING = re.compile(r"工作安排|重点工作|主要工作|工作任务|主要任务|目标任务|重点任务|重大任务|工作要点|主要目标"
                          r"|工作目标|工作要求|工作重点|实施步骤|总体要求|战略举措|重大举措|主要举措|主要考虑"
                          r"|工作措施|主要措施|保障措施|具体措施")
# A report on a plan reviews it, whatever plan words it names.
# e.g. "国务院关于今年以来国民经济和社会发展计划执行情况的报告" (经济日报, 2025-09-11)
REPORT_ON_PLAN = re.compile(r"(?:完成|执行|落实|进展)情况")
# An unnumbered line naming a part is its heading when it is this short and no sentence.
# e.g. "“十四五”时期发展成就和2025年工作回顾" then "“十五五”时期主要目标和2026年重点工作" (no 一、)
PART_HEADING_LINE_MAX_CHARS = 30
PART_HEADING_LINE_BREAKS = re.compile("[。！？；：，]")

# A paragraph where at least this share of the sentences state facts is a review paragraph
# (工作回顾): its weak signals are narration, not directives.
REVIEW_PARAGRAPH_FACT_SHARE = 0.34
REVIEW_PARAGRAPH_MIN_FACTS = 2

# Transmittal formula of a 通知: the directive is the forwarded document, not this sentence
# (every match holds 给你们: the prefilter). e.g. "…已经市政府同意，现印发给你们，请认真贯彻执行",
# "现将…讲话印发给你们，请认真组织学习"
TRANSMITTAL = re.compile(r"(?:印发|转发|下发|批转)给你们")

# Glossary entries are definitions, not directives (the glossary heading, structure.GLOSSARY_LINE,
# also ends the directives). e.g. "1.“五型”政府：…", "“放管服”：…"
GLOSSARY_ENTRY = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)])?\s*[“\"][^”\"]{1,30}[”\"][^，。；：:]{0,10}[：:]")


@dataclass(frozen=True)
class Directive:
    text: str             # the sentence, without a leading section marker
    modality: str         # "obligation" | "prohibition" | "encouragement"
    trigger: str          # the word that decided the modality
    char_start: int       # offsets into the clean text
    char_end: int
    section: int | None   # index of the innermost enclosing section, or None


class _Trigger(NamedTuple):  # a tuple: built for most sentences, far cheaper than a dataclass
    word: str
    modality: str
    strong: bool          # explicit modal: kept even in a statement of fact
    offset: int           # in the sentence
    explicit: bool = True  # a modal word (False: an imperative adverb or action verb opening a clause)
    action: bool = False   # an action verb of a plan part: decides only when nothing else fires


_WORD_CLASS = {w: ("prohibition", True) for w in PROHIBITION_WORDS}
_WORD_CLASS.update({w: ("prohibition", False) for w in WEAK_PROHIBITION_WORDS})
_WORD_CLASS.update({w: ("obligation", True) for w in OBLIGATION_WORDS})
_WORD_CLASS.update({w: ("obligation", False) for w in WEAK_OBLIGATION_WORDS})
_WORD_CLASS.update({w: ("encouragement", False) for w in ENCOURAGEMENT_WORDS})
_WORD_CLASS.update({w: ("prohibition", False) for w in PREVENTION_VERBS})
_WORD_CLASS.update({w: (None, False) for w in NON_TRIGGER_WORDS})
_WORD_CLASS[YAO] = ("obligation", False)
_TOKEN = re.compile(_alternation(_WORD_CLASS))
_OPENER = re.compile(f"({_alternation(IMPERATIVE_OPENERS)})")
_PLAN_OPENER = re.compile(f"({_alternation(IMPERATIVE_OPENERS + PLAN_VERBS)})")


def _clause_opening(words) -> re.Pattern:
    """A clause break, then one of the words (a class of their first characters rejects most breaks)."""
    firsts = "".join(sorted({w[0] for w in words}))
    return re.compile(f"[，：；](?=[{firsts}])({_alternation(words)})")


_CLAUSE_OPENER = _clause_opening(IMPERATIVE_OPENERS + PLAN_VERBS)  # in a plan part
_CLAUSE_ADVERB = _clause_opening(IMPERATIVE_OPENERS)
_ACTION_ONLY = frozenset(PLAN_VERBS) - frozenset(IMPERATIVE_OPENERS)
_PART_WORD = re.compile(f"{REVIEW_HEADING.pattern}|{PLAN_HEADING.pattern}|{REPORT_ON_PLAN.pattern}")
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


def _imperative(m: re.Match | None, found: list[_Trigger]) -> _Trigger | None:
    """The imperative adverb or action verb matched opening a clause, unless it only modifies a
    modal verb found already ("大力支持…": 支持 decides; "坚决防止…": the prohibition decides)."""
    if not m:
        return None
    word = m.group(1)
    end = m.end(1)
    for t in found:
        if t.offset == end:
            return None
    return _Trigger(word, "obligation", False, m.start(1), explicit=False, action=word in _ACTION_ONLY)


def _first_imperative(pattern: re.Pattern, sentence: str, pos: int, found: list[_Trigger]) -> _Trigger | None:
    """The first clause opener of the pattern from pos that counts (outside quotations)."""
    quoted = "“" in sentence
    for m in pattern.finditer(sentence, pos):
        t = _imperative(m, found)
        if t and not (quoted and _inside_quote(sentence, t.offset)):
            return t
    return None


def find_triggers(sentence: str, plan: bool = False, openers: bool = True) -> list[_Trigger]:
    """Modal words of the sentence that count (complement, quotation, condition and 要 rules).
    `plan`: the sentence lies in a plan part, where every clause may open with an imperative
    adverb or an action verb (the first of each counts); `openers`: False skips those adverbs
    and verbs (in a review they never count)."""
    found: list[_Trigger] = []
    quoted = "“" in sentence  # prefilter: most sentences quote nothing
    for m in _TOKEN.finditer(sentence):
        word = m.group(0)
        modality, strong = _WORD_CLASS[word]
        if modality is None:
            continue
        if m.end() >= len(sentence) or sentence[m.end()] in NO_COMPLEMENT:
            continue
        if m.start() > 0 and sentence[m.start() - 1] == "的" and word != YAO:
            continue  # "的政策支持": a noun
        if quoted and _inside_quote(sentence, m.start()):
            continue
        if CONDITIONAL_LEADS.match(sentence, _clause_start(sentence, m.start())):
            continue
        if word == YAO:
            modal, strong = _yao_modality(sentence, m.start())
            if not modal:
                continue
        elif word in PREVENTION_VERBS and sentence[max(m.start() - 2, 0):m.start()] not in PREVENTION_ADVERBS:
            continue
        found.append(_Trigger(word, modality, strong, m.start()))
    if not openers:
        return found
    opening = LEADING_CONNECTIVES.match(sentence)
    first = _imperative((_PLAN_OPENER if plan else _OPENER).match(sentence, opening.end() if opening else 0), found)
    if not plan:
        return found + [first] if first else found
    # a plan part: the first clause opener, and after an action verb also the first adverb
    # (a search for each, not a loop over the clauses: most first matches stand)
    if first is None:
        first = _first_imperative(_CLAUSE_OPENER, sentence, 0, found)
    if first is None or not first.action:
        return found + [first] if first else found
    adverb = _first_imperative(_CLAUSE_ADVERB, sentence, first.offset, found)
    return found + [first, adverb] if adverb else found + [first]


def is_fact(sentence: str, figures: bool = True) -> bool:
    """A statement of fact: past/result aspect, or a statistic that is no target.
    `figures`: False in a plan part, where every figure is a target."""
    if _FACT_MARKER_CHAR.search(sentence) and FACT_MARKERS.search(sentence):
        return True
    if not figures or not _DIGIT_UNIT.search(sentence):
        return False
    for m in REPORTED_FIGURE.finditer(sentence):
        if not TARGET_WORDS.search(sentence, _clause_start(sentence, m.start()), m.start()):
            return True
    return False


def _precedence(t: _Trigger) -> tuple:
    """Sort key of the deciding trigger: prohibition, then a strong obligation, then the leading
    one of the weak obligations and encouragements (the sentence's main verb), then an action
    verb (it says what to do, not how strongly: "深化…合作，支持驻晋央企…" encourages)."""
    if t.modality == "prohibition":
        return 3, t.strong, t.explicit, -t.offset
    if t.strong:
        return 2, True, t.explicit, -t.offset
    return (0 if t.action else 1), False, False, -t.offset


def classify(sentence: str, in_review: bool = False, fact: bool | None = None,
             plan: bool = False) -> tuple[str, str, int] | None:
    """(modality, trigger, offset) of a sentence, or None when it is no directive.
    `in_review`: the sentence lies in a review part or paragraph; `plan`: in a plan part;
    `fact`: is_fact(sentence, figures=not plan), when the caller knows it already."""
    triggers = find_triggers(sentence, plan, openers=not in_review)
    if not triggers or ("给你们" in sentence and TRANSMITTAL.search(sentence)) or GLOSSARY_ENTRY.match(sentence):
        return None
    if in_review:  # narration, except a bare 要 outside statements of fact ("我们要直面问题挑战")
        triggers = [t for t in triggers if t.strong or t.word == YAO]
    if any(not t.strong for t in triggers) and (is_fact(sentence, figures=not plan) if fact is None else fact):
        triggers = [t for t in triggers if t.strong]
    copula = "是" in sentence and COPULA_CLAUSE.search(sentence)
    if copula:
        triggers = [t for t in triggers if t.strong or t.offset > copula.start()]
    if not triggers:
        return None
    best = triggers[0] if len(triggers) == 1 else max(triggers, key=_precedence)
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


def _heading_kind(heading: str) -> str | None:
    """"review" or "plan" for a heading naming one part only (or reporting on a plan), else None."""
    if REPORT_ON_PLAN.search(heading):
        return "review"
    review, plan = REVIEW_HEADING.search(heading), PLAN_HEADING.search(heading)
    return "review" if review and not plan else "plan" if plan and not review else None


def _part_kinds(text: str, spans: list[tuple[int, int]], sections: list[Section]) -> list[str | None]:
    """Per sentence span: "review", "plan" or None. An unnumbered part heading line opens a part
    that runs to the next one (or the end of its section); a section naming a part overrides
    within its span (deeper ones last)."""
    section_starts = {s.char_start for s in sections}
    heading_lines = []  # (line start, kind) of unnumbered part headings
    pos = 0
    for line in text.split("\n"):  # a length check per line: the key words are searched in short lines only
        if len(line) <= PART_HEADING_LINE_MAX_CHARS and _PART_WORD.search(line):
            head = line.strip()
            lead = pos + len(line) - len(line.lstrip())
            if lead not in section_starts and not PART_HEADING_LINE_BREAKS.search(head):
                heading_lines.append((pos, _heading_kind(head)))
        pos += len(line) + 1
    parts = []
    for i, (start, kind) in enumerate(heading_lines):
        end = heading_lines[i + 1][0] if i + 1 < len(heading_lines) else len(text)
        owner = _innermost_section(sections, start)  # a heading line inside a section ends with it
        parts.append((start, end if owner is None else min(end, sections[owner].char_end), kind))
    parts += [(s.char_start, s.char_end, _heading_kind(s.heading)) for s in sorted(sections, key=lambda s: s.level)]
    starts = [a for a, _ in spans]
    kinds: list[str | None] = [None] * len(spans)
    for start, end, kind in parts:
        if kind:
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            kinds[lo:hi] = [kind] * (hi - lo)
    return kinds


def _innermost_sections(sections: list[Section], positions: list[int]) -> list[int | None]:
    """_innermost_section for each of the increasing positions, in one sweep: the open sections
    are those started, by list order, at or before the position and not yet ended."""
    starts = [s.char_start for s in sections]
    ends = [max(s.char_end, s.char_start + 1) for s in sections]
    found: list[int | None] = []
    open_: list[int] = []
    nxt = 0
    for pos in positions:
        while nxt < len(starts) and starts[nxt] <= pos:
            open_.append(nxt)
            nxt += 1
        if open_ and ends[open_[-1]] <= pos or len(open_) > 1 and ends[open_[0]] <= pos:
            open_ = [i for i in open_ if pos < ends[i]]
        found.append(open_[-1] if open_ else None)
    return found


def _innermost_section(sections: list[Section], pos: int) -> int | None:
    """Index of the last section (in list order, up to the first starting after pos) holding pos."""
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
    kinds = _part_kinds(body, spans, sections)
    # in a review part a fact matters only to a bare 要: classify asks when it meets one
    facts = [kind != "review" and is_fact(body[start:end], figures=kind != "plan")
             for (start, end), kind in zip(spans, kinds)]
    review = _review_paragraphs(lines, facts)
    found: list[tuple[str, str, str, int, int]] = []
    for (start, end), line, span_fact, kind in zip(spans, lines, facts, kinds):
        marker_end = _strip_marker(body, start, end, section_starts)
        # is_fact of the span holds for the sentence without its marker and end mark, except
        # when the marker itself matched (a digit of "1." before a figure): then ask again
        fact = span_fact if marker_end == start and kind != "review" else None
        start = marker_end
        while end > start and body[end - 1] in SENTENCE_END_MARKS:
            end -= 1
        if start >= end:
            continue
        sentence = body[start:end]
        decided = classify(sentence, in_review=kind == "review" or line in review, fact=fact, plan=kind == "plan")
        if decided is not None:
            found.append((sentence, decided[0], decided[1], start, end))
    owners = _innermost_sections(sections, [start for _, _, _, start, _ in found])
    return [Directive(text=sentence, modality=modality, trigger=trigger, char_start=start, char_end=end, section=owner)
            for (sentence, modality, trigger, start, end), owner in zip(found, owners)]
