"""Directive finding: unit tests on sentences of the seed documents and of the 2026 work reports
(tests/fixtures/realworld/govreports), and the seeds' expected yaml."""
from __future__ import annotations


import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.directives import _heading_kind, classify, find_directives, find_triggers, is_fact, split_sentences
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


# --- review parts and plan parts (work reports) -------------------------------------------------

@pytest.mark.parametrize("heading, kind", [
    ("2025年和“十四五”时期工作回顾", "review"),
    ("2025年工作总结和“十四五”发展成就", "review"),
    ("2025年工作回顾和“十四五”时期发展成就", "review"),
    ("“十四五”时期经济社会发展回顾", "review"),
    ("2026年工作安排", "plan"),
    ("2026年的重点工作", "plan"),
    ("“十五五”时期目标任务和2026年工作安排", "plan"),
    ("“十五五”时期发展的主要考虑", "plan"),
    ("保障措施", "plan"),                                                # seed 002, a 实施方案
    ("2024年工作回顾", "review"),                                         # the State Council's 2025 report
    ("2025年经济社会发展总体要求和政策取向", "plan"),
    ("2025年政府工作任务", "plan"),
    ("国务院关于今年以来国民经济和社会发展计划执行情况的报告", "review"),  # a report on a plan
    ("“十四五”时期发展成就和“十五五”时期主要目标任务", None),            # names both: neither
    ("全面提升政府治理效能", None),
    ("一年接着一年干，新福建建设持续取得新进展新成效", None),              # a literary heading names none
])
def test_part_headings(heading, kind):
    assert _heading_kind(heading) == kind


REVIEW_THEN_PLAN = (
    "一、2025年和“十四五”时期工作回顾\n"
    "积极对接国际高标准经贸规则，推动30余项试点任务全部落地实施。\n"
    "以上问题事关自治区长远发展，必须痛下决心予以解决。我们要直面问题挑战、有效应对解决。\n"
    "二、2026年工作安排\n"
    "用好红色资源，加强青少年理想信念教育。用足用好化债政策，推动有条件的市县提前实现隐性债务清零。\n"
)


def test_review_part_reports_work_done_and_keeps_its_requirements():
    found = find_directives(REVIEW_THEN_PLAN, split_sections(REVIEW_THEN_PLAN))
    assert [(d.text, d.modality, d.trigger) for d in found] == [
        ("以上问题事关自治区长远发展，必须痛下决心予以解决", "obligation", "必须"),   # the problems paragraph
        ("我们要直面问题挑战、有效应对解决", "obligation", "要"),                     # the closing 我们要
        ("用好红色资源，加强青少年理想信念教育", "obligation", "加强"),
        ("用足用好化债政策，推动有条件的市县提前实现隐性债务清零", "obligation", "用足"),
    ]
    # the review sentence (积极… with no figure) is a directive anywhere else
    assert classify("积极对接国际高标准经贸规则，推动30余项试点任务全部落地实施")[:2] == ("obligation", "积极")


def test_unnumbered_part_heading_lines():
    # 内蒙古: the two parts are unnumbered lines, only the plan part has 一、… markers
    text = ("“十四五”时期发展成就和2025年工作回顾\n"
            "大力整治形式主义为基层减负，推动456个事项“全区通办”，推出“高效办成一件事”重点事项30个。\n"
            "“十五五”时期主要目标和2026年重点工作\n"
            "一、把铸牢中华民族共同体意识作为民族地区各项工作的主线\n"
            "（一）加强中华民族共有精神家园建设。\n")
    found = find_directives(text, split_sections(text))
    assert [d.text for d in found] == ["加强中华民族共有精神家园建设"]
    # a sentence naming a part is no heading: the review sentence stays a directive
    text = "一年来，主要做了以下工作。\n大力整治形式主义为基层减负，推动456个事项“全区通办”。\n"
    assert [d.trigger for d in find_directives(text, split_sections(text))] == ["大力"]


def test_a_part_heading_line_inside_a_section_ends_with_it():
    # 广东: the line "主要目标" inside a section; the plan part it opens must not run on into the next
    text = ("一、“十五五”时期的主要目标和重点任务\n主要目标\n用足用好化债政策，推动有条件的市县提前实现隐性债务清零。\n"
            "二、全面加强政府自身建设\n推进港口转型升级，提高干支联运、海铁联运和远洋航运能力。\n")
    found = find_directives(text, split_sections(text))
    assert [d.text for d in found] == ["用足用好化债政策，推动有条件的市县提前实现隐性债务清零", "全面加强政府自身建设"]


def test_plan_part_action_verbs_open_orders():
    for sentence, word in [
        ("推进港口转型升级，大力发展集装箱运输，提高干支联运、海铁联运和远洋航运能力，加快打造黄骅港多功能、综合性、现代化大港", "大力"),
        ("扩大制造业投资，加快推动600个以上亿元级工业项目建设，新实施1500个以上技改项目", "加快"),
        ("用足用好化债政策，推动有条件的市县提前实现隐性债务清零", "用足"),
    ]:
        assert classify(sentence, plan=True)[:2] == ("obligation", word)
        assert classify(sentence) is None  # outside a plan part the action verbs order nothing
    # statements of a plan part stay statements
    assert classify("“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期，也是广东增创新优势、实现新突破的紧要时期",
                    plan=True) is None
    assert classify("从发展支撑看，经过多年接续努力，我省产业、科教、人才、基础设施等形成较强支撑能力", plan=True) is None


def test_plan_part_figures_are_targets():
    sentence = "加快推进煤矿资源整合和露天煤矿建设，建成投产3个露天煤矿和15个井工煤矿，调度原煤产量达1.9亿吨"
    assert is_fact(sentence) and not is_fact(sentence, figures=False)
    assert classify(sentence, plan=True)[:2] == ("obligation", "加快")
    assert classify(sentence) is None                      # elsewhere the figure reports a result
    # completed aspect stays a fact in a plan part
    assert classify("根据省委“十五五”规划《建议》，省政府编制了《河南省国民经济和社会发展第十五个五年规划纲要（草案）》，"
                    "全文提交大会审查", plan=True) is None


@pytest.mark.parametrize("sentence", [
    "严格落实耕地保护和粮食安全责任制，新建和改造高标准农田71.21万亩，耕地面积连续4年净增加",   # 万亩
    "加强安全生产和防灾减灾，有效应对9轮强降雨，转移受威胁群众84.5万人次，2130人因提前转移避免伤亡",  # 万人次
    "开展“技能照亮前程”等行动，加强有组织、定向化、技能型劳务输出，新增城镇就业8.55万人、农村劳动力转移就业86万人",
])
def test_achieved_figures_with_compound_units_are_facts(sentence):
    assert is_fact(sentence)
    assert classify(sentence) is None


@pytest.mark.parametrize("sentence", [
    "强化藏羊产业集聚，稳步扩大冷凉蔬菜、冷水鱼输出规模，农畜产品输出量增长10%以上，让“净土青海·高原臻品”金色名片更加闪耀世界",
    "加强“平急两用”公共基础设施建设，系统化全域推进海绵城市建设，改善城市人居环境，新建改造地下管网1250公里以上",
    "加快国家物流枢纽及骨干冷链物流基地建设，社会物流总费用与GDP比率降低至13.6%左右",
])
def test_figures_with_target_suffixes_are_plans(sentence):
    assert not is_fact(sentence)
    assert is_fact(sentence.replace("以上", "").replace("左右", ""))  # the same figures reported


def test_a_target_outside_a_plan_part_is_a_directive():
    assert classify("加快国家物流枢纽及骨干冷链物流基地建设，社会物流总费用与GDP比率降低至13.6%左右")[:2] == ("obligation", "加快")


# --- which trigger decides -----------------------------------------------------------------------

@pytest.mark.parametrize("sentence, plan, want, word", [
    ("支持零碳园区存量负荷绿电直连，鼓励更多园区、企业创建零碳园区和零碳工厂", False, "encouragement", "支持"),
    ("巩固提升汽车产业竞争优势，加快研发、整车、零部件、后市场一体化发展，支持重点企业共建协同创新平台，"
     "打造具有国际影响力的智能汽车技术和产业创新中心", True, "obligation", "加快"),          # 加快… then 支持…
    ("深化与央企全方位合作，支持驻晋央企深耕我省、加大投资", True, "encouragement", "支持"),  # an action verb yields
    ("要充分尊重基层、群众的首创精神，鼓励各地各部门根据实际情况大胆进行创新", False, "obligation", "要"),
])
def test_the_leading_verb_decides_between_obligation_and_encouragement(sentence, plan, want, word):
    assert classify(sentence, plan=plan)[:2] == (want, word)


@pytest.mark.parametrize("sentence, want, word", [
    ("大力支持赛事、演艺等票根经济发展", "encouragement", "支持"),
    ("分类引导县城和小城镇发展", "encouragement", "引导"),
    ("坚决防止低效无效投资", "prohibition", "防止"),
    ("坚决遏制违规新增隐性债务", "prohibition", "遏制"),
    ("严格执行重大行政决策程序规定，认真落实重大事项向市委汇报、向人大报告、向政协通报等制度", "obligation", "严格"),
])
def test_an_adverb_before_a_modal_verb_leaves_it_to_the_verb(sentence, want, word):
    assert classify(sentence)[:2] == (want, word)


def test_prevention_verbs_without_an_adverb_head_noun_phrases():
    assert classify("构筑更加牢固的防止返贫致贫防线") is None
    assert classify("统筹建立常态化防止返贫致贫机制，强化开发式帮扶，优化兜底式保障", plan=True)[:2] == ("obligation", "统筹")


def test_resolute_negations_forbid_but_pledges_do_not():
    assert classify("对破坏营商环境的人和事，严惩不贷、绝不姑息")[:2] == ("prohibition", "绝不")
    assert classify("我们将直面问题，全力破解，决不辜负全省人民的期待和重托") is None


def test_strict_prevention_narrated_in_a_review_is_no_directive():
    narrated = "全省上下众志成城、严防坚守，成功应对22轮强降水和“桦加沙”等15个台风，有力守护人民群众生命财产安全"
    assert classify(narrated, in_review=True) is None
    assert classify("完善政府债务管理长效机制，加强隐性债务置换工作全流程、全链条监督，严防违规新增隐性债务")[:2] == \
        ("prohibition", "严防")


def test_formulas_holding_a_trigger_are_none():
    thanks = ("在此，我代表省政府，向全省各族人民，向人大代表、政协委员，向港澳同胞、台湾同胞、广大侨胞，"
              "以及所有关心、支持吉林发展的海内外朋友，表示崇高敬意和衷心感谢")
    assert classify(thanks) is None
    assert classify("过去一年是天津大事要事难事集中交织的一年") is None
    assert classify("支持长春市开展消费新业态新模式新场景试点城市建设")[:2] == ("encouragement", "支持")


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
