"""Quantitative targets and achievements: one row per figure a document states as a target or
reports as done ("地区生产总值增长5%左右", "城镇新增就业149.4万人", "到2027年，…达到80%以上").

Figure: a number with a unit (%, 万人, 亿元, 个百分点 …), optionally a range ("5%—5.5%", "4.5-5%")
and a qualifier (左右, 以上, 约, 不低于 …), that closes its clause. A number followed by a noun
("14个方面的工作", "15件民生实事") modifies that noun and is no figure; nor is a number in a title
《…》 or a quotation “…”, an ordinal or rank (第3次, 居全国第5位), a date or a document number.

Indicator: the clause before the number, without its leads (一是, 今年, 全省, 力争 …), without a verb
that only sets a level (控制在, 达到, 稳定在, 提高到 …) and without a comparison base (比上年); a verb
of change stays (增长, 下降, 涨幅). A figure with no indicator gives no row. "增长5.3%" right after
"地区生产总值5696亿元，" borrows that noun; "A、B、C分别增长x、y、z" gives one row per item; a
comparison ("高于全国1.8个百分点") gives none.

Kind, first that speaks: a "主要预期目标是：" list (to the end of its paragraph) or target words of
the clause (力争, 目标); achieved words of the clause (了, 已, 初步统计); the years the sentence
names (到2027年, 今年 → target; 2025年, 去年 in a 2026 document → achieved); the part of the document (工作回顾 /
发展成就 vs 工作安排 / 重点工作 / 目标任务: level-1 sections and bare heading lines); a comparison
with last year (比上年, 同比 → achieved); the paragraph (its years, or narration: 了, 已经 …); weak
words of the clause (确保, 左右, 以上 → target; 实现, 达到 → achieved); target.
Period: the year the sentence names, else the one year of the part's heading on the side of
doc_year that fits the kind ("“十五五”时期…" 2030), else doc_year for a target, doc_year - 1 for an
achievement.

Speed: one scan for figures (the pattern opens with a digit class, so the regex engine skips to
digits), then work only around the figures found; cheap character tests before the slower patterns.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from transforms.directives import FACT_MARKERS
from transforms.structure import SECTION_MARKER, Section

# --- rule tables -------------------------------------------------------------------------------

# A number: digits (fullwidth too), thousands commas, a decimal point. Not after a digit, a Latin
# letter or 第 (checked on the character before the first digit), not before a Latin letter.
# e.g. "5.5", "1,588.7", "５．５" ; not the 2.5 of "PM2.5", not "5G", not "第3次"
DIGITS = "0-9０-９"
NUMBER_NOT_AFTER = r"0-9０-９.．,A-Za-z_第"
NUMBER = rf"[{DIGITS}](?<![{NUMBER_NOT_AFTER}][{DIGITS}])[{DIGITS}]*(?:,[{DIGITS}]{{3}})*(?:[.．][{DIGITS}]+)?(?![A-Za-z])"

# Units as written after the number: a share, or an optional magnitude and a base unit (or a bare
# magnitude: "突破8000亿"). Not 年 月 日 号 位 次 届 期 (dates, document numbers, ranks, ordinals).
# e.g. "5.5%", "5.5％", "1.8个百分点", "149.4万人", "1.4万亿斤", "5696亿元", "750多万人次", "150多个"
PERCENT_UNITS = ("%", "％", "‰", "个百分点", "百分点")
MAGNITUDES = ("万亿", "千亿", "百亿", "亿", "千万", "百万", "十万", "万", "千")
BASE_UNITS = (
    "元", "美元", "斤", "公斤", "吨", "人次", "人", "户", "千瓦时", "千瓦", "千伏", "度", "亩", "公顷",
    "平方米", "平方公里", "平方千米", "立方米", "公里", "千米", "米", "辆", "套", "台", "个", "家",
    "项", "所", "座", "条", "件", "张", "头", "只", "株", "标箱", "艘", "架次", "间", "处", "名",
    "岁", "小时", "天", "倍", "场", "册", "床", "栋", "根", "份", "种", "篇", "部", "千克", "克",
    "微克", "毫克", "起", "对", "批", "列",
)
# "多"/"余" between the number and the unit: a lower bound, kept as the qualifier. e.g. "11万多户"
APPROX_INFIXES = ("多", "余")
# Range separators between two numbers. e.g. "5%—5.5%", "6%－6.5%", "4.5-5%", "2%～3%", "5%至6%"
RANGE_SEPARATORS = ("——", "—", "－", "-", "–", "～", "~", "〜", "至", "到")
# Qualifiers after the figure. e.g. "5%左右", "18万人以上", "5.5%以内", "2%以下"
SUFFIX_QUALIFIERS = ("左右", "及以上", "以上", "以内", "以下", "上下")
# Qualifiers just before the number. e.g. "约5%", "不低于90%", "超过840亿斤", "近1000亿元", "突破4万元"
PREFIX_QUALIFIERS = ("不低于", "不超过", "不少于", "不高于", "约", "近", "超过", "突破", "超", "逾", "高于", "低于")
# An aspiration word before the number in its clause is the qualifier when no other is.
# e.g. "力争新增外资外贸企业30家"
ASPIRATION_QUALIFIER = "力争"

# What may follow a figure: the end of its clause, a parenthesis, or the next figure of a list.
# e.g. "增长5%左右，", "…4%左右和6%左右"; not "14个方面的工作", not "5%的目标"
FIGURE_END = r"[，,；;。：:！？!?、）)”\n（(]|$|[和与及]\s*[0-9０-９]"

# Sentences end at SENTENCE_BREAKS; a subject is lent only within a segment (no ；); a clause
# starts after the last CLAUSE_BREAKS (or after a figure joined by 、 to this one).
# e.g. "…增长5.5%，城镇新增就业47.3万人" -> the clause "城镇新增就业47.3万人"
SENTENCE_BREAKS = "。！？!?\n"
SEGMENT_BREAKS = "；;"
CLAUSE_BREAKS = "，,：:"
SCAN_BACK_CHARS = 400  # how far back a sentence start (or an open quotation) is looked for
CLAUSE_SCAN_CHARS = 80  # how far back a clause start is: longer text before a number names no indicator
# Joiners between the figures of one list. e.g. "分别增长4.2%、5%、5.4%", "增长4%左右和6%左右"
LIST_JOINERS = re.compile(r"\s*[、和与及]\s*")
_JOINER_RUN = re.compile(r"[\s、和与及]*")

# Leads of a clause that are no part of the indicator, stripped from its start: enumerations,
# times, places, connectives, aims. e.g. "一是", "其中", "全年", "2025年", "到2027年底",
# "“十五五”时期", "全省", "我市", "力争", "实现", "完成", "累计", "共有"
LEAD_WORDS = re.compile(
    r"(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|其中|包括|同时|此外|另外|总体上|初步(?:统计|核算)|据(?:初步)?统计|预计"
    r"|(?:截至|截止|到|至)?\d{4}年(?:底|末|前)?|今年|去年|全年|当年|上年|年内|年底前|明年"
    r"|“十[一二三四五六七八九]五”(?:时期|期间|期末|末)?|[一二三四五两]年来|这五年|五年间|近年来"
    r"|全(?:省|市|区|县|州|盟|旗|镇|乡|域)|我(?:省|市|区|县|州|国)|本(?:省|市|区|县)|全国"
    r"|力争|确保|争取|努力|力求|推动|促进|实现|完成|要|将|累计|共有|现有|拥有|共|总计|合计|、|\s)+"
)
# Words before the number that only set a level, stripped from the indicator's end (longest
# first, repeatedly); a verb of change stays, but with 到/至/在/为 it sets a level too.
# e.g. "城镇调查失业率控制在" -> "城镇调查失业率", "粮食产量继续保持" -> "粮食产量", "比例提高到" -> "比例",
# "全市生产总值完成" -> "全市生产总值"
_LEVEL_VERBS = ("控制", "稳定", "保持", "维持", "提高", "提升", "增加", "增长", "增", "下降", "降低", "降",
                "减少", "减", "缩小", "缩短", "压缩", "压减", "扩大", "上升", "达", "整合", "调整", "精简")
LEVEL_WORDS = tuple(sorted({v + p for v in _LEVEL_VERBS for p in "到至在为"} | {
    "达到", "达", "为", "是", "在", "至", "到", "保持", "稳定", "稳步", "持续", "进一步", "继续", "力争", "完成",
    "确保", "预计", "累计", "共", "总计", "合计", "平均", "均", "全部", "分别", *PREFIX_QUALIFIERS,
}, key=len, reverse=True))
# Footnote calls inside the indicator, dropped. e.g. "四大主导产业［2］占GDP比重"
FOOTNOTE_CALL = re.compile(r"［\d{1,2}］|\[\d{1,2}\]")
# A comparison base inside the indicator, dropped. e.g. "比上年增长", "同比增长", "较2020年提高",
# "比“十三五”时期增长"
COMPARISON_BASE = re.compile(
    r"(?:比|较)(?:上年|去年|上一年|\d{4}年|同期|“十[一二三四五六七八九]五”(?:时期|期间|期末|末)?)(?:同期)?|同比")
# Verbs of change and shares of a whole: an indicator made only of these borrows the noun of the
# figure just before. e.g. "地区生产总值5696亿元，增长5.3%", "…、占全国2.3%"
CHANGE_VERBS = ("增长", "增加", "净增", "下降", "降低", "减少", "提高", "提升", "上涨", "上升", "回落", "扩大",
                "缩小", "增速", "增幅", "涨幅")
CHANGE_FORMS = frozenset({p + v for p in ("", "年均", "平均", "均") for v in CHANGE_VERBS}
                         | {"占" + w + d + b for w in ("全国", "全省", "全市", "全区") for d in ("", "的") for b in ("", "比重")})
# A head noun alone (or with a verb of change) names a part of the figure just before.
# e.g. "外贸进出口增长8.4%，总额突破8000亿元" -> "外贸进出口总额"; "…达到9048万千瓦，占比55.1%"
GENERIC_HEADS = frozenset(("总量", "总数", "总额", "总值", "总规模", "规模", "占比", "比重", "增量", "总投资", "增速", "增幅"))
# A bare verb is no indicator (what was built or reached is not named). e.g. "、惠及461万人次", "、竣工437个"
BARE_VERBS = frozenset(("惠及", "竣工", "完工", "开工", "建设", "建成", "新建", "整合", "招生", "投入", "完成", "新增",
                        "净增", "压降", "带动", "覆盖", "服务", "培训", "吸引", "接待", "签约", "实施", "开展", "引进", "落地",
                        "并网", "投产", "开通", "通车"))
# "…新政30条": a package of measures named by its exact count, no figure. e.g. "积极落实人才新政30条"
# (seed 002); not "出台优化房地产政策25项", "出台稳增长措施近100条"
PACKAGE_NAME_HEADS = ("新政", "政策", "措施", "举措", "意见")
PACKAGE_NAME_UNIT = "条"
# A rank or a comparison is no indicator. e.g. "高于全国1.8个百分点", "居全国第5位",
# "增速高于全国平均水平0.5个百分点", "…水体比例优于国家考核目标14.6个百分点"
RANK_LEADS = ("比", "较", *(a + b for a in ("居", "排", "排名", "位居", "位列", "列", "名列")
                            for b in ("全国", "全省", "全市", "全区", "西部", "中部", "东部", "前", "第", "首")))
COMPARISON = re.compile(
    r"(?:高于|低于|快于|慢于|优于|好于|超出|领先)[^，。]{0,6}?(?:全国|全省|全市|全区|平均|上年|去年|同期|预期|目标|年初|计划|水平)")
_COMPARISON_CHARS = re.compile("[于出先]")  # every COMPARISON match holds one
# "A、B分别增长x、y": one indicator per item of the subject; an item of at most
# ITEM_SHORTHAND_CHARS shares the last item's head. e.g. "一产、二产、三产增加值分别增长" -> 一产增加值 …;
# "城镇、农村居民人均可支配收入" -> 城镇居民人均可支配收入
RESPECTIVELY = "分别"
ITEM_SEPARATORS = re.compile(r"[、和与及]")
ITEM_SHORTHAND_CHARS = 2
# "由X增加到Y": the indicator is before 由/从, the figure is the one after 到. e.g. "常住人口由上年729万人
# 增加到732万人", "…由106家整合为50家", "人均地区生产总值从5.6万元增至7.8万元"
FROM_TO = re.compile(r"(?:由|从)[^由从]*\d[^由从]*(?:到|至|为)$")
# The figure right after 由/从 is where a change started: no row. e.g. "补贴标准分别从每人每月209元、
# 280元提高到…"; not 自由, 从业人员, 从事
FROM_START = re.compile(r"(?<!自)(?:由|从)(?!业|事)[^，,、由从到至]{0,6}$")
# A number with a unit inside the indicator's text starts the indicator after it; a number with
# no unit after it, or after 前/超, is part of a name and stays.
# e.g. "较“十三五”末的9323.1亿元增加" -> "增加", "22条重点入黄排水沟整治率" -> "重点入黄排水沟整治率";
# "世界500强企业", "全球前1‰学科", "总投资超10亿元项目", "65岁以上老年人", "500千伏及以上输电线路" stay
EMBEDDED_NAME_LEADS = "前超"
EMBEDDED_NAME_BOUNDS = ("以上", "以下", "及以上", "及以下")
EMBEDDED_UNITS = ("年底", "年末", "个月", "季度", "年", "月", "日", "号", "次", "届", "期", "位", "轮")
INDICATOR_MIN_CHARS = 2
INDICATOR_MAX_CHARS = 30   # longer text before a number is a narrative, not a named indicator
_HAS_NAME = re.compile(r"[\u4e00-\u9fff]|[A-Z]{2,}")

# Kind. Words of the figure's clause that decide whatever the part says.
# e.g. "力争增长6%", "主要预期目标", "计划到2027年"; not "人均预期寿命"
STRONG_TARGET = re.compile(r"力争|目标|预期(?!寿命)|预计到|计划到")
# e.g. "增长了5%", "已建成", "初步统计", "超额完成"
STRONG_ACHIEVED = re.compile(r"了(?<![为除]了)(?!解|结|然|不起)|已经|已(?!知)|初步(?:统计|核算)|超额")
# A comparison with a past year: achieved unless the part plans ("…、同比增长7%左右" in 2026年工作安排).
# e.g. "比上年增长", "同比增长", "较2020年提高"
PAST_COMPARISON = re.compile(r"(?:比|较)(?:上年|去年|\d{4}年)|同比")
# Weak words, used when neither the part nor the paragraph decides. 争取 also narrates funds won
# ("争取中央预算内投资150亿元" in a review). e.g. "确保粮食产量稳定在…", "控制在5.5%以内";
# "全市共有各级各类学校1200所" (a state: achieved)
WEAK_TARGET = re.compile(r"争取|确保|控制在|不低于|不超过|不少于|以上|左右|以内|以下|将|要(?!素|点|求)|年均")
WEAK_ACHIEVED = re.compile(r"实现|达到|达|完成|累计|突破|新增|增长|下降|提高|共有|现有|拥有")
# A list of targets: its lead, and its scope to the end of the paragraph. The lead may be broken
# over lines. e.g. "今年经济社会发展主要预期目标是：…", "主要预期目标\n是：…", "主要目标为："
TARGET_LIST_LEAD = re.compile(r"目\s*标\s*(?:是|为)\s*[：:]")
# A paragraph with this many statements of fact (directives.FACT_MARKERS: 了, 已经, 取得了, 五年来 …)
# narrates. e.g. "…政府机构改革如期完成。成立了市招投标交易管理中心，…"
REVIEW_PARAGRAPH_FACTS = 2

# Years named in the sentence. e.g. "到2027年" (target when >= doc_year), "2025年" (achieved when
# < doc_year), "截至2025年底"; not "比2020年", "是2006年的", "2012年以来"
# (Lookbehinds stand after the first character, so the engine can skip to it.)
YEAR_MENTION = re.compile(r"(?P<year>(?:19|20)\d\d)(?<![比较与和同\d]\d{4})年(?:底|末|前)?(?!的|以来|来|比|同期|\d)")
YEAR_TO_WORDS = ("到", "至", "截至", "截止")  # just before the year: "到2027年", "截至2025年底"
YEAR_UNTIL_WORDS = ("截至", "截止")           # ... of which these look back: no target without doc_year
# Years relative to doc_year; a span of five years counts as its last year.
# e.g. "今年" (doc_year), "去年" (doc_year - 1), "今后五年" (doc_year + 4); not "比去年", "今年以来"
RELATIVE_YEARS = {"今年": 0, "明年": 1, "去年": -1, "上年": -1, "今后五年": 4, "未来五年": 4, "过去五年": -1}
RELATIVE_YEAR = re.compile(rf"(?P<word>{'|'.join(RELATIVE_YEARS)})(?!以来|同期)")
RELATIVE_YEAR_NOT_AFTER = "比较与同"
# A five-year plan names its last year: the n-th plan ends 1955 + 5n. e.g. "“十四五”" -> 2025;
# not "较“十三五”时期下降" (a comparison base)
FIVE_YEAR_PLAN = re.compile(r"十(?P<plan>[一二三四五六七八九])五(?<![比较]十.五)(?<![比较]“十.五)”?(?:时期|期间|期末|末)?")
CN_DIGIT_VALUE = {c: i + 1 for i, c in enumerate("一二三四五六七八九")}
# In a sentence's lead (the clauses before the figure's) a year counts only as a time adverbial:
# with 到/至 before it or one of these after it. e.g. "2025年，全省…", "“十五五”时期，…";
# not "“十四五”批复的6个基地"
LEAD_TIME_FOLLOWERS = ("，", ",", "、", "是", "以来", "内", "我", "全")

# Parts of a document: headings that review the past or plan ahead. Years decide a heading with
# neither kind of word (< doc_year: review). e.g. "2025年和“十四五”时期工作回顾" (review),
# "“十五五”时期主要目标和重点任务" (plan), "一年接着一年干，新福建建设持续取得新进展新成效" (review),
# "“十四五”时期发展成就和“十五五”时期主要目标任务" (both kinds: the part does not decide)
REVIEW_HEADING = re.compile(r"回顾|成就|总结|成效|成绩|进展|过去|[一二三四五两]年来|基本情况|完成情况|发展基础")
PLAN_HEADING = re.compile(r"安排|重点工作|主要工作|目标|任务|举措|部署|计划|思路|要求|措施|考虑")
# A heading line without a marker (parts of reports are often unnumbered): short, no clause
# punctuation. e.g. "“十四五”时期发展成就和2025年工作回顾", "2026年重点工作"
# (Matched after a line break, so the engine skips to one; the text is searched with one put in front.)
BARE_HEADING_LINE = re.compile(r"\n[ \t]*(?P<heading>[^\n，,。；;：:！？!?]{4,30}?)[ \t]*(?=\n|$)")

# Titles and quotations: a figure inside one is a name, not a figure. e.g. 《关于…增长5%的通知》
QUOTE_PAIRS = (("《", "》"), ("“", "”"))


@dataclass(frozen=True)
class Target:
    """One row of the targets table (the caller adds doc_id, target_id and section_id)."""
    indicator: str            # as written next to the number, e.g. "地区生产总值增长", "城镇调查失业率"
    value: float              # the number as written: 5.5 for "5.5%", 1.4 for "1.4万亿斤"
    value_high: float | None  # upper end of a range ("5%—5.5%" -> 5.5), else None
    unit: str                 # as written: "%", "％", "万人", "亿元", "个百分点"
    qualifier: str | None     # 左右, 以上, 以内, 以下, 不低于, 不超过, 约, 力争, 超过, 多 … ; None when none
    kind: str                 # "target" | "achieved"
    period: int | None        # the year the figure is for
    text: str                 # the clause: from the indicator (or its list's subject) to the figure's end
    char_start: int           # offsets of the clause into the clean text
    char_end: int
    section: int | None       # index of the innermost enclosing section, or None


# --- compiled patterns -------------------------------------------------------------------------

def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _first_chars(*tables) -> str:
    return re.escape("".join(sorted({w[0] for table in tables for w in table})))


_UNIT = (rf"(?P<pct>{_alternation(PERCENT_UNITS)})"
         rf"|(?P<mag>{_alternation(MAGNITUDES)})?(?P<infix>{_alternation(APPROX_INFIXES)})?(?P<base>{_alternation(BASE_UNITS)})"
         rf"|(?P<bare>{_alternation(MAGNITUDES)})")
# the lookahead on the unit's first characters fails a date or a bare number at once
FIGURE = re.compile(
    rf"(?P<low>{NUMBER})(?:(?P<low_unit>{_alternation(PERCENT_UNITS)})?\s*(?:{_alternation(RANGE_SEPARATORS)})\s*(?P<high>{NUMBER}))?"
    rf"(?P<approx>{_alternation(APPROX_INFIXES)})?(?=[{_first_chars(PERCENT_UNITS, MAGNITUDES, BASE_UNITS)}])(?:{_UNIT})"
    rf"(?P<qual>{_alternation(SUFFIX_QUALIFIERS)})?(?={FIGURE_END})"
)
_EMBEDDED_NUMBER = re.compile(
    rf"(?<![{EMBEDDED_NAME_LEADS}]){NUMBER}(?:{_alternation(APPROX_INFIXES)})?(?:{_UNIT}|{_alternation(EMBEDDED_UNITS)})")
_DIGIT = re.compile(f"[{DIGITS}]")
_JOINER_AFTER = re.compile(r"[、和与及]?")
_PREFIX_QUALIFIERS_LONGEST_FIRST = sorted(PREFIX_QUALIFIERS, key=len, reverse=True)
_LEVEL_SET = frozenset(LEVEL_WORDS)
_LEVEL_LAST_CHARS = frozenset(w[-1] for w in LEVEL_WORDS)
_CHANGE_MAX_CHARS = max(map(len, CHANGE_FORMS))
_CHANGE_LAST_CHARS = frozenset(w[-1] for w in CHANGE_FORMS)
_RANK_FIRST_CHARS = frozenset(w[0] for w in RANK_LEADS) | {"的"}
_LENDING_GAPS = frozenset(("", "、", *CLAUSE_BREAKS))
_LEVEL_MAX_CHARS = max(map(len, LEVEL_WORDS))
_FOLD = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


# --- helpers -----------------------------------------------------------------------------------

def _number(s: str) -> float:
    if s.isascii() and "," not in s:
        return float(s)
    return float(s.translate(_FOLD).replace(",", ""))


def _after_last(text: str, chars: str, lo: int, hi: int) -> int:
    """Index just after the last of `chars` in text[lo:hi], or lo."""
    best = lo - 1
    for c in chars:
        i = text.rfind(c, lo, hi)
        if i > best:
            best = i
    return best + 1


def _plan_end_year(numeral: str) -> int:
    return 1955 + 5 * (10 + CN_DIGIT_VALUE[numeral])


@dataclass(frozen=True)
class _Breaks:
    """The break characters the text holds (rfind for an absent one would scan the whole window)."""
    sentence: str
    clause: str               # every clause break, sentence breaks included
    quotes: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, text: str) -> _Breaks:
        def present(chars: str) -> str:
            return "".join(c for c in chars if c in text)
        return cls(present(SENTENCE_BREAKS), present(SENTENCE_BREAKS + SEGMENT_BREAKS + CLAUSE_BREAKS),
                   tuple(pair for pair in QUOTE_PAIRS if pair[0] in text))


@dataclass(slots=True)
class _Figure:
    match: re.Match
    start: int                # of the number
    end: int                  # of the figure, qualifier included
    clause_start: int         # after the last break (，：；。 …) before the number


@dataclass(slots=True)
class _Row:
    fig: _Figure
    indicator: str
    clause_start: int
    qualifier: str | None     # a qualifier before the number

    @property
    def noun(self) -> str:
        """The indicator without a trailing verb of change: what a following "增长x%" borrows."""
        return _without_change(self.indicator) or self.indicator


# --- parts of the document ---------------------------------------------------------------------

# A year in a heading: any "20xx年", also after a conjunction (a heading compares nothing).
# e.g. "“十五五”时期目标任务和2026年工作安排" -> 2026 (and 2030 from the plan)
HEADING_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")


def _heading_years(heading: str) -> set[int]:
    years = {int(m.group()) for m in HEADING_YEAR.finditer(heading)}
    years.update(_plan_end_year(m.group("plan")) for m in FIVE_YEAR_PLAN.finditer(heading))
    return years


def _heading_class(heading: str, doc_year: int | None) -> str | None:
    """"review" | "plan" | None for a heading (see REVIEW_HEADING)."""
    review, plan = bool(REVIEW_HEADING.search(heading)), bool(PLAN_HEADING.search(heading))
    if review != plan:
        return "review" if review else "plan"
    if review or doc_year is None:
        return None
    years = _heading_years(heading)
    if years and all(y < doc_year for y in years):
        return "review"
    if years and all(y >= doc_year for y in years):
        return "plan"
    return None


@dataclass(frozen=True)
class _Part:
    start: int
    cls: str | None
    years: frozenset[int]
    numbered: bool


def _parts(text: str, sections: list[Section], doc_year: int | None) -> list[_Part]:
    """Level-1 sections that start a line and bare heading lines, in order, with their class."""
    # a marker inside a paragraph ("…。第一、二轮督察…") is no part heading
    parts = [_Part(s.char_start, _heading_class(s.heading, doc_year), frozenset(_heading_years(s.heading)), True)
             for s in sections if s.level == 1 and (s.char_start == 0 or text[s.char_start - 1] == "\n")]
    for m in BARE_HEADING_LINE.finditer("\n" + text):
        heading = m.group("heading")
        if SECTION_MARKER.match(heading.lstrip()):
            continue
        cls = _heading_class(heading, doc_year)
        if cls and (REVIEW_HEADING.search(heading) or PLAN_HEADING.search(heading)):
            parts.append(_Part(m.start("heading") - 1, cls, frozenset(_heading_years(heading)), False))
    parts.sort(key=lambda p: p.start)
    return parts


def _part_at(parts: list[_Part], starts: list[int], pos: int) -> _Part | None:
    """The part holding pos. An unclassified numbered section falls back to the bare heading line
    before it (a report's unnumbered part heading above its numbered sections)."""
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return None
    if parts[i].cls is not None or not parts[i].numbered:
        return parts[i]
    return next((parts[j] for j in range(i - 1, -1, -1) if not parts[j].numbered), None)


def _innermost_section(sections: list[Section], starts: list[int], pos: int) -> int | None:
    i = bisect.bisect_right(starts, pos) - 1
    while i is not None and i >= 0:
        sec = sections[i]
        if pos < max(sec.char_end, sec.char_start + 1):
            return i
        i = sec.parent
    return None


# --- figures and indicators --------------------------------------------------------------------

def _figures(text: str, breaks: _Breaks) -> list[_Figure]:
    """Figures (see FIGURE) outside titles and quotations."""
    found = []
    quotes = breaks.quotes
    for m in FIGURE.finditer(text):
        start = m.start()
        window = start - SCAN_BACK_CHARS if start > SCAN_BACK_CHARS else 0
        # inside 《…》 or “…”: the last opening mark before the number comes after the last closing one
        for opening, closing in quotes:
            if text.rfind(opening, window, start) > text.rfind(closing, window, start):
                break
        else:
            clause_start = _after_last(text, breaks.clause, max(0, start - CLAUSE_SCAN_CHARS), start)
            found.append(_Figure(m, start, m.end(), clause_start))
    return found


def _prefix_qualifier(raw: str) -> str | None:
    """The qualifier just before the number ("超过"), else 力争 anywhere in the clause, else None."""
    if raw.endswith(PREFIX_QUALIFIERS):
        return next(q for q in _PREFIX_QUALIFIERS_LONGEST_FIRST if raw.endswith(q))
    return ASPIRATION_QUALIFIER if ASPIRATION_QUALIFIER in raw else None


def _indicator_text(raw: str) -> str:
    """The clause before the number without footnote calls, comparison bases, a from-to start
    ("由729万人增加到") or what precedes a figure inside it."""
    if "［" in raw or "[" in raw:
        raw = FOOTNOTE_CALL.sub("", raw)
    if "比" in raw or "较" in raw:
        raw = COMPARISON_BASE.sub("", raw)
    if "由" in raw or "从" in raw:
        from_to = FROM_TO.search(raw)
        if from_to:
            return raw[:from_to.start()]
        if FROM_START.search(raw):
            return ""
    if _DIGIT.search(raw):
        cut = 0
        for embedded in _EMBEDDED_NUMBER.finditer(raw):
            if not raw.startswith(EMBEDDED_NAME_BOUNDS, embedded.end()):
                cut = _JOINER_AFTER.match(raw, embedded.end()).end()
        return raw[cut:]
    return raw


def _without_change(indicator: str) -> str:
    """The indicator without the longest verb of change ending it ("" when it is all change)."""
    if indicator and indicator[-1] in _CHANGE_LAST_CHARS:
        for n in range(min(_CHANGE_MAX_CHARS, len(indicator)), 1, -1):
            if indicator[-n:] in CHANGE_FORMS:
                return indicator[:-n]
    return indicator


def _strip(indicator: str) -> str:
    """Without leads at the start and level words at the end."""
    lead = LEAD_WORDS.match(indicator)
    if lead:
        indicator = indicator[lead.end():]
    stripped = True
    while stripped and indicator and indicator[-1] in _LEVEL_LAST_CHARS:  # the longest level word, repeatedly
        stripped = False
        for n in range(min(_LEVEL_MAX_CHARS, len(indicator)), 0, -1):
            if indicator[-n:] in _LEVEL_SET:
                indicator, stripped = indicator[:-n], True
                break
    return indicator.strip()


def _valid(indicator: str) -> bool:
    return (INDICATOR_MIN_CHARS <= len(indicator) <= INDICATOR_MAX_CHARS and bool(_HAS_NAME.search(indicator))
            and not indicator.endswith("的")
            and not (indicator[0] in _RANK_FIRST_CHARS and indicator.startswith(("的", *RANK_LEADS)))
            and not (_COMPARISON_CHARS.search(indicator) and COMPARISON.search(indicator))
            and indicator not in BARE_VERBS)


def _package_name(m: re.Match, indicator: str, qualifier: str | None) -> bool:
    """An exact count of measures after their name ("人才新政30条"; not "稳增长措施近100条")."""
    return (m.group("base") == PACKAGE_NAME_UNIT and not (qualifier or m.group("qual") or m.group("approx"))
            and indicator.endswith(PACKAGE_NAME_HEADS))


def _respective_items(subject: str, n: int) -> list[str] | None:
    """n indicators from "A、B、C" (short items share the last item's head), or None."""
    items = [i for i in ITEM_SEPARATORS.split(subject) if i]
    if len(items) != n:
        return None
    last = items[-1]
    return [i + last[len(i):] if len(i) <= ITEM_SHORTHAND_CHARS and len(last) > len(i) else i for i in items]


def _chain_length(text: str, figures: list[_Figure], i: int) -> int:
    """How many figures from figures[i] on are joined by 、/和 ("分别增长4.2%、5%、5.4%" -> 3)."""
    n = 1
    while i + n < len(figures) and LIST_JOINERS.fullmatch(text, figures[i + n - 1].end, figures[i + n].start):
        n += 1
    return n


def _rows(text: str, figures: list[_Figure]) -> list[_Row]:
    """The figures that have an indicator, with it."""
    rows: list[_Row] = []
    prev: _Row | None = None            # the row of the figure just before, when it may lend its noun
    chain: list[str] = []               # indicators of a 分别 list still to hand out
    chain_start = 0                     # where the clause of the list's first figure starts
    prev_end = -1
    for i, fig in enumerate(figures):
        clause_start = fig.clause_start
        joined = prev_end >= clause_start and LIST_JOINERS.fullmatch(text, prev_end, fig.start)
        if prev_end > clause_start:     # a figure before in the clause (joined by 、) ends the last one
            clause_start = _JOINER_RUN.match(text, prev_end).end()
        # only the figure just before (no clause between, no ；。 either) lends its noun
        if prev is not None and text[prev.fig.end:clause_start].strip() not in _LENDING_GAPS:
            prev = None
        prev_end = fig.end
        if not joined:
            chain = []
        elif chain:
            rows.append(_Row(fig, chain.pop(0), chain_start, None))
            prev = rows[-1]
            continue
        raw = text[clause_start:fig.start]
        qualifier = _prefix_qualifier(raw)
        raw = _indicator_text(raw)
        if RESPECTIVELY in raw:
            subject, _, verb = raw.partition(RESPECTIVELY)
            subject, verb = _strip(subject), _strip(verb)
            if not _valid(subject):
                prev = None
                continue
            n = _chain_length(text, figures, i)
            items = _respective_items(subject, n)
            names = [item + verb for item in items] if items else [subject + verb] * n
            chain, chain_start = names[1:], clause_start
            indicator = names[0]
        else:
            indicator = _strip(raw)
            if prev is not None and _without_change(indicator) in GENERIC_HEADS:
                indicator = prev.noun + indicator   # "…增长8.4%，总额突破8000亿元"
            elif not indicator or indicator in CHANGE_FORMS:
                # "…5696亿元，增长5.3%", "…增加1829万千瓦、达到9048万千瓦": the noun of the figure before
                if prev is None or not indicator and not raw.endswith(LEVEL_WORDS):
                    prev = None
                    continue
                indicator = prev.noun + indicator
            if not _valid(indicator) or _package_name(fig.match, indicator, qualifier):
                prev = None
                continue
        rows.append(_Row(fig, indicator, clause_start, qualifier))
        prev = rows[-1]
    return rows


# --- kind and period ---------------------------------------------------------------------------

def _year_cues(clause: str, doc_year: int | None, lead: bool = False) -> list[tuple[int, int, str | None]]:
    """(position, year, kind) of the years the clause names: a past year means achieved, this
    year or a later one target. In a `lead` only time adverbials count (LEAD_TIME_FOLLOWERS)."""
    cues = []
    if "年" in clause:
        for m in YEAR_MENTION.finditer(clause):
            to = clause.endswith(YEAR_TO_WORDS, 0, m.start())
            if lead and not to and not clause.startswith(LEAD_TIME_FOLLOWERS, m.end()):
                continue
            year = int(m.group("year"))
            if doc_year is not None:
                cues.append((m.start(), year, "achieved" if year < doc_year else "target"))
            else:
                cues.append((m.start(), year, "target" if to and not clause.endswith(YEAR_UNTIL_WORDS, 0, m.start()) else None))
        if doc_year is not None:
            for m in RELATIVE_YEAR.finditer(clause):
                if m.start() and clause[m.start() - 1] in RELATIVE_YEAR_NOT_AFTER or lead and clause.startswith("的", m.end()):
                    continue
                offset = RELATIVE_YEARS[m.group("word")]
                cues.append((m.start(), doc_year + offset, "achieved" if offset < 0 else "target"))
    if "五" in clause:
        for m in FIVE_YEAR_PLAN.finditer(clause):
            if lead and not clause.startswith(LEAD_TIME_FOLLOWERS, m.end()):
                continue
            year = _plan_end_year(m.group("plan"))
            cues.append((m.start(), year, None if doc_year is None else "achieved" if year < doc_year else "target"))
    return cues


def _year_cue(clause: str, doc_year: int | None, lead: bool = False) -> tuple[str | None, int | None]:
    """(kind, year) of the year the clause names last, or (None, None)."""
    if "年" not in clause and "五" not in clause:  # every year cue holds one
        return None, None
    cues = _year_cues(clause, doc_year, lead)
    if not cues:
        return None, None
    _, year, kind = max(cues)
    return kind, year


def _paragraph_kind(text: str, pos: int, doc_year: int | None, cache: dict[int, str | None]) -> str | None:
    """What the paragraph (line) holding pos is about: the years it names when they all lie on one
    side of doc_year, else "achieved" when it narrates (REVIEW_PARAGRAPH_FACTS statements of fact)."""
    start = text.rfind("\n", 0, pos) + 1
    if start not in cache:
        end = text.find("\n", pos)
        paragraph = text[start:len(text) if end < 0 else end]
        kinds = {kind for _, _, kind in _year_cues(paragraph, doc_year)} - {None}
        if len(kinds) == 1:
            cache[start] = kinds.pop()
        else:
            facts = FACT_MARKERS.finditer(paragraph)
            narrates = sum(1 for _ in zip(range(REVIEW_PARAGRAPH_FACTS), facts)) >= REVIEW_PARAGRAPH_FACTS
            cache[start] = "achieved" if narrates else None
    return cache[start]


def _list_scopes(text: str) -> list[tuple[int, int]]:
    """Spans of the target lists: from a TARGET_LIST_LEAD to the end of its paragraph."""
    scopes = []
    for m in TARGET_LIST_LEAD.finditer(text):
        end = text.find("\n", m.end())
        scopes.append((m.end(), len(text) if end < 0 else end))
    return scopes


def _kind(text: str, clause: str, pos: int, year_kind: str | None, part: _Part | None,
          in_list: bool, doc_year: int | None, paragraphs: dict[int, str | None]) -> str:
    """target | achieved, by the order of the module docstring."""
    if in_list or STRONG_TARGET.search(clause):
        return "target"
    if STRONG_ACHIEVED.search(clause):
        return "achieved"
    if year_kind:
        return year_kind
    if part is not None and part.cls:
        return "achieved" if part.cls == "review" else "target"
    if PAST_COMPARISON.search(clause):
        return "achieved"
    paragraph_kind = _paragraph_kind(text, pos, doc_year, paragraphs)
    if paragraph_kind:
        return paragraph_kind
    if WEAK_TARGET.search(clause):
        return "target"
    return "achieved" if WEAK_ACHIEVED.search(clause) else "target"


# --- main --------------------------------------------------------------------------------------

def find_targets(text: str, sections: list[Section], doc_year: int | None) -> list[Target]:
    """Targets and achievements of the clean text, in document order (see the module docstring)."""
    breaks = _Breaks.of(text)
    rows = _rows(text, _figures(text, breaks))
    if not rows:
        return []
    parts = _parts(text, sections, doc_year)
    part_starts = [p.start for p in parts]
    section_starts = [s.char_start for s in sections]
    scopes = _list_scopes(text)
    scope_starts = [a for a, _ in scopes]
    paragraphs: dict[int, str | None] = {}
    leads: dict[int, list[tuple[int, int, str | None]]] = {}  # sentence start -> its time adverbials
    found: list[Target] = []
    for row in rows:
        fig, clause_start = row.fig, row.clause_start
        pos = fig.start
        clause = text[clause_start:fig.end]
        year_kind = year = None
        if "年" in clause or "五" in clause:
            year_kind, year = _year_cue(clause, doc_year)
        if year is None:  # the sentence's lead ("到2027年，", "2025年，") speaks for all its clauses
            sentence_start = _after_last(text, breaks.sentence, max(0, clause_start - SCAN_BACK_CHARS), clause_start)
            if sentence_start not in leads:
                ends = [e for e in (text.find(c, clause_start) for c in breaks.sentence) if e >= 0]
                leads[sentence_start] = _year_cues(text[sentence_start:min(ends, default=len(text))], doc_year, lead=True)
            before = [cue for cue in leads[sentence_start] if cue[0] < clause_start - sentence_start]
            if before:
                _, year, year_kind = max(before)
        part = _part_at(parts, part_starts, pos)
        i = bisect.bisect_right(scope_starts, pos) - 1
        in_list = i >= 0 and pos < scopes[i][1]
        kind = _kind(text, clause, pos, year_kind, part, in_list, doc_year, paragraphs)
        if year is None and part is not None and doc_year is not None:
            years = {y for y in part.years if (y < doc_year) == (kind == "achieved")}
            if len(years) == 1:
                year = years.pop()
        if year is None and doc_year is not None:
            year = doc_year if kind == "target" else doc_year - 1
        low, high, pct, mag, base, bare, qual, approx, infix = fig.match.group(
            "low", "high", "pct", "mag", "base", "bare", "qual", "approx", "infix")
        found.append(Target(
            row.indicator,                                          # indicator
            _number(low),                                           # value
            _number(high) if high else None,                        # value_high
            pct or (mag or "") + (base or "") or bare,              # unit
            qual or approx or infix or row.qualifier,               # qualifier
            kind,
            year,                                                   # period
            clause,                                                 # text
            clause_start,                                           # char_start
            fig.end,                                                # char_end
            _innermost_section(sections, section_starts, pos),      # section
        ))
    return found
