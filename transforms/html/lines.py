"""The line walk: one pass over <body> cuts it into lines of text (every block element and every
<br> ends one), each remembering its open ancestors, its link characters and the chrome elements
around it; title-candidate elements and publication-time elements are collected on the way."""
from __future__ import annotations

import re
import threading

from lxml import etree

from .density import PUNCT_WEIGHT, SENTENCE_PUNCT
from .meta import time_value
from .rules import chrome_rule
from .text import CJK_CLASS, clean_line
from .title import is_title_el

# Elements never shown as text: stripped before the walk and not recorded in `removed`.
# e.g. <script>var a=1</script>, <style>.x{}</style>, <noscript>请开启JavaScript</noscript>.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                  "embed", "canvas", "audio", "video", "map", "head", "title", "meta", "link")

# Elements that end a line of text. e.g. <p>一</p><p>二</p> -> "一\n二"; "甲<br>乙" -> "甲\n乙".
BLOCK_TAGS = frozenset((
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "section", "article",
    "header", "footer", "nav", "aside", "main", "blockquote", "pre", "form", "fieldset",
    "legend", "figure", "figcaption", "address", "center", "details", "summary", "body", "html",
    "option", "button", "textarea", "select", "label", "img",
))

_EMPTY_TAGS = frozenset(("br", "hr", "img", "input", "wbr", "area", "source", "param"))
_SENT_PUNCT_RE = re.compile(f"[{SENTENCE_PUNCT}]")
_WORD_RUN_RE = re.compile(rf"[{CJK_CLASS}A-Za-z0-9]+")  # word characters, counted by run (one match per run)

_local = threading.local()


def parser() -> etree.HTMLParser:
    p = getattr(_local, "parser", None)
    if p is None:
        # huge_tree: nesting up to 2048 levels (default 256; old pages with unclosed <font>/<div>
        # pass that and libxml2 would drop the rest of the page)
        p = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                             recover=True, default_doctype=False, huge_tree=True)
        _local.parser = p
    return p


class Line:
    __slots__ = ("text", "stack", "owner", "link_chars", "chars", "punct", "prose",
                 "chrome", "rule", "index")

    def __init__(self, text, stack, owner, link_chars, chars, punct, chrome):
        self.text = text
        self.stack = stack          # tuple of open elements, outermost first
        self.owner = owner          # innermost block element
        self.link_chars = link_chars
        self.chars = chars          # word characters outside links
        self.punct = punct          # sentence punctuation outside links
        self.prose = chars + PUNCT_WEIGHT * punct
        self.chrome = chrome        # tuple of (element, rule), outermost first
        self.rule = None
        self.index = 0


def walk(body) -> tuple[list[Line], list, list[tuple[int, str]]]:
    """Cut the body into lines; collect title-candidate elements and publication-time elements
    (<time>, itemprop=datePublished) as (index of the line they open in, value)."""
    lines: list[Line] = []
    title_els = []
    times: list[tuple[int, str]] = []
    stack: list = []
    blocks: list = []
    chrome: list = []
    pieces: list[str] = []
    link_pieces: list[str] = []
    link_depth = 0
    skipped = None

    def flush():
        if not pieces:
            return
        raw = "".join(pieces)
        text = "" if raw.isspace() else clean_line(raw)
        if text:
            if link_pieces:
                lt = "".join(link_pieces)
                link_chars = sum(map(len, _WORD_RUN_RE.findall(lt)))
            else:
                lt = ""
                link_chars = 0
            words = sum(map(len, _WORD_RUN_RE.findall(text)))
            punct = len(_SENT_PUNCT_RE.findall(text))
            if lt:
                punct -= len(_SENT_PUNCT_RE.findall(lt))
            lines.append(Line(text, tuple(stack), blocks[-1] if blocks else None, link_chars,
                               max(words - link_chars, 0), max(punct, 0), tuple(chrome)))
        pieces.clear()
        link_pieces.clear()

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            if event == "end" and el.tail:
                pieces.append(el.tail)
                if link_depth:
                    link_pieces.append(el.tail)
            continue
        tag = tag.lower()
        if event == "start":
            if tag in BLOCK_TAGS:
                flush()
            if tag in _EMPTY_TAGS:
                walker.skip_subtree()
                skipped = el
                continue
            stack.append(el)
            if tag in BLOCK_TAGS:
                blocks.append(el)
            rule = chrome_rule(el, tag)
            if rule:
                chrome.append((el, rule))
            if tag == "a":
                link_depth += 1
            if is_title_el(el, tag):
                title_els.append(el)
            prop = el.get("itemprop")
            if tag == "time" or prop:
                t = time_value(el, tag, prop)
                if t:
                    times.append((len(lines), t))
            if el.text:
                pieces.append(el.text)
                if link_depth:
                    link_pieces.append(el.text)
        else:
            if el is skipped:
                skipped = None
            else:
                if tag in BLOCK_TAGS:
                    flush()
                if tag == "a":
                    link_depth -= 1
                if chrome and chrome[-1][0] is el:
                    chrome.pop()
                if blocks and blocks[-1] is el:
                    blocks.pop()
                if stack and stack[-1] is el:
                    stack.pop()
            if el.tail:
                pieces.append(el.tail)
                if link_depth:
                    link_pieces.append(el.tail)
    flush()
    for i, ln in enumerate(lines):
        ln.index = i
    return lines, title_els, times
