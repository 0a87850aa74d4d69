"""Strip web chrome from normalized text, keeping an audit of every removed piece.

Page-metadata lines (发布时间, 来源, 索引号, 信息分类, 发布机构, 生成日期, ...) are parsed into
`page_meta` before they are removed. Every removed piece is returned as (text, rule) so the
`chrome` table can show what was taken out and why: clean text never loses content silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- rule tables -------------------------------------------------------------------------------

# Labels of page-metadata fields, the one table for text dumps (here) and HTML pages (html.py);
# label characters may be spaced out ("索 引 号"). Keys after "keywords" are recognised so the
# line counts as metadata, but their values are not kept.
# e.g. "发布时间：2021-04-02 来源：调查报告 点击：" -> published_at, source_name, (view counter)
PAGE_META_LABELS = {
    "published_at": ("发布时间", "发布日期", "发表时间", "发表日期", "发文日期", "公开日期", "公布日期",
                     "上传时间", "更新时间", "生成日期", "时间", "日期"),
    "source_name": ("文章来源", "信息来源", "稿件来源", "新闻来源", "来源于", "来源", "出处"),
    "publisher": ("发布机构", "发文机关", "发文机构", "发布单位", "发文单位", "发布部门"),
    "index_number": ("索引号",),
    "category": ("信息分类", "主题分类", "信息类别", "分类", "类别"),
    "doc_number": ("发文字号", "文号"),
    "page_title": ("文件名称", "标题", "名称"),
    "keywords": ("主题词", "关键字", "关键词"),
    "views": ("浏览次数", "阅读次数", "点击次数", "点击数", "点击量", "浏览量", "访问量", "阅读量", "阅读数", "点击", "阅读"),
    "author": ("文章作者", "作者", "责任编辑", "编辑", "供稿", "摄影", "记者"),
    "other": ("成文日期", "生效日期", "有效性", "时效性", "字号"),
}
HEADER_ZONE_LINES = 25  # page-metadata lines are looked for only near the top of the page

# Whole lines that are page furniture. e.g. "【打印此页】  【关闭此页】", "扫描二维码 关注我们"
CHROME_LINES = (
    ("view-counter", re.compile(r"^(?:浏览量|浏览次数|点击数?|阅读数?|访问量)[：:]?\s*\d*\s*次?$")),
    ("print-close", re.compile(r"^[【\[]?\s*(?:打印(?:此页|本页|文章)?|关闭(?:此页|本页|窗口)|返回顶部|收藏(?:本页)?|全屏|字号[：:]?.{0,10})\s*[】\]]?(?:\s*[【\[]?\s*(?:打印(?:此页|本页)?|关闭(?:此页|本页|窗口)|返回顶部|收藏|全屏)\s*[】\]]?)*$")),
    ("font-size-control", re.compile(r"^[【\[]?\s*字号[：:]?\s*(?:大|中|小|加大|还原|减小|\s)*[】\]]?$|^(?:加大|还原|减小|大|中|小)$")),
    ("qr-code", re.compile(r"^(?:扫描二维码|扫一扫|微信扫一扫|扫码).{0,30}$|^关注我们$")),
    ("share", re.compile(r"^(?:分享到|分享)[：:]?.{0,40}$")),
    ("weather", re.compile(r"^今日天气(?:预报)?[：:]?.{0,40}$")),
    ("related-list", re.compile(r"^(?:相关热词搜索|热点文章阅读|相关文章|相关阅读|相关新闻|相关文档|相关链接|推荐阅读|热门文章)[：:]?.{0,80}$")),
    ("prev-next", re.compile(r"^(?:上一篇|下一篇)[：:].{0,80}$")),
    ("breadcrumb", re.compile(r"^(?:您的位置|当前位置|您现在的位置)[：:].{0,100}$")),
    ("site-footer", re.compile(r"(?:主办单位|承办单位|网站标识码|ICP备|公网安备|版权所有\s*[©（(]|Copyright\s*©)")),
    ("comments", re.compile(r"^(?:标签[：:].{0,60}|留言与评论.{0,30}|发表评论.{0,30}|网友评论.{0,30}|验证码[：:]?.{0,20}|我要评论|评论\s*[（(]\d+[)）])$")),
    # (two patterns: anchored and unanchored alternatives mixed in one are tried at every position, 30x slower)
    ("doc-site-notice", re.compile(r"^(?:\d+\.\s*\d+、|查看更多$|实名认证$|文档评论|\S{1,12}\*{3,}\S{1,12}\s*\+\s*关注$)")),
    ("doc-site-notice", re.compile(r"原创力文档|本文档共\d+页|成为VIP|VIP文档|下载本文档|版权申诉|上传文档|文档贡献者|该用户很懒|VIP精品文档")),
)

# A line after which the rest of the page is footer furniture. e.g. "文档评论（0）", "相关热词搜索：..."
FOOTER_START = re.compile(r"^(?:文档评论|相关热词搜索|热点文章阅读|相关文档|标签[：:]|留言与评论|【?打印此页|扫描二维码)")
FOOTER_LINE_MAX_CHARS = 50  # a longer line that ends a sentence after the footer starts is body: kept

# Download-site suffix on a title line. e.g. "在政府新班子成员会议上的讲话.docxVIP"
TITLE_FILE_SUFFIX = re.compile(r"\.(?:docx?|pdf|pptx?|wps|txt|xlsx?)\s*(?:VIP)?$", re.I)


@dataclass
class Stripped:
    text: str
    page_meta: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str]] = field(default_factory=list)


def _spaced(label: str) -> str:
    return r"\s*".join(map(re.escape, label))


_LABEL_TO_KEY = {lab: key for key, labs in PAGE_META_LABELS.items() for lab in labs}
_LABEL_RE = re.compile(
    "(" + "|".join(_spaced(lab) for lab in sorted(_LABEL_TO_KEY, key=len, reverse=True)) + r")\s*[：:]"
)
_BULLET = re.compile(r"^[•·●▪■◆\-\*]\s*")


def parse_meta_line(line: str) -> dict[str, str] | None:
    """'label：value label：value' -> {key: value}; None when the line is not made of such fields."""
    body = _BULLET.sub("", line.strip())
    matches = list(_LABEL_RE.finditer(body))
    if not matches or matches[0].start() != 0:
        return None
    fields: dict[str, str] = {}
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        label = re.sub(r"\s", "", m.group(1))
        value = body[m.end():end].strip()
        fields.setdefault(_LABEL_TO_KEY[label], value)
    return fields


def _chrome_rule(line: str) -> str | None:
    for rule, pattern in CHROME_LINES:
        if pattern.search(line):
            return rule
    return None


def _is_sentence(line: str) -> bool:
    return len(line) > FOOTER_LINE_MAX_CHARS and line[-1] in "。！？”；"


def strip_chrome(text: str) -> Stripped:
    lines = text.split("\n")
    kept: list[str] = []
    removed: list[tuple[str, str]] = []
    meta: dict[str, str] = {}
    seen_header_lines: set[str] = set()
    in_footer = False
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            kept.append("")
            continue
        if in_footer and not _is_sentence(s):
            removed.append((s, "footer"))
            continue
        in_footer = False
        if i < HEADER_ZONE_LINES:
            fields = parse_meta_line(s)
            if fields is not None:
                for key, value in fields.items():
                    if value and key not in meta:
                        meta[key] = value
                removed.append((s, "page-metadata"))
                continue
            bare = _BULLET.sub("", s)
            if bare != s and bare in seen_header_lines:
                removed.append((s, "repeated-header-line"))
                continue
            seen_header_lines.add(bare)
        rule = _chrome_rule(s)
        if rule:
            removed.append((s, rule))
            in_footer = in_footer or bool(FOOTER_START.search(s))
            continue
        if not kept or not any(kept):
            suffix = TITLE_FILE_SUFFIX.search(s)
            if suffix:
                removed.append((suffix.group(0), "title-file-suffix"))
                s = s[: suffix.start()].rstrip()
        kept.append(s)
    clean = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return Stripped(text=clean, page_meta=meta, removed=removed)
