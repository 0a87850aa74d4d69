from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from transforms.document import process_document
from transforms.references import Reference, back_reference_genre, find_references, kind_of, title_key
from transforms.structure import split_sections

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
REPORTS = FIXTURES / "realworld" / "govreports"


@lru_cache(maxsize=None)
def processed(path: Path):
    p = process_document(path.read_bytes(), path.name)
    text = p.document["clean_text"]
    return p.document, text, split_sections(text)


def refs_of(path: Path, **kwargs) -> list[Reference]:
    doc, text, sections = processed(path)
    return find_references(text, sections, doc["doc_number"], **kwargs)


def refs(text: str, own: str | None = None) -> list[tuple[str | None, str | None, str]]:
    return [(r.cited_title, r.cited_doc_number, r.kind) for r in find_references(text, [], own)]


S000 = SEEDS / "000_b91d5fdc5d2a3594.txt"
S002 = SEEDS / "002_090c31c4a9f3c820.txt"
S004 = SEEDS / "004_1ac75a8c33db37d8.txt"
TITLE_000 = "湖州市人民政府关于加强领导班子自身建设的决定"   # seed 000's own title and number, cited elsewhere
NUMBER_000 = "湖政发〔2017〕18号"

# --- the seeds ---------------------------------------------------------------------------------


def test_seed_002_cites_the_plan_it_forwards_and_two_books():
    doc, text, _ = processed(S002)
    found = refs_of(S002)
    plan = found[0]
    assert plan.kind == "document" and plan.cited_doc_number is None
    assert title_key(plan.cited_title) == title_key(doc["attachment_title"])   # resolves to the attachment
    assert plan.cited_title.startswith("关于在全市政府系统") and "《" not in plan.cited_title
    assert "现印发给你们" in plan.text and text[plan.char_start] == "《"
    books = {r.cited_title: r.kind for r in found[1:]}
    assert books == {"习近平谈治国理政": "other", "习近平新时代中国特色社会主义思想三十讲": "other"}


def test_seed_000_cites_the_code_of_integrity_not_its_own_title():
    # the raw text is traditional (《廉潔自律準則》); the clean text simplified
    doc, text, sections = processed(S000)
    found = refs_of(S000)
    assert [(r.cited_title, r.kind) for r in found] == [("廉洁自律准则", "regulation")]   # its own 《title》 lines are no citation
    assert sections[found[0].section].heading.startswith("坚持带头从严治党")
    assert found[0].text.startswith("始终坚持自重") and "《廉洁自律准则》" in found[0].text


def test_seed_004_own_number_is_not_a_citation():
    doc, text, sections = processed(S004)
    assert doc["doc_number"] == "许政办〔2012〕68号"
    assert refs_of(S004) == []
    assert find_references(text, sections, None) == []   # it opens a header line: the document's own
    cited = text + "\n按照许政办[2012]68号文件要求，认真组织学习和贯彻落实。"
    assert find_references(cited, sections, doc["doc_number"]) == []
    assert [r.cited_doc_number for r in find_references(cited, sections, None)] == ["许政办〔2012〕68号"]


@pytest.mark.parametrize("name", ["001_d5aff8f7af327372.txt", "003_074de4ef042b938f.txt"])
def test_speeches_without_citations(name):
    assert refs_of(SEEDS / name) == []


# --- titles and numbers ------------------------------------------------------------------------


def test_title_with_its_number_in_parentheses_is_one_reference():
    assert refs(f"根据《{TITLE_000}》（{NUMBER_000}）精神，现将市长张国晖的讲话印发给你们。") == [(TITLE_000, NUMBER_000, "document")]
    assert refs(f"根据《{TITLE_000}》(湖政发[2017]18号)精神。") == [(TITLE_000, NUMBER_000, "document")]
    assert refs(f"按照{NUMBER_000}《{TITLE_000}》要求，认真抓好落实。") == [(TITLE_000, NUMBER_000, "document")]
    assert refs(f"根据《{TITLE_000}（{NUMBER_000}）》精神。") == [(TITLE_000, NUMBER_000, "document")]


def test_own_title_heading_the_document_in_marks_is_no_citation():
    assert refs(f"《{TITLE_000}》\n{NUMBER_000}\n新一届市政府领导班子受任于湖州加快赶超的关键时期。") == []
    # the same title further down is the document's own too; another title there is a citation
    assert refs(f"《{TITLE_000}》\n新一届市政府领导班子受任于关键时期。严格执行《{TITLE_000}》和《廉洁自律准则》。") == [
        ("廉洁自律准则", None, "regulation")]


def test_a_number_apart_from_the_title_is_another_reference():
    assert refs(f"带头严格遵守《廉洁自律准则》和{NUMBER_000}文件。") == [
        ("廉洁自律准则", None, "regulation"), (None, NUMBER_000, "document")]


def test_bare_numbers_without_the_words_before_them():
    assert refs("根据国发〔2024〕1号和国办发[2024]5号文件精神，做好相关工作。") == [
        (None, "国发〔2024〕1号", "document"), (None, "国办发〔2024〕5号", "document")]
    assert refs("按照省政府办公厅湘政办发〔2019〕3号文件要求。") == [(None, "湘政办发〔2019〕3号", "document")]
    assert refs("按照人社部发〔2019〕1号文件要求。") == [(None, "人社部发〔2019〕1号", "document")]   # 部 belongs to the 代字
    assert refs("落实湘政函（2019）第45号精神。") == [(None, "湘政函〔2019〕45号", "document")]


def test_numbers_that_are_no_document_numbers():
    assert refs("地铁（2020）3号线今年开通，（2019）浙01民初45号案件审结，投资增长8%。") == []


def test_one_row_per_cited_document():
    found = refs(f"根据《{TITLE_000}》（{NUMBER_000}），落实《{TITLE_000}》和{NUMBER_000}文件的要求。")
    assert found == [(TITLE_000, NUMBER_000, "document")]


def test_an_alias_is_the_same_citation():
    text = f"认真贯彻《{TITLE_000}》（{NUMBER_000}，以下简称《决定》），把《决定》各项要求落到实处。"
    assert refs(text) == [(TITLE_000, NUMBER_000, "document")]
    text = f"认真贯彻《{TITLE_000}》（以下简称《班子建设决定》），把《班子建设决定》各项要求落到实处。"
    assert refs(text) == [(TITLE_000, None, "document")]


def test_nested_marks_belong_to_the_title():
    assert refs("根据《国务院关于印发〈中国制造2025〉的通知》（国发〔2015〕28号）") == [
        ("国务院关于印发〈中国制造2025〉的通知", "国发〔2015〕28号", "document")]
    assert refs("根据《国务院关于印发《中国制造2025》的通知》要求") == [("国务院关于印发《中国制造2025》的通知", None, "document")]


def test_an_unclosed_mark_is_no_title():
    assert refs("坚持学习《习近平谈治国理政。在《人民日报》发表文章。") == [("人民日报", None, "other")]


# real sentences of the 2026 work reports
def test_laws_regulations_and_documents_in_one_sentence():
    # 海南
    text = ("坚持以习近平总书记关于海南工作的系列重要讲话和指示批示精神为根本遵循，以《中共中央、国务院关于支持海南全面深化改革开放的指导意见》"
            "《海南自由贸易港建设总体方案》《中华人民共和国海南自由贸易港法》为制度基础。")
    assert refs(text) == [("中共中央、国务院关于支持海南全面深化改革开放的指导意见", None, "document"),
                          ("海南自由贸易港建设总体方案", None, "document"),
                          ("中华人民共和国海南自由贸易港法", None, "law")]
    # 青海, 贵州
    assert refs("全面实施《青藏高原生态保护法》《国家公园法》等法律法规，持续健全三江源“中华水塔”保护机制。") == [
        ("青藏高原生态保护法", None, "law"), ("国家公园法", None, "law")]
    assert refs("推动出台《贵州省民营经济促进条例》。") == [("贵州省民营经济促进条例", None, "regulation")]
    # 陕西: a journal
    assert refs("异种器官移植入选《科学》年度十大突破。") == [("科学", None, "other")]


@pytest.mark.parametrize("title, kind", [
    ("中华人民共和国监察法", "law"),
    ("民法典", "law"),
    ("中华人民共和国宪法修正案", "law"),
    ("中华人民共和国安全生产法（2021年修正）", "law"),
    ("孙子兵法", "other"),                           # a 法 that is no law
    ("枫桥经验工作法", "other"),
    ("贵州省民营经济促进条例", "regulation"),
    ("湖州市行政规范性文件管理办法（试行）", "regulation"),
    ("中国共产党廉洁自律准则", "regulation"),            # a Party regulation
    ("中国共产党章程", "regulation"),
    ("海南自由贸易港建设总体方案", "document"),
    ("河北省国民经济和社会发展第十五个五年规划纲要（草案）", "document"),
    ("湖州市“十四五”数字经济发展规划（2021—2025年）", "document"),
    ("政府工作报告", "document"),
    ("张国晖市长在市政府第一次全体会议上的讲话", "document"),
    ("习近平谈治国理政", "other"),
    ("人民日报", "other"),
    ("山海情", "other"),
    (None, "document"),                             # a bare 发文字号
])
def test_kind(title, kind):
    assert kind_of(title) == kind


@pytest.mark.parametrize("title, genre", [
    ("纲要", "纲要"), ("纲要（草案）", "纲要"), ("纲要草案", "纲要"), ("建议", "建议"), ("实施办法", "办法"), ("意见", "意见"),
    ("河北省国民经济和社会发展第十五个五年规划纲要（草案）", None), ("科学", None), ("民营经济促进法", None),
])
def test_back_reference_genre(title, genre):
    assert back_reference_genre(title) == genre


def test_back_references_join_the_full_citation():
    # 河北: 《建议》 (never cited in full), the 《…纲要（草案）》, later 《纲要（草案）》
    titles = [r.cited_title for r in refs_of(REPORTS / "2026_河北省_政府工作报告.txt")]
    assert titles == ["建议", "河北省国民经济和社会发展第十五个五年规划纲要（草案）"]
    # 广西: 《建议》 after the full 《…的建议》 is that one; 《纲要》 (its full title was not in 《》) stays
    titles = [r.cited_title for r in refs_of(REPORTS / "2026_广西壮族自治区_政府工作报告.txt") if r.kind == "document"]
    assert titles == ["中国共产党广西壮族自治区委员会关于制定国民经济和社会发展第十五个五年规划的建议", "纲要"]


def test_own_title_is_not_a_citation():
    # 江西: the glossary heading names the report itself
    path = REPORTS / "2026_江西省_政府工作报告.txt"
    assert "政府工作报告" in [r.cited_title for r in refs_of(path)]
    assert "政府工作报告" not in [r.cited_title for r in refs_of(path, own_title="政府工作报告")]
    assert len(refs_of(path, own_title="政府工作报告")) == len(refs_of(path)) - 1


def test_sentence_and_section_of_a_reference():
    doc, text, sections = processed(REPORTS / "2026_青海省_政府工作报告.txt")
    found = [r for r in refs_of(REPORTS / "2026_青海省_政府工作报告.txt") if r.cited_title == "国家公园法"]
    assert len(found) == 1
    r = found[0]
    assert text[r.char_start : r.char_start + 7] == "《国家公园法》"
    assert r.text.startswith("全面实施《青藏高原生态保护法》") and r.text.endswith("。")
    assert sections[r.section].char_start <= r.char_start < sections[r.section].char_end


# --- title keys --------------------------------------------------------------------------------


def test_title_key_matches_an_attachment_to_its_citation_as_written_elsewhere():
    attachment = processed(S002)[0]["attachment_title"]
    written_elsewhere = ("《关于在全市政府系统大力开展“忠诚型、创新型、担当型、服务型、过硬型”政府建设"
                         "加快推动九江高质量跨越式发展的实施方案（试行）》")
    assert title_key(written_elsewhere) == title_key(attachment)
    assert title_key(processed(S002)[0]["title"]) != title_key(attachment)   # the notice is another document


def test_title_key_drops_the_issuer_written_outside_the_marks():
    assert title_key(TITLE_000) == title_key("《关于加强领导班子自身建设的决定》") == "关于加强领导班子自身建设的决定"
    assert title_key("中共中央、国务院关于支持海南全面深化改革开放的指导意见") == "关于支持海南全面深化改革开放的指导意见"
    assert title_key("关于支持海南全面深化改革开放的指导意见") == "关于支持海南全面深化改革开放的指导意见"
    # a title that only starts like an organ keeps its words
    assert title_key("推动内蒙古高质量发展关于若干问题的说明") == "推动内蒙古高质量发展关于若干问题的说明"


@pytest.mark.parametrize("a, b", [
    ("湖州市行政规范性文件管理办法（试行）", "湖州市行政规范性文件管理办法"),
    ("河北省国民经济和社会发展第十五个五年规划纲要（草案）", "河北省国民经济和社会发展第十五个五年规划纲要草案"),
    ("中华人民共和国安全生产法（2021年修正）", "中华人民共和国安全生产法"),
    ("《“十四五”数字经济发展规划》", '"十四五"数字经济发展规划'),
    ("许昌市 人民政府关于印发张国晖市长讲话的通知（许政办〔2012〕68号）", "许昌市人民政府关于印发张国晖市长讲话的通知"),
])
def test_title_key_folds_variants(a, b):
    assert title_key(a) == title_key(b)


@pytest.mark.parametrize("a, b", [
    ("湖州市“十四五”数字经济发展规划（2021—2025年）", "湖州市“十三五”数字经济发展规划（2016—2020年）"),
    ("湖州市数字经济发展规划（2021—2025年）", "湖州市数字经济发展规划（2016—2020年）"),   # a period is part of the name
    ("中华人民共和国安全生产法", "中华人民共和国安全生产法实施条例"),
])
def test_title_key_keeps_documents_apart(a, b):
    assert title_key(a) != title_key(b)


def test_every_reference_of_the_real_documents_is_well_formed():
    paths = sorted(SEEDS.glob("*.txt")) + sorted(REPORTS.glob("*.txt"))
    total = 0
    for path in paths:
        doc, text, sections = processed(path)
        for r in refs_of(path):
            total += 1
            assert r.kind in ("law", "regulation", "document", "other")
            assert r.cited_title or r.cited_doc_number
            assert r.cited_title is None or ("《" not in r.cited_title[:1] and "》" not in r.cited_title[-1:])
            start = text.index(r.text, max(0, r.char_start - len(r.text)))
            assert start <= r.char_start < start + len(r.text)      # the sentence holds the citation
            assert r.section is None or sections[r.section].char_start <= r.char_start < sections[r.section].char_end
    assert total > 90


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="《》〈〉（）()〔〕[]【】。，、\n 国发办政湖号第文件根据和法条例通知意见以下简称2017181", max_size=80))
def test_never_raises_on_fragments(text):
    for r in find_references(text, [], "湖政发〔2017〕18号"):
        assert 0 <= r.char_start < len(text)
        assert r.cited_doc_number != "湖政发〔2017〕18号"


def test_a_citation_never_resolves_to_a_repost_of_the_citing_document():
    from transforms.references import CitableDocument, citation_index, resolve

    # 九江 (seed 002) forwards its 实施方案; another site reposts the notice under the plan's title
    plan = "关于在全市政府系统大力开展忠诚型创新型担当型服务型过硬型政府建设加快推动九江高质量跨越式发展的实施方案"
    notice = CitableDocument("notice", None, "九江市人民政府关于印发" + plan + "的通知", plan, (False, "2018"))
    repost = CitableDocument("repost", None, plan, None, (True, "2018"))
    other = CitableDocument("other", None, "九江市人民政府办公室关于落实" + plan + "的通知", None, (False, "2018"))
    index = citation_index([notice, repost, other])
    key = title_key(plan)
    assert resolve("notice", None, key, index, heads={"repost": "notice"}) is None  # its own text
    # negative: another document citing the plan finds it, as the first document of the text's cluster
    assert resolve("other", None, key, index, heads={"repost": "notice"}) == "notice"
    assert resolve("notice", None, key, index) == "repost"  # without cluster knowledge it would self-link
