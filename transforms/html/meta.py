"""Page metadata of an HTML page: <meta> tags, JSON-LD dates, labelled lines ("发布时间：… 来源：…"),
publication-time evidence in the body (<time>, bylines under the title), the page's URL."""
from __future__ import annotations

import re

from .. import pubdate
from ..dates import parse_datetime
from ..pagemeta import DATE_AS_WRITTEN, META_TAGS, SOURCE_TAG_PREFIX, PageMeta, labels_in, meta_tag
from .text import clean_line

# Labelled lines of an HTML page (labels: pagemeta.PAGE_META_LABELS). A label must start the line
# or follow a separator and be followed by a colon (or stand alone on its line, value on the next
# line, as in the 信息公开 tables of gov.cn: "索 引 号：" | "000014349/2020-00012"). Spaces inside a
# label are allowed ("标　　题："). Only the fields in HTML_LABEL_FIELDS are kept; the other labels
# only delimit values and mark the line as metadata.
# e.g. "时间：2019-09-18 06:23 来源： 山西日报" -> published_at, source_name; "作者：张三" -> (not kept)
HTML_LABEL_FIELDS = frozenset(("published_at", "source_name", "publisher", "index_number", "category",
                               "doc_number", "page_title"))
META_MAX_LINE = 200        # a longer line is prose, not a metadata line
META_MAX_VALUE = 100       # a longer "value" is a sentence
META_EDGE_LINES = 4        # metadata lines count only within this many lines of content's ends
NEAR_TITLE_LINES = 6       # a byline or bare date line this close under the title is the publish time
# A byline with a posting verb ("发表于 2010-7-26 14:20") counts this far under the title: on
# forums the first post's author card (name, 帖子, 积分 …) stands between the two.
POSTED_LINES = 40

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

_ABSOLUTE_URL_RE = re.compile(r"^(?:https?:)?//[^/\s]+", re.I)


def parse_labels(text: str) -> list[tuple[str | None, str, int, bool]]:
    """[(field or None, value, start, has_colon)] for each metadata label in the line."""
    return [(key if key in HTML_LABEL_FIELDS else None, value, start, colon)
            for key, value, start, colon in labels_in(text)]


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
    if first_start > 0 and not DATE_AS_WRITTEN.search(text[:first_start]):
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
                 urls=()) -> PageMeta:
    """The page's fields from its <meta> tags, labelled lines, date evidence and URLs."""
    labelled: dict[str, list[str]] = {}
    for i in sorted(meta_pairs):
        for key, value in meta_pairs[i]:
            if key and value:
                labelled.setdefault(key, []).append(value)
    first = {key: vals[0] for key, vals in labelled.items()}
    tag = {key: found[1] for key in META_TAGS if (found := meta_tag(metas, key))}
    # the page's address: canonical link, og:url / Url meta, a saved-page note
    url = next((u for u in urls if u and _ABSOLUTE_URL_RE.match(u)), None)
    # source_name: the gov CMS tag, then labelled lines, then a generic "source" tag
    source = metas.get("contentsource") or first.get("source_name")
    if not source and (found := meta_tag(metas, "source_name", META_TAGS["source_name"][1:])):
        source = SOURCE_TAG_PREFIX.sub("", found[1])
    return PageMeta(
        page_title=tag.get("page_title") or first.get("page_title") or page_title or None,
        published_at=_published_at(labelled.get("published_at", []), metas, jsonld, time_found, near_date, urls),
        source_name=source or None,
        publisher=first.get("publisher") or tag.get("publisher"),
        url=url,
        index_number=first.get("index_number"),
        doc_number=first.get("doc_number"),
        category=first.get("category"),
    )


def _published_at(labelled: list[str], metas, jsonld, time_found, near_date, urls) -> str | None:
    """Every source of publication-date evidence, chosen by pubdate.best_datetime."""
    dates: list[tuple[str, str]] = []
    for v in labelled:
        m = DATE_AS_WRITTEN.search(v)
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
    return pubdate.best_datetime(dates) or None


def byline_near_title(lines, title_at: int | None, content_idx: list[int], content_set: set,
                      meta_pairs: dict) -> str | None:
    """The date of a byline right under the title ("新华社 2020-01-03 18:13", "2019-05-17 · 苏皖城市报道"),
    or of a posting line further down ("发表于 2010-7-26 14:20" below a forum's author card); the
    byline line, when at the content's head or outside it, gets rule "page-metadata"."""
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
                nx.rule = "page-metadata"
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
