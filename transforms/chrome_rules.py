"""The vocabulary of chrome.rule: every name a module records for a piece of text it removed.

One table for text dumps (chrome.py), HTML pages (html/), normalization (normalize.py) and the
corpus step (boilerplate.py); the modules' own rule tables name their rules from it (checked with
`known` when they load, and by tests/test_chrome_rules.py on every fixture). Names are kebab-case;
where a text dump and an HTML page lose the same kind of furniture they use the same name.
Each entry says what the rule catches, with an example from a real page.
"""
from __future__ import annotations

RULES = {
    # --- page furniture, in text dumps and HTML pages ------------------------------------------
    # the position trail. e.g. "当前位置： 首页 >发展改革工作 >投资管理和项目推进 >投资运行"
    "breadcrumb": "the position trail above the page",
    # site footer: organiser, ICP and police registration, copyright. e.g. "网站标识码bm01000001",
    # "京ICP备05070218号", "© 1997-2020 网易公司版权所有"; an HTML <footer> or class "footer"/"copyright"
    "site-footer": "the site's footer: organiser, registration numbers, copyright",
    # share bars and buttons. e.g. "分享到：", "用微信扫描二维码 分享至好友和朋友圈"
    "share": "share bars and share buttons",
    # QR-code prompts and blocks. e.g. "扫一扫在手机打开当前页", <div class="qrcode">关注人民网微信 …</div>
    "qr-code": "QR-code prompts",
    # links to the previous and next article. e.g. "上一篇：关于…", "阅读下一篇高铁“颍上北站”站名安装完毕！"
    "prev-next": "links to the previous / next article",
    # related-article lists: the heading and the links after it. e.g. "相关稿件", "相关阅读：…"
    "related-list": "related-article lists",
    # comment boxes, tags and their counters. e.g. "跟贴跟贴 19 参与 206", "标签："
    "comments": "comment boxes and tag lines",
    # editor credits. e.g. "(责编：汤诗瑶、丁涛)", "（责任编辑：张三 审核：李四）"
    "editor": "editor and reviewer credits",
    # promotions for a topic page or the full text. e.g. "点击进入2026全国两会专题>>", a link-only
    # line opening an HTML article ("点击进入“文艺星青年”>>")
    "promo": "promotion links (topic pages, read the full text)",
    # page-metadata lines, parsed into the document's fields before removal. e.g. "发布时间：2026-02-09
    # 来源：宁夏日报 浏览量：52", "• 索 引 号 :11411000005747138B/201208-00022", "2019-05-17 · 苏皖城市报道"
    "page-metadata": "page-metadata lines (labels, bylines, bare publication times), parsed first",
    # --- toolbars (text dumps: TOOLBAR_WORDS; HTML: the print/close/font-size bar) -------------
    # font-size switches. e.g. "【字号：" / "加大" / "还原" / "减小" / "】", "【字体：小 中 大】"
    "font-size-control": "font-size switches",
    # print / close / favourite buttons. e.g. "【打印本页】【关闭窗口】", "打印", "收藏"
    "print-close": "print, close and favourite buttons",
    # any other toolbar, or a run of mixed buttons. e.g. "下载" (over "打印" / "全屏" / "收藏"), "我要纠错"
    "toolbar": "other toolbar buttons and mixed toolbars",
    # --- text dumps (chrome.py) -------------------------------------------------------------------
    # view counters. e.g. "浏览量：52" (alone on its line)
    "view-counter": "view counters",
    # weather widgets. e.g. "今日天气预报："
    "weather": "weather widgets",
    # notices of document-sharing sites. e.g. "1、本文档共7页，可阅读全部内容。", "原创力文档", "下载本文档"
    "doc-site-notice": "notices and buttons of document-sharing sites",
    # a source note closing the page. e.g. "（来源：青海日报）"
    "source-note": "a source note closing the page (kept as source_name)",
    # licence and reposting footers of mirrored texts. e.g. "本文来源于网络，版权归原作者所有，如有侵权请联系删除"
    "licence-footer": "licence and reposting footers",
    # photo captions and photo credits. e.g. "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）", "本报记者 韩卿立 摄"
    "photo-caption": "photo captions and credits",
    # a reporter's byline in the header. e.g. "本报记者 张三"
    "reporter-credit": "a reporter byline in the header",
    # the short lines after a line that starts the page's tail. e.g. the article titles after
    # "热点文章阅读", after "文档评论（0）"
    "footer": "short lines after a line that starts the page's tail (related reports, comments, tags)",
    # a newspaper continuation marker cut out of a line. e.g. "（下转第四版）", "（紧接第一版）"
    "page-continuation": "newspaper continuation markers",
    # a download site's suffix on the title line. e.g. ".docxVIP" of "在政府新班子成员会议上的讲话.docxVIP"
    "title-file-suffix": "a download site's file suffix on the title line",
    # a header line printed twice. e.g. "陕西省2026年政府工作报告" printed again under the page's own headline
    "repeated-header-line": "a header line printed twice",
    # the less complete copy of a body printed twice
    "duplicate-body": "the less complete copy of a body printed twice",
    # --- HTML pages (html/) -------------------------------------------------------------------------
    # navigation bars. e.g. <nav>, <div class="ntes-nav">网易首页 应用 网易新闻 …</div>
    "nav": "navigation bars",
    # page headers. e.g. <header>, <div class="header">网易号 … 申请入驻</div>
    "header": "the page header (logo, search, top links)",
    # sidebars. e.g. <aside>, <div class="sidebar">文章目录 站点概览 …</div>
    "sidebar": "sidebars",
    # form controls. e.g. <button>确 定</button>, <select>
    "form": "form controls",
    # login and register boxes. e.g. <div id="p_login">登录 注册</div>, "+ 关注"
    "login": "login, register and follow boxes",
    # search boxes. e.g. <div class="header_search">
    "search": "search boxes",
    # advertisements. e.g. <div class="ad">, <div id="ads">
    "ad": "advertisements",
    # pagination. e.g. "【1】【2】【3】【4】", "上一页 1 2 3 下一页"
    "pagination": "pagination of a paged article or list",
    # friend-link blocks. e.g. <div class="yqlj">省政府部门 市、县（区） 国务院部门 …</div>
    "friend-links": "friend-link blocks (links to other sites)",
    # hidden elements. e.g. <div style="display:none">东区办事处</div>, <li class="yeslogin hide">个人中心</li>
    "hidden": "elements the page hides (display:none, hidden, class hide)",
    # platform disclaimers. e.g. "特别声明：以上内容…本平台仅提供信息存储服务。"
    "disclaimer": "platform disclaimers",
    # the headline, moved to the title. e.g. "5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！"
    "title": "the headline, moved to documents.title",
    # visible text outside the main content that no more specific rule names
    "boilerplate": "text outside the main content with no more specific rule",
    # a crawler's wrapper text before <html>. e.g. "URL: http://www.example.gov.cn/art/1.html Fetched: 2020-01-01"
    "wrapper": "a crawler's wrapper text before <html>",
    # an unexpected failure of the HTML reader (the text is empty; the error message is the row's text)
    "error": "an internal error of the HTML reader",
    # --- normalization (normalize.py) ---------------------------------------------------------------
    # watermarks of document sites injected mid-text. e.g. "该文档为文档投稿赚钱网作品,版权所有,违责必纠"
    "watermark-doc-site": "watermarks of document-sharing sites",
    # injected copyright sentences. e.g. "本文版权归某某所有，侵权必究"
    "watermark-copyright": "injected copyright watermarks",
    # --- the corpus step (boilerplate.py) -----------------------------------------------------------
    # a line repeated at the edges of many documents of one source. e.g. "本网站由XX信息中心维护"
    "repeated-line": "a line repeated at the edges of many documents of one source",
}


def known(*names: str) -> None:
    """Raise ValueError for a rule name that is not in RULES (modules check their tables on load)."""
    unknown = sorted({n for n in names if n not in RULES})
    if unknown:
        raise ValueError(f"chrome rule(s) not in transforms/chrome_rules.py RULES: {', '.join(unknown)}")
