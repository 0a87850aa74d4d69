"""Tests for transforms.html: main-content extraction from scraped Chinese government/news pages.

The expected titles, chrome strings and first/last body sentences below were read off the eight
real pages in tests/fixtures/html (see SOURCE.md there).
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.decode import decode_bytes
from transforms.html import HtmlExtract, extract_html, looks_like_html

FIXTURES = Path(__file__).parent / "fixtures" / "html"


@dataclasses.dataclass(frozen=True)
class Page:
    file: str
    title: str
    chrome: tuple[str, ...]      # navigation / breadcrumb / footer text that must not be in `text`
    first: str                   # the body's first line starts with this
    last: str                    # the body's last line ends with this
    inside: tuple[str, ...] = ()  # more body sentences that must be kept
    meta: tuple[tuple[str, str], ...] = ()


PAGES = [
    Page(
        "163-9.html",
        title="5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！",
        chrome=("网易公司版权所有", "分享到", "跟贴广场", "特别声明", "网易首页"),
        first="下周一，",
        last="平安出行，安全到家。",
        inside=("5月10日起，江阴大桥将半幅封闭施工22天！",
                "注：红色为所有车辆绕行线路图，蓝色仅为小型车辆绕行线路图。"),
        meta=(("published_at", "2019-05-17"), ("source_name", "无锡交警")),
    ),
    Page(
        "gzggw-1.html",
        title="1-10月德清县固定资产投资结构趋稳趋优",
        chrome=("浙ICP备05018911号", "当前位置", "网站地图", "浏览次数", "浙江政务服务网"),
        first="1-10月，全县固定资产投资完成246.79亿元，完成年度计划82.3%，同比增长15.3%，位列三县两区第一。",
        last="总体全县投资结构趋稳趋优。（德清县发改局）",
        meta=(("published_at", "2016-11-22 09:53"), ("source_name", "省发改委")),
    ),
    Page(
        "other-1.html",
        title="全国人民代表大会常务委员会关于批准财政部发行特别国债购买外汇及调整2007年末国债余额限额的决议",
        chrome=("京ICP备05070218号", "主办单位", "网站标识码", "首页 > 国务院公报", "扫一扫在手机打开当前页",
                "相关稿件"),
        first="（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）",
        last="批准2007年末国债余额限额调整为53365.53亿元。",
        inside=("第十届全国人民代表大会常务委员会第二十八次会议，听取了财政部部长金人庆代表国务院",),
        meta=(("published_at", "2007-08-20-23:59:59"),),
    ),
    Page(
        "people-1.html",
        title="女儿出嫁，郑板桥画了几笔兰花当嫁妆",
        chrome=("人 民 网 版 权 所 有", "人民网>>文化", "推荐阅读", "责编", "分享到", "文脉颂中华"),
        first="父亲的教诲像一盏灯，为我们照亮前行的路；",
        last="虽然，东方朔为人洒脱不羁，但，在这首诫子诗中，他与普通父亲并没有差别，字里行间都是对儿子的爱。",
        inside=("古人学问无遗力，少壮工夫老始成。", "晚清词人陈廷焯称赞此诗：文章本天成，妙手偶得之。"),
        meta=(("published_at", "2019年06月15日08:18"), ("source_name", "人民网-文化频道")),
    ),
    Page(
        "shanxi-1.html",
        title="山西品牌丝路行（南美站）正式启动",
        chrome=("晋ICP备12000773号", "网站标识码", "首页 > 要闻 > 山西要闻", "扫一扫在手机打开当前页面",
                "山西省人民政府办公厅", "省发展和改革委员会"),
        first="图为山西品牌丝路行（南美站）启动仪式。（刘通摄）",
        last="南美站活动将先后在巴西、乌拉圭、阿根廷举行。（张巨峰）",
        inside=("跨越千山万水，行程近两万公里，山西品牌丝路行首次登陆巴西，刷新“走出去”的最远纪录。",),
        meta=(("published_at", "2019-09-18 06:23"), ("source_name", "山西日报")),
    ),
    Page(
        "sxmu-1.html",
        title="中华人民共和国监察法",
        chrome=("主办单位：山西医科大学纪检监察室", "添加收藏夹", "0351-3985088", "浏览次数", "太原理工大学"),
        first="《中华人民共和国监察法》是为了推进全面依法治国，实现国家监察全面覆盖，深入开展反腐败工作而制定的法律。",
        last="第六十九条　本法自公布之日起施行。《中华人民共和国行政监察法》同时废止。",
        inside=("第一章　总　则", "第三十五条　监察机关对于报案或者举报，应当接受并按照有关规定处理。"),
        meta=(("published_at", "2018-05-17"),),
    ),
    Page(
        "thepaper-3.html",
        title="新年伊始，习近平的重要文章谈了啥？",
        chrome=("沪ICP备14003370号", "责任编辑：柴敏懿", "首页 > 中南海", "相关推荐", "澎湃新闻报料", "热新闻"),
        first="【编前语】2020年1月1日出版的《求是》杂志发表习近平总书记重要文章",
        last="（原题为《新年伊始，习近平的重要文章谈了啥？》）",
        inside=("要加强对全会精神贯彻落实情况的监督检查。", "第三，严格遵守和执行制度。制度的生命力在于执行。"),
        meta=(("published_at", "2020-01-03 18:13"),),
    ),
    Page(
        "zsnews-1.html",
        title="顺德区大良街道党工委委员潘卓辉一行到众创金融街开展调研工作",
        chrome=("现在位置", "打印本页", "关闭窗口", "责任编辑", "来源于"),
        first="2019年2月27日下午，佛山顺德区大良街道党工委委员、街道经济和科技促进局局长潘卓辉，",
        last="为中山经济发展提供创新驱动力。",
        meta=(("published_at", "2019-03-06"), ("source_name", "东区办事处")),
    ),
]


def _page_text(name: str) -> str:
    return decode_bytes((FIXTURES / name).read_bytes()).text


def _visible(html: str) -> str:
    """Rough visible text of a page, to check that test strings really are on it."""
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>|<!--.*?-->", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]*>", "", html))).replace("\xa0", " ")


@pytest.fixture(scope="module")
def extracted() -> dict[str, HtmlExtract]:
    return {p.file: extract_html(_page_text(p.file)) for p in PAGES}


def test_every_fixture_is_covered():
    assert sorted(p.file for p in PAGES) == sorted(f.name for f in FIXTURES.glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_title(page, extracted):
    assert extracted[page.file].title == page.title


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_body_first_and_last_sentence(page, extracted):
    lines = extracted[page.file].text.split("\n")
    assert lines[0].startswith(page.first), lines[0]
    assert lines[-1].endswith(page.last), lines[-1]
    for sentence in page.inside:
        assert sentence in extracted[page.file].text


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_chrome_dropped_and_recorded(page, extracted):
    raw = _visible(_page_text(page.file))
    result = extracted[page.file]
    removed_text = " ".join(t for t, _ in result.removed)
    for s in page.chrome:
        assert s in raw, f"test data: {s!r} is not on the page"
        assert s not in result.text, s
        assert s in removed_text, f"{s!r} dropped silently"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_metadata(page, extracted):
    meta = extracted[page.file].meta
    for key, value in page.meta:
        assert meta.get(key) == value, (key, meta)
    assert set(meta) <= {"page_title", "published_at", "source_name", "publisher", "index_number",
                         "category", "doc_number", "url"}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_text_shape(page, extracted):
    text = extracted[page.file].text
    assert "\n\n" not in text and text == text.strip()
    assert all(line.strip() == line and line for line in text.split("\n"))
    assert page.title != text.split("\n")[0]           # the title is not repeated as the body's start
    assert "<" not in text or "<p" not in text           # no markup left


def test_title_of_gazette_page_comes_from_title_tag_without_site_suffix(extracted):
    # other-1 has no headline element: "<title>…决议__2007年第23号国务院公报_中国政府网</title>"
    assert extracted["other-1.html"].meta["page_title"].endswith("_中国政府网")
    assert "中国政府网" not in extracted["other-1.html"].title


def test_removed_rules_on_real_pages(extracted):
    rules = {rule for r in extracted.values() for _, rule in r.removed}
    assert {"breadcrumb", "site-footer", "share", "related-list", "nav", "title", "page-metadata"} <= rules
    gov = dict((rule, text) for text, rule in extracted["other-1.html"].removed)
    assert gov["breadcrumb"].startswith("首页 > 国务院公报")
    assert "京ICP备05070218号" in gov["site-footer"]


# -- synthetic pages ---------------------------------------------------------------------------

GOV_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于印发某某市促进就业若干措施的通知_某某市人民政府</title></head>
<body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>
<div class="crumb">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政策文件</div>
<table class="xxgk">
<tr><td>索 引 号：</td><td>11350000-2020-00123</td><td>信息分类：</td><td>劳动就业</td></tr>
<tr><td>发布机构：</td><td>某某市人民政府办公室</td><td>发文字号：</td><td>某政办〔2020〕12号</td></tr>
<tr><td>成文日期：</td><td>2020-03-12</td><td>发布日期：</td><td>2020-03-16 16:19</td></tr>
</table>
<div class="article">
<h1>关于印发某某市促进就业若干措施的通知</h1>
<div class="share">分享到：<a>微信</a><a>微博</a></div>
<div id="zoom">
<p>各县（市、区）人民政府，市直各单位：</p>
<p>　　《某某市促进就业若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。</p>
<p>　　一、召开推进会。时间：2020年3月20日上午9:00，地点：市政府第一会议室。</p>
<p>　　二、加大政策支持力度，对吸纳高校毕业生就业的小微企业给予社会保险补贴。<br>　　三、落实创业担保贷款政策，个人贷款额度最高不超过20万元。</p>
<p style="text-align:right">某某市人民政府办公室<br>2020年3月12日</p>
<p style="display:none">内部备注：勿发布</p>
</div>
<div class="print">【打印本页】【关闭窗口】</div>
</div>
<div class="xglj"><h3>相关文章</h3><ul><li><a href="/a.html">关于做好2020年高校毕业生就业工作的通知</a></li>
<li><a href="/b.html">某某市稳就业工作方案</a></li></ul></div>
<div class="footer"><p>主办单位：某某市人民政府办公室　网站标识码：3500000001</p>
<p>闽ICP备12345678号　闽公网安备 35010202000001号　版权所有</p></div>
</body></html>"""


def test_synthetic_gov_page_text_title_meta():
    r = extract_html(GOV_PAGE)
    assert r.title == "关于印发某某市促进就业若干措施的通知"
    assert r.text.split("\n") == [
        "各县（市、区）人民政府，市直各单位：",
        "《某某市促进就业若干措施》已经市政府同意，现印发给你们，请认真贯彻执行。",
        "一、召开推进会。时间：2020年3月20日上午9:00，地点：市政府第一会议室。",
        "二、加大政策支持力度，对吸纳高校毕业生就业的小微企业给予社会保险补贴。",
        "三、落实创业担保贷款政策，个人贷款额度最高不超过20万元。",
        "某某市人民政府办公室",
        "2020年3月12日",
    ]
    assert r.meta == {
        "page_title": "关于印发某某市促进就业若干措施的通知_某某市人民政府",
        "published_at": "2020-03-16 16:19",
        "publisher": "某某市人民政府办公室",
        "index_number": "11350000-2020-00123",
        "category": "劳动就业",
        "doc_number": "某政办〔2020〕12号",
    }


def test_synthetic_gov_page_removed_records_every_dropped_piece():
    r = extract_html(GOV_PAGE)
    by_rule: dict[str, str] = {}
    for text, rule in r.removed:
        by_rule[rule] = by_rule.get(rule, "") + " " + text
    assert "您的位置：首页 > 政务公开 > 政策文件" in by_rule["breadcrumb"]
    assert "分享到" in by_rule["share"]
    assert "【打印本页】【关闭窗口】" in by_rule["toolbar"]
    assert "相关文章" in by_rule["related-list"] and "某某市稳就业工作方案" in by_rule["related-list"]
    assert "闽ICP备12345678号" in by_rule["site-footer"] and "主办单位" in by_rule["site-footer"]
    assert "11350000-2020-00123" in by_rule["page-metadata"]
    assert "内部备注：勿发布" in by_rule["hidden"]
    assert by_rule["title"].strip() == "关于印发某某市促进就业若干措施的通知"
    for text, _ in r.removed:
        assert text and text not in r.text


@pytest.mark.parametrize("raw,title", [
    ("关于开展安全生产大检查的通知_山西省人民政府", "关于开展安全生产大检查的通知"),
    ("关于开展安全生产大检查的通知 - 山西省人民政府门户网站", "关于开展安全生产大检查的通知"),
    ("某某市2019年政府工作报告--政务公开--某某市人民政府", "某某市2019年政府工作报告"),
    ("中国政府网_关于开展安全生产大检查的通知", "关于开展安全生产大检查的通知"),
    ("中华人民共和国监察法-纪检", "中华人民共和国监察法"),
    ("1-10月全县工业经济运行情况", "1-10月全县工业经济运行情况"),
    ("2019-2020学年第一学期校历", "2019-2020学年第一学期校历"),
])
def test_title_site_suffix_is_stripped(raw, title):
    html = f"<html><head><title>{raw}</title></head><body><p>正文第一段，内容如下。</p></body></html>"
    assert extract_html(html).title == title


def test_title_prefers_article_title_meta_and_og_title():
    body = "<body><h1>网站首页</h1><p>正文内容，共计两句。第二句。</p></body>"
    html = ('<html><head><title>xx_某某网</title><meta name="ArticleTitle" content="真正的文章标题">'
            '<meta property="og:title" content="社交标题_某某网"></head>' + body + "</html>")
    assert extract_html(html).title == "真正的文章标题"
    html = '<html><head><title>xx_某某网</title><meta property="og:title" content="社交标题_某某网"></head>' + body
    r = extract_html(html)
    assert r.title == "社交标题" and r.meta["page_title"] == "社交标题_某某网"


def test_wrapper_line_before_html_is_dropped_and_recorded():
    page = ("URL: http://www.example.gov.cn/art/1.html\nFetched: 2020-01-01\n"
            "<html><head><title>关于X的通知_某某市人民政府</title></head><body>"
            "<div class=\"nav\">首页 | 政务公开</div><div id=\"zoom\"><p>各区县人民政府，市直各单位："
            "现将有关事项通知如下，请认真贯彻执行。</p></div></body></html>")
    r = extract_html(page)
    assert r.title == "关于X的通知"
    assert r.text == "各区县人民政府，市直各单位：现将有关事项通知如下，请认真贯彻执行。"
    assert ("URL: http://www.example.gov.cn/art/1.html Fetched: 2020-01-01", "wrapper") in r.removed
    assert ("首页 | 政务公开", "nav") in r.removed


def test_content_after_a_premature_html_end_tag_is_kept():
    page = ("<html><body><div class=header>首页 | 登录</div></html>"
            "<div class=content><p>这是正文第一段，有足够的文字和标点。</p><p>这是正文第二段，也有内容。</p></div>"
            "<div class=footer>版权所有：某某网</div></body></html>")
    r = extract_html(page)
    assert r.text == "这是正文第一段，有足够的文字和标点。\n这是正文第二段，也有内容。"


def test_table_row_cells_are_joined_by_tab():
    page = ("<html><body><div id=zoom><p>附表如下，请各单位按时填报，逐项核对。</p>"
            "<table><tr><td>序号</td><td>单位</td><td>金额（万元）</td></tr>"
            "<tr><td>1</td><td>市财政局</td><td>120</td></tr></table>"
            "<p>以上数据截至2020年底，如有疑问请及时反馈。</p></div></body></html>")
    assert extract_html(page).text.split("\n") == [
        "附表如下，请各单位按时填报，逐项核对。", "序号\t单位\t金额（万元）", "1\t市财政局\t120",
        "以上数据截至2020年底，如有疑问请及时反馈。"]


# -- looks_like_html ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><html><head><title>t</title></head><body><p>正文</p></body></html>",
    "<html>\n<body>正文</body></html>",
    "<!--http://dy.163.com/v2/article/detail/X.html-->\n<html class=\"ua-mac\"><head></head></html>",
    "URL: http://www.gov.cn/zhengce/1.htm\nDate: 2020-03-16\n\n<html><head><meta charset=\"utf-8\"></head></html>",
    "\ufeff  <HTML><HEAD><TITLE>大写标签</TITLE></HEAD></HTML>",
    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><div>正文</div>",
    "<div class=\"content\"><p>第一段</p><p>第二段</p><table><tr><td>单元格</td></tr></table></div>",
])
def test_looks_like_html_true(text):
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    "",
    "   \n",
    "关于开展安全生产大检查的通知\n各区县人民政府：\n现将有关事项通知如下。",
    "第一行内容<br>第二行内容，这是一段带有换行标签的纯文本。",
    "甲<br>乙<br>丙<br>丁<br>戊<br>己<br>庚",
    "当 a < b 且 b > c 时，结论成立。",
    "使用 <p> 标签表示段落。",
])
def test_looks_like_html_false(text):
    assert not looks_like_html(text)


def test_every_fixture_looks_like_html():
    for f in FIXTURES.glob("*.html"):
        assert looks_like_html(_page_text(f.name)), f.name


# -- robustness -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", " ", "\n\t", "<", ">", "<<<>>>", "<html", "</p></div>", "<html><body>", "<!-- 只有注释 -->",
    "<?xml version=\"1.0\" encoding=\"gbk\"?><html><body><p>声明了编码的XHTML</p></body></html>",
    "\x00\x01\x02<div>控制字符\x0b</div>", "\ufffd\ufffd乱码\ufffd<p", "<p>未闭合<div><table><tr><td>单元格",
    "<html><body>" + "<div>" * 3000 + "深层嵌套的正文内容，测试不会出错。" + "</div>" * 3000 + "</body></html>",
    "<html><body><script>var s = '</div><p>';</script><p>脚本之后的正文，内容完整。</p></body></html>",
    "<table><td><td><tr><li><h1><p><a href=x><b><i></b></i></a></p></h1>",
    "\u202e\u200b\u200d<title>零宽字符\u200b标题</title>",
])
def test_malformed_input_does_not_raise(text):
    r = extract_html(text)
    assert isinstance(r, HtmlExtract)
    assert isinstance(r.text, str) and isinstance(r.meta, Mapping) and isinstance(r.removed, list)


@pytest.mark.parametrize("text", ["", "   ", "<", "<html", "</p></div>", "<<<>>>"])
def test_garbage_gives_empty_text(text):
    assert extract_html(text).text == ""


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.file)
def test_truncated_page_does_not_raise(page):
    raw = _page_text(page.file)
    for cut in (len(raw) // 3, len(raw) // 2, len(raw) - 7):
        r = extract_html(raw[:cut])
        assert isinstance(r.text, str)


def test_short_page_keeps_its_only_sentence():
    assert extract_html("<p>同意。</p>").text == "同意。"


def test_non_string_input_does_not_raise():
    assert extract_html(None).text == ""  # type: ignore[arg-type]
    assert extract_html(b"<p>bytes</p>").text == ""  # type: ignore[arg-type]


def test_result_is_frozen_plain_data():
    r = extract_html(GOV_PAGE)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.text = ""  # type: ignore[misc]
    assert all(isinstance(t, str) and isinstance(rule, str) for t, rule in r.removed)


_FRAGMENTS = ["<html>", "</html>", "<body>", "</body>", "<div class=\"nav\">", "<div id=zoom>", "</div>",
              "<p>", "</p>", "<br>", "<table><tr><td>", "</td></tr></table>", "<a href=x>", "</a>",
              "<script>", "</script>", "<style>", "<!--", "-->", "<title>", "</title>", "<h1>", "</h1>",
              "当前位置：首页 > ", "来源：新华社", "发布时间：2020-01-01 10:00", "分享到", "相关文章",
              "京ICP备12345678号", "正文内容，有标点。", "<", ">", "&amp;", "&#", "\x00", "\u3000", "\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=20)), max_size=40))
def test_random_markup_never_raises(parts):
    text = "".join(parts)
    r = extract_html(text)
    assert isinstance(r.text, str)
    assert "\n\n" not in r.text
    looks_like_html(text)


# -- publication dates without a label (see also tests/test_pubdate.py) -------------------------

def _published(html: str) -> str | None:
    return extract_html(html).meta.get("published_at")


FORUM_PAGE = """<html><head><title>求助：社保转移怎么办理 - 民生论坛</title></head><body>
<div id="pt" class="bm cl"><a href="forum.php">论坛</a> › <a href="forum-2-1.html">民生论坛</a></div>
<h1 class="ts"><span id="thread_subject">求助：社保转移怎么办理</span></h1>
<table id="pid634165"><tr><td class="pls">
<div class="authi"><a href="space-uid-166851.html">老张</a></div>
<dl class="pil cl"><dt>UID</dt><dd>166851</dd><dt>帖子</dt><dd>35</dd><dt>主题</dt><dd>4</dd>
<dt>积分</dt><dd>120</dd><dt>注册时间</dt><dd>2017-3-1</dd></dl>
<p>注册时间 2017-3-1</p><p>最后登录 2018-5-24</p></td>
<td class="plc"><div class="pti"><div class="authi">
<em id="authorposton634165">发表于 2018-5-23 22:09:35</em> | <a href="#">只看该作者</a></div></div>
<div class="t_f" id="postmessage_634165">我从外地调回来，社保关系转移需要准备哪些材料？去哪个窗口办理？谢谢大家，麻烦懂的朋友说一下流程。</div>
</td></tr></table>
<table id="pid634170"><tr><td class="plc"><em id="authorposton634170">发表于 2018-5-24 08:01:12</em>
<div class="t_f">带上身份证和参保凭证，去社保中心办理，很快的，一般一周就好了，记得先开转出证明。</div></td></tr></table>
</body></html>"""


def test_forum_posting_line_below_the_author_card():
    # Discuz! X: the author card (UID, 帖子, 积分, 注册时间 …) stands between the title and the
    # first post's "发表于" line (the em is the real markup); replies and the user's dates are not it
    assert _published(FORUM_PAGE) == "2018-5-23 22:09:35"


NEXT_HEADER = """<html><head><title>面试题目 | 博客</title>{head}</head><body>
<header class="header"><div class="site-meta"><span class="site-title">博客</span>{site_time}</div></header>
<article class="post"><header class="post-header"><h1 class="post-title">面试题目</h1>
<div class="post-meta"><span class="post-time">{time}
<span class="post-meta-item-text">更新于</span>
<time title="更新于" itemprop="dateModified" datetime="2017-12-20T23:29:06+08:00">2017-12-20</time>
</span></div></header>
<div class="post-body"><p>整理了几道常见的面试题目，包括算法、操作系统和网络，答案写在后面，欢迎一起讨论。</p></div>
</article>
<aside class="sidebar"><ul><li><a href="/2017/12/01/a/">另一篇</a><time datetime="2017-12-01T10:00:00+08:00">2017-12-01</time></li></ul></aside>
</body></html>"""
NEXT_PUBLISHED = ('<span class="post-meta-item-text">发表于</span>\n<time title="创建于" '
                  'itemprop="dateCreated datePublished" datetime="2017-12-20T22:55:51+08:00">2017-12-20</time>')


def test_time_element_published_not_modified_nor_sidebar():
    # Hexo NexT post header (real markup): datePublished is taken, dateModified never
    page = NEXT_HEADER.format(head="", site_time="", time=NEXT_PUBLISHED)
    assert _published(page) == "2017-12-20T22:55:51+08:00"
    only_modified = NEXT_HEADER.format(head="", site_time="", time="")
    assert _published(only_modified) is None        # "更新于" and a sidebar <time> are no publication


def test_time_element_before_the_title_is_not_the_article():
    page = NEXT_HEADER.format(head="", time="",
                              site_time='<time datetime="2019-11-25T08:00:00+08:00">今天</time>')
    assert _published(page) is None


def test_saved_page_url_note_gives_url_and_date():
    page = ("<!-- saved from url=(0056)https://www.gov.cn/home/2023-03/29/content_5748953.htm -->\n"
            + NEXT_HEADER.format(head="", site_time="", time=""))
    meta = extract_html(page).meta
    assert meta["url"] == "https://www.gov.cn/home/2023-03/29/content_5748953.htm"
    assert meta["published_at"] == "2023-03-29"


def test_relative_canonical_gives_a_date_but_no_url():
    page = NEXT_HEADER.format(head='<link rel="canonical" href="/2017/12/20/interview-questions/">',
                              site_time="", time="")
    meta = extract_html(page).meta
    assert meta["published_at"] == "2017-12-20" and "url" not in meta


def test_meta_and_json_ld_dates():
    utc = NEXT_HEADER.format(head='<meta property="article:published_time" content="2017-12-20T14:55:51Z">',
                             site_time="", time="")
    assert _published(utc) == "2017-12-20T22:55:51+08:00"        # printed in Beijing time
    ld = NEXT_HEADER.format(head='<script type="application/ld+json">{"@type": "BlogPosting", '
                                 '"datePublished": "2017-12-20T22:55:51+08:00", "dateModified": '
                                 '"2017-12-21T09:00:00+08:00"}</script>', site_time="", time="")
    assert _published(ld) == "2017-12-20T22:55:51+08:00"
    modified = NEXT_HEADER.format(head='<meta property="article:modified_time" content="2017-12-21">'
                                       '<meta name="Maketime" content="2019-03-22 12:28:37">',
                                  site_time="", time="")
    assert _published(modified) is None


def _nested_page(depth: int, tag: str = "div") -> str:
    body = "".join(f"<p>第{i}条　各地各部门要认真贯彻落实本通知精神，切实加强组织领导，确保第{i}项任务落到实处。</p>"
                   for i in range(1, 9))
    return ("<html><head><title>关于开展安全生产大检查的通知_某某市人民政府</title></head><body>"
            + f"<{tag} class=\"wrap\">" * depth + body + f"</{tag}>" * depth + "</body></html>")


@pytest.mark.parametrize("depth, tag", [(5000, "div"), (30000, "font")])
def test_a_page_nested_deeper_than_the_parser_allows_keeps_its_body(depth, tag):
    # generated pages with thousands of unclosed <div>/<font>: libxml2 stops at 2048 levels and
    # kept only the title (13 characters); the page is flattened first
    from transforms.document import process_document

    deep = process_document(_nested_page(depth, tag).encode("utf-8"), "deep.html").document
    shallow = process_document(_nested_page(20, tag).encode("utf-8"), "shallow.html").document
    assert "确保第8项任务落到实处" in deep["clean_text"] and deep["char_count"] > 300
    assert deep["clean_text"] == shallow["clean_text"]


def test_a_page_of_ordinary_depth_is_not_flattened():
    from transforms.html import detect

    page = _nested_page(1000)
    assert detect.flatten_if_too_deep(page) == (page, False)  # negative: deep but parseable markup stays
    for path in sorted(FIXTURES.glob("*.html")):
        text = path.read_bytes().decode("utf-8", "replace")
        assert not detect.flatten_if_too_deep(text)[1], path.name
