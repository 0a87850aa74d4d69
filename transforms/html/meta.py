"""Page metadata of an HTML page: <meta> tags, JSON-LD dates, labelled lines ("发布时间：… 来源：…"),
publication-time evidence in the body (<time>, bylines under the title), the page's URL."""
from __future__ import annotations

import re

from .. import pubdate
from ..chrome import PAGE_META_LABELS
from ..dates import parse_datetime
from .text import clean_line, norm_key

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

# Dates as written: "2019-09-18 06:23", "2019年06月15日08:18", "2007-08-20-23:59:59", "2018/5/17".
DATE_RE = re.compile(
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?"
    r"(?:[\sT-]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")

_ABSOLUTE_URL_RE = re.compile(r"^(?:https?:)?//[^/\s]+", re.I)


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


def parse_labels(text: str):
    """[(key, value, start, has_colon)] for each metadata label in the line."""
    ms = list(_LABEL_RE.finditer(text))
    out = []
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(text)
        value = text[m.end():end].strip(" \u3000|｜/·•,，;；")
        label = norm_key(m.group("label"))
        out.append((_LABEL_KEY.get(label), value, m.start(), bool(m.group("colon"))))
    return out


def meta_line(ln, nxt):
    """Metadata (key, value) pairs of a line, or None when the line is not a metadata line.

    Returns (pairs, uses_next_line)."""
    text = ln.text
    if len(text) > META_MAX_LINE or (":" not in text and "：" not in text and len(text) > 12):
        return None
    found = parse_labels(text)
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
        if nxt is None or len(nxt.text) > META_MAX_VALUE or parse_labels(nxt.text):
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


def time_value(el, tag: str, prop: str | None) -> str | None:
    """Publication time on a <time> or itemprop=datePublished element, else None.
    e.g. <time itemprop="dateCreated datePublished" datetime="2018-01-24T21:16:48+08:00">,
    <span itemprop="datePublished">2019-11-25</span>; not <time itemprop="dateModified">."""
    props = (prop or "").lower().split()     # itemprop="dateCreated datePublished" (Hexo NexT)
    if "datepublished" not in props and (tag != "time" or props):
        return None
    v = el.get("datetime") or el.get("content")
    if v:
        return pubdate.clean_datetime(v)
    text = clean_line("".join(el.itertext()))
    return pubdate.clean_datetime(text) or pubdate.byline_datetime(text)


def head_tags(root) -> tuple[dict[str, str], str, list[str]]:
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
            content = clean_line(m.get("content") or "")
            if content and name not in found:
                found[name] = content
        elif tag == "link":
            if not canonical and "canonical" in (m.get("rel") or "").lower():
                canonical = (m.get("href") or "").strip()
        elif m.text and "ld+json" in (m.get("type") or "").lower():
            jsonld.extend(JSONLD_DATE_RE.findall(m.text))
    return found, canonical, jsonld


def collect_meta(metas, page_title, meta_pairs, near_date, time_found=None, jsonld=(),
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
    if time_found:
        dates.append(("time", time_found))
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


def byline_near_title(lines, title_at: int | None, content_idx: list[int], content_set: set,
                      meta_pairs: dict) -> str | None:
    """The date of a byline right under the title ("新华社 2020-01-03 18:13", "2019-05-17 · 苏皖城市报道"),
    or of a posting line further down ("发表于 2010-7-26 14:20" below a forum's author card); the
    byline line, when at the content's head or outside it, gets rule "meta"."""
    if title_at is None:
        return None
    near_date = None
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
    return near_date


def article_time(times: list[tuple[int, str]], lines, title_at: int | None, chrome_rule_of: dict[int, str],
                 off_article_rules: frozenset, off_article_chrome: frozenset) -> str | None:
    """The first <time> / datePublished value from the title on, outside chrome and related lists."""
    for at, value in times:
        if title_at is not None and at < title_at:
            continue
        if at < len(lines) and (lines[at].rule in off_article_rules
                                or chrome_rule_of.get(at) in off_article_chrome):
            continue
        return value
    return None
