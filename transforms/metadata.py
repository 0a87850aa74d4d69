"""Document metadata of a Chinese official document (GB/T 9704 公文 elements) plus web-page fields.

`extract_metadata(clean_text, page_meta)` reads the clean text (normalized, chrome removed, lines
separated by "\\n") and the page's own fields (a pagemeta.PageMeta, or a dict of its field names:
the input's hints, the HTML page's <meta> and labels, the text's label lines), and returns a
`DocumentMetadata`. Pure: text and plain data in, plain data out.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from transforms import chrome
from transforms.dates import find_dates, parse_datetime
from transforms.markers import MARKER_AT_LINE_START
from transforms.pagemeta import PageMeta, starts_with_label
from transforms.pubdate import date_from_url

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"

# --- rule tables -------------------------------------------------------------------------------

# 文种 words a title ends with; the longest one at the very end wins.
# e.g. "…实施方案的通知" -> 通知, "…的实施方案" -> 实施方案, "在…上的讲话" -> 讲话
GENRES = (
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
    "议案", "函", "纪要", "实施方案", "方案", "规划", "计划", "要点", "办法", "规定", "细则", "规则",
    "条例", "讲话", "致辞", "发言", "总结",
)
# Title endings that name a genre indirectly. e.g. "…上的讲话稿" -> 讲话, "…的复函" is already 函
GENRE_ALIASES = {"讲话稿": "讲话", "讲稿": "讲话", "讲话提纲": "讲话", "讲话要点": "讲话"}
# Genres of speeches (for speaker and speech date). e.g. "张国晖市长在市政府第一次全体会议上的讲话"
SPEECH_GENRES = ("讲话", "致辞", "发言")

# Trailing notes in parentheses that are not part of the genre. e.g. "…办法（试行）", "…讲话（摘要）"
TRAILING_PAREN_NOTE = re.compile(r"\s*[（(][^（）()]{1,30}[)）]\s*$")

# 发文字号 at the start of a line, any bracket around the year, optional 第.
# e.g. "湖政发〔2017〕18号", "许政办[2012]68号", "国办发【2020】第3号", "湘政函（2019）45号"
DOC_NUMBER = re.compile(
    rf"(?P<org>[{CJK}]{{1,12}}?)\s*[〔\[［（(【]\s*(?P<year>(?:19|20)\d{{2}})\s*[〕\]］）)】]\s*第?\s*(?P<serial>\d{{1,5}})\s*号"
)
# A line that is only a 发文字号 (GB/T 9704 prints it above the title; web pages often print it just
# below): e.g. "滨政发〔2021〕17号", "（许政办〔2012〕68号）"; not "根据国发〔2024〕1号文件精神，…".
DOC_NUMBER_LINE = re.compile(r"^[（(【\[]?\s*" + DOC_NUMBER.pattern + r"\s*[）)】\]]?$")
NUMBER_BELOW_TITLE_LINES = 4  # lines under the title searched for it (an info line may come between)
# A 发文字号 in parentheses closing a title line. e.g. "湖州市人民政府关于…的决定（湖政发〔2017〕18号）"
TRAILING_DOC_NUMBER = re.compile(r"[（(](?P<number>[^（）()]{2,14}[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】][^（）()]{0,8}号)[)）]\s*$")

# 版头 marks around the 发文字号 that are not the title: 份号, 密级, 紧急程度, 签发人.
# e.g. "000123", "机密★1年", "特急", "签发人：张三" (as in "湘政〔2019〕3号 签发人：张三")
HEADER_MARK = re.compile(r"^(?:\d{1,8}|(?:绝密|机密|秘密)(?:★.{0,6})?|特急|加急|平急|特提|签\s*发\s*人\s*[：:].{0,20})$")

# Red-header 发文机关标志 line: the organ followed by 文件. e.g. "湖州市人民政府文件"
ISSUER_BANNER = re.compile(rf"^(?P<org>[{CJK}（）、\s]{{2,40}}?)\s*文件$")

# Endings of organ names (发文机关, 主送机关, 抄送机关).
# e.g. "湖州市人民政府", "市政府办公室", "鄱阳湖生态科技城管委会", "市直及驻市各单位", "湖州军分区"
ORGAN_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|委员会|常委会|管委会|委|局|厅|部|部门|院|署|办|会|处|科|室|中心|所|站|队|馆|社|"
    r"党组|公司|集团|银行|军分区|法院|检察院|大学|学院|学校|团体|党派|单位|机关|机构|组织|区|县|市|省|州|盟|旗|镇|乡|街道|"
    r"自治区|总局|分局|支队|总队|联合会|协会|工会|团委|妇联|科协|侨联|文联|组)$"
)
ORGAN_MAX_CHARS = 40

# Salutations that end with ： like an addressee line but address people. e.g. "同志们：", "各位代表："
SALUTATION = re.compile(r"^(?:各位|尊敬的|亲爱的|同志们|朋友们|女士们|先生们|同学们|老师们|大家|来宾们)|们$")

# Labels of the 版记 lists. e.g. "抄送：市委各部门，市人大常委会、市政协办公室，…"
CC_LABEL = re.compile(r"^(?:抄\s*送|抄\s*报)\s*[：:]\s*")
# 主送 written as a labelled line (纪要, 版记). e.g. "主送：各县（市、区）人民政府"
ADDRESSEE_LABEL = re.compile(r"^主\s*送\s*[：:]\s*")
# Separators between organs in 主送/抄送 lists (only outside parentheses). e.g. "市纪委，湖州军分区、市中级法院"
LIST_SEPARATORS = "，；,;"
ENUMERATION_COMMA = "、"
# Generic unit words that cannot stand alone as an addressee: in a 、 group holding one, the organ word
# at the end belongs to every member, so the group stays whole.
# e.g. "各省、自治区、直辖市人民政府", "许昌新区、经济技术开发区、东城区管委会"; but split
# "九江经济技术开发区、庐山西海风景名胜区、八里湖新区" (each a named unit)
GENERIC_UNITS = frozenset((
    "省", "自治区", "直辖市", "市", "县", "区", "州", "盟", "旗", "乡", "镇", "街道", "计划单列市", "副省级市",
    "新区", "开发区", "经济开发区", "经济技术开发区", "高新区", "高新技术产业开发区", "管理区", "园区", "示范区",
))
# Brackets inside which separators do not split a list. e.g. "各县（市、区）人民政府"
OPENING_BRACKETS, CLOSING_BRACKETS = "（(〔【《“", "）)〕】》”"

# Text after the date on the 印发 line. e.g. "湖州市人民政府办公室 2017年5月4日印发"
PRINTED_SUFFIX = re.compile(r"^\s*印\s*发\s*$")

# A title that announces a forwarded or printed document. e.g. "…关于印发…实施方案的通知", "…转发…意见的通知"
FORWARDING_TITLE = re.compile(r"印发|转发|颁发|下发|印送")
# Body sentence of a forwarding notice. e.g. "现印发给你们，请认真贯彻执行。", "现将…的讲话印发给你们"
FORWARDING_SENTENCE = re.compile(r"(?:发|印送)给你们")
# The forwarded document's title quoted in the notice or in its title.
# e.g. "《关于…的实施方案》已经市政府同意，现印发给你们", "国务院关于印发《“十四五”数字经济发展规划》的通知"
FORWARDED_QUOTED_TITLE = re.compile(
    r"《(?P<title>[^《》]{4,150})》[^。《》]{0,40}?(?:印发|转发|下发|印送)|(?:印发|转发|颁发|下发|印送)《(?P<title2>[^《》]{4,150})》"
)
# Lines between a notice's date and the forwarded document's title. e.g. "附件", "附件2：", "（此件公开发布）"
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*\s*[：:]?$")
NOTE_LINE = re.compile(r"^[（(][^（）()]{1,20}[)）]$")

# Lines of a title printed over several lines are short and carry no clause punctuation.
# e.g. "关于在全市政府系统大力开展忠诚型创新型" / "担当型服务型过硬型政府建设加快推动" / "九江高质量跨越式发展的实施方案"
TITLE_FRAGMENT_MAX_CHARS = 40
TITLE_MAX_LINES = 4
TITLE_MAX_CHARS = 150
CLAUSE_PUNCTUATION = re.compile(r"[。，；：！？,;:!?]")
# A title line that continues the line above it. e.g. "湖州市人民政府关于印发…实施方案" / "的通知"
TITLE_CONTINUATION = ("的",)
# Words a title starts with: a line starting so continues only an issuer line above it (an organ, or
# one ending in 转发/印发); above anything else that line is a kicker (引题), not part of the title.
# e.g. "湖州市人民政府" / "关于加强…的决定" is one title; "奋力谱写…新篇章" / "关于做好…的通知" is not
TITLE_START = ("关于",)
# Characters ignored when comparing two titles. e.g. "《政府工作报告》" and "政府工作报告 " are the same
NON_TITLE_CHARS = re.compile(r"[\s《》“”\"'「」]")
# Section markers opening a body line, never a title line (transforms/markers.py). e.g. "一、", "（一）", "第一条"
SECTION_MARKER = MARKER_AT_LINE_START
# Site or channel names that may head a page instead of a title. e.g. "湖州市人民政府门户网站"
SITE_NAME = re.compile(r"(?:网站|门户|网|频道|首页|专栏)$")
# Column (栏目) names printed above a headline, a region or organ name plus a column word.
# e.g. "宁夏要闻", "通知公告", "政务动态", "图片新闻"; not "政府工作报告", not "关于…的公告"
COLUMN_NAME = re.compile(
    rf"^[{CJK}]{{0,6}}(?:要闻|新闻|动态|资讯|快讯|头条|聚焦|通知公告|公示公告|通知通告|政策文件|政府文件|"
    rf"政策解读|信息公开|政务公开|领导讲话|领导活动|专题专栏)$"
)
COLUMN_NAME_MAX_CHARS = 10
# Site name appended to a page title after _ or |. e.g. "新年伊始，…谈了啥？_中南海_澎湃新闻-The Paper"
TITLE_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*[^_|｜]{1,30}$")
# Site name appended after a hyphen (not the —— of a subtitle): the segment must end like a site.
# e.g. "2026年政府工作报告-人民网", "关于…的通知 - 某某市人民政府门户网站"; not "2021-2025年规划"
TITLE_SITE_DASH_SUFFIX = re.compile(
    rf"\s*[-－–]\s*[{CJK}A-Za-z]{{1,24}}(?:网|网站|门户|政府|日报|晚报|新闻|客户端|频道|在线)$"
)
# Verb or preposition ending the issuer prefix of a title. e.g. "九江市人民政府|关于印发…", "国务院办公厅|转发…"
TITLE_ISSUER_PREFIX = re.compile(r"^(?P<org>(?:(?!关于).){2,60}?)(?:关于|转发|批转|印发|颁发)")
TITLE_ZONE_LINES = 6   # the title, 文号 and 主送 are looked for in the first non-noise lines
TITLE_SCAN_LINES = 30  # ... among this many first lines, page noise (toolbars, breadcrumbs) included
ADDRESSEE_ZONE_LINES = 4

# --- page noise around the headline (lines that are never part of a title) -----------------------

# Page controls printed as lines of their own: toolbar, font size, share, print/close, position label
# (chrome.PAGE_CONTROL_WORDS: the toolbar words and the words printed around them).
# e.g. "下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】", "【打印本页】", "分享:"
PAGE_CONTROL_WORDS = chrome.PAGE_CONTROL_WORDS
PAGE_CONTROL_RUN = re.compile("(?:" + "|".join(map(re.escape, sorted(PAGE_CONTROL_WORDS, key=len, reverse=True))) + ")+")
# What a control line may hold besides its words: brackets, colons, separators, spaces. e.g. "【字号：", "】"
PAGE_CONTROL_PUNCT = re.compile(r"[\s【】\[\]（）()<>《》：:|｜/、，,.。·•>＞»›_-]+")
# Breadcrumb trails, on one line or one item per line with the separators on lines of their own.
# e.g. "首页 > 政务信息 > 宁夏要闻", or "首页" / ">" / "政务信息" / ">" / "宁夏要闻"
BREADCRUMB_SEPARATOR = re.compile(r"\s*(?:[>＞»›]|->|→)\s*")
BREADCRUMB_ITEM_MAX_CHARS = 16
HAS_CJK = re.compile(f"[{CJK}]")
PAGE_NOISE_MAX_CHARS = 80

# --- speech headers under a report's or speech's headline ---------------------------------------

# Dashes and brackets opening a speech header line. e.g. "——2026年…", "――2026年…" (U+2015), "（2026年…"
SPEECH_HEADER_OPENERS = "—―－-（( "
# The occasion after the date: "在…上", maybe naming the genre, maybe closing a parenthesis, maybe
# followed by the byline on the same line.
# e.g. "在内蒙古自治区第十四届人民代表大会第五次会议上", "在全市经济工作会议上的讲话）",
#      "在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚"
SPEECH_OCCASION = re.compile(
    r"^在(?P<occasion>[^，。；！？：,;!?]{2,80}?)上(?P<genre>的?(?:工作报告|报告|讲话|致辞|发言|主旨演讲|演讲|讲稿|说明))?"
    r"\s*[)）]?(?:\s+(?P<byline>\S.{0,40}))?$"
)
# First half of a header broken over two lines. e.g. "——2026年1月26日在广东省第十四届" / "人民代表大会第五次会议上"
SPEECH_OCCASION_START = re.compile(r"^在[^，。；！？：,;!?]{1,60}$")
SPEECH_HEADER_MAX_CHARS = 120
# Genre words of a header that make an untyped title a speech. e.g. "——在全市经济工作会议上的讲话" -> 讲话
HEADER_GENRES = {"讲话": "讲话", "讲稿": "讲话", "致辞": "致辞", "发言": "发言", "报告": "报告", "工作报告": "报告"}
# Genres whose documents carry a speech header and byline (speaker, speech date). e.g. 政府工作报告, 讲话
SPEECH_HEADER_GENRES = ("报告", "讲话", "致辞", "发言")
SPEECH_HEADER_WINDOW = 4   # the byline is looked for this many lines around the header

# --- adoption notes of 决议, 决定, laws and regulations ---------------------------------------------

# The line under the title saying when which body adopted or revised the text; the last date is the
# text's own. e.g. "（2023年3月13日第十四届全国人民代表大会第一次会议通过）",
# "（2019年…市人大常委会第十次会议审议通过）", "（…通过　2014年4月24日…常务委员会第八次会议修订）"
ADOPTION_NOTE = re.compile(
    r"^[（(]?[^（）()]{6,400}?(?:会议|常委会|委员会|大会|国务院令)[^（）()]{0,80}?"
    r"(?:通过|批准|修订|修正|公布)(?:\s*自[^（）()]{4,30}起施行)?[)）]?$"
)
ADOPTION_ZONE_LINES = 3    # looked for in this many lines under the title

# Official titles of speakers, longest first. e.g. "张国晖市长…" -> 市长, "市委副书记王五…" -> 副书记
SPEAKER_TITLES = tuple(sorted((
    "省委书记", "市委书记", "县委书记", "区委书记", "省委副书记", "市委副书记", "总书记", "国务委员",
    "常务副省长", "常务副市长", "常务副县长", "常务副区长", "副省长", "副市长", "副县长", "副区长", "副州长", "副主席", "副书记", "副总理", "副部长", "副主任", "副局长", "副厅长", "副院长", "副校长", "秘书长",
    "市长", "省长", "县长", "区长", "州长", "镇长", "乡长", "书记", "主任", "主席", "总理", "部长",
    "厅长", "局长", "院长", "校长", "署长", "行长", "董事长", "总经理", "委员", "委员长", "副委员长",
), key=len, reverse=True))
_TITLES = "|".join(SPEAKER_TITLES)
# "在…上的讲话" ending a speech title. e.g. "在市政府六届一次全体会议上讲话"
_SPEECH_TAIL = rf"在[^在]{{2,80}}?上的?(?:{'|'.join(SPEECH_GENRES)}|讲稿)"
# Speaker named in a speech title, name before title or title before name.
# e.g. "张国晖市长在市政府第一次全体会议上的讲话", "关于印发市长张国晖在…上讲话的通知", "李强同志在…上的讲话"
SPEAKER_NAME_FIRST = re.compile(rf"(?:^|印发|转发)(?P<name>[{CJK}]{{2,4}}?)(?P<title>{_TITLES})?(?:同志)?{_SPEECH_TAIL}")
SPEAKER_TITLE_FIRST = re.compile(rf"(?:^|印发|转发)(?P<title>{_TITLES})(?P<name>[{CJK}]{{2,3}}?)(?:同志)?{_SPEECH_TAIL}")
# Byline under a speech title. e.g. "市长 张国晖", "张国晖 市长"
SPEAKER_BYLINE = re.compile(rf"^(?:(?P<title>{_TITLES})\s*(?P<name>[{CJK}]{{2,4}})|(?P<name2>[{CJK}]{{2,4}}?)\s*(?P<title2>{_TITLES}))$")
# A person's name in a byline: 2-4 characters, maybe spaced out to the width of a longer name, or a
# transliterated name joined by a middle dot. e.g. "包钢", "韦 韬", "李　强", "艾尔肯·吐尼亚孜"
PERSON_NAME = rf"[{CJK}]{{1,8}}(?:[·•・‧][{CJK}]{{1,10}}){{1,3}}|[{CJK}](?: {{0,3}}[{CJK}]){{1,3}}"
PERSON_NAME_UNSPACED_MAX = 3   # "省长卢东亮" is a byline, "市长张三讲话" is not
# Byline of a report or speech: the office, maybe after the place or organ, then the name (or the name
# on the next line). e.g. "北京市市长 殷勇", "四川省人民政府省长 施小琳", "自治区主席 艾尔肯·吐尼亚孜",
# "自治区人民政府主席 韦 韬", "国务院总理" / "李　强"; not "省长卢东亮在省十四届人大五次会议上作政府工作报告"
OFFICE_BYLINE = re.compile(rf"^(?P<org>[{CJK}]{{0,20}}?)(?P<title>{_TITLES})(?:(?P<gap>\s*)(?P<name>{PERSON_NAME}))?$")
PERSON_NAME_LINE = re.compile(rf"^(?:{PERSON_NAME})$")

# Redaction placeholders standing for names, places or numbers in templates.
# e.g. "我们×当前的情况", "×××同志", "XX市", "X月X日", "***县", "张某某"
PLACEHOLDER_CROSSES = re.compile(r"[×╳]+")
PLACEHOLDER_X_RUN = re.compile(r"(?<![A-Za-z])(?:[XＸ]{2,}|[XＸ](?=[年月日号市县区镇乡村省局同]))(?![A-Za-zＡ-Ｚ])")
PLACEHOLDER_ASTERISKS = re.compile(rf"(?<=[{CJK}])[*＊]{{2,}}|[*＊]{{2,}}(?=[{CJK}])")   # not "* * *" separators, not "“ *** ”" masks
PLACEHOLDER_WORDS = re.compile(r"某某")
# × between operands is arithmetic, not a placeholder. e.g. "3×4", "210mm × 297mm", "7×24小时"
MULTIPLICATION = re.compile(r"(?<=[0-9A-Za-z.%）)])\s*[×╳]+\s*(?=[0-9A-Za-z(（])")
# One × closing a quoted slogan ("X times" a field, like "人工智能+"), not a redaction.
# e.g. "“数据要素×”行动", "「数据要素×」"; not "“×梦”", "×××同志", "把×的强项做强"
SLOGAN_CROSS = re.compile(rf"(?<=[{CJK}]{{2}})[×╳](?=[”’」』》\"'])")

# Sentence-final characters; a long last line without one was cut off. e.g. truncated "…更多的是在办法上要"
SENTENCE_FINAL = "。！？!?”’…）)」』"
MID_SENTENCE_END = "，、,"
TRUNCATION_MIN_CHARS = 30


@dataclass
class DocumentMetadata:
    title: str | None = None
    genre: str | None = None
    doc_number: str | None = None
    doc_number_year: int | None = None
    doc_number_serial: int | None = None
    issuer: str | None = None
    publisher: str | None = None
    addressees: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    signed_date: dt.date | None = None
    printed_by: str | None = None
    printed_date: dt.date | None = None
    published_at: dt.datetime | None = None
    source_name: str | None = None
    index_number: str | None = None
    category: str | None = None
    attachment_title: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    speech_date: dt.date | None = None
    has_placeholders: bool = False
    is_truncated: bool = False


# --- small predicates --------------------------------------------------------------------------


def genre_of(title: str | None) -> str | None:
    """文种 from a title's ending: the longest genre word (or alias) the title ends with."""
    if not title:
        return None
    t = title.strip()
    while TRAILING_PAREN_NOTE.search(t):
        t = TRAILING_PAREN_NOTE.sub("", t)
    t = t.rstrip("》”\"' ")
    for alias in sorted(GENRE_ALIASES, key=len, reverse=True):
        if t.endswith(alias):
            return GENRE_ALIASES[alias]
    for genre in sorted(GENRES, key=len, reverse=True):
        if t.endswith(genre):
            return genre
    return None


def looks_like_organ(s: str) -> bool:
    """'湖州市人民政府', '各县（市、区）人民政府' -> True; '特此通知', '同志们' -> False."""
    s = s.strip()
    return (
        2 <= len(s) <= ORGAN_MAX_CHARS
        and re.fullmatch(rf"[{CJK}（）()、\s]+", s) is not None
        and ORGAN_SUFFIX.search(s) is not None
        and not SALUTATION.search(s)
    )


def _split_outside_brackets(s: str, separators: str) -> list[str]:
    items, depth, current = [], 0, []
    for ch in s:
        if ch in OPENING_BRACKETS:
            depth += 1
        elif ch in CLOSING_BRACKETS:
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def split_organs(s: str) -> list[str]:
    """Split a 主送/抄送 list on ，； and 、 outside parentheses, keeping 、 groups whose last organ word
    is shared ('各省、自治区、直辖市人民政府'): '各县（市、区）人民政府，市纪委、市检察院。' -> 3 items."""
    organs = []
    for group in _split_outside_brackets(s.strip().rstrip("。.：:"), LIST_SEPARATORS):
        members = _split_outside_brackets(group, ENUMERATION_COMMA)
        if any(m.removeprefix("各") in GENERIC_UNITS for m in members[:-1]):
            organs.append(group)
        else:
            organs.extend(members)
    return organs


def parse_doc_number(s: str | None) -> tuple[str, int, int] | None:
    """A 发文字号 at the start of s, normalized to 〔〕: '许政办[2012]68号 …' -> ('许政办〔2012〕68号', 2012, 68)."""
    if not s:
        return None
    m = DOC_NUMBER.match(s.strip())
    if not m:
        return None
    year, serial = int(m.group("year")), int(m.group("serial"))
    return f"{m.group('org')}〔{year}〕{serial}号", year, serial


def standalone_date(line: str) -> dt.date | None:
    """A line that is just a date (成文日期 form), optionally followed by a note in parentheses.

    '2017年4月27日', '二○一二年八月一日', '2017年4月27日（此件公开发布）' -> date;
    '（2012年7月31日，根据录音整理）', '…于2017年4月27日召开…', '…2017年5月4日印发' -> None.
    """
    found = find_dates(line)
    if not found or found[0].start != 0:
        return None
    rest = line[found[0].end:].strip()
    if rest and not (NOTE_LINE.match(rest) and not find_dates(rest)):
        return None
    return found[0].date


def _signature_and_date(line: str) -> tuple[str, dt.date] | None:
    """'湖州市人民政府 2017年4月27日' (signature and date on one line) -> (organ, date)."""
    found = find_dates(line)
    if len(found) != 1 or line[found[0].end:].strip():
        return None
    organ = line[: found[0].start].strip()
    return (organ, found[0].date) if looks_like_organ(organ) else None


def _ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in "。！？!?"


def _is_page_noise(line: str) -> bool:
    """Page furniture that is never part of a headline, judged on the line alone: '下载', '【字号：', '】',
    '来源：内蒙古日报', '首页 > 政务信息 > 宁夏要闻', '2026-02-09 09:45:30'."""
    if not HAS_CJK.search(line) or starts_with_label(line):   # a labelled page-metadata line
        return True
    if len(line) > PAGE_NOISE_MAX_CHARS:   # controls and breadcrumbs are short; skip the scans on prose
        return False
    bare = PAGE_CONTROL_PUNCT.sub("", line)
    if PAGE_CONTROL_RUN.fullmatch(bare):
        return True
    if BREADCRUMB_SEPARATOR.search(line):
        items = [item for item in BREADCRUMB_SEPARATOR.split(line) if item]
        return len(items) >= 2 and all(len(item) <= BREADCRUMB_ITEM_MAX_CHARS for item in items)
    return False


def _noise_flags(lines: list[str]) -> list[bool]:
    """_is_page_noise per line, plus the items of a breadcrumb printed one per line: a line holding
    only a separator makes its neighbours breadcrumb items ('首页' / '>' / '政务信息' / '>' / '宁夏要闻')."""
    flags = [_is_page_noise(line) for line in lines]
    for i, line in enumerate(lines):
        if BREADCRUMB_SEPARATOR.fullmatch(line):
            for j in (i - 1, i + 1):
                if 0 <= j < len(lines) and len(lines[j]) <= BREADCRUMB_ITEM_MAX_CHARS:
                    flags[j] = True
    return flags


def _is_title_fragment(line: str) -> bool:
    return (
        len(line) <= TITLE_FRAGMENT_MAX_CHARS
        and not CLAUSE_PUNCTUATION.search(line)
        and not SECTION_MARKER.match(line)
        and not find_dates(line)
        and not line.startswith(("（", "("))
        and not SPEAKER_BYLINE.match(line)
        and not _is_page_noise(line)
        and not _is_column_name(line)
    )


def _is_issuer_line(s: str) -> bool:
    """'湖州市人民政府', '国务院办公厅转发国家发展改革委': what may stand above a '关于…' title line."""
    return looks_like_organ(s) or FORWARDING_TITLE.search(s) is not None or s.endswith("批转")


def _is_kicker(lines: list[str], k: int) -> bool:
    """A line above a complete '关于…' title that is not its issuer: '奋力谱写中国式现代化新篇章'."""
    nxt = lines[k + 1] if k + 1 < len(lines) else ""
    return (genre_of(lines[k]) is None and nxt.startswith(TITLE_START) and genre_of(nxt) is not None
            and not _is_issuer_line(lines[k]))


def _is_column_name(line: str) -> bool:
    return len(line) <= COLUMN_NAME_MAX_CHARS and COLUMN_NAME.match(line) is not None


def _join_title(lines: list[str], k: int) -> tuple[str, int]:
    """Title starting at lines[k], joined with following short lines when printed over several lines
    (joined only if the joined text then ends in a genre). Returns (title, index of its last line)."""
    if genre_of(lines[k]) or not _is_title_fragment(lines[k]):
        if (k + 1 < len(lines) and lines[k + 1].startswith(TITLE_CONTINUATION) and _is_title_fragment(lines[k + 1])
                and genre_of(lines[k] + lines[k + 1])):
            return lines[k] + lines[k + 1], k + 1
        return lines[k], k
    j = k
    while j + 1 < len(lines) and j + 1 - k < TITLE_MAX_LINES and _is_title_fragment(lines[j + 1]):
        if lines[j + 1].startswith(TITLE_START) and not _is_issuer_line("".join(lines[k : j + 1])):
            break
        j += 1
        if genre_of("".join(lines[k : j + 1])):
            return "".join(lines[k : j + 1]), j
    return lines[k], k


# --- field extractors --------------------------------------------------------------------------


def _clean_title_line(line: str) -> tuple[str, tuple[str, int, int] | None]:
    """Strip a leading or trailing 发文字号, a site suffix and 《》 wrapping from a title line; return
    (title, doc number)."""
    number = parse_doc_number(line)
    if number:
        line = DOC_NUMBER.sub("", line.strip(), count=1)
    trailing = TRAILING_DOC_NUMBER.search(line)
    if trailing and parse_doc_number(trailing.group("number")):
        number = number or parse_doc_number(trailing.group("number"))
        line = line[: trailing.start()]
    line = line.strip()
    if HEADER_MARK.match(line):
        return "", number
    if "_" in line or "|" in line or "｜" in line:
        while (stripped := TITLE_SITE_SUFFIX.sub("", line)) != line and len(stripped) >= 4:
            line = stripped
    if (stripped := TITLE_SITE_DASH_SUFFIX.sub("", line)) != line and len(stripped) >= 4:
        line = stripped
    if line.startswith("《") and line.endswith("》") and line.count("《") == 1:
        line = line[1:-1].strip()
    return line, number


def _is_title_candidate(line: str, page: PageMeta) -> bool:
    return (
        2 <= len(line) <= TITLE_MAX_CHARS
        and "。" not in line
        and line[-1] not in "：:，,；;"
        and not SECTION_MARKER.match(line)
        and not standalone_date(line)
        and not ((m := ISSUER_BANNER.match(line)) and looks_like_organ(m.group("org")))
        and not SITE_NAME.search(line)
        and not _is_column_name(line)
        and not SALUTATION.search(line.rstrip("！!：:，,。 "))
        and line != (page.source_name or "")
    )


@dataclass
class SpeechHeader:
    """The line(s) under a report's or speech's headline: '——2026年1月25日在…会议上', and the byline."""
    start: int                 # index of its first line
    end: int                   # index of its last line (a header may be broken over two lines)
    date: dt.date | None
    genre: str | None          # a genre named in it: "——在…上的讲话" -> 讲话
    byline: str | None         # text after it on the same line: "…会议上 陕西省省长 赵刚" -> "陕西省省长 赵刚"


def _speech_header_at(lines: list[str], i: int) -> SpeechHeader | None:
    """'——2026年2月4日在…会议上', '（2026年1月27日在…会议上）', '2026年1月31日在…会议上',
    '——二〇二六年一月二十七日在…', '——在…上的讲话', broken over two lines or followed by the byline."""
    line = lines[i]
    if len(line) > SPEECH_HEADER_MAX_CHARS or "在" not in line:
        return None
    rest = line.lstrip(SPEECH_HEADER_OPENERS)
    opened = len(rest) < len(line)
    found = find_dates(rest)
    date = None
    if found and found[0].start == 0:
        date = found[0].date
        rest = rest[found[0].end :].lstrip(" ，,")
    elif not opened:
        return None
    end = i
    m = SPEECH_OCCASION.match(rest)
    if not m and SPEECH_OCCASION_START.match(rest) and i + 1 < len(lines):
        m = SPEECH_OCCASION.match(rest + lines[i + 1])
        end = i + 1
    if not m:
        return None
    genre = HEADER_GENRES.get((m.group("genre") or "").removeprefix("的"))
    return SpeechHeader(i, end, date, genre, m.group("byline"))


def _find_speech_header(lines: list[str], flags: list[bool]) -> SpeechHeader | None:
    """The first speech header in the title zone, before the salutation or addressee line ending in
    a colon (not before the first sentence: a photo caption may stand above the headline)."""
    for i, noise in enumerate(flags):
        if noise:
            continue
        header = _speech_header_at(lines, i)
        if header:
            return header
        if lines[i][-1] in "：:":
            return None
    return None


def _parse_byline(line: str, next_line: str | None = None) -> tuple[str, str] | None:
    """(name, office) of a byline: '四川省人民政府省长 施小琳' -> ('施小琳', '省长'), '自治区主席 韦 韬' ->
    ('韦韬', '主席'), '国务院总理' + next line '李　强' -> ('李强', '总理'), '张国晖 市长' -> ('张国晖', '市长')."""
    m = OFFICE_BYLINE.match(line)
    if m:
        org, office, name = m.group("org"), m.group("title"), m.group("name")
        if org and not (ORGAN_SUFFIX.search(org) or org.endswith("中央")):
            return None
        if name is None:
            if not (next_line and PERSON_NAME_LINE.match(next_line)):
                return None
            name = next_line
        elif not m.group("gap") and len(name) > PERSON_NAME_UNSPACED_MAX:
            return None
        name = re.sub(r"\s+", "", name)
        return None if looks_like_organ(name) else (name, office)
    m = SPEAKER_BYLINE.match(line)
    if m and m.group("name2") and not looks_like_organ(m.group("name2")):
        return m.group("name2"), m.group("title2")
    return None


def _headline_above(lines: list[str], flags: list[bool], header: SpeechHeader,
                    page: PageMeta) -> tuple[str, int] | None:
    """The document's own headline: the title line right above its speech header (past noise and a
    byline printed above the header), joined upwards when broken over lines ('政府工作报' / '告')."""
    j = header.start - 1
    while j >= 0 and (flags[j] or _parse_byline(lines[j], lines[j + 1])
                      or (j > 0 and _parse_byline(lines[j - 1], lines[j]))):
        j -= 1   # past noise and a byline (its name maybe on a line of its own)
    if j < 0:
        return None
    line, _ = _clean_title_line(lines[j])
    if not line or not _is_title_candidate(line, page):
        return None
    title, top = line, j
    while ((genre_of(title) is None or title.startswith(TITLE_CONTINUATION)) and top > 0 and j - top + 1 < TITLE_MAX_LINES
           and not flags[top - 1] and _is_title_fragment(lines[top - 1])):
        top -= 1
        title = lines[top] + title
    return (title if genre_of(title) else line), j


def _find_title(lines: list[str], page: PageMeta
                ) -> tuple[str | None, int, list[tuple[str, int, int]], SpeechHeader | None]:
    """(title, index of its last line or -1, 发文字号 seen on header lines, speech header or None).

    The headline right above a speech header wins (the page may print its own headline higher up);
    else a zone line equal to the page title; else the first title-like line past the page noise."""
    zone = lines[:TITLE_SCAN_LINES]
    flags = _noise_flags(zone)
    header = _find_speech_header(zone, flags)
    if header:
        above = _headline_above(zone, flags, header, page)
        if above:
            return above[0], above[1], [], header
    page_title, page_number = _clean_title_line(page.page_title or "")
    numbers, seen, first = [], 0, None
    for k, raw in enumerate(zone):
        if flags[k]:
            continue
        seen += 1
        if seen > TITLE_ZONE_LINES:
            break
        line, number = _clean_title_line(raw)
        if number:
            numbers.append(number)
        if not line:
            continue
        if _is_title_candidate(line, page) and not _is_kicker(zone, k):
            if page_title and line == page_title:
                first = (line, k)
                break
            if first is None:
                title, end = _join_title([line] + lines[k + 1 :], 0)
                first = (title, k + end)
                if not page_title:
                    break
            continue
        if _ends_sentence(line) or len(line) > TITLE_MAX_CHARS:
            break
    if first:
        return first[0], first[1], numbers, header
    if page_number:
        numbers.append(page_number)
    return (page_title or None), -1, numbers, header


def _number_below_title(lines: list[str], title_at: int) -> tuple[str, int, int] | None:
    """A 发文字号 alone on one of the few lines right under the title, before the body starts (a
    sentence or the 主送 line ends the search)."""
    if title_at < 0:
        return None
    for line in lines[title_at + 1 : title_at + 1 + NUMBER_BELOW_TITLE_LINES]:
        if DOC_NUMBER_LINE.match(line):
            return parse_doc_number(line.strip("（()）【】[] "))
        if _ends_sentence(line) or line.endswith(("：", ":")):
            return None
    return None


def _record_title(page: PageMeta) -> str | None:
    """The title column of a record file, site suffix stripped; None for a site or column name
    ('湖州市人民政府门户网站', '湖州市人民政府', '通知公告')."""
    title, _ = _clean_title_line(page.record_title or "")
    if len(title) < 2 or SITE_NAME.search(title) or _is_column_name(title):
        return None
    return None if looks_like_organ(title) and not genre_of(title) else title


def _more_specific(title: str, than: str) -> bool:
    """'2026年吉林省政府工作报告' is more specific than '政府工作报告': it holds it and says more."""
    a, b = NON_TITLE_CHARS.sub("", title), NON_TITLE_CHARS.sub("", than)
    return len(a) > len(b) and b in a


def _find_adoption_date(lines: list[str], title_at: int) -> dt.date | None:
    """Date of the adoption note under a title: '（2023年3月13日第十四届全国人民代表大会第一次会议通过）'."""
    for line in lines[title_at + 1 : title_at + 1 + ADOPTION_ZONE_LINES] if title_at >= 0 else []:
        if ADOPTION_NOTE.match(line):
            found = find_dates(line)
            if found:
                return found[-1].date
    return None


def _find_addressees(lines: list[str], after: int) -> list[str]:
    for line in lines[after + 1 : after + 1 + ADDRESSEE_ZONE_LINES]:
        if _ends_sentence(line):
            break
        if line[-1] not in "：:" or SALUTATION.search(line[:-1]):
            continue
        items = split_organs(line[:-1])
        if items and all(len(i) <= ORGAN_MAX_CHARS for i in items) and any(ORGAN_SUFFIX.search(i) for i in items):
            return items
    for line in lines:
        label = ADDRESSEE_LABEL.match(line)
        if label:
            return split_organs(line[label.end() :])
    return []


def _find_cc(lines: list[str]) -> list[str]:
    cc: list[str] = []
    for k, line in enumerate(lines):
        label = CC_LABEL.match(line)
        if not label:
            continue
        listed = line[label.end() :]
        if listed.endswith(tuple(LIST_SEPARATORS + ENUMERATION_COMMA)) and k + 1 < len(lines):
            listed += lines[k + 1]
        cc.extend(split_organs(listed))
    return cc


def _find_signature(lines: list[str]) -> tuple[int, dt.date | None, str | None]:
    """(line index, 成文日期, 发文机关 signature) of the first standalone date line after body text."""
    seen_body = False
    for k, line in enumerate(lines):
        if not seen_body:
            seen_body = _ends_sentence(line)
            continue
        date = standalone_date(line)
        if date:
            signers = []
            for above in reversed(lines[max(0, k - 3) : k]):
                if not looks_like_organ(above):
                    break
                signers.insert(0, above)
            return k, date, _organ_list(" ".join(signers))
        both = _signature_and_date(line)
        if both:
            return k, both[1], both[0]
        seen_body = seen_body or _ends_sentence(line)
    return -1, None, None


def _find_printed(lines: list[str]) -> tuple[str | None, dt.date | None]:
    """印发 line of the 版记: '湖州市人民政府办公室 2017年5月4日印发' -> (organ, date)."""
    for line in reversed(lines):
        if "印" not in line:  # cheap pre-check for PRINTED_SUFFIX
            continue
        found = find_dates(line)
        if found and PRINTED_SUFFIX.match(line[found[-1].end :]):
            organ = line[: found[-1].start].strip()
            if not organ or looks_like_organ(organ):
                return (organ or None), found[-1].date
    return None, None


def _organ_list(s: str) -> str | None:
    """'湖州市人民政府  湖州军分区' -> '湖州市人民政府、湖州军分区'; None unless every part is an organ."""
    organs = [p for p in re.split(r"[\s、]+", s.strip()) if p]
    return "、".join(organs) if organs and all(looks_like_organ(p) for p in organs) else None


def _issuer_from_title(title: str | None) -> str | None:
    """'九江市人民政府关于印发…的通知' -> '九江市人民政府'; None when the prefix is not an organ."""
    m = TITLE_ISSUER_PREFIX.match(title or "")
    return _organ_list(m.group("org")) if m else None


def _find_attachment(lines: list[str], title: str | None, signed_at: int) -> tuple[str | None, int]:
    """(title of the document printed/forwarded by a notice, index of its last line or -1)."""
    forwarding_at = next((k for k, line in enumerate(lines) if "给你们" in line and FORWARDING_SENTENCE.search(line)), -1)
    if not (title and FORWARDING_TITLE.search(title)) and forwarding_at < 0:
        return None, -1
    start = signed_at if signed_at >= 0 else forwarding_at
    if start >= 0:
        k = start + 1
        while k < len(lines) and (
            ATTACHMENT_LABEL.match(lines[k]) or NOTE_LINE.match(lines[k]) or standalone_date(lines[k])
            or (signed_at < 0 and looks_like_organ(lines[k]))
        ):
            k += 1
        if k < len(lines):
            candidate, end = _join_title(lines, k)
            if genre_of(candidate) and len(candidate) <= TITLE_MAX_CHARS and not CLAUSE_PUNCTUATION.search(candidate):
                return candidate, end
    # the quoted title of the notice's own title, else of its forwarding sentence: a 《…》 of another
    # sentence ("要带头遵守《廉洁自律准则》…及时印发各单位") is a citation, not what the notice forwards
    forwarding = next((s for s in lines[forwarding_at].split("。") if "给你们" in s), "") if forwarding_at >= 0 else ""
    for line in (title or "", forwarding):
        quoted = FORWARDED_QUOTED_TITLE.search(line)
        if quoted:
            return quoted.group("title") or quoted.group("title2"), -1
    return None, -1


def _find_speaker(speech_title: str, lines: list[str], title_at: int) -> tuple[str | None, str | None]:
    for pattern in (SPEAKER_NAME_FIRST, SPEAKER_TITLE_FIRST):
        m = pattern.search(speech_title)
        if m and not looks_like_organ(m.group("name")):
            return m.group("name"), m.group("title")
    for k in range(title_at + 1, min(len(lines), title_at + 3)) if title_at >= 0 else ():
        byline = _parse_byline(lines[k], lines[k + 1] if k + 1 < len(lines) else None)
        if byline:
            return byline
    return None, None


def _header_speaker(lines: list[str], header: SpeechHeader) -> tuple[str, str] | None:
    """The byline of a speech header: on the header's line, in the lines under it, or right above it."""
    if header.byline:
        return _parse_byline(header.byline)
    for k in range(header.end + 1, min(len(lines), header.end + 1 + SPEECH_HEADER_WINDOW)):
        byline = _parse_byline(lines[k], lines[k + 1] if k + 1 < len(lines) else None)
        if byline:
            return byline
        if lines[k][-1] in "：:" or _ends_sentence(lines[k]):
            break
    for k in (header.start - 1, header.start - 2):   # above the header, maybe with the name on the next line
        if k >= 0 and (byline := _parse_byline(lines[k], lines[k + 1])):
            return byline
    return None


def _find_speech_date(lines: list[str], title_at: int) -> dt.date | None:
    """Date written just under a speech title: '（2012年7月31日，根据录音整理）' or '2012年7月31日'."""
    if title_at < 0:
        return None
    for line in lines[title_at + 1 : title_at + 4]:
        if line.startswith(("（", "(", "——", "—")) or standalone_date(line):
            found = find_dates(line)
            if found:
                return found[0].date
        if _ends_sentence(line) or line.endswith(("：", ":")):
            break
    return None


def _is_placeholder_cross(text: str, m: re.Match) -> bool:
    """A run of × that is neither MULTIPLICATION nor a SLOGAN_CROSS, both tried at the run only
    (a search over the whole text would try their lookbehinds at every position)."""
    start = m.start()
    while start > 0 and text[start - 1].isspace():   # MULTIPLICATION's \s* before the run
        start -= 1
    return not (MULTIPLICATION.match(text, start) or (m.end() - m.start() == 1 and SLOGAN_CROSS.match(text, m.start())))


def has_placeholders(text: str) -> bool:
    """Redaction placeholders such as ×, ×××, XX, X月, ***市, 某某 (not 3×4, not '“数据要素×”', not '* * *')."""
    # each pattern only when its characters occur: the scans are the cost, and most texts have none
    if ("×" in text or "╳" in text) and any(_is_placeholder_cross(text, m) for m in PLACEHOLDER_CROSSES.finditer(text)):
        return True
    if ("X" in text or "Ｘ" in text) and PLACEHOLDER_X_RUN.search(text):
        return True
    if ("*" in text or "＊" in text) and PLACEHOLDER_ASTERISKS.search(text):
        return True
    return bool(PLACEHOLDER_WORDS.search(text))


def is_truncated(lines: list[str]) -> bool:
    """True when the last line is prose cut off mid-sentence (e.g. '…光有点子不行，更多的是在办法上要')."""
    if not lines:
        return False
    last = lines[-1]
    if last[-1] in MID_SENTENCE_END:
        return True
    is_prose = len(last) >= TRUNCATION_MIN_CHARS and bool(re.search(r"[，。；]", last))
    return is_prose and last[-1] not in SENTENCE_FINAL


# --- entry point -------------------------------------------------------------------------------


def _date_in_url(url: str | None) -> dt.datetime | None:
    """The last resort for published_at: a date in the page's URL (/t20221116_…, /2022-11/16/), the
    day a CMS created the page."""
    found = date_from_url(url) if url else None
    return parse_datetime(found) if found else None


def extract_metadata(text: str, page_meta: Mapping[str, str] | None) -> DocumentMetadata:
    page = PageMeta.from_dict({k: str(v).strip() for k, v in (page_meta or {}).items() if v is not None})
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    meta = DocumentMetadata()

    meta.title, title_at, numbers, header = _find_title(lines, page)
    record = _record_title(page)
    if record and not (meta.title and _more_specific(meta.title, record)):
        meta.title = record
    meta.genre = genre_of(meta.title) or (header.genre if header else None)
    number = (parse_doc_number(page.doc_number) or (numbers[0] if numbers else None)
              or _number_below_title(lines, title_at))
    if number:
        meta.doc_number, meta.doc_number_year, meta.doc_number_serial = number

    signed_at, meta.signed_date, signer = _find_signature(lines)
    meta.signed_date = _find_adoption_date(lines, title_at) or meta.signed_date
    banner = next((m.group("org").strip() for line in lines[:TITLE_ZONE_LINES] if (m := ISSUER_BANNER.match(line))), None)
    meta.issuer = signer or (banner if banner and looks_like_organ(banner) else None) or _issuer_from_title(meta.title)
    meta.addressees = _find_addressees(lines, title_at)
    meta.cc = _find_cc(lines)
    meta.printed_by, meta.printed_date = _find_printed(lines)

    meta.publisher = page.publisher
    meta.published_at = parse_datetime(page.published_at or "") or _date_in_url(page.url)
    meta.source_name = page.source_name
    meta.index_number = page.index_number
    meta.category = page.category

    meta.attachment_title, attachment_at = _find_attachment(lines, meta.title, signed_at)
    if header and not (0 <= title_at < header.start <= title_at + SPEECH_HEADER_WINDOW or title_at < 0):
        header = None   # a header far from the title belongs to something else on the page
    if meta.attachment_title and genre_of(meta.attachment_title) in SPEECH_GENRES:
        speech_title, speech_at = meta.attachment_title, attachment_at
    elif header and (meta.genre in SPEECH_HEADER_GENRES or meta.genre is None):
        meta.speaker, meta.speaker_title = _header_speaker(lines, header) or _find_speaker(meta.title or "", lines, -1)
        meta.speech_date = header.date or _find_speech_date(lines, header.end)
        speech_title, speech_at = None, -1
    elif meta.genre in SPEECH_GENRES:
        speech_title, speech_at = meta.title, title_at
    else:
        speech_title, speech_at = None, -1
    if speech_title:
        meta.speaker, meta.speaker_title = _find_speaker(speech_title, lines, speech_at)
        meta.speech_date = _find_speech_date(lines, speech_at)

    meta.has_placeholders = has_placeholders(text)
    meta.is_truncated = is_truncated(lines)
    return meta
