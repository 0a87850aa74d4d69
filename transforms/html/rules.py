"""Rule tables of the HTML reader, and the rules they apply to elements and lines (rule names:
transforms/chrome_rules.py).

Chrome by element (CHROME_TAGS, CHROME_CLASS_TOKENS, hidden styles), by line text (TEXT_RULES),
and related-article lists (RELATED_HEADING_RE and the link lists after it).
"""
from __future__ import annotations

import re

from ..chrome_rules import known
from .text import class_tokens

# Chrome by tag name. e.g. <nav>首页 | 政务公开</nav>, <footer>版权所有</footer>,
# <button>确 定</button>.
CHROME_TAGS = {
    "nav": "nav", "footer": "site-footer", "aside": "sidebar", "header": "header",
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
    "site-footer": {"footer", "foot", "copyright", "banquan", "bqxx"},
    # <div class="share_box">分享到 …</div>, <div class="bdsharebuttonbox">
    "share": {"share", "bdshare", "bdsharebuttonbox", "jiathis", "fenxiang"},
    # <div class="xg-list related">相关稿件</div>, <div class="recommend">
    "related-list": {"related", "relate", "relation", "recommend", "recommendation"},
    # <div class="post_comment">跟贴 …</div>
    "comments": {"comment", "comments", "pinglun", "gentie"},
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
    "qr-code": {"qrcode", "ewm", "erweima"},
    # <div class="toolbar">, <a class="gotop">返回顶部</a>
    "toolbar": {"toolbar", "tools", "gotop", "backtop", "totop"},
    # <div class="pagination">上一页 1 2 下一页</div>
    "pagination": {"pagination", "pager", "paging", "fenye"},
    # <div class="friend-link">山西省人大 山西省政协</div>, <div class="yqlj">友情链接</div>
    "friend-links": {"friend", "friendlink", "friendlinks", "links", "yqlj", "wzlj"},
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
    ("site-footer", re.compile(
        r"主办单位|承办单位|协办单位|主管单位|运行维护单位|维护单位|网站标识码|ICP\s*备|ICP\s*证"
        r"|公网安备|版权所有|版\s*权\s*所\s*有|Copyright|©|技术支持\s*[:：]", re.I), 200, 3),
    # short link rows of the footer / top bar: "网站地图 | 联系我们", "添加收藏夹 | 设为首页 | 关于我们"
    ("site-footer", re.compile(r"网站地图|联系我们|关于我们|关于本网|网站声明|隐私政策|设为首页|网站纠错"),
     40, 0),
    # "分享到：", "分享", "扫一扫在手机打开当前页", "用微信扫描二维码 分享至好友和朋友圈"
    ("share", re.compile(r"^(?:分享到|分享至|分享)\s*[:：]?|扫一扫.{0,12}(?:手机|分享|打开|关注)"
                         r"|用微信扫描二维码|^微信扫一扫|^扫描二维码"), 60, 1),
    # "【打印本页】【关闭窗口】", "字号：默认 大 超大 | 打印 |", "打印 字体：放大 正常 缩小 分享"
    ("toolbar", re.compile(
        r"^(?=.*(?:打印|关闭|收藏|字号|字体|纠错|返回顶部|回到顶部))"
        r"(?:[\s【】\[\]（）()|｜/·•:：]|打印本页|打印此页|打印文章|打印|关闭窗口|关闭本页|关闭|返回顶部"
        r"|回到顶部|返回首页|返回|收藏本页|加入收藏|收藏夹|收藏|字号|字体|默认|超大|放大|缩小|正常|还原"
        r"|加大|减小|标准|大|中|小|我要纠错|纠错|分享)+$"), 80, 0),
    # "【1】【2】【3】", "上一页 1 2 3 下一页 尾页", "共5页 转到第 页 GO"
    ("pagination", re.compile(
        r"^(?=.*(?:【\d+】.*【\d+】|上一页|下一页|尾页|末页|共\s*\d+\s*页))"
        r"(?:[\s【】\[\]|｜/·:：.…]|\d+|上一页|下一页|首页|尾页|末页|共|页|第|转到|跳转|GO|go)+$"), 120, 0),
    # "上一篇：关于…", "阅读下一篇"
    ("prev-next", re.compile(r"^(?:阅读)?(?:上一篇|下一篇|上一条|下一条)"), 120, 2),
    # "(责编：汤诗瑶、丁涛)", "责任编辑：柴敏懿", "【审核：张三】"
    ("editor", re.compile(r"^[（(\[【]?\s*(?:责任编辑|责编|编辑|审核|审校|校对|终审|初审|复审|编审)\s*[:：]"),
     60, 2),
    # "特别声明：以上内容…仅提供信息存储服务。", "Notice: The content above…", "澎湃新闻，未经授权不得转载"
    ("disclaimer", re.compile(r"^(?:特别声明|免责声明|声明)\s*[:：]|^Notice\s*:|未经授权不得转载"
                              r"|转载请注明出处", re.I), 300, 4),
)

# Heading of a related-article list; its block (and the link lists right after it) is dropped
# as "related-list". e.g. <h2>推荐阅读</h2>, <div class="pannel-title">相关稿件</div>.
RELATED_HEADING_RE = re.compile(
    r"^(?:相关(?:文章|阅读|新闻|推荐|链接|稿件|文档|报道|信息|专题|资讯|内容)|推荐阅读|延伸阅读|热点推荐"
    r"|热门推荐|热门文章|热点新闻|热点排行|猜你喜欢|更多(?:阅读|新闻|精彩)|精彩推荐|往期回顾|最新文章"
    r"|为您推荐|编辑推荐)\s*[:：>》]*$")
# A related block may not hold more than this share of the page's prose (keeps the article safe
# when the heading happens to start a big layout wrapper).
RELATED_MAX_SHARE = 0.3

# Chrome around a <time> that is not the article's: a related list's, a sidebar's, a footer's.
# e.g. <div class="sidebar"><time datetime="2019-10-20">…</time></div>; not an article's <header>.
OFF_ARTICLE_CHROME = frozenset(("nav", "site-footer", "sidebar", "related-list", "comments", "friend-links",
                                "pagination", "hidden"))

known(*CHROME_TAGS.values(), *CHROME_CLASS_TOKENS, *(rule for rule, *_ in TEXT_RULES), *OFF_ARTICLE_CHROME, "hidden")

_token_cache: dict[str, str | None] = {}


def _tokens_rule(value: str) -> str | None:
    r = _token_cache.get(value, False)
    if r is not False:
        return r
    r = None
    for tok in class_tokens(value):
        r = _TOKEN_RULE.get(tok.lower())
        if r:
            break
    if len(_token_cache) < 50000:
        _token_cache[value] = r
    return r


def chrome_rule(el, tag: str) -> str | None:
    """The chrome rule of an element by its tag, hidden attribute or style, class or id; or None."""
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


def text_rule(ln) -> str | None:
    """The first TEXT_RULES rule a line matches (within its length and punctuation limits)."""
    text = ln.text
    n = len(text)
    for rule, rx, max_len, max_punct in TEXT_RULES:
        if n <= max_len and ln.punct <= max_punct and rx.search(text):
            return rule
    return None


def lines_of(el, lines, start: int) -> int:
    """End index (exclusive) of the contiguous run of lines from `start` that lie inside el."""
    n = len(lines)
    k = start
    while k < n and el in lines[k].stack:
        k += 1
    return k


def mark_related(lines, total_prose: int) -> set:
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
            end = lines_of(parent, lines, i)
            if sum(lines[k].prose for k in range(i, end)) > limit:
                break       # the parent holds too much prose to be a related list
            container = parent
        related.add(container)
        j = lines_of(container, lines, i)
        sib = container.getnext()
        while sib is not None and j < n:
            k = lines_of(sib, lines, j)
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
