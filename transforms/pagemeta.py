"""Page metadata: the one record of a page's own fields, and the one parser of their labels and tags.

A page tells about itself in three ways, all read here or with the tables here:
- labelled lines of page text ("发布时间：2021-04-02 来源：调查报告", "索 引 号：000014349/2020-00012"):
  PAGE_META_LABELS, read by chrome.py (text dumps, after normalization) and html/ (HTML pages);
- <meta> tags (<meta name="ArticleTitle">, <meta name="PubDate">, og:title ...): META_TAGS, read
  by html/ from the parsed page;
- the columns of a record file (title, pub_date, source ...): readers/records.py's HINT_COLUMNS.

Each producer gives a `PageMeta`; the document's `Work.page_meta` (transforms/document.py) is the
plain dict they are merged into (input hints < HTML < text labels), and metadata.py reads it back
as a `PageMeta`. The field names are the only key names: a producer cannot store a field under a
name the consumer does not read (`PageMeta(title=...)` is a TypeError).

Pure: strings in, plain data out.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["PageMeta", "PAGE_META_LABELS", "UNKEPT_LABEL_KEYS", "META_TAGS", "DATE_AS_WRITTEN", "labels_in",
           "meta_tag", "parse_meta_line", "starts_with_label", "trailing_label_key"]


@dataclass(frozen=True, eq=False)
class PageMeta(Mapping):
    """A page's own fields, each None when the page does not give it; values as written.

    Also a read-only mapping of the fields that are set (non-empty) to their values, so it merges
    into a dict with `dict.update` and compares equal to the dict of its set fields."""
    page_title: str | None = None      # the page's title: <meta> ArticleTitle / og:title, a "标题：" line, <title>
    record_title: str | None = None    # a record file's title column (may be the site's, see metadata.py)
    published_at: str | None = None    # publication time as written ("2019-09-18 06:23", ISO with zone)
    source_name: str | None = None     # 来源: the outlet the page credits ("山西日报")
    publisher: str | None = None       # 发布机构: the organ that published it
    author: str | None = None          # 作者 / 编辑 of a text dump's label line, a record's author column
    url: str | None = None             # the page's own address (absolute)
    index_number: str | None = None    # 索引号 of a 信息公开 page
    doc_number: str | None = None      # 发文字号 as labelled ("某政办〔2020〕12号")
    category: str | None = None        # 信息分类 / 主题分类

    @classmethod
    def fields(cls) -> tuple[str, ...]:
        return tuple(f.name for f in dataclasses.fields(cls))

    @classmethod
    def from_dict(cls, values: Mapping[str, object]) -> "PageMeta":
        """From key -> value; empty values are unset, label keys whose values are not kept
        (UNKEPT_LABEL_KEYS: views, keywords ...) are dropped, any other unknown key is a KeyError."""
        known = _FIELD_SET
        unknown = [k for k in values if k not in known and k not in UNKEPT_LABEL_KEYS]
        if unknown:
            raise KeyError(f"not a page field: {', '.join(map(repr, unknown))} (fields: {', '.join(cls.fields())})")
        return cls(**{k: str(v) for k, v in values.items() if k in known and v not in (None, "")})

    def as_dict(self) -> dict[str, str]:
        return {k: v for k in _FIELDS if (v := getattr(self, k))}

    def __getitem__(self, key: str) -> str:
        v = getattr(self, key, None) if key in _FIELD_SET else None
        if not v:
            raise KeyError(key)
        return v

    def __iter__(self):
        return iter(self.as_dict())

    def __len__(self) -> int:
        return len(self.as_dict())

    def __repr__(self) -> str:
        return f"PageMeta({self.as_dict()!r})"


_FIELDS = PageMeta.fields()
_FIELD_SET = frozenset(_FIELDS)

# --- labels ------------------------------------------------------------------------------------

# Labels of page-metadata fields, by PageMeta field (or a key of UNKEPT_LABEL_KEYS); the one table
# for text dumps (chrome.py) and HTML pages (html/). Label characters may be spaced out
# ("索 引 号", "标　　题"). e.g. "发布时间：2021-04-02 来源：调查报告 点击：" -> published_at,
# source_name, (a view counter); "稿源：新华社" -> source_name; "文件名称：关于…的通知" -> page_title
PAGE_META_LABELS = {
    "published_at": ("发布时间", "发布日期", "发表时间", "发表日期", "发文日期", "公开日期", "公布日期",
                     "上传时间", "更新时间", "生成日期", "时间", "日期"),
    "source_name": ("文章来源", "信息来源", "稿件来源", "新闻来源", "来源于", "来源", "稿源", "出处"),
    "publisher": ("发布机构", "发文机关", "发文机构", "发布单位", "发文单位", "发布部门"),
    "index_number": ("索引号",),
    "category": ("信息分类", "主题分类", "信息类别", "分类", "类别"),
    "doc_number": ("发文字号", "文号"),
    "page_title": ("文件名称", "标题", "名称"),
    "keywords": ("主题词", "关键字", "关键词"),
    "views": ("浏览次数", "阅读次数", "点击次数", "点击数", "点击量", "浏览量", "访问量", "阅读量", "阅读数", "点击", "阅读",
              "浏览"),
    "author": ("文章作者", "作者", "责任编辑", "编辑", "供稿", "摄影", "记者"),
    "other": ("成文日期", "生效日期", "有效性", "时效性", "字号"),
}
# Label keys that make a line page metadata but whose values are no page field.
# e.g. "主题词：就业" (keywords), "浏览次数：52" (views), "成文日期：2020-03-12" (the document's own date)
UNKEPT_LABEL_KEYS = frozenset(("keywords", "views", "other"))

# A date-time as a labelled value or a value line writes it.
# e.g. "2019-09-18 06:23", "2019年06月15日08:18", "2007-08-20-23:59:59", "2018/5/17"
DATE_AS_WRITTEN = re.compile(
    r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?"
    r"(?:[\sT-]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")

# Characters after which a label starts a new field on an HTML line (besides the line's start).
# e.g. "时间：2019-09-18 | 来源：山西日报", "【来源：新华社】"
FIELD_SEPARATORS = "\\s\u3000|｜/·•,，;；\\]】)）"
# A bullet before a label line. e.g. "• 发布机构：许昌市人民政府"
LABEL_BULLET = re.compile(r"^[•·●▪■◆\-\*]\s*")

_LABEL_KEY = {lab: key for key, labs in PAGE_META_LABELS.items() for lab in labs}
_SPACED = "|".join(r"\s*".join(map(re.escape, lab)) for lab in sorted(_LABEL_KEY, key=len, reverse=True))
# a label and its colon anywhere in a line (text dumps)
_LABEL_RE = re.compile(rf"({_SPACED})\s*[：:]")
# a label at the line's start or after a separator, colon optional (HTML table cells print a label
# alone: "索 引 号" | "000014349/2020-00012")
_FIELD_LABEL_RE = re.compile(rf"(?:^|(?<=[{FIELD_SEPARATORS}]))(?P<label>{_SPACED})\s*(?P<colon>[:：])?")
_SPACE = re.compile(r"\s+")


def _key(label: str) -> str:
    return _LABEL_KEY[_SPACE.sub("", label)]


def parse_meta_line(line: str) -> dict[str, str] | None:
    """'label：value label：value' -> {key: value} (the first value of a key); None unless the line
    (after a bullet) starts with a label and its colon. Keys are PAGE_META_LABELS keys."""
    body = LABEL_BULLET.sub("", line.strip())
    matches = list(_LABEL_RE.finditer(body))
    if not matches or matches[0].start() != 0:
        return None
    fields: dict[str, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        fields.setdefault(_key(m.group(1)), body[m.end():end].strip())
    return fields


def trailing_label_key(line: str) -> str | None:
    """Key of a label that closes the line with no value after it ("来源：", "发表时间：")."""
    last = None
    for last in _LABEL_RE.finditer(line):
        pass
    if last is None or line[last.end():].strip():
        return None
    return _key(last.group(1))


def starts_with_label(line: str) -> bool:
    """True for a line opening with a label and its colon ("来源：内蒙古日报", "发表时间：")."""
    return _LABEL_RE.match(line) is not None


def labels_in(text: str) -> list[tuple[str, str, int, bool]]:
    """[(key, value, start, has_colon)] for each label of an HTML line: at its start or after a
    separator, the value running to the next label. e.g. "时间：2019-09-18 06:23 来源： 山西日报" ->
    [("published_at", "2019-09-18 06:23", 0, True), ("source_name", "山西日报", 20, True)]"""
    ms = list(_FIELD_LABEL_RE.finditer(text))
    out = []
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(text)
        value = text[m.end():end].strip(" \u3000|｜/·•,，;；")
        out.append((_key(m.group("label")), value, m.start(), bool(m.group("colon"))))
    return out


# --- <meta> tags -------------------------------------------------------------------------------

# <meta name=… / property=… / itemprop=…> names read into a PageMeta field, lower-cased, in
# priority order. e.g. <meta name="ArticleTitle" content="…">, <meta name="PubDate"
# content="2016-11-22 09:53">, <meta name="ContentSource" content="省发改委">, <meta property="og:title">.
META_TAGS = {
    "page_title": ("articletitle", "og:title", "dc.title", "twitter:title"),
    # publication time only: not "lastmodifiedtime", "Maketime" (page generation, gzggw-1) or
    # "weibo: article:update_at". e.g. <meta name="PubDate" content="2016-11-22 09:53"> (the
    # gov-site meta standard), <meta property="article:published_time"
    # content="2019-11-25T18:57:38+08:00">, <meta name="publishdate" content="2019-06-15">,
    # <meta itemprop="datePublished" content="…">, <meta name="weibo: article:create_at" …>
    "published_at": ("pubdate", "publishdate", "firstpublishedtime", "article:published_time",
                     "og:release_date", "datepublished", "dc.date.issued", "dcterms.issued",
                     "dc.date", "publishtime", "publish_time", "weibo: article:create_at",
                     "parsely-pub-date", "sailthru.date"),
    # the gov CMS tag first (<meta name="ContentSource" content="省发改委">), then generic ones
    "source_name": ("contentsource", "source", "dc.source"),
    "publisher": ("publisher", "dc.publisher"),
    # the page's own address. e.g. <meta property="og:url" content="https://news.sina.com.cn/…">,
    # <meta name="Url" content="…"> (gov-site meta standard)
    "url": ("og:url", "url", "twitter:url"),
}
# A "来源：" prefix a generic source tag repeats. e.g. <meta name="source" content="来源：新华社">
SOURCE_TAG_PREFIX = re.compile(r"^(?:文章)?来源\s*[:：]\s*")


def meta_tag(tags: Mapping[str, str], field: str, names: tuple[str, ...] | None = None) -> tuple[str, str] | None:
    """(name, content) of the first <meta> tag of META_TAGS[field] (or of `names`) the page has."""
    for name in META_TAGS[field] if names is None else names:
        if tags.get(name):
            return name, tags[name]
    return None
