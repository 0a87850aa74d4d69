"""Formulations (提法): each kind on real sentences of the fixtures with its negatives, the corpus
(23 work reports, the seeds), the row invariants, and the fast paths against the plain rules."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import FIXTURES, HTML_PAGES, seed_paths
from test_property import fuzz
from transforms import formulations as F
from transforms.document import process_document
from transforms.formulations import Formulation, find_formulations, scan
from transforms.lexicon import FORMULATION_TERMS, POLITICAL_TERMS, STOP_WORDS

REPORTS = sorted((FIXTURES / "realworld" / "govreports").glob("*.txt"))


@lru_cache(maxsize=None)
def clean(path: Path) -> str:
    """A document's clean text as the pipeline makes it."""
    return process_document(path.read_bytes(), path.name).document["clean_text"]


def rows(text: str) -> dict[str, Formulation]:
    return {f.phrase: f for f in find_formulations(text)}


def kinds(text: str) -> dict[str, str]:
    return {f.phrase: f.kind for f in find_formulations(text)}


REPORT = {p.name.split("_")[1]: p for p in REPORTS}
SEED = {p.name[:3]: p for p in seed_paths()}

# Real sentences, each checked to occur in its fixture (test_examples_are_real).
EXAMPLES = {
    "两重两新": (REPORT["江西省"], "争取更多项目纳入中央预算内投资、“两重”“两新”、专项债、新型政策性金融工具等支持范围"),
    "四个意识": (REPORT["内蒙古自治区"], "要深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”"),
    "十五五": (REPORT["吉林省"], "今年是“十五五”开局之年，也是吉林振兴发展攻坚突破的关键一年，做好政府工作事关全局、意义重大。"),
    "高效办成": (REPORT["江西省"], "累计推进60项“高效办成一件事”重点事项，低风险经营主体“无事不扰”率达99.11%。"),
    "三保": (REPORT["宁夏回族自治区"], "切实筑牢基层“三保”底线，自治区对市县财力性转移支付达到近年最高水平。"),
    "政贵有恒": (SEED["001"], "这也是习总书记说的“政贵有恒”，要保持工作的稳定性和连续性"),
    "挑战": (SEED["001"], "在政府工作报告中有句话讲得非常好，未来我们是“挑战复杂多变，机遇千载难逢”，这两句话"),
    "称号": (REPORT["宁夏回族自治区"], "百万移民收入年均增长8.8%，闽宁镇荣获“全国脱贫攻坚楷模”称号。"),
    "授予": (REPORT["黑龙江省"], "联合国旅游组织授予哈尔滨市“世界冰雪旅游卓越城市”称号。"),
    "入选": (REPORT["湖北省"], "6个遗址入选“中国百年百大考古发现”，12部文艺作品获得“五个一工程”奖，奥运会延续“届届见金”"),
    "品牌": (REPORT["河南省"], "擦亮“行走河南·读懂中国”文旅品牌，创新“老家河南”文化IP宣传推广"),
    "长引语": (REPORT["吉林省"], "习近平总书记再次踏上吉林大地，赋予吉林“在中国式现代化建设中展现更大作为”使命任务。"),
    "百千万": (REPORT["广东省"], "五是“百县千镇万村高质量发展工程”实现三年初见成"),
    "简称": (REPORT["广东省"], "是“中国特色高水平高职学校和专业建设计划”的简称"),
    "书名": (SEED["002"], "将学习《习近平谈治国理政》《习近平新时代中国特色社会主义思想三十讲》和党的十九大报告不断引向深入。"),
    "十八大": (REPORT["山西省"], "习近平总书记党的十八大以来第五次亲临山西考察"),
    "五一": (SEED["003"], "“五一”节后第一天"),
    "十八大前": (SEED["004"], "会上印发了市政府“十八大”前突出抓好"),
    "1+N": (REPORT["江西省"], "持续巩固拓展脱贫攻坚成果，完善过渡期后省级“1+N”常态化帮扶政策体系"),
    "全角人工智能": (REPORT["宁夏回族自治区"], "加快实施“人工智能＋”行动，大力支持培育人形机"),
    "编码": (REPORT["内蒙古自治区"], "按照自治区党委“1571”工作部署，完整准确全面贯彻新发展理念"),
    "号": (REPORT["青海省"], "做活青南环线，打造“00”号低碳旅游公路"),
    "三个月": (HTML_PAGES / "sxmu-1.html", "经过批准，有效期可以延长，每次不得超过三个月。"),
    "八个方面": (REPORT["吉林省"], "重点做好八个方面工作。"),
    "十大类": (REPORT["青海省"], "聚力解决群众急难愁盼问题，十大类45项年度民生实事工程落地见效。"),
    "第二个百年": (REPORT["广东省"], "奋力实现十大新突破，在第二个百年奋斗目标新征程上实现良好开局。"),
    "两个大局": (REPORT["广东省"], "统筹推进“五位一体”总体布局，协调推进“四个全面”战略布局，统筹国内国际两个大局，完整准确全面贯彻新发展理念"),
    "四面八方": (REPORT["广东省"], "坚持“心诚+行程”，四面八方走出去、请进来"),
    "人工智能+": (REPORT["内蒙古自治区"], "开展“人工智能+”行动，支持企业研发落地特色产业和公共治理垂直大模型"),
    "数据要素×": (REPORT["山西省"], "实施“人工智能+”“数据要素×”行动，加快产业数字化转型"),
    "互联网+政务服务": (SEED["002"], "2.加力推进“互联网+政务服务”。"),
    "基金群": (REPORT["天津市"], "积极发展科技金融，壮大“种子+天使+创投+产业+并购”基金群，用好科创债资"),
    "5G+": (REPORT["湖北省"], "东湖论坛、中非创新合作与发展论坛、中国5G+工业互联网大会等重大科创活动影响持续扩大"),
    "全角加号": (REPORT["海南省"], "健全国际商事纠纷“调解＋仲裁＋诉讼”一站式解决机制"),
    "做强×": (SEED["001"], "加强与名学校名医院名资源的合作，做强×的软实力。"),
    "7×24": (REPORT["内蒙古自治区"], "为群众提供“7×24小时”全年无休免费法律咨询"),
    "A+": (REPORT["海南省"], "公立医院改革成效显著，省人民医院绩效考核连续两年进入全国A+等级。"),
    "放管服": (SEED["002"], "深入推进“放管服”改革，针对审批事项偏多、流程复杂、周期较长等问题"),
    "碳达峰碳中和": (REPORT["宁夏回族自治区"], "三是积极稳妥打好碳达峰碳中和整体战。"),
    "不忘初心": (SEED["002"], "与即将开展的“不忘初心、牢记使命”主题教育"),
}


def example(key: str) -> str:
    return EXAMPLES[key][1]


@pytest.mark.parametrize("key", sorted(EXAMPLES))
def test_examples_are_real(key):
    path, sentence = EXAMPLES[key]
    assert sentence in clean(path)


# --- quoted ------------------------------------------------------------------------------------

def test_quoted_coinages_keep_their_quotes():
    assert kinds(example("两重两新")) == {"“两重”": "quoted", "“两新”": "quoted"}
    assert kinds(example("十五五"))["“十五五”"] == "quoted"
    assert kinds(example("三保")) == {"“三保”": "quoted"}
    found = rows(example("两重两新"))["“两新”"]
    assert (found.count, found.first_offset, found.term) == (1, example("两重两新").index("“两新”"), "两新")


def test_quoted_speech_is_no_formulation():
    assert find_formulations(example("政贵有恒")) == []            # introduced by 说的
    assert find_formulations(example("挑战")) == []                # a sentence: comma inside


def test_long_quotation_title_honour_and_event_are_no_formulations():
    assert kinds(example("长引语")) == {"中国式现代化": "lexicon"}    # not the quotation
    assert kinds(example("百千万")) == {"“百县千镇万村高质量发展工程”": "quoted", "高质量发展": "lexicon"}  # a programme
    assert kinds(example("简称")) == {}                              # a spelt-out name: 18 characters
    assert kinds(example("称号")) == {"脱贫攻坚": "lexicon"}          # not the honour “全国脱贫攻坚楷模”
    assert find_formulations(example("授予")) == []                  # an honour by what follows
    assert "“届届见金”" in kinds(example("入选")) and len(kinds(example("入选"))) == 1   # not the award nor the list
    assert "“老家河南”" in kinds(example("品牌")) and "“行走河南·读懂中国”" not in kinds(example("品牌"))
    assert find_formulations(example("十八大")) == []               # a congress, and not quoted
    assert find_formulations(example("十八大前")) == []             # a congress, quoted
    assert find_formulations(example("五一")) == []                 # a holiday


def test_quoted_book_title_is_no_formulation():
    sentence = example("书名")
    assert kinds(sentence) == {"习近平新时代中国特色社会主义思想": "lexicon"}
    quoted_title = sentence.replace("《习近平谈治国理政》", "“《习近平谈治国理政》”")
    assert kinds(quoted_title) == {"习近平新时代中国特色社会主义思想": "lexicon"}


def test_number_code_counts_only_before_what_it_numbers():
    assert kinds(example("编码"))["“1571”"] == "quoted"
    assert "“00”" not in kinds(example("号"))


# --- numbered ----------------------------------------------------------------------------------

def test_numbered_formulations_are_bare_whether_quoted_or_not():
    assert kinds(example("四个意识")) == {"两个确立": "numbered", "四个意识": "numbered",
                                        "四个自信": "numbered", "两个维护": "numbered"}
    got = kinds(example("两个大局"))
    assert got["两个大局"] == "numbered" and got["五位一体"] == "numbered" and got["四个全面"] == "numbered"
    bare = example("四个意识").replace("“", "").replace("”", "")   # the same sentence unquoted
    assert kinds(bare) == kinds(example("四个意识"))
    text = clean(REPORT["贵州省"])   # 每年办好十件民生实事, later 继续办好“十件民生实事”
    found = rows(text)["十件民生实事"]
    assert text.index("十件民生实事") < text.index("“十件民生实事”")
    assert (found.kind, found.count, found.first_offset) == ("numbered", 2, text.index("十件民生实事"))


def test_ordinary_counts_are_no_formulations():
    assert find_formulations(example("三个月")) == []
    assert find_formulations(example("八个方面")) == []
    assert find_formulations(example("十大类")) == []
    assert find_formulations(example("第二个百年")) == []             # an ordinal
    assert kinds("实现粮食增产，这是第三个全面丰收年") == {}          # an ordinal before a head (made up: none in the fixtures)
    assert "四面八方" not in kinds(example("四面八方"))                 # an idiom, not quoted


# --- slogan ------------------------------------------------------------------------------------

def test_slogans():
    assert kinds(example("人工智能+")) == {"人工智能+": "slogan"}
    assert kinds(example("数据要素×")) == {"人工智能+": "slogan", "数据要素×": "slogan"}
    assert kinds(example("互联网+政务服务")) == {"互联网+政务服务": "slogan"}
    assert kinds(example("5G+")) == {"5G+": "slogan"}
    bare = example("人工智能+").replace("“", "").replace("”", "")  # 开展人工智能+行动
    assert kinds(bare) == {"人工智能+": "slogan"}                     # lead verb and 行动 left out
    assert kinds(example("基金群")) == {"“种子+天使+创投+产业+并购”": "quoted"}  # a list, not four slogans


def test_fullwidth_plus_is_written_ascii():
    sentence = example("全角人工智能") + example("人工智能+")
    found = rows(sentence)["人工智能+"]
    assert (found.kind, found.count, found.first_offset) == ("slogan", 2, sentence.index("人工智能＋"))
    assert "“调解+仲裁+诉讼”" in kinds(example("全角加号"))


def test_placeholders_grades_and_numbers_are_no_slogans():
    assert find_formulations(example("做强×")) == []                 # × for a redacted name
    assert find_formulations(example("A+")) == []                    # a grade
    assert kinds(example("7×24")) == {}                              # a number, and × in quotes
    assert kinds(example("1+N")) == {"“1+N”": "quoted", "脱贫攻坚": "lexicon"}  # a number code, not a slogan


# --- lexicon and precedence --------------------------------------------------------------------

def test_lexicon_wins_over_quoted_and_counts_inside_longer_terms():
    assert kinds(example("放管服")) == {"放管服": "lexicon"}
    assert kinds(example("高效办成"))["高效办成一件事"] == "lexicon"
    got = rows(example("碳达峰碳中和"))
    assert {p: (f.count, f.first_offset) for p, f in got.items()} == {
        "碳达峰碳中和": (1, 8), "碳达峰": (1, 8), "碳中和": (1, 11)}


def test_a_quoted_list_is_one_row_besides_its_lexicon_terms():
    got = kinds(example("不忘初心"))
    assert got == {"“不忘初心、牢记使命”": "quoted", "不忘初心": "lexicon", "牢记使命": "lexicon"}


def test_lexicon_is_part_of_the_user_dictionary():
    assert len(set(FORMULATION_TERMS)) == len(FORMULATION_TERMS)
    assert set(FORMULATION_TERMS) <= set(POLITICAL_TERMS)
    assert not set(FORMULATION_TERMS) & STOP_WORDS


# --- the corpus --------------------------------------------------------------------------------

@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name.split("_")[1])
def test_every_2026_report_uses_the_plan_vocabulary(path):
    got = kinds(clean(path))
    assert got.get("新质生产力") == "lexicon" and got.get("高质量发展") == "lexicon"
    assert got.get("“十五五”") == "quoted"


KNOWN = {"“两重”": "quoted", "“两新”": "quoted", "“三保”": "quoted", "人工智能+": "slogan", "数据要素×": "slogan",
         "两个确立": "numbered", "两个维护": "numbered", "四个意识": "numbered", "四个自信": "numbered",
         "全国统一大市场": "lexicon", "中国式现代化": "lexicon", "投资于人": "lexicon"}


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name.split("_")[1])
def test_known_formulations_found_wherever_a_report_writes_them(path):
    plain, got = clean(path).replace("＋", "+"), kinds(clean(path))
    for phrase, kind in KNOWN.items():
        assert (got.get(phrase) == kind) == (phrase in plain), phrase


def test_seeds():
    """What the five seeds use: a 2017 decision, two speeches, two work plans."""
    s000, s001, s002, s003, s004 = (kinds(clean(SEED[k])) for k in ("000", "001", "002", "003", "004"))
    assert {"八八战略": "lexicon", "两学一做": "numbered", "五位一体": "numbered", "四个全面": "numbered",
            "“两高”": "quoted", "供给侧结构性改革": "lexicon"}.items() <= s000.items()
    assert {"“453”": "quoted", "“一把手”": "quoted", "一岗双责": "numbered"}.items() <= s001.items()
    assert not [p for p in s001 if "×" in p]                         # the redacted names
    assert {"四个意识": "numbered", "四个自信": "numbered", "放管服": "lexicon", "一网通办": "lexicon",
            "互联网+政务服务": "slogan", "“五型”": "quoted"}.items() <= s002.items()
    assert s003.get("民主集中制") == "lexicon" and "“五一”" not in s003   # a holiday
    assert {"“十二五”": "quoted", "一岗双责": "numbered", "五个坚持": "numbered",
            "十项民生工程": "numbered"}.items() <= s004.items()


CORPUS = REPORTS + seed_paths()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:12])
def test_rows_point_into_the_clean_text(path):
    """One row per phrase; first_offset and count as the docstring says; spans are occurrences."""
    text = clean(path)
    plain = text.replace("＋", "+")
    found = scan(text)
    assert len({f.phrase for f in found.formulations}) == len(found.formulations) > 0
    for f in found.formulations:
        assert f.kind in F.KINDS
        assert plain.find(f.phrase) == f.first_offset and plain.count(f.phrase) == f.count, f
    terms = {f.term for f in found.formulations}
    assert found.spans == sorted(found.spans)
    assert all(plain[s:e] in terms for s, e in found.spans)
    lexicon_or_list = {f.term for f in found.formulations if f.phrase in F.LEXICON or "、" in f.phrase}
    assert {plain[s:e] for s, e in found.spans} == terms - lexicon_or_list


# --- fast paths against the plain rules ----------------------------------------------------------

# The plain rules: each lexicon half as one longest-first alternation, the bare count with its
# lookbehind.
PLAIN_BARE_COUNT = re.compile(f"(?<![第{F.UNIT_NUM}百千万几多0-9])[{F.NUM}]{{1,2}}"
                              f"(?:个(?:{F.COUNTED_HEADS})|大(?:{F.PROGRAMME_HEADS}))")
PLAIN_HALVES = [re.compile("|".join(map(re.escape, sorted((t for t in FORMULATION_TERMS if t[0] in half),
                                                          key=len, reverse=True))))
                for half in F._HALVES]
PIECES = sorted({ch for t in FORMULATION_TERMS for ch in t}) + ["第", "三", "个", "意识", "大", "工程", "两", "的", "，"]


def same_as_plain_rules(text: str) -> None:
    assert set(F._bare_counts(text)) == set(PLAIN_BARE_COUNT.findall(text))
    for tree, plain in zip(F.LEXICON_SCANS, PLAIN_HALVES):
        assert [m.group() for m in tree.finditer(text)] == plain.findall(text)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:12])
def test_fast_paths_equal_the_plain_rules(path):
    text = clean(path)
    same_as_plain_rules(text)
    # lexicon counts from the two scans and the terms inside longer ones: every occurrence
    assert {f.phrase: f.count for f in find_formulations(text) if f.phrase in F.LEXICON} == \
        {t: text.count(t) for t in F.LEXICON if t in text}


@fuzz(300)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join))
def test_fast_paths_on_random_text(text):
    same_as_plain_rules(text)
