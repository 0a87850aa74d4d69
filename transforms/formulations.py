"""Formulations (提法): the policy phrases a document uses, e.g. “两重”“两新”, 新质生产力, 人工智能+, 四个意识.

`find_formulations(text)` gives one Formulation per distinct phrase: its kind, how often it occurs in
the clean text and the offset of its first occurrence. Kinds, in the order that decides when a
phrase qualifies for several (its form says more than the list it is on):

- numbered: a number word + 个/大/项/种/条/件 + a head (两个确立, 四个意识, 十大工程), or paired number
  units (五位一体, 六稳六保, 两学一做); quoted, on the lexicon, or bare with a head that names a stance
  or a programme. An ordinary count is not one: 三个月, 两个方面, 十大类45项, 第二个百年奋斗目标.
- slogan: a term followed by + or ×, optionally by a second term (人工智能+, 数据要素×,
  互联网+政务服务); “人工智能+”行动 gives 人工智能+. Not 1+N (a number) nor 做强×的 (× for a name).
- lexicon: lexicon.FORMULATION_TERMS (新质生产力, 中国式现代化, 放管服 ...), quoted or not.
- quoted: any other short phrase in “” that names a policy or slogan (“两重”, “十五五”, “三保”), not
  quoted speech (说：“…”), a long quotation, a title or brand (《》, ·), an event or an honour (“…”称号).

Phrase convention: a quoted coinage keeps its quotation marks (“两新”, “十五五”): the quotes are what
make it a formulation, and bare 两新 also starts 两新组织, another one. Every other kind is bare,
whether or not the text quotes it (四个意识, 放管服). A fullwidth ＋ is written + (人工智能＋ ->
人工智能+). For every row clean_text[first_offset:] starts with the phrase (＋ read as +) and count
is the number of times the phrase occurs in clean_text, also inside a longer one (放管服 in
放管服改革). To find a formulation in either form: `where replace(replace(phrase, '“', ''), '”', '')
= '两新'`.

`scan(text)` also gives the spans the tokenizer keeps whole (tokens.count_terms(keep_whole=...)).
Pure and fast: a regex scan per kind (quotes, classifiers, the lexicon as two prefix trees), str.find
for the + of slogans, Python only per match. Limits: quotation marks are “” (as in the clean text);
two lexicon terms that overlap without nesting (法治中国式现代化) count the first only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import FORMULATION_TERMS

KINDS = ("numbered", "slogan", "lexicon", "quoted")

HANZI = "\u4e00-\u9fff"
NUM = "两二三四五六七八九十"   # numbers of a counted formulation (一 counts nothing: 一个问题)
UNIT_NUM = NUM + "一双"        # numbers of a paired one (一老一小, 一岗双责)

# A quoted span worth a look: 2-24 characters, no quotation mark or line break inside. e.g. “两新”
QUOTED_MAX = 24
QUOTED = re.compile(f"“([^“”\\n]{{2,{QUOTED_MAX}}})”")
# Inside the quotes, signs of a quotation, not a phrase: sentence punctuation, spaces, title and
# brand marks, × for a redacted name. e.g. “我们要……。”, “行走河南·读懂中国”, “×梦”
NOT_A_PHRASE = re.compile(r"[，。；：！？…,;:!?\s《》〈〉·•×]")
# Separators of a listed slogan, and its limits: one item of at most MAX_PHRASE characters (longer is
# a quotation, e.g. “在中国式现代化建设中展现更大作为”), or short items. e.g. “不敢腐、不能腐、不想腐”
LIST_SEPARATOR = re.compile(r"[、+＋—–/-]")
MAX_PHRASE, MAX_ITEM, MAX_LIST = 12, 7, 20
# A programme's name may be longer. e.g. “百县千镇万村高质量发展工程”
PROGRAMME_NAME = re.compile(r"(?=.{13,16}$).+(?:工程|行动|计划|战略|工作法|体系|机制|模式)")
# A phrase names something with a letter or hanzi in it. e.g. “1+N”, not “1”
WORDLIKE = re.compile(f"[A-Za-z{HANZI}]")
# A number code names a policy when what it numbers follows, not a unit. e.g. “1571”工作体系,
# “1+5”农业科技创新联盟; not “00”号, “28+10”项
NUMBER_CODE = re.compile(r"[0-9]+(?:[+＋][0-9]+)*")
CODE_NAMES = re.compile(f"(?![号年月日时分秒次元万亿个名家人条项件])[{HANZI}]")
# What introduces quoted speech: a colon, or a verb of saying. e.g. 习总书记说的“政贵有恒”, 强调：“…”
SPEECH_BEFORE = r"(?:说的?|讲的?|所说|指出|强调|表示|提到|谈到|写道)[：，]?$|[：:]$"
# An honour, award or rating, not a policy. e.g. 荣获“全国脱贫攻坚楷模”称号, 获“五个一工程”奖
HONOUR_BEFORE = r"(?:获评?|获得|评为|授予|入选|荣膺|誉为|称为|命名为)$"
NOT_POLICY_BEFORE = re.compile(f"{SPEECH_BEFORE}|{HONOUR_BEFORE}")
# After the quotes: an honour, or a holiday. e.g. “时代楷模”称号, “五一”节后 (but “八五”普法)
NOT_POLICY_AFTER = re.compile(r"(?:荣誉)?称号|奖(?![补励])|之称|之誉|殊荣|等次|节(?![能约水点])|假期|黄金周|长假")
# Meetings, fairs and contests are events, not formulations. e.g. “十八大”, “二十届三中全会”,
# “百业千企AI转型联合大赛”
EVENT = re.compile(r"[一二三四五六七八九十]{1,3}大|.*(?:全会|博览会|交易会|论坛|大会|峰会|年会|大赛|艺术节|文化节|旅游节)")

# Numbered forms (fullmatch on a quoted or listed phrase): number + classifier + head, e.g. 两个确立,
# 五大战略, 三个一批; paired number units, e.g. 五位一体, 六稳六保, 三基地一屏障一高地. Not “十五五”
# (numbers only), “两新” (one unit: quoted), “一张网”.
NUMBERED_FORM = re.compile(
    f"[{NUM}]{{1,2}}[个大项种条件][{HANZI}]{{1,8}}"
    f"|(?:[{UNIT_NUM}](?![{UNIT_NUM}])[{HANZI}](?:(?![{UNIT_NUM}])[{HANZI}])?){{2,4}}")
# Heads that make a bare count a formulation: what cannot be counted (a stance, a principle), and
# named programmes after 大. e.g. 增强四个意识 -> 四个意识, 打好三大攻坚战 -> 三大攻坚战; not 三个月,
# 两个方面, 十大类45项, 两个代表团. The scans start at the classifier (one literal character: 5x
# faster than a character class) and then look back for the number.
COUNTED_HEADS = ("意识|自信|自觉|维护|确立|全面|必须|务必|坚持|毫不动摇|一批|大局|积极性|结合|没有变|有之|到位"
                 "|优先|认同|与共|不摘")
PROGRAMME_HEADS = "攻坚战|工程|行动|战略|发展理念|定位|布局"
BARE_COUNTS = (re.compile(f"个(?:{COUNTED_HEADS})"), re.compile(f"大(?:{PROGRAMME_HEADS})"))
NUMBER_RUN = re.compile(f"[{NUM}]{{1,2}}$")
# Before the number: a larger number or an ordinal. e.g. 第二个百年, 十五个五年规划
NUMBER_BEFORE = re.compile(f"[第{UNIT_NUM}百千万几多0-9]")

# Slogan form (fullmatch on a quoted phrase): a term, + and maybe a second term, or a term and a
# closing ×. e.g. “人工智能+”, “数据要素×”, “文旅+百业”, “AI+信创”; not “1+N”, “7×24小时”
SLOGAN_FORM = re.compile(f"([A-Za-z0-9{HANZI}]{{2,10}})(?:[+＋]([A-Za-z0-9{HANZI}]{{2,8}})?|×)")
# A bare slogan's operator; × only before 行动 (elsewhere it stands for a redacted name: 做强×的软实力).
SLOGAN_OPERATORS = ("+", "＋", "×行动")
# The term before a bare operator: a run of hanzi, or one Latin word (AI, 5G); not a grade or a
# number. e.g. 中国5G+工业互联网大会 -> 5G+; not 进入全国A+等级, 5+2就业之家
SLOGAN_STEM = re.compile(f"(?:[{HANZI}]{{2,16}}|[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*)$")
SLOGAN_NEXT = re.compile(f"[{HANZI}]{{0,8}}")
# Words before a bare slogan's term that are not part of it. e.g. 开展人工智能+行动 -> 人工智能+
# (内蒙古's 开展“人工智能+”行动 without its quotes)
SLOGAN_LEAD = re.compile(r".*(?:实施|推进|开展|深化|推动|发展|打造|加快|拓展|推广|探索|构建|建设|完善|促进"
                         r"|推行|实行|坚持|落实|培育|壮大|依托|利用|运用|通过|聚焦|围绕|实现|深入|全面|大力"
                         r"|积极|持续|的|和|与|及|以|在|等)")
# Nouns after a bare slogan that name its programme, not a second term.
# e.g. 人工智能+行动 -> 人工智能+; 互联网+政务服务平台建设 -> 互联网+政务服务
SLOGAN_TAIL = re.compile(r"(?:行动|计划|工程|战略|模式|体系|平台|场景|应用|试点|改革|建设|融合|发展|新业态|产业|时代)$")
MAX_SECOND_TERM = 4



def _trie(words) -> str:
    """An alternation of words as a prefix tree (碳达峰(?:碳中和)?|...): it matches what the plain
    longest-first alternation matches, with one branch per first character instead of one per word
    (0.56 vs 0.85 ms on a report; tests/test_formulations.py compares the two)."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")

    return emit(tree)


# The lexicon, scanned longest match first (碳达峰碳中和 whole), in two scans of half the first
# characters each: the regex engine tries every branch at a failed start, so two half-size trees
# cost less than one (0.39 vs 0.56 ms on a report). A term inside a longer one of its scan (碳达峰
# in 碳达峰碳中和) is counted from the longer one's matches; one of the other scan (高质量发展 in
# 黄河流域生态保护和高质量发展) is matched there.
LEXICON = frozenset(FORMULATION_TERMS)
_FIRSTS = sorted({term[0] for term in LEXICON})
_HALVES = (frozenset(_FIRSTS[0::2]), frozenset(_FIRSTS[1::2]))
LEXICON_SCANS = tuple(re.compile(_trie(sorted(t for t in LEXICON if t[0] in half))) for half in _HALVES)
_INSIDE = {long: [(short, long.count(short), long.find(short)) for short in LEXICON
                  if short != long and short in long and (short[0] in _HALVES[0]) == (long[0] in _HALVES[0])]
           for long in LEXICON}


@dataclass(frozen=True, slots=True)
class Formulation:
    phrase: str
    kind: str
    count: int
    first_offset: int

    @property
    def term(self) -> str:
        """The phrase as the terms table counts it: without its quotation marks."""
        return self.phrase.strip("“”")


def _kind_of_bare(phrase: str) -> str:
    if NUMBERED_FORM.fullmatch(phrase):
        return "numbered"
    if _slogan(phrase) == phrase:
        return "slogan"
    return "lexicon"


def _slogan(inner: str) -> str | None:
    """The slogan a quoted phrase is (+ as ASCII), or None. e.g. 人工智能＋ -> 人工智能+"""
    m = SLOGAN_FORM.fullmatch(inner)
    if not m or not WORDLIKE.search(m.group(1)):
        return None
    return inner.replace("＋", "+")


LEXICON_KIND = {term: _kind_of_bare(term) for term in LEXICON}


@lru_cache(maxsize=200_000)
def _verdict(inner: str) -> str | None:
    """What a quoted phrase is, whatever its context: the bare phrase of a slogan or numbered form,
    "quoted" or "code" for the quoted kind, None for a lexicon term (the lexicon scan counts it) or
    no formulation. Cached per process: a corpus repeats its quoted phrases (“十五五”)."""
    if inner in LEXICON:
        return None
    slogan = _slogan(inner)
    if slogan:
        return slogan
    if NUMBERED_FORM.fullmatch(inner):
        return inner
    return _quoted_verdict(inner)


def _quoted_verdict(inner: str) -> str | None:
    """"quoted" for a quoted phrase short enough (one item, or a list of short items) to name rather
    than quote, "code" for a number code, else None."""
    if NOT_A_PHRASE.search(inner) or EVENT.fullmatch(inner):
        return None
    if not WORDLIKE.search(inner):
        return "code" if NUMBER_CODE.fullmatch(inner) else None
    items = LIST_SEPARATOR.split(inner)
    if len(items) == 1:
        return "quoted" if len(inner) <= MAX_PHRASE or PROGRAMME_NAME.fullmatch(inner) else None
    return "quoted" if len(inner) <= MAX_LIST and all(0 < len(item) <= MAX_ITEM for item in items) else None


def _names_a_policy(text: str, start: int, end: int, code: bool) -> bool:
    """The quoted span text[start:end] is not introduced as speech, nor an honour or a holiday (and
    a code is followed by what it numbers)."""
    if code and not CODE_NAMES.match(text, end):
        return False
    return not (NOT_POLICY_BEFORE.search(text, max(0, start - 4), start) or NOT_POLICY_AFTER.match(text, end))


def _bare_counts(text: str):
    """Bare counted formulations: a head found by its classifier, then the number before it."""
    for bare_count in BARE_COUNTS:
        for m in bare_count.finditer(text):
            number = NUMBER_RUN.search(text, max(0, m.start() - 2), m.start())
            if number and not (number.start() and NUMBER_BEFORE.match(text, number.start() - 1)):
                yield text[number.start():m.end()]


def _operators(text: str):
    """(offset, operator) of every bare slogan operator, by str.find: most texts have none."""
    for op in SLOGAN_OPERATORS:
        at = text.find(op)
        while at >= 0:
            yield at, op[0]
            at = text.find(op, at + 1)


def _bare_slogans(text: str) -> set[str]:
    """Slogans outside quotes."""
    found: set[str] = set()
    for at, op in _operators(text):
        lo = max(0, at - QUOTED_MAX)
        if text.rfind("“", lo, at) > text.rfind("”", lo, at):
            continue  # inside quotes: the quoted span decides
        stem = SLOGAN_STEM.search(text, max(0, at - 16), at)
        if not stem:
            continue
        term = stem.group()
        lead = SLOGAN_LEAD.match(term)
        if lead:
            term = term[lead.end():]
        if not 2 <= len(term) <= MAX_ITEM:
            continue
        second = ""
        if op != "×":
            second = SLOGAN_NEXT.match(text, at + 1).group()
            for _ in range(3):
                tail = SLOGAN_TAIL.search(second)
                if not tail:
                    break
                second = second[:tail.start()]
            if not 2 <= len(second) <= MAX_SECOND_TERM:
                second = ""
        found.add(term + ("×" if op == "×" else "+") + second)
    return found


def _occurrences(text: str, phrase: str, quoted_at: list[int], wide: bool) -> list[int]:
    """Offsets of a bare phrase (+ also written ＋ when the text has it), given those inside quotes:
    most of the quoted coinages never occur unquoted, and one count shows it."""
    variants = (phrase, phrase.replace("+", "＋")) if wide and "+" in phrase else (phrase,)
    counts = [text.count(v) for v in variants]
    if sum(counts) == len(quoted_at):
        return quoted_at
    found = []
    for v, n in zip(variants, counts):
        at = text.find(v) if n else -1
        while at >= 0:
            found.append(at)
            at = text.find(v, at + 1)
    return sorted(found)


@dataclass(frozen=True)
class Scan:
    """A text's formulations, and the spans of clean_text the tokenizer should keep whole: every
    occurrence of a formulation but a lexicon term (already a user word) or a list of items."""
    formulations: list[Formulation]
    spans: list[tuple[int, int]]


def find_formulations(text: str) -> list[Formulation]:
    """Every formulation of the text, ordered by first occurrence."""
    return scan(text).formulations


def scan(text: str) -> Scan:
    """Every formulation of the text, ordered by first occurrence, and the spans to keep whole."""
    rows: dict[str, Formulation] = {}
    spans: list[tuple[int, int]] = []
    bare: dict[str, list[int]] = {}  # phrase -> its offsets inside quotes

    # quoted spans: numbered and slogan forms go bare, lexicon terms are left to the lexicon scan
    quoted: dict[str, list[int]] = {}  # inner -> offsets of its opening quote
    for m in QUOTED.finditer(text):
        starts = quoted.get(m.group(1))
        if starts is None:
            quoted[m.group(1)] = [m.start()]
        else:
            starts.append(m.start())
    for inner, starts in quoted.items():
        verdict = _verdict(inner)
        if not verdict:
            continue
        width = len(inner) + 2
        for s in starts:
            if _names_a_policy(text, s, s + width, verdict == "code"):
                break
        else:
            continue
        if verdict in ("quoted", "code"):
            phrase = f"“{inner}”".replace("＋", "+")
            row = rows.get(phrase)  # “调解＋仲裁” and “调解+仲裁” are one phrase
            rows[phrase] = Formulation(phrase, "quoted", len(starts) + (row.count if row else 0),
                                       min(starts[0], row.first_offset if row else len(text)))
            if "、" not in inner:
                spans += [(s + 1, s + width - 1) for s in starts]
        else:
            bare.setdefault(verdict, []).extend(s + 1 for s in starts)

    for phrase in _bare_counts(text):
        bare.setdefault(phrase, [])
    for phrase in _bare_slogans(text):
        bare.setdefault(phrase, [])

    # lexicon: direct matches, then the terms inside each longer match
    lex: dict[str, list[int]] = {}
    for lexicon_scan in LEXICON_SCANS:
        for m in lexicon_scan.finditer(text):
            seen = lex.get(m.group())
            if seen is None:
                lex[m.group()] = [1, m.start()]
            else:
                seen[0] += 1
    for long, (n, start) in list(lex.items()):
        for short, k, offset in _INSIDE[long]:
            seen = lex.get(short)
            if seen is None:
                lex[short] = [n * k, start + offset]
            else:
                seen[0] += n * k
                seen[1] = min(seen[1], start + offset)
    for term, (count, first) in lex.items():
        rows[term] = Formulation(term, LEXICON_KIND[term], count, first)

    wide = "＋" in text
    for phrase, quoted_at in bare.items():
        if phrase in rows:
            continue
        offsets = _occurrences(text, phrase, sorted(quoted_at), wide)
        if offsets:
            rows[phrase] = Formulation(phrase, _kind_of_bare(phrase), len(offsets), offsets[0])
            spans += [(at, at + len(phrase)) for at in offsets]
    return Scan(sorted(rows.values(), key=lambda f: (f.first_offset, f.phrase)), sorted(spans))
