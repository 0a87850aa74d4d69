"""Main content of a scraped Chinese government / news HTML page: title, body text, metadata.

Pure functions, text in and plain data out (no file I/O, no network, no Prefect). Depends on lxml
only. trafilatura 2.3.1 was evaluated on the eight test pages and is NOT used: it lost the whole
body of a gov.cn page (a stray ``</html>`` from a server-side include) and spent 2-4 s on it, kept
breadcrumbs, print/close links, editor lines and footers on table-layout pages and merged their
paragraphs, found the right title on 3 of 8 pages, took ~100 ms per page (median) and would mean
a second parse. The approach here is GNE-like density scoring on lxml plus Chinese
government-site rules, with one parse per page.

    extract_html(html: str) -> HtmlExtract(title, text, meta, removed)
    looks_like_html(text: str) -> bool

How ``extract_html`` works
1. Pre-parse repairs on the string (cheap regexes): drop a crawler wrapper before ``<html>``
   (recorded as rule "wrapper"), an XML declaration (lxml refuses it in a str), control
   characters, and every ``</body>`` / ``</html>`` end tag (pages built from server-side includes
   close the document early and libxml2 would drop the article after it).
2. One lxml parse (comments and processing instructions removed by the parser). ``<title>`` and
   ``<meta>`` are read; scripts, styles and other never-visible elements are stripped.
3. One walk over ``<body>`` cuts it into lines: every block element (``<p>``, ``<div>``, ``<li>``,
   ``<td>``, headings ...) and every ``<br>`` ends a line. Each line remembers its open ancestors,
   how many characters sit inside links, and the chrome elements around it (CHROME_TAGS,
   CHROME_CLASS_TOKENS: nav, footer, breadcrumb, share, hidden ...).
4. Title: ArticleTitle / og:title meta, else the longest heading or title-class element that
   also occurs in ``<title>``, else ``<title>`` without its site suffix (TITLE_SEPARATOR_RE,
   SITE_NAME_RE).
5. Each line gets at most one rule: related-list blocks (RELATED_HEADING_RE), the text rules in
   TEXT_RULES (breadcrumb, footer, share bar, print/close tools, pagination, editor, disclaimer),
   metadata lines (META_LABELS, e.g. "发布时间：… 来源：…"), the title, or the chrome element
   around it. A chrome element that holds most of the page's prose is not trusted (guard against
   a content wrapper with a class like "print-area" or "has-sidebar").
6. Density scoring: a line is worth its non-link characters plus 6 per Chinese sentence
   punctuation mark, minus 3 per link character and a fixed cost per line (small for a table
   cell without links, so data tables stay in the body); ruled lines are negative. The
   element whose subtree has the highest sum is the main content (max-subtree, so chrome beside
   the article is excluded automatically).
7. Text = content lines without ruled ones, joined by "\n". Metadata lines count only at the
   head or tail of the content (a "时间：" line inside a meeting notice stays in the text), and
   the title repeated as the first line(s) of the content is dropped, as is a link-only line
   opening it ("点击进入…>>", rule "link"). Cells of one table row are joined by "\t". If no
   element scores above zero (a one-line page), the plain unruled lines are the text.
8. ``removed`` lists every visible text dropped, as (text, rule), adjacent lines with the same
   rule merged. Rules: the TEXT_RULES names, the chrome rules, "related", "meta" (moved to
   ``meta``), "title" (moved to ``title``), "hidden" (display:none / class "hide"),
   "boilerplate" (outside the main content, no more specific rule), "wrapper".

``meta`` keys (only those found): "title" (ArticleTitle / og:title / a "标题：" line, else the raw
``<title>``), "published_at", "url" (canonical link, og:url / Url meta, or a saved page's
"<!-- saved from url=… -->" note; absolute URLs only), "source_name", "publisher",
"index_number", "category", "doc_number".

"published_at" is chosen by ``pubdate.best_datetime`` among: labelled lines ("发布时间：…"), date
<meta> tags (META_TAGS), JSON-LD datePublished / pubDate, the first <time> / itemprop=datePublished
element from the title on outside chrome, a byline under the title (``pubdate.byline_datetime``:
"新华社 2020-01-03 18:13", "2019-05-17 · 苏皖城市报道", within NEAR_TITLE_LINES; "发表于 …" within
POSTED_LINES) and a date in the page URL (``pubdate.date_from_url``). The most trusted source wins
(``pubdate.EVIDENCE_ORDER``); a less trusted one on the same day may add the time of day. The
value is as written (ISO with T and zone too), always parseable by ``dates.parse_datetime``.

Never raises: empty, truncated or garbage input gives an HtmlExtract with empty text; an
unexpected internal error also gives empty text, with ("<error>", "error") in ``removed``. Nesting
deeper than 2048 elements is cut by libxml2 (the text below that depth is lost).
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field

from lxml import etree

from . import pubdate
from .chrome import PAGE_META_LABELS
from .dates import parse_datetime

__all__ = ["HtmlExtract", "extract_html", "looks_like_html"]


@dataclass(frozen=True)
class HtmlExtract:
    title: str | None
    text: str
    meta: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Rule tables
# ----------------------------------------------------------------------------------------------

# Elements never shown as text: stripped before the walk and not recorded in `removed`.
# e.g. <script>var a=1</script>, <style>.x{}</style>, <noscript>请开启JavaScript</noscript>.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                  "embed", "canvas", "audio", "video", "map", "head", "title", "meta", "link")

# Elements that end a line of text. e.g. <p>一</p><p>二</p> -> "一\n二"; "甲<br>乙" -> "甲\n乙".
BLOCK_TAGS = frozenset((
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "section", "article",
    "header", "footer", "nav", "aside", "main", "blockquote", "pre", "form", "fieldset",
    "legend", "figure", "figcaption", "address", "center", "details", "summary", "body", "html",
    "option", "button", "textarea", "select", "label", "img",
))

# Chrome by tag name. e.g. <nav>首页 | 政务公开</nav>, <footer>版权所有</footer>,
# <button>确 定</button>.
CHROME_TAGS = {
    "nav": "nav", "footer": "footer", "aside": "sidebar", "header": "header",
    "button": "form", "select": "form", "textarea": "form", "input": "form",
}

# Chrome by class/id token. class and id are cut into lower-case tokens at non-letters and
# camelCase ("BreadcrumbNav" -> breadcrumb, nav; "rwb_navpath" -> rwb, navpath); the first rule
# (in this order) owning a token wins. Whole tokens only, so "footnote" is not "foot".
CHROME_CLASS_TOKENS = {
    # <div class="position">当前位置：首页 > 投资运行</div>, <span id="rwb_navpath">人民网>>文化</span>
    "breadcrumb": {"breadcrumb", "breadcrumbs", "crumb", "crumbs", "crumbnav", "position",
                   "location", "curpos", "navpath", "weizhi", "dqwz"},
    # <div class="ntes-nav">网易首页 应用 …</div>, <ul class="menu">
    "nav": {"nav", "navbar", "navigation", "menu", "menubar", "topnav", "subnav", "mainnav",
            "sitenav"},
    # <div class="footer_wrap">主办单位：国务院办公厅</div>, <div class="copyright">
    "footer": {"footer", "foot", "copyright", "banquan", "bqxx"},
    # <div class="share_box">分享到 …</div>, <div class="bdsharebuttonbox">
    "share": {"share", "bdshare", "bdsharebuttonbox", "jiathis", "fenxiang"},
    # <div class="xg-list related">相关稿件</div>, <div class="recommend">
    "related": {"related", "relate", "relation", "recommend", "recommendation"},
    # <div class="post_comment">跟贴 …</div>
    "comment": {"comment", "comments", "pinglun", "gentie"},
    # <div class="sidebar">, <div id="side">
    "sidebar": {"sidebar", "side", "sidenav", "aside"},
    # <div class="header">…logo, search…</div>
    "header": {"header", "masthead", "topbar"},
    # <div id="p_login">登录 注册</div>
    "login": {"login", "logon", "register", "userbar"},
    # <div class="header_search">, <div class="sousuo">
    "search": {"search", "sousuo"},
    # <div class="ad">, <div id="ads">
    "ad": {"ad", "ads", "advert", "adv", "guanggao"},
    # <div class="qrcode">扫一扫</div>, <div class="footer_ewm">
    "qrcode": {"qrcode", "ewm", "erweima"},
    # <div class="toolbar">, <a class="gotop">返回顶部</a>
    "tools": {"toolbar", "tools", "gotop", "backtop", "totop"},
    # <div class="pagination">上一页 1 2 下一页</div>
    "pagination": {"pagination", "pager", "paging", "fenye"},
    # <div class="friend-link">山西省人大 山西省政协</div>, <div class="yqlj">友情链接</div>
    "links": {"friend", "friendlink", "friendlinks", "links", "yqlj", "wzlj"},
    # <li class="yeslogin hide">个人中心</li>, <div class="hide_word">（本文来自…）</div>
    "hidden": {"hide", "hidden"},
}
_TOKEN_RULE = {tok: rule for rule, toks in CHROME_CLASS_TOKENS.items() for tok in toks}

# Inline style that hides an element. e.g. <div style="display:none">东区办事处</div>.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# A chrome element holding at least this share of the page's prose (and this much of it) is
# taken to wrap the article and is not treated as chrome.
CHROME_GUARD_SHARE = 0.5
CHROME_GUARD_MIN_PROSE = 200

# Line-level text rules: (rule, regex, max line length, max sentence-punctuation count).
# A line matching the regex, no longer than the length and with no more sentence punctuation
# (，。；！？、) than the count, is chrome.
TEXT_RULES = (
    # "当前位置：首页 > 政务公开", "您的位置: 首页", "首页 > 中南海", "首页 >> 东区新闻 >> 正文",
    # "人民网>>文化" (short parts joined by > » ›, no sentence punctuation)
    ("breadcrumb", re.compile(
        r"^(?:当前位置|您的位置|你的位置|您现在的位置|你现在的位置|现在位置|所在位置|当前栏目)\s*[:：]"
        r"|^(?:首页|主页|网站首页)\s*(?:>|＞|»|›|→|/|\\)"
        r"|^(?:[^>＞»›→，。；！？]{1,15}(?:>>?|＞|»|›|→)\s*){1,6}[^>＞»›→，。；！？]{0,20}$"), 200, 1),
    # "主办单位：国务院办公厅", "京ICP备05070218号", "京公网安备11010202000001号",
    # "网站标识码bm01000001", "版权所有：中国政府网", "Copyright © 1997-2019"
    ("footer", re.compile(
        r"主办单位|承办单位|协办单位|主管单位|运行维护单位|维护单位|网站标识码|ICP\s*备|ICP\s*证"
        r"|公网安备|版权所有|版\s*权\s*所\s*有|Copyright|©|技术支持\s*[:：]", re.I), 200, 3),
    # short link rows of the footer / top bar: "网站地图 | 联系我们", "添加收藏夹 | 设为首页 | 关于我们"
    ("footer", re.compile(r"网站地图|联系我们|关于我们|关于本网|网站声明|隐私政策|设为首页|网站纠错"),
     40, 0),
    # "分享到：", "分享", "扫一扫在手机打开当前页", "用微信扫描二维码 分享至好友和朋友圈"
    ("share", re.compile(r"^(?:分享到|分享至|分享)\s*[:：]?|扫一扫.{0,12}(?:手机|分享|打开|关注)"
                         r"|用微信扫描二维码|^微信扫一扫|^扫描二维码"), 60, 1),
    # "【打印本页】【关闭窗口】", "字号：默认 大 超大 | 打印 |", "打印 字体：放大 正常 缩小 分享"
    ("tools", re.compile(
        r"^(?=.*(?:打印|关闭|收藏|字号|字体|纠错|返回顶部|回到顶部))"
        r"(?:[\s【】\[\]（）()|｜/·•:：]|打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|返回顶部"
        r"|回到顶部|返回首页|返回|收藏本页|加入收藏|收藏夹|收藏|字号|字体|默认|超大|放大|缩小|正常|还原"
        r"|加大|减小|标准|大|中|小|我要纠错|纠错|分享)+$"), 80, 0),
    # "【1】【2】【3】", "上一页 1 2 3 下一页 尾页", "共5页 转到第 页 GO"
    ("pagination", re.compile(
        r"^(?=.*(?:【\d+】.*【\d+】|上一页|下一页|尾页|末页|共\s*\d+\s*页))"
        r"(?:[\s【】\[\]|｜/·:：.…]|\d+|上一页|下一页|首页|尾页|末页|共|页|第|转到|跳转|GO|go)+$"), 120, 0),
    # "上一篇：关于…", "阅读下一篇"
    ("prev_next", re.compile(r"^(?:阅读)?(?:上一篇|下一篇|上一条|下一条)"), 120, 2),
    # "(责编：汤诗瑶、丁涛)", "责任编辑：柴敏懿", "【审核：张三】"
    ("editor", re.compile(r"^[（(\[【]?\s*(?:责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|编审)\s*[:：]"),
     60, 2),
    # "特别声明：以上内容…仅提供信息存储服务。", "Notice: The content above…", "澎湃新闻，未经授权不得转载"
    ("disclaimer", re.compile(r"^(?:特别声明|免责声明|声明)\s*[:：]|^Notice\s*:|未经授权不得转载"
                              r"|转载请注明出处", re.I), 300, 4),
)

# Heading of a related-article list; its block (and the link lists right after it) is dropped
# as "related". e.g. <h2>推荐阅读</h2>, <div class="pannel-title">相关稿件</div>.
RELATED_HEADING_RE = re.compile(
    r"^(?:相关(?:文章|阅读|新闻|推荐|链接|稿件|文档|报道|信息|专题|资讯|内容)|推荐阅读|延伸阅读|热点推荐"
    r"|热门推荐|热门文章|热点新闻|热点排行|猜你喜欢|更多(?:阅读|新闻|精彩)|精彩推荐|往期回顾|最新文章"
    r"|为您推荐|编辑推荐)\s*[:：>》]*$")
# A related block may not hold more than this share of the page's prose (keeps the article safe
# when the heading happens to start a big layout wrapper).
RELATED_MAX_SHARE = 0.3

# Metadata labels: (meta key or None, labels). A label must start the line or follow a separator
# and be followed by a colon (or stand alone on its line, value on the next line, as in the
# 信息公开 tables of gov.cn: "索 引 号：" | "000014349/2020-00012"). Spaces inside a label are
# allowed ("标　　题："). Labels with key None only delimit values and mark the line as metadata.
# e.g. "时间：2019-09-18 06:23 来源： 山西日报" -> published_at, source_name.
META_KEYS_KEPT = {"published_at": "published_at", "source_name": "source_name", "publisher": "publisher",
                  "index_number": "index_number", "category": "category", "doc_number": "doc_number",
                  "page_title": "title"}
META_LABELS = tuple((META_KEYS_KEPT.get(key), labels) for key, labels in PAGE_META_LABELS.items())
META_MAX_LINE = 200        # a longer line is prose, not a metadata line
META_MAX_VALUE = 100       # a longer "value" is a sentence
META_EDGE_LINES = 4        # metadata lines count only within this many lines of content's ends
NEAR_TITLE_LINES = 6       # a byline or bare date line this close under the title is the publish time
# A byline with a posting verb ("发表于 2010-7-26 14:20") counts this far under the title: on
# forums the first post's author card (name, 帖子, 积分 …) stands between the two.
POSTED_LINES = 40

# <meta name=… / property=…> read into `meta`, lower-cased name -> key, in priority order.
# e.g. <meta name="ArticleTitle" content="…">, <meta name="PubDate" content="2016-11-22 09:53">,
# <meta name="ContentSource" content="省发改委">, <meta property="og:title" content="…">.
META_TAGS = {
    "title": ("articletitle", "og:title", "dc.title", "twitter:title"),
    # publication time only: not "lastmodifiedtime", "Maketime" (page generation, gzggw-1) or
    # "weibo: article:update_at". e.g. <meta name="PubDate" content="2016-11-22 09:53"> (the
    # gov-site meta standard), <meta property="article:published_time"
    # content="2019-11-25T18:57:38+08:00">, <meta name="publishdate" content="2019-06-15">,
    # <meta itemprop="datePublished" content="…">, <meta name="weibo: article:create_at" …>
    "published_at": ("pubdate", "publishdate", "firstpublishedtime", "article:published_time",
                     "og:release_date", "datepublished", "dc.date.issued", "dcterms.issued",
                     "dc.date", "publishtime", "publish_time", "weibo: article:create_at",
                     "parsely-pub-date", "sailthru.date"),
    "source_name": ("contentsource", "source", "dc.source"),
    "publisher": ("publisher", "dc.publisher"),
    # the page's own address. e.g. <meta property="og:url" content="https://news.sina.com.cn/…">,
    # <meta name="Url" content="…"> (gov-site meta standard)
    "url": ("og:url", "url", "twitter:url"),
}

# JSON-LD publication dates, read from the raw script text (no JSON parse: many are broken).
# e.g. <script type="application/ld+json">{… "pubDate": "2019-09-11T02:46:57"}</script> (Baidu's
# cambrian markup on a Z-Blog site), schema.org "datePublished": "2019-11-25T18:57:38+08:00".
JSONLD_DATE_RE = re.compile(r'"(?:datePublished|pubDate)"\s*:\s*"([^"]{6,40})"')

# A crawler's or browser's note of the page address in a comment at the top of a saved page.
# e.g. "<!--https://www.thepaper.cn/newsDetail_forward_5420361-->",
# "<!-- saved from url=(0049)http://www.gov.cn/zhengce/content/2019-11/25/… -->" (Internet Explorer)
SAVED_URL_COMMENT_RE = re.compile(r"<!--\s*(?:saved from url=\(\d+\))?\s*(https?://[^\s<>\"']+?)\s*-->",
                                  re.I)
SAVED_URL_SCAN = 2048        # the note is looked for in this many leading characters

# Chrome around a <time> that is not the article's: a related list's, a sidebar's, a footer's.
# e.g. <div class="sidebar"><time datetime="2019-10-20">…</time></div>; not an article's <header>.
OFF_ARTICLE_CHROME = frozenset(("nav", "footer", "sidebar", "related", "comment", "links",
                                "pagination", "hidden"))

# Dates as written: "2019-09-18 06:23", "2019年06月15日08:18", "2007-08-20-23:59:59", "2018/5/17".
DATE_RE = re.compile(
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?"
    r"(?:[\sT-]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")

# <title> separators before a site / column suffix. e.g. "xxx_山西省人民政府",
# "xxx - 山西省人民政府门户网站", "xxx--文化--人民网", "xxx_中南海_澎湃新闻-The Paper".
TITLE_SEPARATOR_RE = re.compile(r"\s*(?:_+|\|+|｜+|-{2,}|—+|–+|\s[-–]\s)\s*")
# A lone hyphen before a short non-numeric suffix: "中华人民共和国监察法-纪检" (not "1-10月…").
TITLE_HYPHEN_SUFFIX_RE = re.compile(r"^(.{4,}?)-(?!\d)([^-]{1,10})$")
# A title segment that names the site, not the document: "中国政府网", "山西省人民政府门户网站",
# "澎湃新闻-The Paper", "www.gov.cn".
SITE_NAME_RE = re.compile(
    r"(?:网|网站|门户|政府|频道|新闻网|官网|首页|日报|晚报|The Paper)$|www\.|\.(?:com|cn|net|org|gov)\b",
    re.I)
# Class/id tokens of title elements. e.g. <h1 class="news_title">, <span class="Title">.
TITLE_CLASS_TOKENS = {"title", "headline", "biaoti", "bt", "tit", "arttitle"}
TITLE_MIN_CHARS = 4
TITLE_MAX_CHARS = 150

# looks_like_html: document markers searched in the first LOOKS_LIKE_SCAN characters (a crawler
# may put a wrapper line or a comment before <html>).
LOOKS_LIKE_SCAN = 16384
WRAPPER_MAX_CHARS = 1000   # text before <html> longer than this means a text dump, not a page
DOC_MARKER_RE = re.compile(
    r"<!doctype\s+html|<html(?:\s[^>]*)?>|<head(?:\s[^>]*)?>|<body(?:\s[^>]*)?>"
    r"|<meta\s[^>]*(?:charset|http-equiv|name)\s*=|<title>", re.I)
# Fragment without <html>: enough paired block tags. "一<br>二" or a few <br> are plain text.
FRAGMENT_TAG_RE = re.compile(r"<(/?)(p|div|span|table|tr|td|li|ul|ol|a|h[1-6]|strong|b|font|img)\b[^>]*>",
                             re.I)
FRAGMENT_MIN_TAGS = 6

# Scoring weights (see step 6 above).
PUNCT_WEIGHT = 6
LINK_PENALTY = 3
LINE_COST = 12
CELL_COST = 2          # cost of a table cell without links (data tables inside the body)
SENTENCE_PUNCT = "，。；！？、"

# ----------------------------------------------------------------------------------------------

_WRAPPER_RE = re.compile(r"<(?:!doctype\s+html|html[\s>])", re.I)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_END_DOC_RE = re.compile(r"</(?:body|html)\s*>", re.I)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
_ZERO_WIDTH_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_NEWLINE_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])")
_SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0\u2000-\u200a\u202f\u205f]+")
_ALL_SPACE_RE = re.compile(r"[\s\u3000\xa0]+")
_DIGIT_CJK_SPACE_RE = re.compile(r"(?<=\d)[ \u3000]+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])[ \u3000]+(?=\d)")
_CLASS_TOKEN_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SENT_PUNCT_RE = re.compile(f"[{SENTENCE_PUNCT}]")
_WORD_RUN_RE = re.compile(rf"[{_CJK}A-Za-z0-9]+")  # word characters, counted by run (one match per run)

_ABSOLUTE_URL_RE = re.compile(r"^(?:https?:)?//[^/\s]+", re.I)
_EMPTY_TAGS = frozenset(("br", "hr", "img", "input", "wbr", "area", "source", "param"))

_local = threading.local()


def _parser() -> etree.HTMLParser:
    p = getattr(_local, "parser", None)
    if p is None:
        # huge_tree: nesting up to 2048 levels (default 256; old pages with unclosed <font>/<div>
        # pass that and libxml2 would drop the rest of the page)
        p = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                             recover=True, default_doctype=False, huge_tree=True)
        _local.parser = p
    return p


def _build_label_re() -> tuple[re.Pattern, dict[str, str | None]]:
    key_of: dict[str, str | None] = {}
    for key, labels in META_LABELS:
        for lab in labels:
            key_of[lab] = key
    alts = sorted(key_of, key=len, reverse=True)
    spaced = "|".join(r"[ \u3000]*".join(map(re.escape, lab)) for lab in alts)
    pat = re.compile(rf"(?:^|(?<=[\s\u3000|｜/·•,，;；\]】)）]))(?P<label>{spaced})[ \u3000]*(?P<colon>[:：])?")
    return pat, key_of


_LABEL_RE, _LABEL_KEY = _build_label_re()


# ----------------------------------------------------------------------------------------------
# Public API
# ----------------------------------------------------------------------------------------------

def looks_like_html(text: str) -> bool:
    """True for an HTML page (also after a crawler's wrapper line, or inside a .txt dump).

    Plain text with a stray tag such as "<br>" is not a page.
    """
    if not text or "<" not in text:
        return False
    head = text[:LOOKS_LIKE_SCAN]
    marker = DOC_MARKER_RE.search(head)
    if marker:
        # a crawler's wrapper line may precede the page; pages of text before it are a text dump
        return len(_COMMENT_RE.sub("", head[:marker.start()]).strip()) <= WRAPPER_MAX_CHARS
    names = set()
    closing = 0
    count = 0
    for m in FRAGMENT_TAG_RE.finditer(head):
        count += 1
        names.add(m.group(2).lower())
        if m.group(1):
            closing += 1
    return count >= FRAGMENT_MIN_TAGS and len(names) >= 2 and closing >= 2


def extract_html(html: str) -> HtmlExtract:
    """Main content of an HTML page. Never raises; unusable input gives empty text."""
    if not isinstance(html, str):
        return HtmlExtract(title=None, text="", meta={}, removed=[])
    try:
        return _extract(html)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raise"; the failure is recorded
        return HtmlExtract(title=None, text="", meta={},
                           removed=[(f"{type(exc).__name__}: {exc}"[:200], "error")])


# ----------------------------------------------------------------------------------------------
# Implementation
# ----------------------------------------------------------------------------------------------

class _Line:
    __slots__ = ("text", "stack", "owner", "link_chars", "chars", "punct", "prose",
                 "chrome", "rule", "index")

    def __init__(self, text, stack, owner, link_chars, chars, punct, chrome):
        self.text = text
        self.stack = stack          # tuple of open elements, outermost first
        self.owner = owner          # innermost block element
        self.link_chars = link_chars
        self.chars = chars          # word characters outside links
        self.punct = punct          # sentence punctuation outside links
        self.prose = chars + PUNCT_WEIGHT * punct
        self.chrome = chrome        # tuple of (element, rule), outermost first
        self.rule = None
        self.index = 0


def _clean_line(raw: str) -> str:
    s = _ZERO_WIDTH_RE.sub("", raw)
    if "\n" in s:
        s = _CJK_NEWLINE_RE.sub("", s)
    s = _SPACE_RE.sub(" ", s)
    return s.strip(" \u3000")


def _norm_key(s: str) -> str:
    """Whitespace-free form for comparing titles and lines."""
    return _ALL_SPACE_RE.sub("", s)


def _norm_title(s: str) -> str:
    s = _ZERO_WIDTH_RE.sub("", s)
    s = _ALL_SPACE_RE.sub(" ", s).strip()
    return _DIGIT_CJK_SPACE_RE.sub("", s)


_token_cache: dict[str, str | None] = {}


def _tokens_rule(value: str) -> str | None:
    r = _token_cache.get(value, False)
    if r is not False:
        return r
    r = None
    for tok in _CLASS_TOKEN_RE.findall(value):
        r = _TOKEN_RULE.get(tok.lower())
        if r:
            break
    if len(_token_cache) < 50000:
        _token_cache[value] = r
    return r


def _chrome_rule(el, tag: str) -> str | None:
    r = CHROME_TAGS.get(tag)
    if r:
        return r
    if el.get("hidden") is not None:
        return "hidden"
    style = el.get("style")
    if style and HIDDEN_STYLE_RE.search(style):
        return "hidden"
    cls = el.get("class")
    if cls:
        r = _tokens_rule(cls)
        if r:
            return r
    i = el.get("id")
    if i:
        return _tokens_rule(i)
    return None


def _is_title_el(el, tag: str) -> bool:
    if tag in ("h1", "h2", "h3"):
        return True
    for attr in ("class", "id"):
        v = el.get(attr)
        if v:
            for tok in _CLASS_TOKEN_RE.findall(v):
                if tok.lower() in TITLE_CLASS_TOKENS:
                    return True
    return False


def _preprocess(html: str) -> tuple[str, str]:
    """Repairs before parsing. Returns (html, wrapper text dropped before <html>)."""
    wrapper = ""
    m = _WRAPPER_RE.search(html, 0, LOOKS_LIKE_SCAN)
    if m and m.start() > 0:
        prefix = _COMMENT_RE.sub(" ", html[:m.start()])
        if not _TAG_RE.search(prefix):      # plain wrapper text (a <meta> before <html> is kept)
            wrapper = _clean_line(prefix)
            html = html[m.start():]
    html = _XML_DECL_RE.sub("", html, count=1)
    html = _CONTROL_RE.sub("", html)
    html = _END_DOC_RE.sub("", html)
    return html, wrapper


def _walk(body) -> tuple[list[_Line], list, list[tuple[int, str]]]:
    """Cut the body into lines; collect title-candidate elements and publication-time elements
    (<time>, itemprop=datePublished) as (index of the line they open in, value)."""
    lines: list[_Line] = []
    title_els = []
    times: list[tuple[int, str]] = []
    stack: list = []
    blocks: list = []
    chrome: list = []
    pieces: list[str] = []
    link_pieces: list[str] = []
    link_depth = 0
    skipped = None

    def flush():
        if not pieces:
            return
        raw = "".join(pieces)
        text = "" if raw.isspace() else _clean_line(raw)
        if text:
            if link_pieces:
                lt = "".join(link_pieces)
                link_chars = sum(map(len, _WORD_RUN_RE.findall(lt)))
            else:
                lt = ""
                link_chars = 0
            words = sum(map(len, _WORD_RUN_RE.findall(text)))
            punct = len(_SENT_PUNCT_RE.findall(text))
            if lt:
                punct -= len(_SENT_PUNCT_RE.findall(lt))
            lines.append(_Line(text, tuple(stack), blocks[-1] if blocks else None, link_chars,
                               max(words - link_chars, 0), max(punct, 0), tuple(chrome)))
        pieces.clear()
        link_pieces.clear()

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el.tail:
                pieces.append(el.tail)
                if link_depth:
                    link_pieces.append(el.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
            if tag in _EMPTY_TAGS:
                walker.skip_subtree()
                skipped = el
                continue
            stack.append(el)
            if tag in BLOCK_TAGS:
                blocks.append(el)
            rule = _chrome_rule(el, tag)
            if rule:
                chrome.append((el, rule))
            if tag == "a":
                link_depth += 1
            if _is_title_el(el, tag):
                title_els.append(el)
            prop = el.get("itemprop")
            if tag == "time" or prop:
                t = _time_value(el, tag, prop)
                if t:
                    times.append((len(lines), t))
            if el.text:
                pieces.append(el.text)
                if link_depth:
                    link_pieces.append(el.text)
        else:
            if el is skipped:
                skipped = None
            else:
                if tag in BLOCK_TAGS:
                    flush()
                if tag == "a":
                    link_depth -= 1
                if chrome and chrome[-1][0] is el:
                    chrome.pop()
                if blocks and blocks[-1] is el:
                    blocks.pop()
                if stack and stack[-1] is el:
                    stack.pop()
            if el.tail:
                pieces.append(el.tail)
                if link_depth:
                    link_pieces.append(el.tail)
    flush()
    for i, ln in enumerate(lines):
        ln.index = i
    return lines, title_els, times


def _time_value(el, tag: str, prop: str | None) -> str | None:
    """Publication time on a <time> or itemprop=datePublished element, else None.
    e.g. <time itemprop="dateCreated datePublished" datetime="2018-01-24T21:16:48+08:00">,
    <span itemprop="datePublished">2019-11-25</span>; not <time itemprop="dateModified">."""
    props = (prop or "").lower().split()     # itemprop="dateCreated datePublished" (Hexo NexT)
    if "datepublished" not in props and (tag != "time" or props):
        return None
    v = el.get("datetime") or el.get("content")
    if v:
        return pubdate.clean_datetime(v)
    text = _clean_line("".join(el.itertext()))
    return pubdate.clean_datetime(text) or pubdate.byline_datetime(text)


def _head_tags(root) -> tuple[dict[str, str], str, list[str]]:
    """<meta> name -> content, the <link rel=canonical> href, JSON-LD publication dates."""
    found: dict[str, str] = {}
    canonical = ""
    jsonld: list[str] = []
    for m in root.iter("meta", "link", "script"):
        tag = m.tag
        if tag == "meta":
            name = (m.get("name") or m.get("property") or m.get("itemprop") or "").strip().lower()
            if not name:
                continue
            content = _clean_line(m.get("content") or "")
            if content and name not in found:
                found[name] = content
        elif tag == "link":
            if not canonical and "canonical" in (m.get("rel") or "").lower():
                canonical = (m.get("href") or "").strip()
        elif m.text and "ld+json" in (m.get("type") or "").lower():
            jsonld.extend(JSONLD_DATE_RE.findall(m.text))
    return found, canonical, jsonld


def _strip_site_suffix(title: str) -> str:
    segs = [s.strip() for s in TITLE_SEPARATOR_RE.split(title) if s and s.strip()]
    if not segs:
        return ""
    first = segs[0]
    if len(segs) == 1 or (len(_norm_key(first)) >= TITLE_MIN_CHARS and not SITE_NAME_RE.search(first)):
        chosen = first
    else:
        candidates = [s for s in segs if not SITE_NAME_RE.search(s)] or segs
        chosen = max(candidates, key=len)
    m = TITLE_HYPHEN_SUFFIX_RE.match(chosen)
    if m and not re.search(r"\d$", m.group(1)):
        chosen = m.group(1)
    return chosen.strip()


def _choose_title(metas: dict[str, str], page_title: str, title_els) -> str | None:
    for name in META_TAGS["title"]:
        v = metas.get(name)
        if v:
            v = _norm_title(v if name == "articletitle" else _strip_site_suffix(v))
            if len(_norm_key(v)) >= 2:
                return v
    page_key = _norm_key(page_title)
    stripped = _strip_site_suffix(page_title) if page_title else ""
    stripped_key = _norm_key(_norm_title(stripped))
    best = None
    best_len = 0
    heads = []
    for el in title_els:
        t = _norm_title("".join(el.itertext()))
        k = _norm_key(t)
        if not (TITLE_MIN_CHARS <= len(k) <= TITLE_MAX_CHARS):
            continue
        heads.append((el, t))
        if page_key and k in page_key and len(k) >= 0.5 * len(stripped_key) and len(k) > best_len:
            best, best_len = t, len(k)
    if best:
        return best
    if len(stripped_key) >= 2:
        return _norm_title(stripped)
    for el, t in heads:
        if el.tag == "h1":
            return t
    return None


def _parse_labels(text: str):
    """[(key, value, start, has_colon)] for each metadata label in the line."""
    ms = list(_LABEL_RE.finditer(text))
    out = []
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(text)
        value = text[m.end():end].strip(" \u3000|｜/·•,，;；")
        label = _norm_key(m.group("label"))
        out.append((_LABEL_KEY.get(label), value, m.start(), bool(m.group("colon"))))
    return out


def _meta_line(ln: _Line, nxt: _Line | None):
    """Metadata (key, value) pairs of a line, or None when the line is not a metadata line.

    Returns (pairs, uses_next_line)."""
    text = ln.text
    if len(text) > META_MAX_LINE or (":" not in text and "：" not in text and len(text) > 12):
        return None
    found = _parse_labels(text)
    if not found:
        return None
    first_start = found[0][2]
    if first_start > 30:
        return None
    if first_start > 0 and not DATE_RE.search(text[:first_start]):
        return None
    if len(found) == 1 and not found[0][1] and first_start == 0:
        # a label cell alone on its line ("索 引 号：", "发文字号"): the value is the next line
        key = found[0][0]
        if nxt is None or len(nxt.text) > META_MAX_VALUE or _parse_labels(nxt.text):
            return ([(key, "")], False) if found[0][3] else None
        return [(key, nxt.text)], True
    if not found[0][3]:
        return None     # "时间就是金钱": a label word without a colon starts a sentence
    pairs = []
    for key, value, _, _colon in found:
        if len(value) > META_MAX_VALUE:
            return None
        pairs.append((key, value))
    if first_start > 0:
        pairs.insert(0, ("published_at", text[:first_start].strip()))
    return pairs, False


def _text_rule(ln: _Line) -> str | None:
    text = ln.text
    n = len(text)
    for rule, rx, max_len, max_punct in TEXT_RULES:
        if n <= max_len and ln.punct <= max_punct and rx.search(text):
            return rule
    return None


def _lines_of(el, lines: list[_Line], start: int) -> int:
    """End index (exclusive) of the contiguous run of lines from `start` that lie inside el."""
    n = len(lines)
    k = start
    while k < n and el in lines[k].stack:
        k += 1
    return k


def _mark_related(lines: list[_Line], total_prose: int) -> set:
    """Blocks headed by a related-list heading, and the link lists right after them."""
    related = set()
    n = len(lines)
    limit = RELATED_MAX_SHARE * total_prose
    for i, ln in enumerate(lines):
        if len(ln.text) > 12 or not RELATED_HEADING_RE.match(ln.text) or ln.owner is None:
            continue
        container = ln.owner
        prev = lines[i - 1] if i else None
        while True:
            parent = container.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            if prev is not None and parent in prev.stack:
                break       # the heading does not start this parent
            end = _lines_of(parent, lines, i)
            if sum(lines[k].prose for k in range(i, end)) > limit:
                break       # the parent holds too much prose to be a related list
            container = parent
        related.add(container)
        j = _lines_of(container, lines, i)
        sib = container.getnext()
        while sib is not None and j < n:
            k = _lines_of(sib, lines, j)
            if k == j:
                if "".join(sib.itertext()).strip():
                    break   # text between the blocks: the list has ended
                sib = sib.getnext()
                continue
            words = sum(lines[x].chars + lines[x].link_chars for x in range(j, k))
            links = sum(lines[x].link_chars for x in range(j, k))
            if links * 2 < words:
                break
            related.add(sib)
            j = k
            sib = sib.getnext()
    return related


def _extract(html: str) -> HtmlExtract:
    removed: list[tuple[str, str]] = []
    if not html.strip():
        return HtmlExtract(None, "", {}, [])
    saved = SAVED_URL_COMMENT_RE.search(html, 0, SAVED_URL_SCAN) if "<!--" in html[:SAVED_URL_SCAN] else None
    html, wrapper = _preprocess(html)
    if wrapper:
        removed.append((wrapper, "wrapper"))
    if not html.strip():
        return HtmlExtract(None, "", {}, removed)
    try:
        root = etree.fromstring(html, _parser())
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        return HtmlExtract(None, "", {}, removed)

    metas, canonical, jsonld = _head_tags(root)
    urls = [canonical] + [metas.get(name, "") for name in META_TAGS["url"]] + [saved.group(1) if saved else ""]
    t_el = root.find(".//title")
    page_title = _clean_line("".join(t_el.itertext())) if t_el is not None else ""

    body = root.find("body")
    if body is None:
        body = root
    etree.strip_elements(body, *INVISIBLE_TAGS, with_tail=False)
    lines, title_els, times = _walk(body)
    title = _choose_title(metas, page_title, title_els)
    title_key = _norm_key(title) if title else ""

    # --- per-line rules ---------------------------------------------------------------------
    total_prose = sum(ln.prose for ln in lines)
    related = _mark_related(lines, total_prose)
    meta_pairs: dict[int, list] = {}
    consumed: set[int] = set()
    for i, ln in enumerate(lines):
        if related and any(e in related for e in ln.stack):
            ln.rule = "related"
            continue
        if i in consumed:
            ln.rule = "meta"
            continue
        r = _text_rule(ln)
        if r:
            ln.rule = r
            continue
        if title_key and _norm_key(ln.text) == title_key:
            ln.rule = "title"
            continue
        ml = _meta_line(ln, lines[i + 1] if i + 1 < len(lines) else None)
        if ml:
            pairs, uses_next = ml
            meta_pairs[i] = pairs
            ln.rule = "meta"
            if uses_next:
                consumed.add(i + 1)
                meta_pairs[i + 1] = []

    # chrome elements: trust them unless they hold most of the page's prose
    chrome_prose: dict = {}
    for ln in lines:
        for el, _ in ln.chrome:
            chrome_prose[el] = chrome_prose.get(el, 0) + ln.prose
    untrusted = {el for el, p in chrome_prose.items()
                 if p >= CHROME_GUARD_MIN_PROSE and p >= CHROME_GUARD_SHARE * total_prose}
    chrome_rule_of: dict[int, str] = {}
    for ln in lines:
        for el, rule in ln.chrome:      # outermost trusted chrome names the rule: one label per region
            if el not in untrusted:
                chrome_rule_of[ln.index] = rule
                break

    # --- density scoring ----------------------------------------------------------------------
    scores: dict = {}
    for ln in lines:
        if ln.rule or ln.index in chrome_rule_of:
            v = -(LINE_COST + ln.chars + ln.link_chars)
        elif ln.link_chars == 0 and ln.owner is not None and ln.owner.tag in ("td", "th"):
            v = ln.prose - CELL_COST      # a data-table cell ("序号", "120") is not chrome
        else:
            v = ln.prose - LINK_PENALTY * ln.link_chars - LINE_COST
        for el in ln.stack:
            scores[el] = scores.get(el, 0) + v
    best = None
    best_score = 0
    for el, s in scores.items():
        if s > best_score or (s == best_score and best is not None and best in _ancestors(el)):
            best, best_score = el, s

    if best is not None:
        content_idx = [ln.index for ln in lines if best in ln.stack]
    else:
        # no block scores above zero (a page of one short line): keep the plain, unruled lines
        content_idx = [ln.index for ln in lines
                       if ln.rule is None and ln.index not in chrome_rule_of and ln.chars
                       and ln.link_chars * 2 <= ln.chars]
    content_set = set(content_idx)
    if best is not None:
        # chrome inside the content (a share bar in the article div) is dropped too; chrome
        # elements around the content node are not applied to it
        around = set(_ancestors(best))
        around.add(best)
        for i in content_idx:
            ln = lines[i]
            if ln.rule is None:
                for el, rule in reversed(ln.chrome):
                    if el not in untrusted and el not in around:
                        ln.rule = rule
                        break

    # --- metadata lines and title at the edges of the content ----------------------------------
    head = set(content_idx[:META_EDGE_LINES])
    tail = set(content_idx[-META_EDGE_LINES:])
    for i in content_idx:
        ln = lines[i]
        if ln.rule == "meta" and i not in head and i not in tail:
            ln.rule = None
            meta_pairs.pop(i, None)
        elif ln.rule == "title" and i not in head:
            ln.rule = None
    # a promotion link opening the content ("点击进入“文艺星青年”>>")
    for i in content_idx[:META_EDGE_LINES]:
        ln = lines[i]
        if ln.rule is not None:
            continue
        if ln.link_chars and not ln.chars:
            ln.rule = "link"
            continue
        break
    # the title repeated over the first few content lines ("全国人民代表大会常务委员会" / "关于…决议")
    if title_key and content_idx:
        acc = ""
        for k, i in enumerate(content_idx[:4]):
            if lines[i].rule not in (None, "title"):
                break
            acc += _norm_key(lines[i].text)
            if acc == title_key:
                for j in content_idx[:k + 1]:
                    lines[j].rule = "title"
                break
            if not title_key.startswith(acc):
                break

    # --- publication-date evidence in the body ---------------------------------------------------
    # a byline right under the title ("新华社 2020-01-03 18:13", "2019-05-17 · 苏皖城市报道"), or a
    # posting line further down ("发表于 2010-7-26 14:20" below a forum's author card)
    near_date = None
    title_at = next((i for i, ln in enumerate(lines) if ln.rule == "title"), None) if title_key else None
    if title_at is not None:
        first = content_idx[0] if content_idx else len(lines)
        for k, nx in enumerate(lines[title_at + 1:title_at + 1 + POSTED_LINES]):
            if nx.punct >= 2:
                break   # prose has started
            if nx.index in meta_pairs:
                continue    # a labelled line: its date is the "label" evidence
            near_date = pubdate.byline_datetime(nx.text, require_verb=k >= NEAR_TITLE_LINES)
            if near_date:
                if nx.rule is None and (nx.index not in content_set or nx.index < first + 2):
                    nx.rule = "meta"
                break
    # the first <time> / datePublished element from the title on, outside chrome and related lists
    time_value = None
    for at, value in times:
        if title_at is not None and at < title_at:
            continue
        if at < len(lines) and (lines[at].rule in ("related", "comment")
                                or chrome_rule_of.get(at) in OFF_ARTICLE_CHROME):
            continue
        time_value = value
        break

    # --- text and removed ------------------------------------------------------------------------
    out: list[str] = []
    prev_cell_row = None
    for ln in lines:
        if ln.index in content_set:
            rule = ln.rule
            if rule is None:
                owner = ln.owner
                row = owner.getparent() if owner is not None and owner.tag in ("td", "th") else None
                if row is not None and row is prev_cell_row and out:
                    out[-1] += "\t" + ln.text
                else:
                    out.append(ln.text)
                prev_cell_row = row
                continue
        else:
            rule = ln.rule or chrome_rule_of.get(ln.index) or "boilerplate"
        prev_cell_row = None
        if removed and removed[-1][1] == rule:
            removed[-1] = (removed[-1][0] + " " + ln.text, rule)
        else:
            removed.append((ln.text, rule))

    meta = _collect_meta(metas, page_title, meta_pairs, near_date, time_value, jsonld, urls)
    return HtmlExtract(title=title, text="\n".join(out), meta=meta, removed=removed)


def _ancestors(el):
    p = el.getparent()
    while p is not None:
        yield p
        p = p.getparent()


def _collect_meta(metas, page_title, meta_pairs, near_date, time_value=None, jsonld=(),
                  urls=()) -> dict[str, str]:
    meta: dict[str, str] = {}
    labelled: dict[str, list[str]] = {}
    for i in sorted(meta_pairs):
        for key, value in meta_pairs[i]:
            if key and value:
                labelled.setdefault(key, []).append(value)

    # title
    for name in META_TAGS["title"]:
        if metas.get(name):
            meta["title"] = metas[name]
            break
    else:
        if labelled.get("title"):
            meta["title"] = labelled["title"][0]
        elif page_title:
            meta["title"] = page_title

    # the page's address: canonical link, og:url / Url meta, a saved-page note
    url = next((u for u in urls if u and _ABSOLUTE_URL_RE.match(u)), None)
    if url:
        meta["url"] = url

    # published_at: every source of evidence, chosen by pubdate.best_datetime
    dates: list[tuple[str, str]] = []
    for v in labelled.get("published_at", []):
        m = DATE_RE.search(v)
        d = m.group(0).strip() if m else None
        if not d or parse_datetime(d) is None:
            d = pubdate.byline_datetime(v)
        if d:
            dates.append(("label", d))
    for name in META_TAGS["published_at"]:
        d = pubdate.clean_datetime(metas.get(name, ""))
        if d:
            dates.append(("meta", d))
    for v in jsonld:
        d = pubdate.clean_datetime(v)
        if d:
            dates.append(("jsonld", d))
    if time_value:
        dates.append(("time", time_value))
    if near_date:
        dates.append(("byline", near_date))
    for u in urls:
        d = pubdate.date_from_url(u) if u else None
        if d:
            dates.append(("url", d))
            break
    best = pubdate.best_datetime(dates)
    if best:
        meta["published_at"] = best

    # source_name: the gov CMS tag, then labelled lines, then a generic "source" tag
    src = metas.get("contentsource") or (labelled.get("source_name") or [None])[0]
    if not src:
        for name in META_TAGS["source_name"][1:]:
            if metas.get(name):
                src = re.sub(r"^(?:文章)?来源\s*[:：]\s*", "", metas[name])
                break
    if src:
        meta["source_name"] = src

    for key in ("publisher", "index_number", "category", "doc_number"):
        vals = labelled.get(key)
        if vals:
            meta[key] = vals[0]
        elif key in META_TAGS:
            for name in META_TAGS[key]:
                if metas.get(name):
                    meta[key] = metas[name]
                    break
    return meta
