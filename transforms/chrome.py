"""Strip web chrome from normalized text, keeping an audit of every removed piece.

Page-metadata lines (发布时间, 来源, 索引号, 信息分类, 发布机构, 生成日期, ...) are parsed into
`page_meta` (a pagemeta.PageMeta; the labels are pagemeta.PAGE_META_LABELS) before they are
removed; a label alone on its line takes its value from the next line ("来源：" / "宁夏日报客户端").
Every removed piece is returned as (text, rule) so the `chrome` table
can show what was taken out and why: clean text never loses content silently.

Passes over the lines, each linear:
1. line rules: one line on its own is chrome (CHROME_LINES, editor and source notes, photo credits,
   related-link labels, promos, licence footers), or a run of lines is (breadcrumbs and metadata
   labels split over lines in the header zone); newspaper continuation markers are cut out of
   the line they sit in; after a footer label the short lines that follow are footer.
2. toolbars: lines made only of toolbar words (TOOLBAR_WORDS) are chrome when they come in a run
   (下载 / 打印 / 全屏 / 收藏), or alone when unambiguous (打印本页, 【字号：); the same word in a
   body sentence is never looked at.
3. header zone (above the salutation or the first body line): a bare date-time line is the
   publication time, a line printed twice is kept once, a news-photo caption of the speech
   ("省长某某作政府工作报告") between the title and the salutation is dropped.
4. repeated bodies (repeats.py): a long run of lines printed twice keeps its complete copy.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .chrome_rules import known
from .markers import HEADING_AT_LINE_START
from .pagemeta import DATE_AS_WRITTEN, LABEL_BULLET, PageMeta, parse_meta_line, trailing_label_key
from .pubdate import byline_datetime
from .repeats import find_repeats

# --- rule tables -------------------------------------------------------------------------------

HEADER_ZONE_LINES = 25  # page-metadata lines are looked for only near the top of the page
META_VALUE_MAX_CHARS = 80  # a longer value, or one ending a sentence, makes the line body ("时间：…。")
# Below the body's start a labelled line is page metadata only as a CMS info line: two fields, one of
# them a source or a view counter; a CMS timestamp; a bulleted field; or a field only CMS pages print.
# e.g. "发布时间：2026-02-09 来源：宁夏日报 阅读量：52", "• 发布机构：许昌市人民政府", "索引号：…";
# not "时间：3月1日上午9时" or "地点：市政府第一会议室" in a meeting notice
CMS_LINE_KEYS = frozenset(("source_name", "views"))
CMS_ONLY_KEYS = frozenset(("index_number", "publisher", "doc_number", "keywords"))

# The value a label alone on its line may take from the next line, by key; keys not listed take none.
# e.g. "发表时间：" / "2026-02-09 09:45:30", "来源：" / "宁夏日报客户端"; "阅读量：" / "【字体：" takes nothing
_NAME_VALUE = re.compile(r"^[^，。；！？：:、【】\[\]<>《》]{1,30}$")
META_NEXT_LINE_VALUE = {
    "published_at": re.compile(rf"^(?:{DATE_AS_WRITTEN.pattern})$"),
    "source_name": _NAME_VALUE,
    "publisher": _NAME_VALUE,
    "author": _NAME_VALUE,
    "category": _NAME_VALUE,
    "index_number": re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/_.]{3,60}$"),
    "doc_number": re.compile(r"^[^，。；！？：:]{2,30}号$"),
    "views": re.compile(r"^\d+\s*次?$"),
}
# A name-like next line that is really the document's headline (genre word at its end) is not a value.
# e.g. "来源：" / "关于印发实施方案的通知"
TITLE_ENDING = re.compile(r"(?:报告|通知|决定|意见|方案|讲话|办法|规定|条例|公告|通告|批复|纪要|规划|请示|函)$")

# A date-time alone on its line in the header zone is the page's publication time (CMS forms only:
# dashes or slashes, or 年月日 with a clock time; a bare 2017年4月27日 is a document's own date).
# e.g. "2026-01-31 07:00:44" right under the byline
BARE_DATETIME = re.compile(
    r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$|^\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}(?::\d{2})?$")

# Whole lines that are page furniture. e.g. "扫描二维码 关注我们", "上一篇：…"
# (toolbar words such as 打印/全屏/字号 are TOOLBAR_WORDS below: they need their neighbours)
CHROME_LINES = (
    ("view-counter", re.compile(r"^(?:浏览量|浏览次数|点击数?|阅读数?|访问量)[：:]?\s*\d*\s*次?$")),
    ("qr-code", re.compile(r"^(?:扫描二维码|扫一扫|微信扫一扫|手机扫一扫|扫码).{0,30}$|^关注我们$")),
    ("share", re.compile(r"^[【\[]?分享(?:到|至)?\s*[：:].{0,40}$")),
    ("weather", re.compile(r"^今日天气(?:预报)?[：:]?.{0,40}$")),
    # label alone, or label + ：/>> + a short list; not "相关新闻发布会…" or "相关报道总点击量…"
    ("related-list", re.compile(r"^[【\[]?(?:相关热词搜索|热点文章阅读|相关文章|相关阅读|相关新闻|相关文档|相关链接|相关报道|相关稿件|"
                                r"相关专题|相关推荐|推荐阅读|延伸阅读|热门文章|热门推荐|精彩推荐|更多阅读|往期回顾|猜你喜欢)[】\]]?"
                                r"(?:\s*[：:>»].{0,80})?$")),
    ("prev-next", re.compile(r"^(?:上一篇|下一篇)[：:].{0,80}$")),
    ("breadcrumb", re.compile(r"^(?:您的位置|当前位置|您现在的位置|现在位置|所在位置)(?:是)?[：:].{0,100}$")),
    ("breadcrumb", re.compile(r"^(?:网站)?首页\s*(?:[>»›＞→]\s*[^，。；！？>»›＞→]{1,20}\s*){1,6}$")),
    ("site-footer", re.compile(r"网站标识码|ICP备|公网安备|版权所有\s*[©（(：:]|Copyright\s*©|©\s*\d{4}")),
    ("site-footer", re.compile(r"^(?:主办|承办)单位[：:].{0,60}(?:承办|协办|维护|技术支持|联系电话|地址|邮编|备案)")),
    ("comments", re.compile(r"^(?:标签[：:].{0,60}|留言与评论.{0,30}|发表评论.{0,30}|网友评论.{0,30}|验证码[：:]?.{0,20}|我要评论|评论\s*[（(]\d+[)）])$")),
    # (two patterns: anchored and unanchored alternatives mixed in one are tried at every position, 30x slower)
    ("doc-site-notice", re.compile(r"^(?:\d+\.\s*\d+、|查看更多$|实名认证$|文档评论|\S{1,12}\*{3,}\S{1,12}\s*\+\s*关注$)")),
    ("doc-site-notice", re.compile(r"原创力文档|本文档共\d+页|成为VIP|VIP文档|下载本文档|版权申诉|上传文档|文档贡献者|该用户很懒|VIP精品文档")),
    # promos for a topic page or the full text. e.g. "点击图片进入专题", "点击进入2026全国两会专题>>", "阅读全文"
    ("promo", re.compile(r"^[【\[（(]?\s*(?:点击(?:图片|这里|此处)?(?:进入|查看|阅读|浏览|观看)[^，。；！？]{0,24}|进入专题|"
                         r"更多(?:精彩|报道|新闻|内容)[^，。；！？]{0,10}|(?:阅读|展开|查看|显示)全文)\s*(?:>>|》》|>|→)?\s*[】\]）)]?$")),
    # editor credits. e.g. "编辑：何继红", "（责任编辑：张三 审核：李四）"; not "记者：" (interview questions)
    ("editor", re.compile(r"^[（(【\[]?\s*(?:(?:(?:责任|值班|网络|实习|见习|本版)?编辑|责编|审核|审校|校对|终审|初审|复审|编审|监制|统筹|美编)"
                          r"\s*[：:]\s*[^：:，。；！？（）()]{1,20}\s*)+[)）】\]]?$")),
    # a source note closing the page. e.g. "（来源：青海日报）"
    ("source-note", re.compile(r"^[（(【\[]\s*(?:来源|稿件来源|文章来源|信息来源|新闻来源|本文来源|转自|转载自)\s*[：:]\s*"
                               r"(?P<value>[^（）()【】\[\]：:。，；]{1,40}?)\s*[)）】\]]$")),
)
# CHROME_LINES rules that can match long lines; the rest are tried on short lines only.
LONG_LINE_RULES = ("site-footer", "doc-site-notice")
SHORT_LINE_MAX_CHARS = 120

# Words of page toolbars and widgets, one table per rule. A line made of nothing but these words
# (with brackets, ： and separators) is a toolbar line. e.g. "下载" / "打印" / "全屏" / "收藏" /
# "【字号：" / "加大" / "还原" / "减小" / "】", "【字体：小 中 大】", "【打印本页】【关闭窗口】"
TOOLBAR_WORDS = {
    "font-size-control": ("字号", "字体", "加大", "还原", "减小", "放大", "缩小", "默认", "标准", "超大",
                          "大", "中", "小", "A+", "A-", "A"),
    "print-close": ("打印本页", "打印此页", "打印文章", "打印", "关闭窗口", "关闭本页", "关闭此页", "关闭",
                    "返回顶部", "返回", "收藏本页", "加入收藏", "收藏", "全屏"),
    "share": ("分享到", "分享至", "分享", "微信", "微博", "QQ空间", "QQ", "朋友圈", "复制链接"),
    "toolbar": ("我要纠错", "纠错", "下载", "保存", "评论", "点赞", "转发", "听新闻", "朗读"),
}
# Toolbar words that are chrome alone on their line (so is any word in brackets or before ：, as in
# "【打印】", "分享："); the others need a toolbar neighbour, and the one-character ones ("大", "中",
# "小": a flattened table cell) need a word neighbour too.
# e.g. "打印本页" alone is chrome; "加大" alone (a wrapped line) is not
TOOLBAR_STRONG = frozenset(("字号", "字体", "打印本页", "打印此页", "打印文章", "关闭窗口", "关闭本页", "关闭此页",
                            "返回顶部", "收藏本页", "加入收藏", "分享到", "分享至", "我要纠错", "复制链接"))
TOOLBAR_LINE_MAX_CHARS = 40
# Words printed with a toolbar that are no buttons of it: position labels, the QR prompt, a home link,
# halves of a button split over lines. Never part of a headline: with TOOLBAR_WORDS they are the
# page controls metadata.py skips in the title zone (PAGE_CONTROL_WORDS).
# e.g. "您的位置：", "扫一扫在手机打开当前页", "首页", "播报", "关闭" / "窗口"
TOOLBAR_NEIGHBOUR_WORDS = ("当前位置", "您的位置", "您当前的位置", "您现在的位置", "位置", "扫一扫", "在手机打开当前页",
                           "首页", "播报", "窗口", "本页", "此页", "顶部")
PAGE_CONTROL_WORDS = tuple(dict.fromkeys(w for words in TOOLBAR_WORDS.values() for w in words)) + TOOLBAR_NEIGHBOUR_WORDS

# Breadcrumbs split over lines: a position label or 首页, then items and separators on lines of
# their own. e.g. "当前位置：" / "首页" / ">" / "政务信息" / ">" / "宁夏要闻"
BREADCRUMB_START = re.compile(r"^(?:(?:您的位置|当前位置|您现在的位置|现在位置|所在位置)(?:是)?[：:]|(?:网站)?首页\s*[>»›＞→]?)$")
BREADCRUMB_SEPARATOR = re.compile(r"^[>»›＞→/\\|｜\s]+$")
BREADCRUMB_ITEM = re.compile(r"^[^，。；！？：:\s>»›＞→]{1,20}\s*[>»›＞→]?$")
BREADCRUMB_MAX_LINES = 15

# A photo or reporter credit closing a line: outlet + 记者/通讯员 + names, usually + 摄.
# e.g. "本报记者 韩卿立 摄", "本报全媒体记者 林 君摄", "石榴云/新疆日报记者谢龙摄", "新甘肃·甘肃日报记者 盛学卿"
_NAME = r"[\u4e00-\u9fff·]{1,6}?"
PHOTO_CREDIT = re.compile(
    rf"(?P<who>[^\s。！？，；]{{0,20}}?(?:记者|通讯员|摄影师?))\s*{_NAME}(?:[\s、]{{1,2}}{_NAME}){{0,3}}"
    r"\s*(?P<shot>/?\s*摄(?:影)?)?\s*[)）]?$")
# Names + 摄 in parentheses, or spaced off, as a line. e.g. "（刘通摄）", "霍艳恩 摄"; not "精彩拍摄"
_NAMES = r"[\u4e00-\u9fff·]{2,4}(?:[\s、]{1,2}[\u4e00-\u9fff·]{2,4}){0,3}"
PHOTO_NAME_SHOT = re.compile(rf"^[（(]\s*{_NAMES}\s*摄\s*[)）]$|^{_NAMES}\s+摄$")
# Outlets a bare byline credit names. e.g. "本报记者 张三", "新华社记者 李四"; not "优秀新闻记者代表" (body)
CREDIT_OUTLET = re.compile(r"(?:^本[报台网刊]|社|报|台|网|端|云|中心)(?:全媒体|融媒体|首席|特约|见习|实习|驻\S{1,4})?(?:记者|通讯员)$")
# Lines that describe a photo. e.g. "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）", "（图片来源：新华社）"
PHOTO_CAPTION = re.compile(r"^[（(]?\s*(?:图为|图片来源[：:]|图片由.{1,20}提供|图源[：:]|供图[：:]|摄影[：:])")
CAPTION_MAX_CHARS = 160   # a longer line ending in a credit is a paragraph that quotes one: kept

# A news-photo caption of the speech itself: the speaker delivering it, as a narrative line.
# e.g. "省长赵刚作政府工作报告", "1月27日，艾尔肯·吐尼亚孜代表自治区人民政府，向大会作政府工作报告。";
# not a title ("…政府工作报告": 作 directly before 报告; "…会议上的讲话": nominal 的)
SPEECH_DELIVERY = re.compile(
    r"(?:作|做)(?!报告)[^，。；！？的《》]{0,16}(?:报告|讲话|说明)|发表[^，。；！？的《》]{0,8}(?:讲话|致辞)|"
    r"在[^，。；！？的《》]{1,20}上(?:讲话|致辞)")
# Salutations that open a speech's body. e.g. "各位代表：", "同志们：", "尊敬的各位来宾："
SALUTATION = re.compile(r"^(?:各位|尊敬的|亲爱的|同志们|朋友们|女士们|先生们|同学们|老师们)[^，。；！？]{0,30}[：:！!]$")

# Newspaper continuation markers, also mid-paragraph: cut out of the line.
# e.g. "…行动指南。（下转第四版）（紧接第一版） 我们坚持…"; not "行动方案（2026版）"
PAGE_CONTINUATION = re.compile(r"\s*[（(]\s*(?:下转|上接|紧接|接|转|续)\s*(?:第\s*)?[一二三四五六七八九十\dA-Za-z]{1,4}\s*版\s*[)）]\s*")

# Licence and copyright footers of mirrored texts. e.g. "本文来源于网络，版权归原作者所有，如有侵权请联系删除"
LICENCE_FOOTER = re.compile(
    r"版权归[^，。；]{0,12}所有|转载请[^，。；]{0,8}(?:注明|保留|联系)|未经[^，。；]{0,8}(?:授权|许可)[，,]?\s*(?:不得|禁止|严禁)[^，。；]{0,4}转载|"
    r"Creative Commons|知识共享[^，。；]{0,24}许可|\bCC BY\b|如有侵权|侵权[^，。；]{0,4}联系[^，。；]{0,6}删除|本文(?:来源于|转载自|转自|来自)(?:网络|互联网)")
LICENCE_HINTS = ("版权", "转载", "侵权", "Creative", "知识共享", "CC BY", "本文")  # cheap prefilter of LICENCE_FOOTER
LICENCE_MAX_CHARS = 150

# A line after which the rest of the page is footer furniture (only once the body has started).
# e.g. "文档评论（0）", "相关报道：", "相关热词搜索：..."
FOOTER_START = re.compile(r"^[【\[]?(?:文档评论|相关热词搜索|热点文章阅读|相关文档|相关报道|相关新闻|相关文章|相关阅读|相关稿件|相关推荐|"
                          r"推荐阅读|延伸阅读|标签[：:]|留言与评论|打印此页|扫描二维码)")
FOOTER_LINE_MAX_CHARS = 50  # a longer line that ends a sentence after the footer starts is body: kept
# A section heading ends the footer too (a related list in mid-page), and is never a repeated header
# line (markers.HEADING_AT_LINE_START). e.g. "二、主要任务", "（三）保障措施", "第一章 总则"
HEADING_START = HEADING_AT_LINE_START

# Lines at the end of a page where a bare "来源：青海日报" is a source note, not a table's data source.
PAGE_END_LINES = 5

# A line that starts the body: prose, or an addressee/salutation line ending in ：.
BODY_LINE_MIN_CHARS = 40
SENTENCE_END = "。！？；”…"
PROSE_MIN_CHARS = 20   # a line this long ending a sentence is prose (it makes a repeated copy the complete one)

# Download-site suffix on a title line. e.g. "在政府新班子成员会议上的讲话.docxVIP"
TITLE_FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|pptx?|wps|txt|xlsx?)\s*(?:VIP)?$", re.I)

REPEAT_RULE = "duplicate-body"
REPEATED_HEADER_RULE = "repeated-header-line"
REPEATED_HEADER_MIN_CHARS = 6  # a shorter unbulleted line may repeat in a header on its own (so may a
# section heading: a table of contents lists it above the body)

# Rule names the passes give besides CHROME_LINES and TOOLBAR_WORDS (all in chrome_rules.RULES).
PASS_RULES = ("licence-footer", "photo-caption", "reporter-credit", "page-metadata", "footer", "breadcrumb",
              "page-continuation", "title-file-suffix", "toolbar", REPEAT_RULE, REPEATED_HEADER_RULE)
known(*(rule for rule, _ in CHROME_LINES), *TOOLBAR_WORDS, *PASS_RULES)


@dataclass
class Stripped:
    text: str
    page_meta: PageMeta = field(default_factory=PageMeta)
    removed: list[tuple[str, str]] = field(default_factory=list)


_BULLET = LABEL_BULLET
_LONG_RULES = tuple((r, p) for r, p in CHROME_LINES if r in LONG_LINE_RULES or not p.pattern.startswith("^"))
# One match() of all anchored patterns rules a short line out in one call (most lines are body).
_ANCHORED_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in CHROME_LINES if p.pattern.startswith("^")))
_UNANCHORED = tuple((r, p) for r, p in CHROME_LINES if not p.pattern.startswith("^"))
_UNANCHORED_ANY = re.compile("|".join(p.pattern for _, p in _UNANCHORED))
_LONG_ANCHORED_ANY = re.compile("|".join(f"(?:{p.pattern})" for _, p in _LONG_RULES if p.pattern.startswith("^")))
_LICENCE_HINT = re.compile("|".join(map(re.escape, LICENCE_HINTS)))
_WORD_RULE = {w: rule for rule, words in TOOLBAR_WORDS.items() for w in words}
_TOOLBAR_TOKEN = "|".join(map(re.escape, sorted(_WORD_RULE, key=len, reverse=True)))
_TOOLBAR_LINE = re.compile(rf"^(?:[【】\[\]|｜/\s·•]*(?:{_TOOLBAR_TOKEN})\s*[：:]?\s*[】\]]?)+[【】\[\]|｜/\s]*$")
_TOOLBAR_TOKENS = re.compile(_TOOLBAR_TOKEN)
_WIDGET_MARK = re.compile(rf"[【\[]\s*(?:{_TOOLBAR_TOKEN})\s*[】\]]|[^\W\d_]{{2}}\s*[：:]")  # 【打印】, 分享：
_BRACKET_ONLY = re.compile(r"^[【】\[\]]$")
_SPACE = re.compile(r"\s+")
_SOURCE_NOTE = next(p for r, p in CHROME_LINES if r == "source-note")


def _toolbar_kind(line: str) -> tuple[str, str] | None:
    """(rule, strength) of a toolbar line; strength is strong / word / char / bracket."""
    if len(line) > TOOLBAR_LINE_MAX_CHARS:
        return None
    if _BRACKET_ONLY.match(line):
        return "", "bracket"
    if not _TOOLBAR_LINE.match(line):
        return None
    tokens = _TOOLBAR_TOKENS.findall(line)
    rule = _WORD_RULE[tokens[0]]
    words = [t for t in tokens if len(t) > 1 and t not in ("A+", "A-")]
    if any(t in TOOLBAR_STRONG for t in tokens) or (len(tokens) > 1 and words) or _WIDGET_MARK.search(line):
        return rule, "strong"
    return rule, "word" if words else "char"


def _credit_rule(line: str, in_header: bool) -> str | None:
    """photo-caption for a line closed by a photo credit; reporter-credit for a bare byline in the header."""
    if len(line) > CAPTION_MAX_CHARS:
        return None
    if PHOTO_CAPTION.match(line) or PHOTO_NAME_SHOT.match(line):
        return "photo-caption"
    if "记者" not in line and "通讯员" not in line and "摄" not in line:
        return None
    tail_at = max(0, len(line) - 60)
    m = PHOTO_CREDIT.search(line, tail_at)
    if not m:
        return None
    before = line[:m.start()].rstrip()
    if m.group("shot") or (before and before[-1] in "。！？"):
        return "photo-caption"
    if in_header and not before and CREDIT_OUTLET.search(m.group("who")):
        return "reporter-credit"
    return None


def _line_rule(s: str, in_header: bool) -> str | None:
    if len(s) <= SHORT_LINE_MAX_CHARS and _ANCHORED_ANY.match(s):
        rules = CHROME_LINES
    else:
        rules = _LONG_RULES if _LONG_ANCHORED_ANY.match(s) or _UNANCHORED_ANY.search(s) else ()
    for rule, pattern in rules:
        if pattern.search(s):
            return rule
    if len(s) <= LICENCE_MAX_CHARS and _LICENCE_HINT.search(s) and LICENCE_FOOTER.search(s):
        return "licence-footer"
    return _credit_rule(s, in_header)


def _is_sentence(line: str) -> bool:
    return len(line) > FOOTER_LINE_MAX_CHARS and line[-1] in "。！？”；"


def _is_prose(line: str) -> bool:
    return len(line) >= PROSE_MIN_CHARS and line[-1] in SENTENCE_END


def _is_body_line(line: str) -> bool:
    return line[-1] in "：:" or (len(line) >= BODY_LINE_MIN_CHARS and line[-1] in SENTENCE_END)


def _meta_values_ok(fields: dict[str, str]) -> bool:
    return all(len(v) <= META_VALUE_MAX_CHARS and not v.endswith(("。", "？", "！")) for v in fields.values())


def _next_nonblank(lines: list[str], i: int, limit: int) -> int | None:
    for j in range(i + 1, min(limit, len(lines))):
        if lines[j]:
            return j
    return None


def _breadcrumb_end(lines: list[str], i: int) -> int | None:
    """Index after a breadcrumb split over lines that starts at line i, or None."""
    start = lines[i]
    if not BREADCRUMB_START.match(start):
        return None
    labelled = start[-1] in "：:"
    expect_item = labelled or start[-1] in ">»›＞→"
    separators, last = int(not labelled and expect_item), i
    for j in range(i + 1, min(len(lines), i + BREADCRUMB_MAX_LINES)):
        t = lines[j]
        if not t:
            continue
        if BREADCRUMB_SEPARATOR.match(t):
            separators, expect_item, last = separators + 1, True, j
        elif expect_item and BREADCRUMB_ITEM.match(t):
            expect_item = t[-1] in ">»›＞→"
            separators, last = separators + expect_item, j
        else:
            break
    if last == i or (not labelled and not separators):
        return None
    return last + 1


def _mark_toolbars(lines: list[str], rules: list[str | None], kinds: list[tuple[str, str] | None]) -> None:
    """Toolbar lines in runs: a run is chrome if it holds a strong line (or other chrome), or two word lines."""
    run: list[int] = []

    def close() -> None:
        members = [i for i in run if rules[i] is None]
        strong = any(rules[i] is not None or kinds[i][1] == "strong" for i in run)
        words = sum(1 for i in members if kinds[i][1] == "word")
        if members and (strong or words >= 2):
            named = [(i, rules[i] or kinds[i][0]) for i in run if rules[i] is not None or kinds[i][0]]
            for i in members:   # "【" takes the rule of the widget after it, "】" of the one before it
                before = next((r for j, r in reversed(named) if j < i), None)
                after = next((r for j, r in named if j > i), None)
                opening = lines[i] in "【["
                rules[i] = kinds[i][0] or (after if opening else before) or before or after or "toolbar"
        run.clear()

    for i, s in enumerate(lines):
        if not s:
            continue
        if kinds[i] is not None or rules[i] is not None:
            run.append(i)
        elif run:
            close()
    close()


def _mark_header(lines, rules, meta, body_start: int | None) -> None:
    """Header zone: bare date-time lines, lines printed twice, speech-photo captions above the salutation."""
    limit = min(len(lines), HEADER_ZONE_LINES)
    kept = [i for i in range(limit) if lines[i] and rules[i] is None]
    salutation = next((i for i in kept if SALUTATION.match(lines[i])), None)
    end = min(x for x in (salutation, body_start, limit) if x is not None)
    zone = [i for i in kept if i < end]
    seen: set[str] = set()
    for n, i in enumerate(zone):
        s = lines[i]
        if BARE_DATETIME.match(s):
            meta.setdefault("published_at", s)
            rules[i] = "page-metadata"
            continue
        byline = byline_datetime(s)
        # a byline with a clock time or a posting verb: "新华社 2020-01-03 18:13", "发表于 2005-5-7 21:23";
        # a bare date in a header may be the document's own (成文日期, a speech's date): kept
        if byline and (":" in byline or byline_datetime(s, require_verb=True)):
            meta.setdefault("published_at", byline)
            rules[i] = "page-metadata"
            continue
        bare = _BULLET.sub("", s)
        key = _SPACE.sub("", bare)
        if key in seen and (bare != s or len(key) >= REPEATED_HEADER_MIN_CHARS) and not HEADING_START.match(bare):
            rules[i] = REPEATED_HEADER_RULE
            continue
        seen.add(key)
        if (n and salutation is not None and len(s) <= CAPTION_MAX_CHARS and not s.startswith(("—", "（", "(", "《"))
                and SPEECH_DELIVERY.search(s)):
            rules[i] = "photo-caption"


def _mark_repeats(lines: list[str], rules: list[str | None], meta: dict[str, str]) -> None:
    """A run of lines printed twice: drop the less complete copy, the one followed by less prose and
    holding less prose of its own (a tie keeps the first); its own short lines (chrome around it) go
    with it. Lines only one copy holds are the chrome that differs: page-metadata lines among them
    are parsed and dropped in either copy (the kept copy's header may sit below the body's start)."""
    kept = [i for i, s in enumerate(lines) if s and rules[i] is None]
    keys = [lines[i].replace(" ", "") for i in kept]
    repeats = find_repeats(keys)
    if not repeats:
        return
    prose = [len(k) if _is_prose(k) else 0 for k in keys]
    prose_before = [0]
    for x in prose:
        prose_before.append(prose_before[-1] + x)
    protected: set[int] = set()
    for rep in repeats:
        (a0, a1), (b0, b1) = rep.first, rep.second
        matched = {p for pair in rep.pairs for p in pair}
        own1 = [p for p in range(a0, a1) if p not in matched]
        own2 = [p for p in range(b0, b1) if p not in matched]
        between = prose_before[b0] - prose_before[a1] + sum(prose[p] for p in own1)
        after = prose_before[-1] - prose_before[b1] + sum(prose[p] for p in own2)
        drop_first = after > between
        drop = [a if drop_first else b for a, b in rep.pairs]
        if any(p in protected for p in drop):
            continue
        protected.update(b if drop_first else a for a, b in rep.pairs)
        drop += [p for p in (own1 if drop_first else own2) if not prose[p]]
        for p in drop:
            rules[kept[p]] = REPEAT_RULE
        for p in own1 + own2:
            s = lines[kept[p]]
            fields = {"published_at": s} if BARE_DATETIME.match(s) else parse_meta_line(s)
            if fields and _meta_values_ok(fields):
                for key, value in fields.items():
                    if value:
                        meta.setdefault(key, value)
                rules[kept[p]] = "page-metadata"


def _take_meta_line(lines: list[str], i: int, rules: list[str | None], meta: dict[str, str]) -> bool:
    """Header zone: a page-metadata line into `meta`; a label closing it takes its value from the next line."""
    fields = parse_meta_line(lines[i])
    if fields is None or not _meta_values_ok(fields):
        return False
    for key, value in fields.items():
        if value:
            meta.setdefault(key, value)
    rules[i] = "page-metadata"
    key = trailing_label_key(lines[i])
    j = _next_nonblank(lines, i, len(lines)) if key in META_NEXT_LINE_VALUE else None
    if j is not None:
        value = lines[j]
        if (META_NEXT_LINE_VALUE[key].match(value) and parse_meta_line(value) is None
                and not TITLE_ENDING.search(value) and _toolbar_kind(value) is None
                and (key == "published_at" or not BARE_DATETIME.match(value))):
            meta.setdefault(key, value)
            rules[j] = "page-metadata"
    return True


def _body_meta_rule(s: str, at_end: bool, meta: dict[str, str]) -> str | None:
    """Below the body's start: a CMS info line printed again, or a source line closing the page
    (their values fill keys the header left empty)."""
    if len(s) > SHORT_LINE_MAX_CHARS or ("：" not in s and ":" not in s):
        return None
    fields = parse_meta_line(s)
    if not fields or not _meta_values_ok(fields):
        return None
    if ((len(fields) > 1 and CMS_LINE_KEYS.intersection(fields)) or BARE_DATETIME.match(fields.get("published_at", ""))
            or _BULLET.match(s) or CMS_ONLY_KEYS.intersection(fields)):
        rule = "page-metadata"
    elif at_end and list(fields) == ["source_name"] and _NAME_VALUE.match(fields["source_name"]):
        rule = "source-note"
    else:
        return None
    for key, value in fields.items():
        if value:
            meta.setdefault(key, value)
    return rule


def strip_chrome(text: str) -> Stripped:
    lines = [ln.strip() for ln in text.split("\n")]
    n = len(lines)
    rules: list[str | None] = [None] * n
    kinds: list[tuple[str, str] | None] = [None] * n
    cuts: dict[int, list[tuple[str, str]]] = {}
    meta: dict[str, str] = {}
    nonblank = [i for i, s in enumerate(lines) if s]
    page_end = nonblank[-PAGE_END_LINES] if len(nonblank) >= PAGE_END_LINES else 0
    body_start: int | None = None
    in_footer = False
    i = 0
    while i < n:
        s = lines[i]
        if not s or rules[i] is not None:
            i += 1
            continue
        if in_footer and not _is_sentence(s) and not HEADING_START.match(s):
            rules[i] = "footer"
            i += 1
            continue
        in_footer = False
        in_header = body_start is None and i < HEADER_ZONE_LINES
        if in_header:
            if _take_meta_line(lines, i, rules, meta):
                i += 1
                continue
            end = _breadcrumb_end(lines, i)
            if end is not None:
                for j in range(i, end):
                    if lines[j]:
                        rules[j] = "breadcrumb"
                i = end
                continue
        elif body_start is not None:
            rule = _body_meta_rule(s, i >= page_end, meta)
            if rule:
                rules[i] = rule
                i += 1
                continue
        if "版" in s and PAGE_CONTINUATION.search(s):
            cuts[i] = [(m.group(0).strip(), "page-continuation") for m in PAGE_CONTINUATION.finditer(s)]
            s = lines[i] = PAGE_CONTINUATION.sub("", s).strip()
            if not s:
                i += 1
                continue
        kind = _toolbar_kind(s)
        if kind is not None:
            kinds[i] = kind
            in_footer = body_start is not None and kind[1] == "strong" and bool(FOOTER_START.search(s))
            i += 1
            continue
        rule = _line_rule(s, in_header)
        if rule:
            rules[i] = rule
            if rule == "source-note":
                meta.setdefault("source_name", _SOURCE_NOTE.match(s).group("value"))
            in_footer = body_start is not None and bool(FOOTER_START.search(s))
            i += 1
            continue
        if body_start is None and _is_body_line(s) and not SPEECH_DELIVERY.search(s):
            body_start = i   # (a narrative line about the speech may be a photo caption above the salutation)
        i += 1
    _mark_toolbars(lines, rules, kinds)
    _mark_header(lines, rules, meta, body_start)
    _mark_repeats(lines, rules, meta)

    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    title_done = False
    for i, s in enumerate(lines):
        removed.extend(cuts.get(i, ()))
        if not s:
            kept.append("")
            continue
        if rules[i] is not None:
            removed.append((s, rules[i]))
            continue
        if not title_done:
            title_done = True
            suffix = TITLE_FILE_SUFFIX.search(s)
            if suffix:
                removed.append((suffix.group(0), "title-file-suffix"))
                s = s[: suffix.start()].rstrip()
        kept.append(s)
    clean = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Stripped(text=clean, page_meta=PageMeta.from_dict(meta), removed=removed)
