"""Tests for transforms.pubdate and the publication dates extract_html finds on real pages.

GOLD is each real page's publication date, read off the page (tests/fixtures/html/SOURCE.md and
tests/fixtures/html-dates/SOURCE.md say where the pages come from); a time of day is given where
the page prints one. The per-source test is the measurement behind pubdate.EVIDENCE_ORDER: every
source of evidence, where it fires, must give the page's day.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from transforms import html as html_mod
from transforms import pubdate
from transforms.dates import parse_datetime
from transforms.decode import decode_bytes
from transforms.pubdate import best_datetime, byline_datetime, clean_datetime, date_from_url

FIXTURES = Path(__file__).parent / "fixtures"

GOLD = {
    "html/163-9.html": "2019-05-17",             # byline "2019-05-17 · 苏皖城市报道"
    "html/gzggw-1.html": "2016-11-22 09:53",     # PubDate meta; 发布日期 label; not Maketime 2019-03-22
    "html/other-1.html": "2007-08-20",           # firstpublishedtime; not the adoption note's 2007-06-29
    "html/people-1.html": "2019-06-15 08:18",    # byline "2019年06月15日08:18 来源：人民网-文化频道"
    "html/shanxi-1.html": "2019-09-18 06:23",    # "时间：2019-09-18 06:23 来源：山西日报"
    "html/sxmu-1.html": "2018-05-17",            # "发布时间: 2018-05-17"; not 2018年3月20日 in the text
    "html/thepaper-3.html": "2020-01-03 18:13",  # bare date-time under the title
    "html/zsnews-1.html": "2019-03-06",          # "发布日期：2019-03-06"; not 2019年2月27日 in the text
    "html-dates/njxfhn-1.html": "2019-09-11",    # byline 2019年09月11日, JSON-LD pubDate; related list 11-03
    "html-dates/xds-1.html": "2019-09-26 15:10",  # "2019年9月26日 15:10 来源：天天基金网"
    "html-dates/hexo-next-1.html": "2018-01-24 21:16",  # <time datetime>; not og:updated_time 01-25
    "html-dates/discuz7-1.html": "2010-08-15 10:34",    # 1楼 "发表于 2010-8-15 10:34"; replies later
}

# Which sources of evidence a page carries (a test that a rule fires where it should, besides
# being right where it fires).
FIRES = {
    "html/gzggw-1.html": {"label", "meta", "url"},
    "html/other-1.html": {"meta"},
    "html/people-1.html": {"label", "meta"},
    "html/thepaper-3.html": {"byline"},
    "html-dates/njxfhn-1.html": {"jsonld", "byline"},
    "html-dates/hexo-next-1.html": {"time", "byline", "url"},
    "html-dates/discuz7-1.html": {"byline"},
}


def _page(name: str) -> str:
    return decode_bytes((FIXTURES / name).read_bytes()).text


def _day(value: str) -> str:
    when = parse_datetime(value)
    assert when is not None, value
    return when.date().isoformat()


@pytest.fixture(scope="module")
def evidence(request) -> dict[str, tuple[dict, list[tuple[str, str]]]]:
    """page -> (extract_html meta, every (source, value) candidate it weighed)."""
    seen: list = []
    original = pubdate.best_datetime

    def spy(candidates):
        seen.append(list(candidates))
        return original(candidates)

    html_mod.pubdate.best_datetime = spy
    try:
        out = {}
        for name in GOLD:
            seen.clear()
            meta = html_mod.extract_html(_page(name)).meta
            out[name] = (meta, seen[-1] if seen else [])
    finally:
        html_mod.pubdate.best_datetime = original
    return out


def test_every_date_fixture_has_gold():
    names = {f"html-dates/{p.name}" for p in (FIXTURES / "html-dates").glob("*.html")}
    names |= {f"html/{p.name}" for p in (FIXTURES / "html").glob("*.html")}
    assert names == set(GOLD)


@pytest.mark.parametrize("name", GOLD)
def test_published_at_on_real_pages(name, evidence):
    meta, _ = evidence[name]
    gold = GOLD[name]
    when = parse_datetime(meta["published_at"])
    assert when is not None and when.date().isoformat() == gold[:10], meta["published_at"]
    if len(gold) > 10:
        assert when.strftime("%H:%M") == gold[11:], meta["published_at"]


@pytest.mark.parametrize("name", GOLD)
def test_every_source_is_right_where_it_fires(name, evidence):
    _, candidates = evidence[name]
    for source, value in candidates:
        assert source in pubdate.EVIDENCE_ORDER
        assert _day(value) == GOLD[name][:10], (source, value)
    if name in FIRES:
        assert {s for s, _ in candidates} == FIRES[name]


def test_page_url_from_canonical_and_og_url(evidence):
    assert evidence["html-dates/njxfhn-1.html"][0]["url"] == "http://www.njxfhn.com/post/2740.html"
    assert evidence["html/gzggw-1.html"][0]["url"] == "http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html"
    # a crawler's "<!--https://…-->" note at the top of the page
    assert evidence["html/thepaper-3.html"][0]["url"] == "https://www.thepaper.cn/newsDetail_forward_5420361"
    assert "url" not in evidence["html/zsnews-1.html"][0]


# -- date_from_url -------------------------------------------------------------------------------

@pytest.mark.parametrize("url, date", [
    ("http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_43188.html", "2012-06-24"),
    ("https://www.gov.cn/home/2023-03/29/content_5748953.htm", "2023-03-29"),
    ("https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml", "2019-11-25"),
    ("https://news.sina.cn/gn/2019-11-25/detail-iihnzahi3275702.d.html", "2019-11-25"),
    ("http://chapter007.github.io/blog/2018-01-24-2017-09-26-(Leetcode)HammingDistance.md", "2018-01-24"),
    ("http://culture.people.com.cn/n1/2018/0423/c1013-29942426.html", "2018-04-23"),
    ("http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html", "2016-11-22"),
    ("http://blog.csdn.net/hereweare2009/archive/2009/03/08/3968582.aspx", "2009-03-08"),
    ("/2018/01/18/cocopods_private_sdk_repo/", "2018-01-18"),   # a relative canonical / link
])
def test_date_from_url(url, date):
    assert date_from_url(url) == date


@pytest.mark.parametrize("url", [
    "http://www.njxfhn.com/post/2740.html",                       # a post id
    "https://www.thepaper.cn/newsDetail_forward_5420361",           # an article id
    "http://dy.163.com/v2/article/detail/EFDAIN1E054550F0.html",
    "http://www.zyyfy.com/nets/zyyy/page/pc/index/article/article_15070_1.shtml",
    "https://1984bbs.com/viewthread.php?tid=55490&page=1#pid783551",  # numbers in the query
    "http://www.cmse.gov.cn/ztbd/xwfbh/201206/",                   # a month folder only
    "http://www.example.gov.cn/art/2019/13/45/art_1.html",          # not a valid date
    "http://www.20191125.com/index.html",                           # the host is not read
    "",
])
def test_no_date_in_url(url):
    assert date_from_url(url) is None


# -- byline_datetime ---------------------------------------------------------------------------

@pytest.mark.parametrize("line, date", [
    ("1楼 大 中 小 发表于 2010-8-15 10:34 只看该作者", "2010-8-15 10:34"),        # discuz7-1
    ("2019-05-17 · 苏皖城市报道", "2019-05-17"),                                  # 163-9
    ("2019年06月15日08:18 来源：人民网-文化频道", "2019年06月15日08:18"),          # people-1
    ("2019年09月11日富达传媒时政新闻 1665 0", "2019年09月11日"),                    # njxfhn-1
    ("发表于 2018-01-24", "2018-01-24"),                                          # hexo-next-1
    ("发表于 2005-12-16 16:22 枫情·太子爷 阅读(3625) 评论(4) 编辑 收藏", "2005-12-16 16:22"),  # blogjava
    ("[ Adigan 发表于 2005-10-2 17:25:15 ]", "2005-10-2 17:25:15"),              # a blog repost
    ("wc 发表于 2005-12-23 20:32:40", "2005-12-23 20:32:40"),
    ("发表于 2016.09.05 15:12:23", "2016.09.05 15:12:23"),                        # a forum floor
    ("发表于 2015-07-20 10:58:42    丨    来自：甲虎网会员", "2015-07-20 10:58:42"),
    ("发表于 2018-06-1510:40", "2018-06-15 10:40"),     # Taobao university: day glued to the time
    ("生成日期:2012-08-02 10:52", "2012-08-02 10:52"),                             # seed 004
])
def test_byline_datetime(line, date):
    got = byline_datetime(line)
    assert got == date
    assert parse_datetime(got) is not None


@pytest.mark.parametrize("line", [
    "这篇文章发表于 2005-6-5 23:34作者wolfg太犀利了。",           # another article's date, in prose
    "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）",   # other-1: adoption note
    "2019年2月27日下午，佛山顺德区大良街道党工委委员、街道经济和科技促进局局长潘卓辉，",  # zsnews-1 text
    "湖州市人民政府辦公室 2017年5月4日印發",                           # seed 000: printing line
    "(2012年7月31日,根据录音整理)",                                     # seed 004: speech date
    "许政办[2012]68号 许昌市人民政府办公室关于印发张国晖市长在市政府六届一次全体会议上讲话的通知",
    "香港家长：还孩子安宁守法的生活环境 2019年10月20日",                # njxfhn-1 related list
    "微软小冰[网易北京手机网友]2019-05-17 20:33:49 大家注意安全 +1顶71 |+1踩0 |回复",  # 163-9 comment
    "能截图的截图，喜欢备份的备份。2010年10月12日的某时某刻，1984bbs将关闭。",   # discuz7-1 banner
    "成文日期：2020-03-12",
    "注册时间 2010-1-1",
    "5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！",          # 163-9 title: no year
    "",
])
def test_not_a_byline(line):
    assert byline_datetime(line) is None


def test_byline_require_verb():
    assert byline_datetime("1楼 大 中 小 发表于 2010-8-15 10:34 只看该作者", require_verb=True)
    assert byline_datetime("2019-05-17 · 苏皖城市报道", require_verb=True) is None


# -- clean_datetime ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, cleaned", [
    ("2019-11-25T18:57:38+08:00", "2019-11-25T18:57:38+08:00"),    # sina article:published_time
    ("2016-11-22 09:53", "2016-11-22 09:53"),                      # gzggw-1 PubDate
    ("2007-08-20-23:59:59", "2007-08-20-23:59:59"),                # other-1 firstpublishedtime
    ("2019-09-11T02:46:57", "2019-09-11T02:46:57"),                # njxfhn-1 JSON-LD
    ("2018-01-25T01:05:19.442Z", "2018-01-25T09:05:19.442000+08:00"),  # hexo og:updated_time, UTC
    ("2019-03-12T00:00:00+00:00", "2019-03-12"),                   # a Jekyll blog's date at midnight
    ("2019年06月15日08:18", "2019年06月15日08:18"),
])
def test_clean_datetime(value, cleaned):
    assert clean_datetime(value) == cleaned
    assert parse_datetime(cleaned) is not None


@pytest.mark.parametrize("value", ["0", "", "1970-01-01", "Maketime", "2019-13-45", "CallableBool(False)"])
def test_clean_datetime_rejects(value):
    assert clean_datetime(value) is None      # "0": gzggw-1 effectiveTime


def test_parse_datetime_keeps_the_clock_time_of_a_zoned_value():
    # what transforms.dates does with ISO forms: the zone is dropped, the time kept as written
    assert parse_datetime("2019-11-25T18:57:38+08:00").isoformat() == "2019-11-25T18:57:38"
    assert parse_datetime("2018-01-24T21:16:48+08:00").isoformat() == "2018-01-24T21:16:48"


# -- best_datetime -----------------------------------------------------------------------------

def test_best_takes_the_time_of_day_from_a_lower_source_on_the_same_day():
    # njxfhn-1: the byline has the day, the JSON-LD the time
    assert best_datetime([("byline", "2019年09月11日"), ("jsonld", "2019-09-11T02:46:57")]) == "2019-09-11T02:46:57"
    # gzggw-1: the label has the day, the PubDate meta the time
    assert best_datetime([("label", "2016-11-22"), ("meta", "2016-11-22 09:53")]) == "2016-11-22 09:53"


def test_best_keeps_the_trusted_day_over_a_lower_source_with_a_time():
    # a Hexo post list (LeonLei's blog): <time datetime="2018-01-19T00:00:00+08:00">, URL /2018/01/18/
    t = clean_datetime("2018-01-19T00:00:00+08:00")
    assert best_datetime([("url", date_from_url("/2018/01/18/cocopods_private_sdk_repo/")), ("time", t)]) == "2018-01-19"
    assert best_datetime([("byline", "2019-05-18 09:21"), ("meta", "2019-05-17")]) == "2019-05-17"


def test_best_ignores_what_does_not_parse():
    assert best_datetime([("meta", "0"), ("byline", "2019-05-17")]) == "2019-05-17"
    assert best_datetime([]) is None
