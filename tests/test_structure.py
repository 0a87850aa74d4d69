"""Section splitting: unit tests on excerpts of the seed documents, and the seeds' expected yaml."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.markers import ordinal
from transforms.structure import Section, body_end, first_sentence, split_sections

from conftest import EXPECTED, clean_seed, norm


def headings(sections: list[Section], level: int | None = None) -> list[str]:
    return [s.heading for s in sections if level is None or s.level == level]


# --- markers and headings ----------------------------------------------------------------------

def test_marker_ordinals():
    assert [ordinal(n) for n in ("一", "九", "十", "十二", "二十", "二十三", "三十六", "一百零五", "7")] == \
        [1, 9, 10, 12, 20, 23, 36, 105, 7]
    assert ordinal("二二") == -1  # digit by digit is a year's way of writing, never an ordinal


def test_level1_heading_line_without_punctuation_is_the_whole_line():
    text = "一、指导思想\n\n坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的十九大精神。\n\n二、目标任务\n"
    secs = split_sections(text)
    assert [(s.level, s.ordinal, s.marker, s.heading) for s in secs] == [
        (1, 1, "一、", "指导思想"), (1, 2, "二、", "目标任务")]
    assert secs[0].char_start == 0 and text[secs[0].char_end - 1] == "。"
    assert secs[1].char_end == len(text.rstrip())


def test_marker_alone_on_its_line_takes_the_heading_below():
    text = "一、\n\n指导思想\n坚持以习近平新时代中国特色社会主义思想为指导。\n二、目标任务\n"
    assert headings(split_sections(text)) == ["指导思想", "目标任务"]


def test_heading_is_the_first_sentence():
    text = "一、坚持带头维护核心，努力建设一个对党忠诚、政治坚定的好班子。牢固树立政治意识、大局意识、核心意识、看齐意识。"
    assert headings(split_sections(text)) == ["坚持带头维护核心，努力建设一个对党忠诚、政治坚定的好班子"]


def test_long_first_sentence_is_cut_at_its_first_comma():
    text = ("一、政府工作怎么运作\n（一）从体制方面来讲，要强化党的观念，要在市委领导下开展工作，重大决策必须报市委研究，"
            "这一点以后要认真贯彻，按照市委确定的事项抓好落实。")
    assert headings(split_sections(text)) == ["政府工作怎么运作", "从体制方面来讲"]


def test_first_sentence_stops_at_colon_and_semicolon():
    text = "（三）从工作上来讲，主要是要体现三句话：一是立足本级，面向全市；"
    assert first_sentence(text, 3, len(text)) == "从工作上来讲，主要是要体现三句话"


def test_speech_style_markers_are_level1():
    text = ("同志们：\n在这里，我提几点希望与要求，与大家共勉。\n"
            "第一，要强使命。为官一任，造福一方。\n第二，要真实干。实绩论英雄，实干促发展。\n"
            "第三、要守规矩。守纪律、讲规矩是每一名领导干部最基本的素质。")
    secs = split_sections(text)
    assert [(s.level, s.marker, s.heading, s.path) for s in secs] == [
        (1, "第一，", "要强使命", "1"), (1, "第二，", "要真实干", "2"), (1, "第三、", "要守规矩", "3")]


def test_hierarchy_parents_and_paths():
    text = ("一、指导思想\n坚持以习近平新时代中国特色社会主义思想为指导。\n二、目标任务\n"
            "（一）建设忠诚型政府。以高度的政治自觉时刻主动向党中央对表看齐。\n"
            "1.不断提高政治站位。牢固树立“四个意识”。\n2.始终坚定理想信念。坚持第一时间传达学习。\n"
            "（1）树立和践行正确政绩观。始终坚持以人民为中心的发展思想。\n"
            "（二）建设创新型政府。坚持把创新作为引领发展的第一动力。\n1.增强政府工作创造性。在全市政府系统推动思想大解放。\n"
            "三、保障措施\n（一）强化组织领导。市政府成立领导小组。\n")
    secs = split_sections(text)
    assert [(s.level, s.path, s.parent) for s in secs] == [
        (1, "1", None), (1, "2", None), (2, "2.1", 1), (3, "2.1.1", 2), (3, "2.1.2", 2), (4, "2.1.2.1", 4),
        (2, "2.2", 1), (3, "2.2.1", 6), (1, "3", None), (2, "3.1", 8)]
    # a section's text runs to the next section of the same or a higher level
    second = secs[1]
    assert second.char_end == secs[8].char_start - 1
    assert text[secs[2].char_start:secs[2].char_end].endswith("坚持第一时间传达学习。\n（1）树立和践行正确政绩观。始终坚持以人民为中心的发展思想。")


def test_markers_inside_a_line_after_a_sentence_end_or_a_space():
    # text whose line breaks were lost (seed 003 before normalization)
    text = ("今天我讲三点，一是讲政府工作怎么运作，二是对班子成员自身建设提几点要求，三是作为政府一把手，我表个态。"
            "一、政府工作怎么运作 （一）从体制方面来讲，要强化党的观念。（二）从运作方式上来讲，首先是分工负责。")
    secs = split_sections(text)
    assert [(s.marker, s.heading, s.path) for s in secs] == [
        ("一、", "政府工作怎么运作", "1"), ("（一）", "从体制方面来讲，要强化党的观念", "1.1"),
        ("（二）", "从运作方式上来讲，首先是分工负责", "1.2")]
    assert text[secs[1].char_start:].startswith("（一）从体制")


def test_level2_before_any_level1_has_no_parent():
    text = ("政府自身建设主要有5个方面的显著成效。\n（一）行政能力显著增强。近几年来，我们始终抓住发展第一要务。\n"
            "（二）执政为民富有实效。坚持把群众利益放在首位。\n下面，围绕这一思路，我讲几点意见。\n"
            "一、强化大局意识，提升履职水平\n（一）要把大局意识体现到执行市委决议上。坚持和服从党委领导。\n")
    secs = split_sections(text)
    assert [(s.level, s.heading, s.parent, s.path) for s in secs] == [
        (2, "行政能力显著增强", None, "0.1"), (2, "执政为民富有实效", None, "0.2"),
        (1, "强化大局意识，提升履职水平", None, "1"), (2, "要把大局意识体现到执行市委决议上", 2, "1.1")]


# --- what is not a section ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "2011年，全市生产总值完成1588.7亿元，是2006年的1.9倍；财政一般预算收入74.2亿元，是2006年的2.9倍。",
    "（2012年7月31日，根据录音整理）",
    "全市行政审批事项由2006年的268项精简至192项，审批事项承诺时限压缩到6.5天。",
    "积极落实人才新政30条，引导鼓励浔企回迁、浔商回家、浔才回归。",
    "1995年，2.1亿元用于基础设施建设。",
    # enumerations are not sections
    "今天我讲三点，一是讲政府工作怎么运作，二是对班子成员自身建设提几点要求，三是作为政府一把手，我表个态。",
    "一是宗旨意识需要进一步强化。少数领导干部浮在上面多。二是运作能力需要进一步提升。",
    "（二）从运作方式上来讲，首先是分工负责。第二是民主集中制。第三是责任制。",
    "坚持第一时间传达学习，反复研读、融会贯通。",
    "二○一二年八月一日",
    # document-site notice list with doubled numbering
    "1. 1、本文档共7页,可阅读全部内容。\n2. 2、原创力文档网站文档一经付费,不意味着购买了该文档的版权。",
    # list items inside a sentence (after ： or ；) are no sections
    "主要包括：1.行政审批流程；2.为民办事流程；3.部门内部工作程序。",
    # enumeration words inside a sentence: 统一、 团结
    "自觉维护班子团结统一、健康有序。",
])
def test_numbers_and_enumerations_are_not_sections(text):
    assert split_sections(text) == []


def test_out_of_sequence_markers_are_rejected():
    text = ("一、指导思想\n坚持以习近平新时代中国特色社会主义思想为指导。 三、注意事项\n"
            "二、目标任务\n（一）建设忠诚型政府。按照本方案 （三）执行。\n（二）建设创新型政府。\n")
    secs = split_sections(text)
    assert [s.marker for s in secs] == ["一、", "二、", "（一）", "（二）"]


def test_speech_markers_do_not_join_a_document_numbered_with_cn_markers():
    text = ("一、强化大局意识\n要做到三点。第一，要吃透政策。第二，要选好载体。\n"
            "二、强化落实意识\n群众看待和评价政府工作。\n")
    assert [s.marker for s in split_sections(text)] == ["一、", "二、"]


def test_ordinals_restart_under_a_new_parent():
    text = ("一、指导思想\n坚持为指导。\n二、目标任务\n（一）建设忠诚型政府。\n（二）建设创新型政府。\n"
            "三、保障措施\n（一）强化组织领导。\n（二）强化责任落实。\n（三）强化监督检查。\n")
    secs = split_sections(text)
    assert [s.path for s in secs] == ["1", "2", "2.1", "2.2", "3", "3.1", "3.2", "3.3"]


def test_lists_without_an_enclosing_section_may_restart_but_level1_does_not():
    text = ("第十一条 监察委员会依照本法和有关法律规定履行监督、调查、处置职责：\n"
            "（一）对公职人员开展廉政教育；\n（二）对违法的公职人员依法作出政务处分决定。\n"
            "第十五条 监察机关对下列公职人员和有关人员进行监察：\n"
            "（一）国有企业管理人员；\n（二）基层群众性自治组织中从事管理的人员。\n")
    # an excerpt of a law: its articles (numbered through the law) are sections, their items under them
    assert [s.path for s in split_sections(text)] == ["0.0.11", "0.0.11.1", "0.0.11.2", "0.0.15", "0.0.15.1", "0.0.15.2"]
    text = "一、指导思想\n坚持为指导。\n二、目标任务\n一、二类地区\n三、保障措施\n"
    assert [s.marker for s in split_sections(text)] == ["一、", "二、", "三、"]


def test_attachments_and_glossaries_end_the_hierarchy():
    text = ("一、指导思想\n坚持以习近平新时代中国特色社会主义思想为指导。\n二、保障措施\n（一）强化组织领导。\n"
            "附件1\n九江市五型政府建设任务分解表\n一、忠诚型政府\n1.不断提高政治站位。\n")
    secs = split_sections(text)
    assert [s.marker for s in secs] == ["一、", "二、", "（一）"]
    assert secs[-1].char_end == text.index("附件1") - 1
    glossary = "一、指导思想\n坚持为指导。\n名词解释\n1.“五型”政府：忠诚型、创新型、担当型、服务型、过硬型政府。\n"
    assert [s.marker for s in split_sections(glossary)] == ["一、"]
    assert body_end(glossary) == glossary.index("名词解释")


def test_an_attachment_list_before_the_hierarchy_does_not_end_it():
    text = "请认真贯彻执行。\n附件：实施方案\n2018年10月12日\n实施方案\n一、指导思想\n坚持为指导。\n二、目标任务\n"
    assert [s.marker for s in split_sections(text)] == ["一、", "二、"]


# --- unmarked parallel paragraphs (stretch) ----------------------------------------------------

def test_parallel_paragraphs_become_level2_sections():
    text = ("第二，要真实干。实绩论英雄，实干促发展。\n"
            "讲实干就要有敢于碰硬的担当意识。思想是行动的先导。\n"
            "讲实干就要有务实的执行能力。政府工作的主题就是“执行”。\n"
            "第三，要守规矩。守纪律、讲规矩是每一名领导干部最基本的素质。\n"
            "讲规矩，从大处说包括党章、党纪、国法这样的刚性约束。\n"
            "讲规矩就要讲党性顾大局。党性原则是共产党员的灵魂所在。\n")
    secs = split_sections(text)
    # "第二" is ordinal 2, but a speech-style sequence must start at 第一
    assert secs == []
    secs = split_sections("第一，要强使命。为官一任，造福一方。\n" + text)
    assert [(s.level, s.marker, s.heading, s.path) for s in secs] == [
        (1, "第一，", "要强使命", "1"), (1, "第二，", "要真实干", "2"),
        (2, "", "讲实干就要有敢于碰硬的担当意识", "2.1"), (2, "", "讲实干就要有务实的执行能力", "2.2"),
        (1, "第三，", "要守规矩", "3")]  # a single "讲规矩就要…" paragraph is no parallel structure
    assert secs[2].parent == 1 and secs[3].char_end == secs[4].char_start - 1


def test_repeated_or_question_paragraphs_are_not_parallel():
    text = ("第一，要强使命。为官一任，造福一方。\n"
            "为什么要携号转网？\n为什么要提速降费？\n"
            "讲团结就要同舟共济。\n讲团结就要同舟共济。\n")
    assert [s.marker for s in split_sections(text)] == ["第一，"]


def test_paragraphs_with_different_leads_are_not_parallel():
    text = ("第一，要强使命。为官一任，造福一方。\n"
            "“更美”，就要全面开展“环境综合整治年”活动。\n“更富”，就要正视差距，瞄准目标。\n"
            "各部门主要负责人作为直接责任人，必须做到在其位、尽其职。\n各部门主要负责同志要把廉政建设的各项要求体现到业务工作中。\n")
    assert [s.marker for s in split_sections(text)] == ["第一，"]


# --- invariants on arbitrary text --------------------------------------------------------------

PIECES = ["一、", "二、", "三、", "第一，", "第二，", "（一）", "（二）", "（三）", "1.", "2.", "1、", "3．", "（1）", "（2）",
          "2.9倍", "1995年", "讲实干就要有担当", "要强化导向", "附件1", "名词解释", "。", "，", "；", "：", " ", "\n",
          "建设忠诚型政府", "一是", "第二是"]


def check_invariants(text: str, secs: list[Section]):
    assert [s.char_start for s in secs] == sorted(s.char_start for s in secs)
    for s in secs:
        assert text.startswith(s.marker, s.char_start) and s.heading
        assert s.char_start < s.char_end <= len(text)
        assert len(s.path.split(".")) == s.level and s.path.endswith(str(s.ordinal))
        if s.parent is not None:
            p = secs[s.parent]
            assert p.level < s.level and p.char_start < s.char_start and s.char_end <= p.char_end
            assert s.path.startswith(p.path + ".")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_invariants_hold_on_any_mix_of_markers_and_text(pieces):
    text = "".join(pieces)
    check_invariants(text, split_sections(text))


# --- the seeds ---------------------------------------------------------------------------------

def _expect(path: Path) -> tuple[dict, list[Section]]:
    exp = yaml.safe_load(path.read_text(encoding="utf-8"))
    return exp, split_sections(clean_seed(exp["source_file"]))


def _children(sections: list[Section], parent: int | None, level: int) -> list[str]:
    return [s.heading for s in sections if s.level == level and s.parent == parent]


def _assert_headings(want: list[str], got: list[str]):
    """score_seeds.py: the wanted heading is contained in the got one, at most 40 chars longer."""
    assert len(got) >= len(want), (want, got)
    for w, g in zip(want, got):
        assert norm(w) in norm(g) and len(norm(g)) <= len(norm(w)) + 40, (w, g)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_seed_sections(path):
    exp, secs = _expect(path)
    want = exp["sections"]
    level1 = [i for i, s in enumerate(secs) if s.level == 1]
    _assert_headings(want["level1"], [secs[i].heading for i in level1])
    for level, count in want["count_by_level"].items():
        assert sum(s.level == int(level) for s in secs) == count, level
    for idx, heads in (want.get("level2_under_level1") or {}).items():
        _assert_headings(heads, _children(secs, level1[int(idx) - 1], 2))
    for key, heads in (want.get("level3_under_level2") or {}).items():
        a, b = (int(x) for x in str(key).split("."))
        level2 = [i for i, s in enumerate(secs) if s.level == 2 and s.parent == level1[a - 1]]
        _assert_headings(heads, _children(secs, level2[b - 1], 3))
    if want.get("preamble_level2"):
        _assert_headings(want["preamble_level2"], _children(secs, None, 2))


@pytest.mark.parametrize("path", [p for p in EXPECTED if "stretch" in yaml.safe_load(p.read_text(encoding="utf-8"))["sections"]],
                         ids=lambda p: p.stem)
def test_seed_sections_stretch(path):
    exp, secs = _expect(path)
    level1 = [i for i, s in enumerate(secs) if s.level == 1]
    for idx, heads in exp["sections"]["stretch"]["level2_under_level1"].items():
        _assert_headings(heads, _children(secs, level1[int(idx) - 1], 2))


@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_seed_section_invariants(path):
    exp, secs = _expect(path)
    check_invariants(clean_seed(exp["source_file"]), secs)


LAW = (Path(__file__).parent / "fixtures" / "laws" / "shanghai-postal-law-measures.txt")


def _law_sections():
    from transforms.document import process_document

    clean = process_document(LAW.read_bytes(), LAW.name).document["clean_text"]
    return clean, split_sections(clean)


def test_a_real_banfa_has_chapters_articles_and_items():
    """上海市实施《中华人民共和国邮政法》办法: 7 章 (level 1), 36 条 (level 3, under their 章), the
    items （一）…（四） of 第三十五条 (level 4, under it)."""
    clean, sections = _law_sections()
    chapters = [s for s in sections if s.level == 1]
    articles = [s for s in sections if s.level == 3]
    items = [s for s in sections if s.level == 4]
    assert [s.heading for s in chapters] == ["总则", "邮政设施的规划和建设", "邮政服务", "快递业务", "安全保障",
                                             "法律责任", "附则"]
    assert [s.ordinal for s in articles] == list(range(1, 37))
    assert [s.marker for s in articles[-2:]] == ["第三十五条", "第三十六条"]
    assert all(sections[a.parent].level == 1 for a in articles)
    assert [sections[a.parent].heading for a in articles if a.ordinal in (6, 18, 36)] == ["邮政设施的规划和建设", "快递业务", "附则"]
    assert [s.marker for s in items] == ["（一）", "（二）", "（三）", "（四）"]
    assert all(sections[i.parent].marker == "第三十五条" for i in items)
    assert items[0].path == "6.0.35.1"  # 第六章, no 节, 第三十五条, item 1
    # a reference to an article inside a sentence is no section: "违反本办法第七条第四款规定"
    assert sum(s.marker == "第七条" for s in sections) == 1


def test_articles_without_chapters_and_cross_references():
    text = "第一条 为了规范管理，制定本规定。\n第二条 本规定适用于本市。依照本规定第一条处理。\n第三条 本规定自发布之日起施行。"
    sections = split_sections(text)
    assert [(s.level, s.ordinal, s.parent) for s in sections] == [(3, 1, None), (3, 2, None), (3, 3, None)]


def test_a_list_of_ordinals_is_no_speech_marker():
    """甘肃 2026: "第一、二轮中央生态环保督察…" enumerates two rounds; not a 第一、 heading."""
    text = "一、工作回顾\n第一、二轮中央生态环保督察反馈问题整改有力推进。\n二、工作安排\n一、二、三产业协调发展。"
    sections = split_sections(text)
    assert [(s.level, s.marker) for s in sections] == [(1, "一、"), (1, "二、")]
