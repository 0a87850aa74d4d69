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
    return html, wrapper
