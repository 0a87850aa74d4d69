"""Publication-date evidence on web pages, as pure functions over strings.

No I/O and no HTML parsing here: `transforms.html` feeds these the values it reads (<meta>
contents, <time datetime>, JSON-LD, the page URL, lines of text), and text dumps or record files
can use them on their own lines and url column.

    date_from_url(url) -> "YYYY-MM-DD" | None       a date in the URL's path
    byline_datetime(line) -> str | None             the date(-time) of a byline line, as written
    clean_datetime(value) -> str | None             a machine-written value, parseable or None
    best_datetime(candidates) -> str | None         the value to keep among (source, value) pairs

Every value returned parses with `transforms.dates.parse_datetime` (tested). Values keep the
form they were written in, except: a date glued to its time gets a space ("2018-06-1510:40" ->
"2018-06-15 10:40"); a zoned time in another zone than +08:00 is rewritten in +08:00 (the pages
print Beijing time; parse_datetime drops the zone and keeps the clock time as written, so
"…T01:05:19Z" would otherwise be 8 hours off); a zoned midnight is a date ("…T00:00:00+00:00").

Evidence order (EVIDENCE_ORDER): on the 12 real pages in tests/fixtures/html and html-dates
(tests/test_pubdate.py) every source is right wherever it fires, so the pages do not rank them;
the order puts what the site states about this page (label, meta, JSON-LD, <time>) before what
is inferred from layout (byline: the only source seen wrong while it was written, on a law's
adoption note) and from the URL (a CMS creation date). The first source with a date wins; a less
trusted one may only add the time of day to the same calendar date.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from .dates import parse_datetime

__all__ = ["EVIDENCE_ORDER", "best_datetime", "byline_datetime", "clean_datetime",
           "date_from_url", "has_time_of_day"]

# --- rule tables -------------------------------------------------------------------------------

# Sources of evidence, most trusted first (see the module docstring for why this order).
# "label": a labelled line (发布时间：2019-09-18 06:23); "meta": <meta name=PubDate …>;
# "jsonld": JSON-LD datePublished / pubDate; "time": <time datetime> or itemprop=datePublished;
# "byline": a byline line under the title (发表于 2005-5-7 21:23, 新华社 2020-01-03 18:13);
# "url": a date in the page URL (/t20221116_…, /2022-11/16/).
EVIDENCE_ORDER = ("label", "meta", "jsonld", "time", "byline", "url")

# Dates in URL paths, tried in this order; each gives year, month, day.
URL_DATE_RES = (
    # TRS / gov CMS document ids: http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_43188.html
    re.compile(r"/t(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})_\d+"),
    # year-month folder, then day: https://www.gov.cn/home/2023-03/29/content_5748953.htm
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    # one dashed folder or name: https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml,
    # http://chapter007.github.io/blog/2018-01-24-2017-09-26-(Leetcode)HammingDistance.md
    re.compile(r"/(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?=[/_.-]|$)"),
    # year folder, then month-day: http://culture.people.com.cn/n1/2018/0423/c1013-29942426.html,
    # http://go.163.com/2017/1030/taidu/index.html
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{2})-?(?P<d>\d{2})/"),
    # year/month/day folders (gov CMS, blogs): http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html,
    # http://blog.csdn.net/hereweare2009/archive/2009/03/08/3968582.aspx
    re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/"),
    # eight digits as a path segment, not followed by another digit:
    # http://n.sinaimg.cn/news/crawl/89/w550h339/20191125/2b6c-iittafs2905468.jpg
    re.compile(r"/(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?=[/_.A-Za-z-]|$)"),
)

# A date written on a byline: Arabic digits, - / . or 年月日, a day glued to the time allowed
# ("发表于 2018-06-1510:40", a real Taobao page), optional time. Not part of a longer number.
# e.g. "2005-5-7 21:23", "2019年06月15日08:18", "2016.09.05 15:12:23", "2019-05-17"
BYLINE_DATE_RE = re.compile(
    r"(?<![\d./-])(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-/.年])\s*(?P<m>\d{1,2})\s*[-/.月]\s*"
    r"(?P<d>\d{2}(?=\d{1,2}[:：]\d{2})|\d{1,2}(?![\d]))\s*日?"
    r"(?P<time>[\sT]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?![\d:])")

# Sentence punctuation: a line with it is prose, not a byline.
# e.g. "2019年2月27日下午，佛山顺德区…" and "这篇文章发表于 2005-6-5 23:34作者wolfg太犀利了。"
PROSE_PUNCT_RE = re.compile(r"[，。；！？,;!?]")

# Text before the date that makes it some other date: a document's, a range's, a user's.
# e.g. "成文日期：2020-03-12", "截至2019-11-25", "注册时间 2010-1-1", "活动时间：2019-05-20"
NOT_PUBLISHED_RE = re.compile(
    r"(?:成文|印发|生效|施行|实施|截止|截至|有效|废止|失效|开始|结束|会议|活动|报名|举办|注册|登录|"
    r"加入|入学|出生|修改|修订|更新|最后|上次|到期|开庭|考试|截稿|发文)\s*(?:日期|时间|于)?\s*[:：]?\s*$"
    r"|(?:至|到|从|自|于|在)\s*$")

# Prose right after the date: the date is an event's or the document's, not the page's.
# e.g. "（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）" (a law's adoption note),
# "湖州市人民政府辦公室 2017年5月4日印發" (a printing line), "2019年5月1日起施行"
AFTER_DATE_PROSE_RE = re.compile(r"\s*(?:第|在|召开|举行|举办|通过|起|以来|前|后|上午|下午|晚上|期间|的|由"
                                 r"|印发|印發|签发|公布|施行|修订|修正)")

# Posting verbs allowed to end in 于 before the date. e.g. "wc 发表于 2005-12-23 20:32:40",
# "发布于 2019-11-25", "Posted on 2019-11-25"
POSTED_RE = re.compile(r"(?:发表于|发布于|发帖于|发表在|写于|创建于|posted\s+(?:on|at)?|published\s*(?:on)?)\s*[:：]?\s*$",
                       re.I)

# A byline label or separator in the lead before the date (not any colon: "香港家长：还孩子安宁守法的
# 生活环境 2019年10月20日" is a related-list row). e.g. "作者：余毅菁 来源：南方都市报 2019-09-11",
# "微软小冰 | 2019-05-17"
LEAD_LABEL_RE = re.compile(r"(?:来源|作者|编辑|记者|通讯员|供稿|出处|责编|发布|时间|日期)\s*[:：]|[|｜丨·•]")

# A date range or a second date right after the first: "2019-05-20至2019-05-31", "2019-05-20—31日"
RANGE_AFTER_RE = re.compile(r"\s*(?:至|到|~|～|—|–|-{1,2})\s*\d")

BYLINE_MAX_CHARS = 100    # a longer line is prose or a list row
# Characters before the date: a bare name or source ("新华社 ", "微软小冰 "), or, with a posting
# verb or a "label：" in it, a longer lead ("[ Adigan 发表于 ", "作者：余毅菁 来源：南方都市报 ").
# A list row ("安徽知识产权个案赔偿数额最高达到4000余万元 2019年11月03日") has a longer bare lead.
BYLINE_MAX_BARE_PREFIX = 12
BYLINE_MAX_PREFIX = 30

# Machine-written values (meta, JSON-LD, <time>, URL) before this year are CMS defaults
# ("1970-01-01", "1900-01-01", "0001-01-01"), not publication dates.
MIN_WEB_YEAR = 1994
# The zone Chinese-language pages print their times in (mainland, HK, TW, SG: all UTC+8).
PAGE_TZ = dt.timezone(dt.timedelta(hours=8))

TIME_OF_DAY_RE = re.compile(r"\d{1,2}[:：]\d{2}")
_ZONE_RE = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$", re.I)


# --- URL ---------------------------------------------------------------------------------------

def date_from_url(url: str) -> str | None:
    """The date in a page URL's path as "YYYY-MM-DD", or None.

    Only the path is read (not the host, query or fragment); a number that is not a valid date
    ("/post/2740.html", "/20191332/") gives None."""
    if not isinstance(url, str) or "/" not in url:
        return None
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for rx in URL_DATE_RES:
        for m in rx.finditer(path):
            d = _valid_date(m.group("y"), m.group("m"), m.group("d"))
            if d:
                return d.isoformat()
    return None


def _valid_date(y: str, m: str, d: str) -> dt.date | None:
    try:
        date = dt.date(int(y), int(m), int(d))
    except ValueError:
        return None
    return date if date.year >= MIN_WEB_YEAR else None


# --- bylines -----------------------------------------------------------------------------------

def byline_datetime(line: str, require_verb: bool = False) -> str | None:
    """The publication date(-time) on a byline line, as written, or None for any other line.

    A byline is short, has no sentence punctuation, and its date comes early, after at most a
    name, a source or a posting verb: "发表于 2005-5-7 21:23", "2019-05-17 · 苏皖城市报道",
    "新华社 2020-01-03 18:13", "[ Adigan 发表于 2005-10-2 17:25:15 ]". With require_verb, only
    lines whose date follows a posting verb (发表于, 发布于, posted on) count."""
    if not isinstance(line, str):
        return None
    text = line.strip()
    if not text or len(text) > BYLINE_MAX_CHARS or PROSE_PUNCT_RE.search(text):
        return None
    m = BYLINE_DATE_RE.search(text)
    if not m or m.start() > BYLINE_MAX_PREFIX:
        return None
    prefix = text[:m.start()]
    posted = POSTED_RE.search(prefix)
    if len(prefix) > BYLINE_MAX_BARE_PREFIX and not posted and not LEAD_LABEL_RE.search(prefix):
        return None
    if NOT_PUBLISHED_RE.search(prefix) and not posted:
        return None
    if require_verb and not posted:
        return None
    if RANGE_AFTER_RE.match(text, m.end()) or AFTER_DATE_PROSE_RE.match(text, m.end()):
        return None
    if _valid_date(m.group("y"), m.group("m"), m.group("d")) is None:
        return None
    written = m.group(0).strip()
    day_end = m.end("d") - m.start()
    if m.group("time") and written[day_end:day_end + 1].isdigit():
        written = written[:day_end] + " " + written[day_end:]     # "2018-06-1510:40"
    return written if parse_datetime(written) else None


# --- machine-written values -------------------------------------------------------------------

def clean_datetime(value: str) -> str | None:
    """A <meta>, JSON-LD or <time> value in a form parse_datetime reads, or None if not a date.

    "2019-11-25T18:57:38+08:00" and "2016-11-22 09:53" stay as written; "2019-11-25T10:57:38Z"
    becomes "2019-11-25T18:57:38+08:00"; a zoned midnight
    ("2019-03-12T00:00:00+00:00", a CMS writing a date) becomes "2019-03-12"; a year before
    MIN_WEB_YEAR gives None."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if not v or len(v) > 64:
        return None
    if _ZONE_RE.search(v) and TIME_OF_DAY_RE.search(v):
        try:
            when = dt.datetime.fromisoformat(v.replace("z", "Z"))
        except ValueError:
            when = None
        if when is not None and when.tzinfo is not None:
            if when.year < MIN_WEB_YEAR:
                return None
            if when.time() == dt.time():
                return when.date().isoformat()    # "2019-03-12T00:00:00+00:00": a date, no time
            if when.utcoffset() != PAGE_TZ.utcoffset(None):
                return when.astimezone(PAGE_TZ).isoformat()
            return v
    parsed = parse_datetime(v)
    if parsed is None:
        written = byline_datetime(v)      # "2019年06月15日08:18", "2018-06-1510:40"
        return written if written and written.strip() == v else None
    return v if parsed.year >= MIN_WEB_YEAR else None


def has_time_of_day(value: str) -> bool:
    return bool(value) and bool(TIME_OF_DAY_RE.search(value))


def best_datetime(candidates) -> str | None:
    """The value to keep among (source, value) pairs, sources named as in EVIDENCE_ORDER.

    The most trusted source's first value wins; when it has no time of day, a value from any
    source on the same calendar date that has one replaces it (a date-time is more specific).
    Values that do not parse are ignored."""
    rank = {s: i for i, s in enumerate(EVIDENCE_ORDER)}
    parsed = []
    for k, (source, value) in enumerate(candidates):
        when = parse_datetime(value) if isinstance(value, str) else None
        if when is not None:
            parsed.append((rank.get(source, len(rank)), k, value, when))
    if not parsed:
        return None
    parsed.sort(key=lambda p: (p[0], p[1]))
    _, _, value, when = parsed[0]
    if not has_time_of_day(value):
        for _, _, v, w in parsed[1:]:
            if w.date() == when.date() and has_time_of_day(v):
                return v
    return value
