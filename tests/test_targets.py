"""Targets: the gold of the 23 real work reports (matched exactly as tests/fixtures/score_seeds.py
matches), and each rule on real sentences of those reports and of the seeds.
A few negatives the corpus has no instance of (a phone number, an arabic ordinal, a figure in a
title) are written in the corpus's style and say so."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest
import yaml

from transforms import targets as T
from transforms.document import process_document
from transforms.structure import split_sections
from transforms.targets import Target, find_targets

from conftest import FIXTURES
from fixtures.score_seeds import norm, same_value  # the scorer's own comparisons

GOVREPORTS = FIXTURES / "realworld" / "govreports"
GOLD = sorted((GOVREPORTS / "expected").glob("*.yaml"))


@lru_cache(maxsize=None)
def report(name: str) -> tuple[str, tuple]:
    """A report's clean text as the pipeline makes it, and its sections."""
    processed = process_document((GOVREPORTS / name).read_bytes(), name)
    text = processed.document["clean_text"]
    return text, tuple(split_sections(text))


def report_year(name: str) -> int:
    return int(name[:4])  # the fixtures are named by the report's year: 2026_广东省_政府工作报告.txt


def rows(text: str, doc_year: int | None = 2026) -> list[Target]:
    return find_targets(text, split_sections(text), doc_year)


def brief(t: Target) -> tuple:
    return t.indicator, t.value, t.value_high, t.unit, t.qualifier, t.kind, t.period


# --- the gold: the scorer's matching ------------------------------------------------------------

def gold_items(exp: dict) -> list[tuple[str, dict]]:
    targets = exp.get("targets", {})
    return ([("target", item) for item in targets.get("must_include", [])]
            + [("achieved", item) for item in targets.get("achieved", [])])


def scorer_hits(found: list[Target], item: dict) -> list[Target]:
    """score_seeds.py: indicator_contains within the indicator (NFKC, no spaces), value equal."""
    return [t for t in found if norm(item["indicator_contains"]) in norm(t.indicator)
            and t.value is not None and abs(float(t.value) - float(item["value"])) < 1e-6]


def scorer_ok(hits: list[Target], item: dict, kind: str) -> bool:
    """score_seeds.py: some hit has the unit and kind, and the qualifier and value_high when given."""
    want_kind = item.get("kind", kind)
    return any(norm(t.unit) == norm(item["unit"]) and t.kind == want_kind
               and ("qualifier" not in item or same_value(item["qualifier"], t.qualifier))
               and ("value_high" not in item or (t.value_high is not None and abs(t.value_high - item["value_high"]) < 1e-6))
               for t in hits)


@pytest.mark.parametrize("doc_year", ["known", None])
@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.stem)
def test_gold_targets_of_the_work_reports(gold, doc_year):
    exp = yaml.safe_load(gold.read_text(encoding="utf-8"))
    name = exp["source_file"]
    text, sections = report(name)
    found = find_targets(text, list(sections), report_year(name) if doc_year == "known" else None)
    failures = []
    for kind, item in gold_items(exp):
        hits = scorer_hits(found, item)
        if not scorer_ok(hits, item, kind):
            failures.append((item, [brief(t) for t in hits][:4]))
    assert not failures
    assert gold_items(exp), "every report's gold names targets"


@pytest.mark.parametrize("gold", GOLD[:6], ids=lambda p: p.stem)
def test_rows_point_into_the_clean_text(gold):
    name = yaml.safe_load(gold.read_text(encoding="utf-8"))["source_file"]
    text, sections = report(name)
    found = find_targets(text, list(sections), report_year(name))
    assert found == sorted(found, key=lambda t: t.char_end)
    for t in found:
        assert text[t.char_start:t.char_end] == t.text
        assert t.kind in ("target", "achieved") and t.indicator and t.unit
        if t.section is not None:
            sec = sections[t.section]
            assert sec.char_start <= t.char_start and t.char_end <= max(sec.char_end, sec.char_start + 1) + 1


def test_a_report_gives_rows_for_figures_only():
    # precision: far fewer rows than numbers (dates, ranks, counts before nouns give none)
    text, sections = report("2026_广东省_政府工作报告.txt")
    found = find_targets(text, list(sections), 2026)
    numbers = len(re.findall(r"\d+(?:\.\d+)?", text))
    assert 0 < len(found) < numbers / 2
    assert not [t for t in found if t.unit in ("年", "月", "日", "号", "位", "次")]


# --- lists of targets --------------------------------------------------------------------------

def test_a_list_of_six_targets_in_one_sentence():
    # 黑龙江: joined by ，; a range whose low end has no unit
    text = ("今年全省经济社会发展主要预期目标是：地区生产总值增长4.5-5%，在实际工作中争取更好结果，粮食产量1600亿斤以上，"
            "城镇新增就业30万人以上，城镇调查失业率5.7%左右，居民消费价格涨幅2%左右，城乡居民收入增长与经济增长同步，"
            "单位地区生产总值二氧化碳排放降低3.8%左右。")
    assert [brief(t) for t in rows(text)] == [
        ("地区生产总值增长", 4.5, 5.0, "%", None, "target", 2026),
        ("粮食产量", 1600.0, None, "亿斤", "以上", "target", 2026),
        ("城镇新增就业", 30.0, None, "万人", "以上", "target", 2026),
        ("城镇调查失业率", 5.7, None, "%", "左右", "target", 2026),
        ("居民消费价格涨幅", 2.0, None, "%", "左右", "target", 2026),
        ("单位地区生产总值二氧化碳排放降低", 3.8, None, "%", "左右", "target", 2026),
    ]


def test_a_list_joined_by_semicolons():
    # 天津: ；between items, ，inside one; 城镇新增就业28万人 has no qualifier
    text = ("今年经济社会发展主要预期目标是：地区生产总值增长4.5%，在实际工作中努力争取更好结果；一般公共预算收入增长2%；"
            "固定资产投资提质增效；城镇调查失业率5.5%左右，城镇新增就业28万人；居民消费价格涨幅2%左右；"
            "居民收入增长和经济增长基本同步；节能减排减污降碳指标完成国家下达目标。")
    assert [(t.indicator, t.value, t.qualifier) for t in rows(text)] == [
        ("地区生产总值增长", 4.5, None), ("一般公共预算收入增长", 2.0, None), ("城镇调查失业率", 5.5, "左右"),
        ("城镇新增就业", 28.0, None), ("居民消费价格涨幅", 2.0, "左右")]


def test_a_list_lead_broken_over_lines_still_makes_targets():
    # 广东: "…发展的\n主要预期目标\n是：…"; the list lies in no part, and 增长…%—…% alone would say nothing
    text = "今年经济社会发展的\n主要预期目标\n是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果；地方一般公共预算收入增长3%左右。"
    assert [brief(t) for t in rows(text, doc_year=None)] == [
        ("地区生产总值增长", 4.5, 5.0, "%", None, "target", None),
        ("地方一般公共预算收入增长", 3.0, None, "%", "左右", "target", None),
    ]


# --- ranges, fullwidth, forms of the figure ------------------------------------------------------

@pytest.mark.parametrize("sep", ["—", "-", "－", "～", "~", "至"])
def test_ranges(sep):
    # 江西 writes "5%-5.5%", 安徽 "5%—5.5%"; the other separators are the same sentence with －, ～, ~, 至
    t, = rows(f"经济社会发展主要预期目标是：地区生产总值增长5%{sep}5.5%，规模以上工业增加值增长7.3%以上")[:1]
    assert (t.value, t.value_high, t.unit, t.qualifier) == (5.0, 5.5, "%", None)


def test_a_range_before_a_noun_is_no_figure():
    assert rows("支持各县分类、错位发展，做强做优1—2个主导产业，培育优势产业集群、特色板块经济，发展壮大县域经济。") == []


def test_fullwidth_percent_is_kept_as_written():
    # 陕西 writes ％
    text = ("经济社会发展的主要预期目标是：生产总值增长5％左右，固定资产投资增速保持在全国平均水平以上，一般公共预算收入增长3％，"
            "城镇新增就业40万人以上，城镇调查失业率5.5％左右，居民消费价格涨幅2％左右。")
    assert [(t.indicator, t.value, t.unit, t.qualifier) for t in rows(text)] == [
        ("生产总值增长", 5.0, "％", "左右"), ("一般公共预算收入增长", 3.0, "％", None), ("城镇新增就业", 40.0, "万人", "以上"),
        ("城镇调查失业率", 5.5, "％", "左右"), ("居民消费价格涨幅", 2.0, "％", "左右")]


def test_fullwidth_digits():
    # the 陕西 sentence as a page with fullwidth digits writes it (normalize folds them; raw text may not be)
    t, = rows("经济社会发展的主要预期目标是：生产总值增长５．５％左右，城镇新增就业４０万人以上")[:1]
    assert (t.value, t.unit, t.qualifier, t.char_end - t.char_start) == (5.5, "％", "左右", len("生产总值增长５．５％左右"))


def test_control_within_and_up_to():
    # 新疆: "控制在…以内"; a level verb is no part of the indicator, 、 joins the two figures
    text = "居民消费价格指数涨幅2%左右，城镇新增就业47万人以上、城镇调查失业率控制在5.5%以内。"
    assert [(t.indicator, t.value, t.qualifier) for t in rows(text)] == [
        ("居民消费价格指数涨幅", 2.0, "左右"), ("城镇新增就业", 47.0, "以上"), ("城镇调查失业率", 5.5, "以内")]


@pytest.mark.parametrize("text, indicator, value, unit, qualifier", [
    ("常住人口城镇化率达到71.5%。", "常住人口城镇化率", 71.5, "%", None),                      # 内蒙古: 达到
    ("粮食产量继续保持500亿斤以上；", "粮食产量", 500.0, "亿斤", "以上"),                         # 湖北: 继续保持
    ("农村生活污水治理率提升到55%以上，", "农村生活污水治理率", 55.0, "%", "以上"),               # 提升到
    ("粮食产量超过840亿斤；", "粮食产量", 840.0, "亿斤", "超过"),                                  # 内蒙古: a qualifier before
    ("新增经营主体11万多户，", "新增经营主体", 11.0, "万户", "多"),                               # 宁夏: 多 inside the unit
    ("力争新增外资外贸企业30家左右。", "新增外资外贸企业", 30.0, "家", "左右"),                   # 宁夏
    ("力争电力总装机达到1.1亿千瓦，", "电力总装机", 1.1, "亿千瓦", "力争"),                       # 宁夏: 力争 as the qualifier
    ("农村生活垃圾收运体系村民小组覆盖率不低于98%。", "农村生活垃圾收运体系村民小组覆盖率", 98.0, "%", "不低于"),
    ("社会消费品零售总额突破1.5万亿元。", "社会消费品零售总额", 1.5, "万亿元", "突破"),            # 1.5 for 1.5万亿元
])
def test_forms_of_a_figure(text, indicator, value, unit, qualifier):
    t, = rows(text)
    assert (t.indicator, t.value, t.unit, t.qualifier) == (indicator, value, unit, qualifier)


# --- indicators: borrowed, respective, from-to -----------------------------------------------------

@pytest.mark.parametrize("text, indicator", [
    ("2011年，全市生产总值完成1588.7亿元，是2006年的1.9倍；", "生产总值"),                      # seed 004: 完成 sets a level
    ("65岁及以上老年人医养结合服务率达到40%以上", "65岁及以上老年人医养结合服务率"),               # 湖北: a number in the name
    ("220千伏及以上输电线路总长超7万公里", "220千伏及以上输电线路总长"),                          # 内蒙古
    ("和田地区矿业权出让实现收益60.37亿元", "和田地区矿业权出让实现收益"),                        # 新疆: 和 starting a name
    ("累计培育创新型企业1714家、专精特新企业814家", "培育创新型企业"),                            # 内蒙古: 累计 leads
    ("全市共有各级各类学校1200所。", "各级各类学校"),                                             # (written) 共有 leads
])
def test_indicators_as_written(text, indicator):
    assert rows(text)[0].indicator == indicator


def test_a_state_without_any_other_cue_is_achieved():
    # (written) a statistic with no part, no year, no target word: 共有 states what is
    t, = rows("全市共有各级各类学校1200所。", doc_year=None)
    assert (t.kind, t.period) == ("achieved", None)


def test_a_change_after_a_figure_with_a_comparison_base_borrows_the_noun_before():
    # 甘肃: "较…9323.1亿元" is the base, the change belongs to 地区生产总值
    found = rows("全省地区生产总值达到13697.5亿元，较“十三五”末的9323.1亿元增加4374.4亿元，增长33.6%。")
    assert [(t.indicator, t.value) for t in found] == [
        ("地区生产总值", 13697.5), ("地区生产总值增加", 4374.4), ("地区生产总值增长", 33.6)]


def test_a_change_after_a_total_borrows_its_noun():
    # 宁夏; "超过全国平均水平" is a comparison, no row
    assert [brief(t)[:4] for t in rows("全年实现地区生产总值5696亿元，增长5.3%，超过全国平均水平。")] == [
        ("地区生产总值", 5696.0, None, "亿元"), ("地区生产总值增长", 5.3, None, "%")]


def test_a_change_does_not_borrow_across_a_semicolon():
    found = rows("地区生产总值增长5.8%，增速居全国第2位；增长9.5%，增速居全国第3位。")
    assert [t.value for t in found] == [5.8]


def test_respectively_gives_one_row_per_item():
    # 宁夏: items with their own head; short items ("城镇") share the last item's head
    assert [(t.indicator, t.value) for t in rows("一产、二产、三产增加值分别增长6%、5.2%、5.2%，分别居全国第二、第七、第九。")] == [
        ("一产增加值增长", 6.0), ("二产增加值增长", 5.2), ("三产增加值增长", 5.2)]
    assert [(t.indicator, t.value) for t in rows("其中城镇、农村居民收入分别增长4.8%、5.9%，分别居全国第四、第八。")] == [
        ("城镇居民收入增长", 4.8), ("农村居民收入增长", 5.9)]
    # 甘肃: full items stay as written
    assert [t.indicator for t in rows("生产安全事故起数、死亡人数、受伤人数、直接经济损失分别下降36.7%、38.8%、50.7%、39.1%。")] == [
        "生产安全事故起数下降", "死亡人数下降", "受伤人数下降", "直接经济损失下降"]


def test_from_to_keeps_the_end_value():
    # 宁夏: the indicator is before 由, the figure after 到
    assert [brief(t)[:4] for t in rows("常住人口由上年729万人增加到732万人，城镇化率达69.1%、超过全国平均水平。")] == [
        ("常住人口", 732.0, None, "万人"), ("城镇化率", 69.1, None, "%")]
    # 广东: the start values after 从 give no row
    found = rows("困难残疾人生活补贴、重度残疾人护理补贴标准分别从每人每月209元、280元提高到217元、290元。")
    assert 209.0 not in [t.value for t in found] and 280.0 not in [t.value for t in found]


def test_from_start_is_not_from_in_a_word():
    # 从业人员 is a noun, not "from" (written in the style of 安徽's 经普 sentence)
    t, = rows("全省二三产业法人单位从业人员1200万人。")
    assert (t.indicator, t.value) == ("全省二三产业法人单位从业人员", 1200.0) or (t.indicator, t.value) == ("二三产业法人单位从业人员", 1200.0)


def test_a_leading_marker_is_no_part_of_the_indicator():
    t, = rows("2.实现城镇新增就业18万人以上。")
    assert t.indicator == "城镇新增就业"


# --- kind and period --------------------------------------------------------------------------------

def test_review_and_plan_parts_decide_the_kind():
    # 吉林's part headings, 山西's sentences: the same indicator achieved in the review, a target in the plan
    text = ("一、工作回顾\n用心用情用力，为民排忧解难。城镇新增就业47.3万人。\n"
            "二、2026年工作安排\n城镇新增就业人数45万人，城镇调查失业率控制在5.5%左右。\n")
    assert [brief(t) for t in rows(text)] == [
        ("城镇新增就业", 47.3, None, "万人", None, "achieved", 2025),
        ("城镇新增就业人数", 45.0, None, "万人", None, "target", 2026),
        ("城镇调查失业率", 5.5, None, "%", "左右", "target", 2026),
    ]


def test_bare_part_headings_decide_for_the_numbered_sections_below():
    # 内蒙古: unnumbered part headings; 一、 of the plan part has no word of its own
    text = ("“十四五”时期发展成就和2025年工作回顾\n——这五年民生福祉不断增进。城镇新增就业累计106万人，常住人口城镇化率达到71.5%。\n"
            "“十五五”时期主要目标和2026年重点工作\n一、把铸牢中华民族共同体意识作为民族地区各项工作的主线\n"
            "（三）大力发展现代能源经济。煤炭产量稳定在12.5亿吨以上，坚决完成国家保供煤任务。\n")
    assert [(t.indicator, t.kind) for t in rows(text)] == [
        ("城镇新增就业", "achieved"), ("常住人口城镇化率", "achieved"), ("煤炭产量", "target")]


def test_a_marker_inside_a_paragraph_is_no_part():
    # 甘肃: "第一、二轮…" inside a review paragraph is parsed as a section; it must not turn the review into a plan
    text = ("“十四五”时期工作回顾\n我们系统强化生态环境保护。第一、二轮中央生态环保督察反馈问题全部整改办结，第三轮整改任务有序推进。"
            "森林覆盖率提高到12.5%。\n")
    assert [(t.indicator, t.kind) for t in rows(text)] == [("森林覆盖率", "achieved")]


def test_a_year_of_the_sentence_decides_kind_and_period():
    # 福建: a past year; 安徽: "到2030年，" leads the sentence
    assert [brief(t)[5:] for t in rows("初步统计，2025年全省地区生产总值60199.45亿元、增长5%，地方一般公共预算收入3723.35亿元、增长3%。")] == \
        [("achieved", 2025)] * 4
    t, = rows("到2030年，高质量充分就业取得新进展，居民收入增长与经济增长同步，基本公共服务均等化水平明显提升，人均预期寿命提高到80岁以上，社会治理更高效。")
    assert brief(t) == ("人均预期寿命", 80.0, None, "岁", "以上", "target", 2030)


def test_a_time_adverbial_in_the_middle_of_a_sentence_speaks_for_what_follows():
    # (written, in 甘肃's words) the first clause is this year's, the rest the plan's
    found = rows("全省粮食产量增长5%，到2030年，粮食产量稳定在1300万吨以上。")
    assert [(t.value, t.kind, t.period) for t in found] == [(5.0, "target", 2026), (1300.0, "target", 2030)]


def test_a_year_in_a_modifier_of_the_lead_is_no_time():
    # 内蒙古: "“十四五”批复的…基地" names a plan, not the time of the figures
    text = ("一、全力抓好七项重点工作\n加快建设“十四五”批复的6个沙戈荒大基地及外送通道，争取再纳规3个沙戈荒大基地，"
            "确保新增新能源装机3000万千瓦、新能源发电量超3000亿度。\n")
    assert [(t.indicator, t.value, t.kind, t.period) for t in rows(text)] == [
        ("新增新能源装机", 3000.0, "target", 2026), ("新能源发电量", 3000.0, "target", 2026)]
    # (written) a year that dates a noun of the lead: "2025年开工项目"
    text = "一、全力抓好七项重点工作\n推动2025年开工项目全部投产，新增新能源装机3000万千瓦。\n"
    assert [(t.kind, t.period) for t in rows(text)] == [("target", 2026)]


def test_target_words_of_the_clause_win_over_a_review_part():
    # 重庆's review part quotes the plan: "力争到2030年…"
    text = "一、2025年和“十四五”时期工作回顾\n力争到2030年，全市地区生产总值迈上4万亿元新台阶，人均地区生产总值达到14万元，全社会研发经费投入强度达到3.25%。\n"
    assert [(t.indicator, t.value, t.kind, t.period) for t in rows(text)] == [
        ("人均地区生产总值", 14.0, "target", 2030), ("全社会研发经费投入强度", 3.25, "target", 2030)]


def test_funds_won_in_a_review_are_achieved():
    # 福建: 争取 narrates funds obtained; the review part decides
    text = "一、一年接着一年干，新福建建设持续取得新进展新成效\n投资保持稳定。自审自发地方政府专项债券1542亿元，争取中央预算内投资150亿元。\n"
    assert [(t.indicator, t.kind) for t in rows(text)] == [("自审自发地方政府专项债券", "achieved"), ("中央预算内投资", "achieved")]


def test_a_five_year_plan_heading_gives_the_period():
    # 甘肃: "“十五五”时期的主要目标任务" -> its targets are for 2030
    text = "“十五五”时期的主要目标任务\n一是高质量发展水平明显提升。全省地区生产总值年均增长5%以上。全员劳动生产率年均增长5%。\n"
    assert [(t.indicator, t.kind, t.period) for t in rows(text)] == [
        ("地区生产总值年均增长", "target", 2030), ("全员劳动生产率年均增长", "target", 2030)]


def test_a_heading_of_the_plan_and_this_year_gives_no_single_period():
    # 辽宁: "“十五五”时期目标任务和2026年工作安排" holds both the plan's and this year's targets:
    # a figure whose sentence names no year is this year's (the heading's 2026 after 和 counts)
    text = ("“十五五”时期目标任务和2026年工作安排\n今年是“十五五”开局之年。\n"
            "全省经济社会发展的主要预期目标是：地区生产总值增长4.5%左右，城镇新增就业45万人以上。\n")
    assert [(t.indicator, t.kind, t.period) for t in rows(text)] == [
        ("地区生产总值增长", "target", 2026), ("城镇新增就业", "target", 2026)]
    only_plan = text.replace("和2026年工作安排", "").replace("今年是“十五五”开局之年。\n", "")  # negative: the plan alone
    assert [t.period for t in rows(only_plan)] == [2030, 2030]


def test_a_narrating_paragraph_outside_any_part_is_achieved():
    # 许昌 (seed 004): a review paragraph of a speech, under a heading with no word of kind
    text = ("（四）管理创新不断深化。教育、文化、卫生、财政、金融等重点领域、关键环节改革取得重大进展，政府机构改革如期完成。"
            "成立了市招投标交易管理中心，公共资源交易更加规范透明。全市行政审批事项由2006年的268项精简至192项，审批事项承诺时限压缩到6.5天。\n")
    assert [(t.indicator, t.value, t.kind, t.period) for t in rows(text, doc_year=2012)] == [
        ("行政审批事项", 192.0, "achieved", 2011), ("审批事项承诺时限", 6.5, "achieved", 2011)]


def test_without_a_doc_year_only_named_years_give_a_period():
    found = rows("力争到2030年，全市地区生产总值迈上4万亿元新台阶，人均地区生产总值达到14万元。城镇新增就业47.3万人。", doc_year=None)
    assert [(t.value, t.period) for t in found] == [(14.0, 2030), (47.3, None)]


# --- negatives: no row ---------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "湖政发〔2017〕18号",                                                        # seed 000: a document number
    "许政办[2012]68号 许昌市人民政府办公室关于印发张国晖市长在市政府六届一次全体会议上讲话的通知",  # seed 004
    "根据《国务院关于印发“十四五”节能减排综合工作方案的通知》（国发〔2024〕18号）要求",          # 〔2024〕18号 in a citation
    "——2026年1月26日在广东省第十四届人民代表大会第五次会议上",                    # 广东: a date
    "浏览量： 时间：2020-03-16 16:19:04",                                        # seed 000: a page date
    "联系电话：0471-6945678，传真：0471-6945679。",                              # (written) a phone number
    "增速居全国第5位。",                                                          # a rank
    "这是我省连续第3次获评全国文明城市，入选第5批国家生态文明建设示范区。",      # (written) ordinals: 第3次, 第5批
    "印发《关于推动城镇新增就业增长5%、农村劳动力转移就业增长3%的若干措施》，",  # (written) a figure in a title
    "提出“3个90%”的工作要求。",                                                  # (written) a figure in a quotation
    "叫响“粮食产量1300亿斤”品牌。",                                              # (written) a slogan: no figure of the document
    "重点抓好以下14个方面的工作：",                                               # 广东: a count before a noun
    "省政府承诺的15件民生实事全部兑现。",                                         # 山西
    "城乡居民收入比值由3.27缩小至2.93。",                                          # 甘肃: a ratio without a unit
    "补贴标准从每人每月209元、",                                                  # 广东: where a change started
    "是2006年的2.9倍；",                                                          # seed 004: what the figure is of is not named
])
def test_numbers_that_are_no_figure_give_no_row(text):
    assert rows(text) == []


def test_a_comparison_gives_no_row_but_its_figure_does():
    # 广西; 甘肃
    assert [(t.indicator, t.value) for t in rows("规上工业增加值增长7.7%，高于全国1.8个百分点。")] == [("规上工业增加值增长", 7.7)]
    assert [(t.indicator, t.value) for t in rows("一般公共预算收入增长5.7%，增速居全国第5位。")] == [("一般公共预算收入增长", 5.7)]
    assert rows("国考断面好于Ⅲ类水体比例优于国家考核目标14.6个百分点。") == []


def test_a_package_of_measures_named_by_its_count_is_no_figure():
    # seed 002 (九江 实施方案): "人才新政30条" names a package; 广西: "近100条" counts measures
    assert rows("积极落实人才新政30条，引导鼓励浔企回迁、浔商回家、浔才回归。", doc_year=2022) == []
    assert [(t.indicator, t.value, t.qualifier) for t in rows("出台稳增长措施近100条。")] == [("出台稳增长措施", 100.0, "近")]


def test_a_bare_verb_gives_no_row():
    # as 海南 writes "…改造…万户、惠及10万余户": 惠及 names no indicator
    assert [t.value for t in rows("实施城市更新项目120个、惠及10万余户。")] == [120.0]


# --- fast paths: the same as the plain rules -------------------------------------------------------

def _clauses() -> list[str]:
    text, _ = report("2026_河南省_政府工作报告.txt")
    return [c for c in re.split(r"[，。；：\n]", text) if c]


def test_level_and_change_word_tables_match_their_plain_patterns():
    level = re.compile(f"(?:{'|'.join(map(re.escape, T.LEVEL_WORDS))})+$")
    change = re.compile(f"(?:{'|'.join(map(re.escape, sorted(T.CHANGE_FORMS, key=len, reverse=True)))})$")
    for clause in _clauses():
        lead = T.LEAD_WORDS.match(clause)
        body = clause[lead.end():] if lead else clause
        m = level.search(body)
        assert T._strip(clause) == (body[:m.start()] if m else body).strip()
        m = change.search(clause)
        assert T._without_change(clause) == (clause[:m.start()] if m else clause)


def test_year_cues_hold_the_characters_that_gate_them():
    for clause in _clauses():
        if "年" not in clause:
            assert not T.YEAR_MENTION.search(clause) and not T.RELATIVE_YEAR.search(clause)
        if "五" not in clause:
            assert not T.FIVE_YEAR_PLAN.search(clause)
        if not T._COMPARISON_CHARS.search(clause):
            assert not T.COMPARISON.search(clause)
