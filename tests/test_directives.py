"""Directive finding: unit tests on sentences of the seed documents, and the seeds' expected yaml."""
from __future__ import annotations


import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.directives import classify, find_directives, find_triggers, is_fact, split_sentences
from transforms.structure import split_sections

from conftest import EXPECTED, clean_seed, norm


def modality(sentence: str) -> str | None:
    decided = classify(sentence)
    return decided and decided[0]


def trigger(sentence: str) -> str | None:
    decided = classify(sentence)
    return decided and decided[1]


# --- modal words -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, want, word", [
    ("各单位报送的文件，要严格执行公文处理程序，除特殊事项和紧急情况以外，原则上不得直接向领导个人报送文件", "prohibition", "不得"),
    ("严肃整治懒政、怠政、不作为问题，决不能表态多调门高、行动少落实差，决不允许占着位子不干事", "prohibition", "决不能"),
    ("决不允许个人向组织讨价还价，拒不执行市委决定", "prohibition", "决不允许"),
    ("没有和分管领导研究的工作原则上不要直接报到我这里", "prohibition", "不要"),
    ("在大额资金使用上，对预算编制、转移支付、专项资金等大额度资金的安排，必须集体研究，严格按照相关规定履行审批手续", "obligation", "必须"),
    ("重大决策必须报市委研究，这一点以后要认真贯彻", "obligation", "必须"),
    ("特别是在一些重大项目的实施过程中，一定要科学论证、做好前期、规范流程", "obligation", "一定要"),
    ("要充分尊重基层、群众的首创精神，鼓励各地各部门根据实际情况大胆进行创新", "obligation", "要"),
    ("鼓励各地各部门根据实际情况大胆进行创新，探索形成可复制、可推广的经验和措施", "encouragement", "鼓励"),
    ("在全市政府系统大力倡导“事事马上办、人人钉钉子、个个敢担当”的精神", "encouragement", "倡导"),
])
def test_modal_words(sentence, want, word):
    assert classify(sentence)[:2] == (want, word)


def test_prohibition_wins_over_obligation():
    # 要严格执行 (obligation) and 不得 (prohibition) in one sentence: the strictest reading wins
    sentence = "今后凡要求各街道、部门“一把手”参加的会议和活动，主要领导必须按时参加，不得缺席或代替，有事外出的必须履行请假手续"
    assert classify(sentence)[:2] == ("prohibition", "不得")
    assert {t.modality for t in find_triggers(sentence)} == {"prohibition", "obligation"}


# --- 要 by position ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "要强化问题导向，各分管区长要带领分管部门牢固树立“守土有责”的意识",        # clause start
    "各级政府及其部门要进一步站位全局、融入全局、服务全局",                    # after a subject
    "班子成员之间要注重多沟通、多协助，坚持分工不分家",
    "讲实干就要有敢于碰硬的担当意识",                                          # 就要
    "对于政府各部门来讲，更要树立“一盘棋”的思想",                              # 更要
    "既要用良知、道德严格约束自己，更重要的是要研究好制度",                    # 是要 after 重要
])
def test_yao_as_a_modal(sentence):
    assert modality(sentence) == "obligation"
    assert trigger(sentence) == "要"


@pytest.mark.parametrize("sentence", [
    "今年上半年，全市生产总值、地方公共财政预算收入、规模以上工业增加值、固定资产投资、社会消费品零售总额等主要指标增速均居全省前列",
    "2020年，我们的生产总值、财政收入、固投等重要指标均列全市之后",
    "还有大量的困难弱势群体需要救助，政府负担非常重",
    "一是宗旨意识需要进一步强化",
    "只要载体选得准、平台用得好、抓手抓得牢，政府的各项工作就能顺利推进",
    "要求下属做到的自己首先做到",
    "十九大报告纲要",
])
def test_yao_compounds_do_not_trigger(sentence):
    assert [t for t in find_triggers(sentence) if t.word == "要"] == []
    assert classify(sentence) is None


# --- imperative openers ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, word", [
    ("全面增强法治意识，深入学法、坚决守法、切实用法，严格依照法定权限和程序行使权力、履行职责，大力推进政府信息公开，"
     "自觉接受人大依法监督、政协民主监督和监察监督、司法监督", "全面"),
    ("严格执行重大行政决策程序规定，认真落实重大事项向市委汇报、向人大报告、向政协通报等制度", "严格"),
    ("扎实推进全市政府机构改革，以优化、协同、高效为着力点，切实解决职责缺位和效能不高等问题", "扎实"),
    ("同时，加强孵化器等功能型平台建设，推进创新成果与产业紧密对接", "加强"),
])
def test_sentences_opening_with_an_imperative_adverb_are_obligations(sentence, word):
    assert classify(sentence)[:2] == ("obligation", word)


def test_a_subject_of_a_copula_is_no_directive():
    assert classify("坚持和服从党委领导，是做好政府工作的首要原则和基本要求") is None


# --- noun phrases, idioms, quotations, conditions ---------------------------------------------

def test_triggers_inside_noun_phrases_do_not_count():
    # 提倡的 / 禁止的 are noun phrases, 杜绝 closes its clause: only the opener 自觉 decides
    sentence = "自觉做到党中央提倡的坚决响应、党中央决定的坚决执行、党中央禁止的坚决杜绝"
    assert classify(sentence)[:2] == ("obligation", "自觉")
    assert [t.word for t in find_triggers(sentence)] == ["自觉"]
    assert classify("更好地利用国家和省对我市发展的政策支持，提高抢抓机遇的能力") is None
    assert classify("千方百计赢得人民群众的衷心拥护和坚定支持") is None


def test_idioms_are_no_triggers():
    assert classify("执行要果断，令行禁止、讲究反馈")[:2] == ("obligation", "要")
    assert classify("我们能不能爬坡过坎，实现经济腾飞、跨越发展，检验和考验着我们的执政能力与水平") is None


def test_quoted_slogans_are_names():
    assert [t.word for t in find_triggers("贯彻“一定要把南太湖建设好”指示精神")] == []


def test_conditional_clauses_are_hypothetical():
    sentence = "特别是项目的推进，如果一开始就不能确定目标、盯紧盯死，许多重要程序、节点便会在不知不觉中耽搁、延误"
    assert classify(sentence) is None


# --- statements of fact ------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "2011年，全市生产总值完成1588.7亿元，是2006年的1.9倍",
    "坚持每年实施一批民生工程，五年用于改善民生的财政支出累计293亿元",
    "深入推进政务公开，5年来，政府网站累计公开信息44081条，办复市长信箱群众来信36599封，办理率达98.7%",
    "着力提升运作水平，有效缓解了资金、土地、环境等瓶颈约束，化解了一大批影响发展稳定的矛盾和问题",
    "全面推进为民服务全程代理工作，认真实施上门服务、预约服务等措施，为人民群众提供了便利",
    "这就是我们的现实，这是我们眼下面临的一道棘手的考题",
    "去年以来提出中心城市的问题，中心城市实际上是对本级最好的包装，各方都能认同",
])
def test_facts_are_not_directives(sentence):
    assert classify(sentence) is None


def test_fact_markers():
    assert is_fact("政府自身建设取得了新的成效")
    assert is_fact("《实施方案》已经市政府同意")
    assert not is_fact("积极落实人才新政30条，引导鼓励浔企回迁")
    assert not is_fact("着力在完善体制机制上取得新进展")
    assert not is_fact("不能个人说了算")  # an idiom, not past aspect


def test_explicit_modals_hold_in_a_sentence_with_past_aspect():
    sentence = "历史选择了我们，接力棒交到我们手上，我们必须要与全区的发展同呼吸共命运"
    assert classify(sentence)[:2] == ("obligation", "必须")


def test_review_paragraph_weak_signals_are_narration():
    # 004: a review paragraph (工作回顾); its 认真落实/严格 sentences report work done
    text = ("（五）依法行政更加扎实。自觉按照法定权限和程序行使权力、履行职责，认真办复人大代表议案、建议和政协提案1495件。"
            "加大行政监察和审计监督力度，评审财政投资项目3007个，审减资金18.6亿元，财政投资资金的使用更加规范有效。"
            "认真落实“一岗双责”，推进党风廉政建设。严格行政执法责任和过错追究制度，加大违法违纪案件查处力度，行政行为更加规范。\n")
    assert find_directives(text, split_sections(text)) == []
    # the same sentence outside a review paragraph is a directive
    alone = "认真落实“一岗双责”，推进党风廉政建设。\n"
    assert [d.trigger for d in find_directives(alone, [])] == ["认真"]


def test_transmittal_sentences_are_not_directives():
    assert classify("《实施方案》已经市政府同意，现印发给你们，请认真贯彻执行") is None
    assert classify("现将市长张国晖的讲话印发给你们，请认真组织学习和贯彻落实") is None


def test_glossary_entries_are_not_directives():
    text = ("一、指导思想\n要坚持以习近平新时代中国特色社会主义思想为指导。\n"
            "名词解释\n1.“五型”政府：要建设的忠诚型、创新型、担当型、服务型、过硬型政府。\n")
    found = find_directives(text, split_sections(text))
    assert [d.text for d in found] == ["要坚持以习近平新时代中国特色社会主义思想为指导"]
    assert classify("1.“五型”政府：要建设的忠诚型、创新型、担当型、服务型、过硬型政府") is None


# --- sentences, offsets, sections --------------------------------------------------------------

def test_sentences_split_on_end_marks_line_ends_and_markers():
    text = "对每个领导干部来说，团结就是本领；\n对每个单位来说，团结就是力量！一、强化大局意识"
    spans = split_sentences(text, split_sections(text))
    assert [text[a:b] for a, b in spans] == ["对每个领导干部来说，团结就是本领；", "对每个单位来说，团结就是力量！", "一、强化大局意识"]


def test_directive_offsets_marker_and_section():
    text = ("一、政府工作怎么运作\n（一）从体制方面来讲，要强化党的观念，重大决策必须报市委研究。"
            "同时，要主动接受人大、政协的有效监督。\n（二）从运作方式上来讲，首先是分工负责。\n")
    sections = split_sections(text)
    found = find_directives(text, sections)
    assert [(d.text, d.modality, d.section) for d in found] == [
        ("从体制方面来讲，要强化党的观念，重大决策必须报市委研究", "obligation", 1),
        ("同时，要主动接受人大、政协的有效监督", "obligation", 1),
    ]
    for d in found:
        assert text[d.char_start:d.char_end] == d.text
    assert find_directives("要强化服务意识，主动服务基层。", [])[0].section is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["要", "不要", "必须", "主要", "的", "，", "。", "；", "\n", "“", "”", "一、", "（一）",
                                 "严格执行", "了", "1588.7亿元", "如果", "鼓励", "名词解释", "1.", "工作"]), max_size=40))
def test_directives_are_sentences_of_the_text(pieces):
    text = "".join(pieces)
    sections = split_sections(text)
    for d in find_directives(text, sections):
        assert d.text and text[d.char_start:d.char_end] == d.text
        assert d.trigger in d.text
        assert d.section is None or sections[d.section].char_start <= d.char_start


# --- the seeds ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", EXPECTED, ids=lambda p: p.stem)
def test_seed_directives(path):
    exp = yaml.safe_load(path.read_text(encoding="utf-8"))
    text = clean_seed(exp["source_file"])
    sections = split_sections(text)
    found = find_directives(text, sections)
    for item in exp["directives"]["must_include"]:
        hits = [d for d in found if norm(item["text_contains"]) in norm(d.text)]
        assert hits, item
        assert item["modality"] in {d.modality for d in hits}, (item, hits)
    for not_wanted in exp["directives"]["must_not_include"]:
        assert not [d for d in found if norm(not_wanted) in norm(d.text)], not_wanted
    for d in found:
        assert text[d.char_start:d.char_end] == d.text
        assert d.modality in {"obligation", "prohibition", "encouragement"} and d.trigger
        if d.section is not None:
            sec = sections[d.section]
            assert sec.char_start <= d.char_start < sec.char_end
            assert not any(s.char_start <= d.char_start < s.char_end and s.level > sec.level for s in sections)
    assert [d.char_start for d in found] == sorted(d.char_start for d in found)
