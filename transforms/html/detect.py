"""Is this an HTML page, and the string repairs made before parsing it."""
from __future__ import annotations

import re

from .text import clean_line

# looks_like_html: document markers searched in the first LOOKS_LIKE_SCAN characters (a crawler
# may put a wrapper line or a comment before <html>).
LOOKS_LIKE_SCAN = 16384
WRAPPER_MAX_CHARS = 1000   # text before <html> longer than this means a text dump, not a page
# e.g. "<!DOCTYPE html>", "<html lang=zh>", '<meta charset="utf-8">', "<title>"
DOC_MARKER_RE = re.compile(
    r"<!doctype\s+html|<html(?:\s[^>]*)?>|<head(?:\s[^>]*)?>|<body(?:\s[^>]*)?>"
    r"|<meta\s[^>]*(?:charset|http-equiv|name)\s*=|<title>", re.I)
# Fragment without <html>: enough paired block tags. "一<br>二" or a few <br> are plain text.
FRAGMENT_TAG_RE = re.compile(r"<(/?)(p|div|span|table|tr|td|li|ul|ol|a|h[1-6]|strong|b|font|img)\b[^>]*>",
                             re.I)
FRAGMENT_MIN_TAGS = 6

# Where the page proper starts after a crawler's wrapper text. e.g. "URL: … Fetched: …<html>"
_WRAPPER_RE = re.compile(r"<(?:!doctype\s+html|html[\s>])", re.I)
# An XML declaration: lxml refuses one in a str. e.g. '<?xml version="1.0" encoding="utf-8"?>'
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# End tags of the document: pages built from server-side includes close it early (a stray
# "</html>" before the article) and libxml2 would drop what follows.
_END_DOC_RE = re.compile(r"</(?:body|html)\s*>", re.I)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"<[^>]*>")

# Nesting deeper than libxml2 parses even with huge_tree (2048 levels): it drops the rest of the
# page, leaving only the title. Such pages (generated markup with thousands of unclosed <div> or
# <font>) are flattened first: block ends become line breaks, then every tag but the document
# skeleton, paragraphs, line breaks and headings goes. A page of ordinary depth is never touched.
MAX_NESTING = 1500
# Container tags whose nesting is counted. e.g. "<div><div><font>…" opens three levels
NESTING_TAG_RE = re.compile(r"<(/?)(div|span|font|table|tbody|tr|td|section|article|ul|ol|li|center|b|i|strong|em|a)\b[^>]*>",
                            re.I)
_BLOCK_END_RE = re.compile(r"</(?:div|tr|li|section|article|table|ul|ol|center|dd|dt)\s*>", re.I)
_FLAT_KEEP_RE = re.compile(r"<(?!/?(?:html|head|title|meta|body|p|br|h[1-6])\b)/?[a-zA-Z][^>]*>", re.I)


def nesting_depth(html: str) -> int:
    """Deepest nesting of container tags (unclosed ones count: that is how such pages go deep)."""
    depth = deepest = 0
    for m in NESTING_TAG_RE.finditer(html):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def flatten_if_too_deep(html: str) -> tuple[str, bool]:
    """(html, flattened): the page unchanged unless it nests deeper than MAX_NESTING."""
    # cheap test first: fewer opening tags than MAX_NESTING cannot nest that deep
    if html.count("<") - html.count("</") < MAX_NESTING or nesting_depth(html) <= MAX_NESTING:
        return html, False
    return _FLAT_KEEP_RE.sub("", _BLOCK_END_RE.sub("<br>", html)), True


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
        return len(COMMENT_RE.sub("", head[:marker.start()]).strip()) <= WRAPPER_MAX_CHARS
    names = set()
    closing = 0
    count = 0
    for m in FRAGMENT_TAG_RE.finditer(head):
        count += 1
        names.add(m.group(2).lower())
        if m.group(1):
            closing += 1
    return count >= FRAGMENT_MIN_TAGS and len(names) >= 2 and closing >= 2


def preprocess(html: str) -> tuple[str, str]:
    """Repairs before parsing. Returns (html, wrapper text dropped before <html>)."""
    wrapper = ""
    m = _WRAPPER_RE.search(html, 0, LOOKS_LIKE_SCAN)
    if m and m.start() > 0:
        prefix = COMMENT_RE.sub(" ", html[:m.start()])
        if not _TAG_RE.search(prefix):      # plain wrapper text (a <meta> before <html> is kept)
            wrapper = clean_line(prefix)
            html = html[m.start():]
    html = _XML_DECL_RE.sub("", html, count=1)
    html = _CONTROL_RE.sub("", html)
    html = _END_DOC_RE.sub("", html)
    html, _flattened = flatten_if_too_deep(html)
    return html, wrapper
