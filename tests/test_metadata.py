import dataclasses
import datetime as dt
import importlib.util
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
import yaml

from transforms.chrome import strip_chrome
from transforms.metadata import (
    DocumentMetadata,
    _is_page_noise,
    _parse_byline,
    _speech_header_at,
    extract_metadata,
    genre_of,
    has_placeholders,
    is_truncated,
    looks_like_organ,
    parse_doc_number,
    split_organs,
    standalone_date,
)
from transforms.normalize import normalize_text

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
NOT_METADATA = {"encoding", "original_script"}   # set by the decode/normalize stages


def _load_score_seeds():
    spec = importlib.util.spec_from_file_location("score_seeds", FIXTURES / "score_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


same_value = _load_score_seeds().same_value   # the comparison the seed-gold scorer uses


REPORTS = FIXTURES / "realworld" / "govreports"


def report_head(province: str, lines: int = 25) -> str:
    """The first lines of a real work-report page dump, normalized but with its page chrome left in
    (titles and headers must be found whatever the chrome stage removes)."""
    raw = (REPORTS / f"2026_{province}_政府工作报告.txt").read_text(encoding="utf-8")
    return normalize_text("\n".join(raw.split("\n")[:lines])).text


@lru_cache(maxsize=None)
def seed(name: str) -> tuple[str, dict]:
    raw = (SEEDS / name).read_text(encoding="utf-8")
    stripped = strip_chrome(normalize_text(raw).text)
    return stripped.text, stripped.page_meta


# --- titles and genre --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, genre",
    [
        ("湖州市人民政府关于加强领导班子自身建设的决定", "决定"),
        ("在区政府党组班子主题党日上的讲话", "讲话"),
        ("九江市人民政府关于印发在全市政府系统大力开展忠诚型创新型担当型服务型过硬型政府建设加快推动九江高质量跨越式发展实施方案的通知", "通知"),
        ("关于在全市政府系统大力开展忠诚型创新型担当型服务型过硬型政府建设加快推动九江高质量跨越式发展的实施方案", "实施方案"),
        ("许昌市人民政府办公室关于印发张国晖市长在市政府六届一次全体会议上讲话的通知", "通知"),
        ("湖州市行政规范性文件管理办法（试行）", "办法"),
        ("关于同意设立某某开发区的复函", "函"),
        ("市政府召开常务会议", None),
        ("", None),
    ],
)
def test_genre_of(title, genre):
    assert genre_of(title) == genre


def test_title_strips_leading_doc_number_and_guillemets():
    md = extract_metadata("湖政发〔2017〕18号《湖州市人民政府关于加强领导班子自身建设的决定》\n湖政发〔2017〕18号\n新一届市政府领导班子受任于湖州加快赶超的关键时期。", {})
    assert md.title == "湖州市人民政府关于加强领导班子自身建设的决定"
    assert md.genre == "决定"


def test_title_printed_over_several_lines_is_joined():
    text = "国务院办公厅转发国家发展改革委\n关于促进消费扩容提质的意见的通知\n各省、自治区、直辖市人民政府：\n现转发给你们，请认真贯彻执行。"
    assert extract_metadata(text, {}).title == "国务院办公厅转发国家发展改革委关于促进消费扩容提质的意见的通知"


def test_title_skips_header_marks_and_site_suffix():
    text = "000123\n机密★1年\n特急\n湘政〔2019〕3号 签发人：张三\n湖南省人民政府关于某事项的请示\n国务院：\n特请示如下。"
    md = extract_metadata(text, {})
    assert (md.title, md.genre, md.doc_number) == ("湖南省人民政府关于某事项的请示", "请示", "湘政〔2019〕3号")
    assert extract_metadata("", {"page_title": "在全市经济工作会议上的讲话_某市政府网"}).title == "在全市经济工作会议上的讲话"


# --- 发文字号 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("湖政发〔2017〕18号", ("湖政发〔2017〕18号", 2017, 18)),
        ("许政办[2012]68号 许昌市人民政府办公室关于印发张国晖市长在市政府六届一次全体会议上讲话的通知", ("许政办〔2012〕68号", 2012, 68)),
        ("国办发［2020］3号", ("国办发〔2020〕3号", 2020, 3)),
        ("湘政函（2019）45号", ("湘政函〔2019〕45号", 2019, 45)),
        ("浙政办发【2021】第7号", ("浙政办发〔2021〕7号", 2021, 7)),
        ("湖州市人民政府关于加强领导班子自身建设的决定", None),
        ("", None),
    ],
)
def test_parse_doc_number(text, expected):
    assert parse_doc_number(text) == expected


def test_doc_number_with_square_brackets_is_normalized():
    text, page_meta = seed("004_1ac75a8c33db37d8.txt")
    assert text.startswith("许政办[2012]68号")
    md = extract_metadata(text, page_meta)
    assert (md.doc_number, md.doc_number_year, md.doc_number_serial) == ("许政办〔2012〕68号", 2012, 68)


def test_doc_number_cited_in_body_is_not_the_documents():
    text = "湖州市人民政府关于某事项的通知\n各区县人民政府：\n根据《国务院关于某事项的意见》（国发〔2016〕5号）精神，现通知如下。"
    assert extract_metadata(text, {}).doc_number is None


# --- 主送 and 抄送 -----------------------------------------------------------------------------


def test_addressees_keep_parenthesized_and_shared_suffix_groups():
    line = "各县（市、区）人民政府，许昌新区、经济技术开发区、东城区管委会，市人民政府各部门："   # seed 004
    assert split_organs(line) == ["各县（市、区）人民政府", "许昌新区、经济技术开发区、东城区管委会", "市人民政府各部门"]
    assert split_organs("各省、自治区、直辖市人民政府，国务院各部委、各直属机构：") == [
        "各省、自治区、直辖市人民政府", "国务院各部委", "各直属机构"]


def test_addressees_split_named_units():
    line = "各县（市、区）人民政府，庐山管理局，九江经济技术开发区、庐山西海风景名胜区、八里湖新区、鄱阳湖生态科技城管委会，市政府各部门，市直及驻市各单位："
    md = extract_metadata("九江市人民政府关于印发某方案的通知\n\n" + line + "\n\n现印发给你们，请认真贯彻执行。", {})
    assert md.addressees == ["各县（市、区）人民政府", "庐山管理局", "九江经济技术开发区", "庐山西海风景名胜区",
                             "八里湖新区", "鄱阳湖生态科技城管委会", "市政府各部门", "市直及驻市各单位"]


@pytest.mark.parametrize("salutation", ["同志们：", "各位代表：", "各位委员、同志们：", "女士们、先生们："])
def test_salutation_is_not_an_addressee_line(salutation):
    md = extract_metadata("在区政府党组班子主题党日上的讲话\n" + salutation + "\n在政府工作报告中有句话讲得非常好。", {})
    assert md.addressees == []


def test_colon_line_that_is_not_a_list_of_organs_is_not_an_addressee_line():
    md = extract_metadata("湖州市人民政府关于某事项的通知\n经研究，现将有关事项通知如下：\n一、总体要求", {})
    assert md.addressees == []


def test_cc_line():
    line = "抄送：市委各部门，市人大常委会、市政协办公室，市纪委，湖州军分区，市中级法院，市检察院，各群众团体，各民主党派。"  # seed 000
    md = extract_metadata("湖州市人民政府关于某事项的决定\n正文。\n" + line, {})
    assert md.cc == ["市委各部门", "市人大常委会", "市政协办公室", "市纪委", "湖州军分区", "市中级法院", "市检察院", "各群众团体", "各民主党派"]


def test_source_name_keeps_parentheses():
    text, page_meta = seed("002_090c31c4a9f3c820.txt")
    assert extract_metadata(text, page_meta).source_name == "江西省九江市人民政府驻深圳（广东）办事处"


# --- signature, 成文日期, 印发 -----------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("2017年4月27日", dt.date(2017, 4, 27)),              # seed 000
        ("二○一二年八月一日", dt.date(2012, 8, 1)),            # seed 004
        ("2018年10月12日", dt.date(2018, 10, 12)),            # seed 002
        ("2017年4月27日（此件公开发布）", dt.date(2017, 4, 27)),
        ("（2012年7月31日，根据录音整理）", None),             # speech date under a title
        ("湖州市人民政府办公室 2017年5月4日印发", None),       # 印发 line
        ("市政府于2017年4月27日召开常务会议，研究了有关事项。", None),  # a date inside a sentence
    ],
)
def test_standalone_date(line, expected):
    assert standalone_date(line) == expected


def test_date_inside_a_sentence_is_not_the_signed_date():
    text = "湖州市人民政府关于某事项的通知\n各区县人民政府：\n市政府于2017年4月27日召开常务会议，研究了有关事项。\n特此通知。"
    assert extract_metadata(text, {}).signed_date is None


def test_date_line_under_the_title_is_not_the_signed_date():
    text = "在全市经济工作会议上的讲话\n2023年1月5日\n同志们：\n今天我们召开会议。"
    md = extract_metadata(text, {})
    assert md.signed_date is None
    assert md.speech_date == dt.date(2023, 1, 5)


def test_signature_above_the_date_is_the_issuer():
    text, _ = seed("000_b91d5fdc5d2a3594.txt")
    md = extract_metadata(text, {})
    assert (md.issuer, md.signed_date) == ("湖州市人民政府", dt.date(2017, 4, 27))
    assert (md.printed_by, md.printed_date) == ("湖州市人民政府办公室", dt.date(2017, 5, 4))


def test_joint_signature():
    text = "关于某事项的通知\n正文。\n湖州市人民政府    湖州军分区\n2017年4月27日"
    assert extract_metadata(text, {}).issuer == "湖州市人民政府、湖州军分区"


def test_issuer_from_title_prefix_only_when_it_is_an_organ():
    assert extract_metadata("九江市人民政府关于印发某方案的通知\n正文。", {}).issuer == "九江市人民政府"
    assert extract_metadata("国务院办公厅转发国家发展改革委关于某事项意见的通知\n正文。", {}).issuer == "国务院办公厅"
    assert extract_metadata("关于进一步做好某工作的通知\n正文。", {}).issuer is None
    assert extract_metadata("关于规范市政府办公室印发文件的通知\n正文。", {}).issuer is None
    assert extract_metadata("在区政府党组班子主题党日上的讲话\n同志们：", {}).issuer is None


@pytest.mark.parametrize("organ, ok", [("湖州市人民政府", True), ("各县（市、区）人民政府", True), ("特此通知", False), ("同志们", False)])
def test_looks_like_organ(organ, ok):
    assert looks_like_organ(organ) is ok


# --- forwarded documents and speeches ----------------------------------------------------------


def test_attachment_title_joined_over_lines():
    text, page_meta = seed("002_090c31c4a9f3c820.txt")
    assert extract_metadata(text, page_meta).attachment_title == (
        "关于在全市政府系统大力开展忠诚型创新型担当型服务型过硬型政府建设加快推动九江高质量跨越式发展的实施方案")


def test_attachment_title_from_quoted_title_when_not_printed():
    text = "某市人民政府关于印发某市河长制工作方案的通知\n各县区人民政府：\n《某市河长制工作方案》已经市政府同意，现印发给你们，请认真贯彻执行。"
    assert extract_metadata(text, {}).attachment_title == "某市河长制工作方案"


def test_attachment_title_quoted_in_the_title():
    text = "国务院关于印发《“十四五”数字经济发展规划》的通知\n各省、自治区、直辖市人民政府：\n现将规划印发给你们，请认真贯彻执行。"
    assert extract_metadata(text, {}).attachment_title == "“十四五”数字经济发展规划"


def test_no_attachment_title_for_a_document_that_forwards_nothing():
    text, page_meta = seed("000_b91d5fdc5d2a3594.txt")
    assert extract_metadata(text, page_meta).attachment_title is None


def test_speaker_from_forwarded_speech():
    text, page_meta = seed("004_1ac75a8c33db37d8.txt")
    md = extract_metadata(text, page_meta)
    assert (md.speaker, md.speaker_title, md.speech_date) == ("张国晖", "市长", dt.date(2012, 7, 31))


@pytest.mark.parametrize(
    "title, speaker, speaker_title",
    [
        ("张国晖市长在市政府第一次全体会议上的讲话", "张国晖", "市长"),
        ("市长张国晖在市政府第一次全体会议上的讲话", "张国晖", "市长"),
        ("李强同志在全省经济工作会议上的讲话", "李强", None),
        ("王文涛副市长在全市安全生产会议上的讲话", "王文涛", "副市长"),
        ("市政府在全市大会上的讲话", None, None),      # an organ, not a person
        ("在政府新班子成员会议上的讲话", None, None),
    ],
)
def test_speaker_in_speech_title(title, speaker, speaker_title):
    md = extract_metadata(title + "\n同志们：\n今天我们召开会议。", {})
    assert (md.speaker, md.speaker_title) == (speaker, speaker_title)


def test_speaker_from_byline():
    md = extract_metadata("在全市经济工作会议上的讲话\n市长 李四\n（2023年1月5日）\n同志们：\n今天开会。", {})
    assert (md.speaker, md.speaker_title, md.speech_date) == ("李四", "市长", dt.date(2023, 1, 5))


# --- headline past page noise, speech headers, bylines (real work-report pages) ------------------


@pytest.mark.parametrize("line", [
    "下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "【字体：", "小", "分享:",   # toolbars
    "来源：内蒙古日报", "发表时间：", "阅读量：", "2026-02-09 09:45:30",                               # page metadata
    "首页 > 政务信息 > 宁夏要闻", ">",                                                                # breadcrumbs
])
def test_page_noise_lines(line):
    assert _is_page_noise(line)


@pytest.mark.parametrize("line", [
    "2026年内蒙古自治区政府工作报告", "关于做好2026年收藏品市场管理工作的通知", "下载中心建设方案",
    "“十四五”规划（2021-2025年）", "政府工作报告",
])
def test_title_lines_are_not_page_noise(line):
    assert not _is_page_noise(line)


def test_title_skips_the_toolbar_printed_above_it():
    md = extract_metadata(report_head("内蒙古自治区"), {})   # 下载 / 打印 / … / 】 / 2026年内蒙古自治区政府工作报告
    assert md.title == "2026年内蒙古自治区政府工作报告" and md.genre == "报告"


def test_title_skips_toolbar_when_no_speech_header_follows():
    md = extract_metadata("下载\n打印\n】\n关于做好2026年春节期间安全生产工作的通知\n各县区人民政府：\n现将有关事项通知如下。", {})
    assert md.title == "关于做好2026年春节期间安全生产工作的通知"


def test_documents_own_headline_above_the_speech_header_beats_the_page_headline():
    # 宁夏: breadcrumb one item a line, page headline "2026年宁夏…报告", then the document's "政府工作报告"
    md = extract_metadata(report_head("宁夏回族自治区"), {"page_title": "2026年宁夏回族自治区政府工作报告"})
    assert (md.title, md.speaker, md.speaker_title, md.speech_date) == ("政府工作报告", "张雨浦", "主席", dt.date(2026, 2, 3))
    # the same with the chrome already stripped: the two headlines on adjacent lines are not glued
    text = "2026年宁夏回族自治区政府工作报告\n政府工作报告\n——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上\n各位代表："
    assert extract_metadata(text, {}).title == "政府工作报告"


def test_page_headline_wins_without_a_speech_header():
    text = "首页\n>\n政务信息\n>\n宁夏要闻\n2026年宁夏回族自治区政府工作报告\n各位代表：\n现在，我代表自治区人民政府向大会报告工作。"
    assert extract_metadata(text, {}).title == "2026年宁夏回族自治区政府工作报告"


def test_title_and_byline_printed_twice_are_one_title():
    md = extract_metadata(report_head("陕西省"), {})   # 分享: / title / header+byline / breadcrumb / title / header+byline
    assert (md.title, md.speaker, md.speaker_title, md.speech_date) == ("陕西省2026年政府工作报告", "赵刚", "省长", dt.date(2026, 1, 27))


def test_breadcrumb_item_is_not_the_title():
    # 陕西's breadcrumb holds "政府工作报告" between two ">" lines; without the header lines it is still skipped
    text = "首页\n>\n政府信息公开\n>\n政府工作报告\n>\n省政府工作报告\n陕西省2026年政府工作报告\n各位代表："
    assert extract_metadata(text, {}).title == "陕西省2026年政府工作报告"


def test_zone_line_equal_to_the_page_title_wins_over_a_kicker_above_it():
    text = "奋力谱写中国式现代化新篇章\n关于做好2026年春节期间安全生产工作的通知\n各县区人民政府："
    page_title = "关于做好2026年春节期间安全生产工作的通知_某某市人民政府"
    assert extract_metadata(text, {"page_title": page_title}).title == "关于做好2026年春节期间安全生产工作的通知"
    # without a page title the kicker (引题) is still not part of the title, but an issuer line is
    assert extract_metadata(text, {"page_title": "某某市人民政府门户网站"}).title == "关于做好2026年春节期间安全生产工作的通知"
    text = "湖州市人民政府\n关于加强领导班子自身建设的决定\n各县区人民政府："
    assert extract_metadata(text, {}).title == "湖州市人民政府关于加强领导班子自身建设的决定"


def test_photo_caption_sentence_above_the_headline():
    text = ("2月3日，宁夏回族自治区第十三届人民代表大会第四次会议在银川开幕。自治区人民政府主席张雨浦作政府工作报告。\n"
            "政府工作报告\n——2026年2月3日在宁夏回族自治区第十三届人民代表大会第四次会议上\n自治区人民政府主席 张雨浦\n各位代表：")
    md = extract_metadata(text, {})
    assert (md.title, md.speaker, md.speech_date) == ("政府工作报告", "张雨浦", dt.date(2026, 2, 3))


@pytest.mark.parametrize("column", ["宁夏要闻", "通知公告", "政务动态"])
def test_column_name_above_the_headline_is_not_the_title(column):
    text = column + "\n关于做好2026年春节期间安全生产工作的通知\n各县区人民政府："
    assert extract_metadata(text, {}).title == "关于做好2026年春节期间安全生产工作的通知"


def test_short_real_title_is_not_a_column_name():
    text = "政府工作报告\n——2026年1月27日在海南省第七届人民代表大会第五次会议上\n海南省省长 刘小明\n各位代表："
    assert extract_metadata(text, {}).title == "政府工作报告"


def test_headline_broken_over_two_lines_above_the_header():
    text = "政府工作报\n告\n——2026年1月26日在广东省第十四届人民代表大会第五次会议上\n广东省省长 孟凡利\n各位代表："
    assert extract_metadata(text, {}).title == "政府工作报告"


def test_title_line_continued_by_de_line_is_joined():
    text = "湖州市人民政府关于印发某某实施方案\n的通知\n各县区人民政府：\n现印发给你们，请认真贯彻执行。"
    assert extract_metadata(text, {}).title == "湖州市人民政府关于印发某某实施方案的通知"
    # a complete title is not glued to the addressee line under it
    assert extract_metadata("湖州市人民政府关于某事项的通知\n各县区人民政府：\n正文。", {}).title == "湖州市人民政府关于某事项的通知"


@pytest.mark.parametrize("opening", ["同志们！", "各位代表！", "同志们，朋友们！"])
def test_salutation_is_never_the_title(opening):
    md = extract_metadata(opening + "\n今天我们召开全市经济工作会议，主要任务是总结工作。", {})
    assert md.title is None


@pytest.mark.parametrize("record, in_text, want", [
    ("政府工作报告_吉林省人民政府网站", "政府工作报告", "政府工作报告"),             # site suffix stripped
    ("政府工作报告", "2026年吉林省政府工作报告", "2026年吉林省政府工作报告"),        # in-text more specific
    ("2026年吉林省政府工作报告", "吉林省政府工作报告", "2026年吉林省政府工作报告"),   # record wins otherwise
    ("吉林省人民政府门户网站", "2026年吉林省政府工作报告", "2026年吉林省政府工作报告"),  # a site name is no title
    ("吉林省人民政府", "2026年吉林省政府工作报告", "2026年吉林省政府工作报告"),        # an organ name is no title
    ("通知公告", "关于做好春节期间安全生产工作的通知", "关于做好春节期间安全生产工作的通知"),  # a column name
])
def test_record_title(record, in_text, want):
    text = in_text + "\n——2026年1月27日在吉林省第十四届人民代表大会第五次会议上\n省长 胡玉亭\n各位代表："
    assert extract_metadata(text, {"record_title": record}).title == want


@pytest.mark.parametrize("page_title, want", [
    ("2026年政府工作报告-人民网", "2026年政府工作报告"),
    ("关于印发某某规划（2021-2025年）的通知", "关于印发某某规划（2021-2025年）的通知"),   # a hyphen inside the title
    ("2021-2025年发展规划", "2021-2025年发展规划"),
])
def test_page_title_site_suffix_after_a_hyphen(page_title, want):
    assert extract_metadata("", {"page_title": page_title}).title == want


@pytest.mark.parametrize("lines, date", [
    (["——2026年2月4日在内蒙古自治区第十四届人民代表大会第五次会议上"], dt.date(2026, 2, 4)),      # 内蒙古
    (["（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）"], dt.date(2026, 1, 27)),          # 贵州
    (["――2026年1月27日在青海省第十四届人民代表大会第四次会议上"], dt.date(2026, 1, 27)),          # 青海, U+2015
    (["2026年1月31日在黑龙江省第十四届人民代表大会第四次会议上"], dt.date(2026, 1, 31)),           # 黑龙江, no dash
    (["——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上"], dt.date(2026, 1, 27)),     # 甘肃
    (["——2026年1月26日在广东省第十四届", "人民代表大会第五次会议上"], dt.date(2026, 1, 26)),        # 广东, two lines
    (["——在全市经济工作会议上的讲话"], None),
])
def test_speech_header(lines, date):
    header = _speech_header_at(lines, 0)
    assert header is not None and header.date == date and header.end == len(lines) - 1


@pytest.mark.parametrize("line", [
    "2026年1月27日在全省会议上，我们部署了全年工作。",     # a sentence
    "（2012年7月31日，根据录音整理）",                       # seed 004: a date note, no occasion
    "在区政府党组班子主题党日上的讲话",                       # seed 001: the title itself
    "（2023年3月13日第十四届全国人民代表大会第一次会议通过）",  # an adoption note
])
def test_not_a_speech_header(line):
    assert _speech_header_at([line], 0) is None


@pytest.mark.parametrize("line, next_line, want", [
    ("自治区人民政府主席 包钢", None, ("包钢", "主席")),
    ("北京市市长 殷勇", None, ("殷勇", "市长")),
    ("四川省人民政府省长 施小琳", None, ("施小琳", "省长")),
    ("天津市市长 张工", None, ("张工", "市长")),
    ("自治区主席 艾尔肯·吐尼亚孜", None, ("艾尔肯·吐尼亚孜", "主席")),
    ("自治区人民政府主席 韦 韬", None, ("韦韬", "主席")),
    ("国务院总理", "李 强", ("李强", "总理")),            # "李　强" after normalize
    ("省长 胡玉亭", None, ("胡玉亭", "省长")),
    ("张国晖 市长", None, ("张国晖", "市长")),
])
def test_byline(line, next_line, want):
    assert _parse_byline(line, next_line) == want


@pytest.mark.parametrize("line, next_line", [
    ("省长卢东亮在省十四届人大五次会议上作政府工作报告", None),   # 山西's photo caption
    ("市长张三讲话", None),
    ("湖州市人民政府", None),
    ("各位代表：", None),
    ("国务院总理", "各位代表："),
])
def test_not_a_byline(line, next_line):
    assert _parse_byline(line, next_line) is None


@pytest.mark.parametrize("province, speaker, office, date", [
    ("新疆维吾尔自治区", "艾尔肯·吐尼亚孜", "主席", dt.date(2026, 1, 27)),
    ("广西壮族自治区", "韦韬", "主席", dt.date(2026, 2, 2)),
    ("广东省", "孟凡利", "省长", dt.date(2026, 1, 26)),          # header over two lines
    ("青海省", "罗东川", "省长", dt.date(2026, 1, 27)),          # ―― and a timestamp under the byline
    ("贵州省", "李炳军", "省长", dt.date(2026, 1, 27)),          # photo caption above the headline
    ("甘肃省", "任振鹤", "省长", dt.date(2026, 1, 27)),          # date in Chinese numerals
])
def test_report_speaker_and_date(province, speaker, office, date):
    md = extract_metadata(report_head(province), {})
    assert (md.speaker, md.speaker_title, md.speech_date) == (speaker, office, date)


def test_byline_printed_above_the_header_and_name_on_its_own_line():
    text = "政府工作报告\n国务院总理\n李　强\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表："
    md = extract_metadata(normalize_text(text).text, {})
    assert (md.title, md.speaker, md.speaker_title, md.speech_date) == ("政府工作报告", "李强", "总理", dt.date(2024, 3, 5))


def test_untitled_speech_takes_its_genre_from_the_header():
    text = "坚定信心 实干争先\n——在全市经济工作会议上的讲话\n市委书记 张三\n（2023年1月5日）\n同志们：\n今天开会。"
    md = extract_metadata(text, {})
    assert (md.title, md.genre, md.speaker, md.speaker_title, md.speech_date) == (
        "坚定信心 实干争先", "讲话", "张三", "市委书记", dt.date(2023, 1, 5))


def test_no_speaker_for_a_notice_with_a_byline_like_line():
    md = extract_metadata("关于某事项的通知\n市长 张三\n各县区人民政府：\n正文。", {})
    assert (md.speaker, md.speech_date) == (None, None)


# --- adoption notes ------------------------------------------------------------------------------


@pytest.mark.parametrize("title, note, date", [
    # other-1.html (a gazette page)
    ("全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议",
     "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）", dt.date(2007, 6, 29)),
    ("第十四届全国人民代表大会第一次会议关于政府工作报告的决议",
     "（2023年3月13日第十四届全国人民代表大会第一次会议通过）", dt.date(2023, 3, 13)),
    ("某市人民政府关于某事项的决定", "（二○一二年八月一日市政府第十次常务会议审议通过）", dt.date(2012, 8, 1)),
    ("中华人民共和国某某法", "（1989年12月26日第七届全国人民代表大会常务委员会第十一次会议通过　"
     "2014年4月24日第十二届全国人民代表大会常务委员会第八次会议修订）", dt.date(2014, 4, 24)),   # the text's own: the last
])
def test_adoption_note_is_the_signed_date(title, note, date):
    text = title + "\n" + normalize_text(note).text + "\n第一条　为了某某，制定本法。"
    assert extract_metadata(text, {}).signed_date == date


@pytest.mark.parametrize("text", [
    "政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n省长 李炳军\n各位代表：",
    "某市人民政府关于某事项的通知\n各县区人民政府：\n条例已于2023年3月13日经市人大常委会会议审议通过。",
    "在市政府第一次全体会议上的讲话\n（2012年7月31日，根据录音整理）\n同志们：",
])
def test_not_an_adoption_note(text):
    assert extract_metadata(text, {}).signed_date is None


# --- placeholders and truncation ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("这两句话对于描述我们×当前的情况再恰当不过", True),       # seed 001
        ("×××同志：", True),
        ("XX市人民政府", True),
        ("2017年X月X日", True),
        ("***县人民政府", True),
        ("如去年抓学习“ *** ”提高企业市场竞争力活动", False),     # seed 003: a site's word mask, not a name
        ("* * *", False),
        ("纸张尺寸为210mm × 297mm，共3×4×5个", False),
        ("X射线检测设备", False),
        ("二○一二年八月一日", False),
        ("实施“人工智能+”“数据要素×”行动，加快产业数字化", False),   # 山西: a slogan
        ("为群众提供“7×24小时”全天候服务", False),                    # 内蒙古: multiplication
        ("这是×人的期待和向往，也是我们自己的“×梦”。", True),          # seed 001: × opening a quote
        ("要把×的强项做强、亮点做亮", True),                            # seed 001
        ("“××”活动", True),
    ],
)
def test_has_placeholders(text, expected):
    assert has_placeholders(text) is expected


def test_truncated_preview():
    text, _ = seed("003_074de4ef042b938f.txt")
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines[-1].endswith("更多的是在办法上要")
    assert is_truncated(lines) is True


@pytest.mark.parametrize(
    "last_line",
    [
        "新一届市政府领导班子将认真对照上述要求，牢记使命、勇于担当，为高水平全面建成小康社会而努力奋斗！",
        "湖州市人民政府办公室 2017年5月4日印发",      # 版记, not prose
        "三、保障措施",                                 # short heading
        "（四）强化考核评估。将“五型”政府建设情况纳入全市高质量发展综合考核评价体系。",
    ],
)
def test_not_truncated(last_line):
    assert is_truncated(["标题", last_line]) is False


def test_line_ending_in_a_comma_is_truncated():
    assert is_truncated(["标题", "按照区委、区政府明确的目标任务，"]) is True


def test_empty_input():
    assert extract_metadata("", {}) == DocumentMetadata()


# --- the five seeds against their expected extraction ------------------------------------------


EXPECTED = sorted((SEEDS / "expected").glob("*.yaml"))


@pytest.mark.parametrize("expected_path", EXPECTED, ids=[p.stem for p in EXPECTED])
def test_seed_document_fields(expected_path):
    expected = yaml.safe_load(expected_path.read_text(encoding="utf-8"))
    text, page_meta = seed(expected["source_file"])
    got = dataclasses.asdict(extract_metadata(text, page_meta))
    failures = {
        name: (want, got.get(name, "<missing field>"))
        for name, want in expected["document"].items()
        if name not in NOT_METADATA and (name not in got or not same_value(want, got[name]))
    }
    assert not failures, failures



@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="关于印发通知讲话在上的人民政府办公室各县（市、区）：，。、×*X2017年4月27日〔〕[]号抄送同志们\n ", max_size=30), max_size=12))
def test_extract_metadata_never_raises(lines):
    assert isinstance(extract_metadata("\n".join(lines), {"published_at": lines[0] if lines else ""}), DocumentMetadata)


def test_published_at_falls_back_to_a_date_in_the_url():
    """A record file's url column or a page's canonical URL dates a page with no date printed."""
    text = "国务院关于做好冬春季节疫情防控工作的通知\n各省、自治区、直辖市人民政府：\n现将有关事项通知如下。"
    url = "http://www.gov.cn/zhengce/content/2022-11/16/content_5727123.htm"
    assert extract_metadata(text, {"url": url}).published_at == dt.datetime(2022, 11, 16)
    assert extract_metadata(text, {"url": url, "published_at": "2022-11-17 09:00"}).published_at == dt.datetime(2022, 11, 17, 9)
    # a post id is no date
    assert extract_metadata(text, {"url": "http://bbs.example.cn/thread-2012061234-1-1.html"}).published_at is None


BELOW_TITLE_BODY = "各有关单位：\n为深入贯彻落实党的二十大精神，结合我市实际，现提出如下意见。\n滨江市人民政府\n2021年3月1日\n"
BELOW_TITLE = "滨江市人民政府关于加快推进智慧农业产业园区建设的实施意见"


@pytest.mark.parametrize("text", [
    f"{BELOW_TITLE}\n滨政发〔2021〕17号\n{BELOW_TITLE_BODY}",                      # web pages print it under the headline
    f"{BELOW_TITLE}\n发布时间：2021-03-04\n（滨政发[2021]17号）\n{BELOW_TITLE_BODY}",  # after an info line, in brackets
])
def test_a_doc_number_alone_just_below_the_title_is_read(text):
    meta = extract_metadata(text, {})
    assert (meta.doc_number, meta.doc_number_year, meta.doc_number_serial) == ("滨政发〔2021〕17号", 2021, 17)
    assert meta.title == BELOW_TITLE


def test_a_doc_number_in_the_body_is_not_the_documents_own():
    # negative: cited in the first sentence, or alone on a line after the 主送 line (an attachment list)
    cited = f"{BELOW_TITLE}\n根据国发〔2024〕1号文件精神，现提出如下意见。\n{BELOW_TITLE_BODY}"
    after_addressees = f"{BELOW_TITLE}\n各有关单位：\n国发〔2024〕1号\n为深入贯彻落实党的二十大精神，现提出如下意见。\n"
    assert extract_metadata(cited, {}).doc_number is None
    assert extract_metadata(after_addressees, {}).doc_number is None


def test_the_forwarded_title_comes_from_the_forwarding_sentence_only():
    head = "滨江市人力资源和社会保障局关于做好职业教育工作的通知\n各有关单位：\n"
    forwarded = head + "《滨江市职业教育提质培优行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。\n滨江市人力资源和社会保障局\n2021年3月1日\n"
    assert extract_metadata(forwarded, {}).attachment_title == "滨江市职业教育提质培优行动方案"
    # negative: a 《…》 of another sentence with 印发 after it is a citation, not the forwarded document
    cited = head + ("领导干部要带头遵守《廉洁自律准则》和各项规定，自觉把有关材料及时印发各单位。\n"
                    "现将市长在全市职业教育工作会议上的讲话印发给你们，请认真学习贯彻。\n")
    assert extract_metadata(cited, {}).attachment_title is None
