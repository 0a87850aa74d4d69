"""extract_html's steps, in order; each reads what the earlier ones left on the page's lines.

parse -> head tags and <title> -> line walk -> title -> per-line rules -> trusted chrome ->
density scoring (content) -> chrome inside the content -> content edges (metadata lines, promo
link, repeated title) -> publication-date evidence -> text and removed -> meta.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from . import density
from ..chrome_rules import known
from .detect import preprocess
from .lines import INVISIBLE_TAGS, Line, parser, walk
from ..pagemeta import META_TAGS, PageMeta
from .meta import (META_EDGE_LINES, SAVED_URL_COMMENT_RE, SAVED_URL_SCAN, article_time,
                   byline_near_title, collect_meta, head_tags, meta_line)
from .rules import OFF_ARTICLE_CHROME, mark_related, text_rule
from .text import clean_line, norm_key
from .title import choose_title, mark_repeated_title


@dataclass(frozen=True)
class HtmlExtract:
    title: str | None
    text: str
    meta: PageMeta = field(default_factory=PageMeta)   # the page's own fields (a mapping of the set ones)
    removed: list[tuple[str, str]] = field(default_factory=list)


# Rule names given here (the rest come from rules.py and density.py).
LINE_RULES = ("related-list", "page-metadata", "title", "promo", "boilerplate", "wrapper")
known(*LINE_RULES)

# Rules of lines that are not the article's, for the <time> evidence. e.g. a related list's dates
OFF_ARTICLE_LINE_RULES = frozenset(("related-list", "comments"))


def extract_page(html: str) -> HtmlExtract:
    removed: list[tuple[str, str]] = []
    if not html.strip():
        return HtmlExtract(None, "", PageMeta(), [])
    saved = SAVED_URL_COMMENT_RE.search(html, 0, SAVED_URL_SCAN) if "<!--" in html[:SAVED_URL_SCAN] else None
    html, wrapper = preprocess(html)
    if wrapper:
        removed.append((wrapper, "wrapper"))
    root = _parse(html)
    if root is None:
        return HtmlExtract(None, "", PageMeta(), removed)

    metas, canonical, jsonld = head_tags(root)
    urls = [canonical] + [metas.get(name, "") for name in META_TAGS["url"]] + [saved.group(1) if saved else ""]
    t_el = root.find(".//title")
    page_title = clean_line("".join(t_el.itertext())) if t_el is not None else ""

    body = root.find("body")
    if body is None:
        body = root
    etree.strip_elements(body, *INVISIBLE_TAGS, with_tail=False)
    lines, title_els, times = walk(body)
    title = choose_title(metas, page_title, title_els)
    title_key = norm_key(title) if title else ""

    total_prose = sum(ln.prose for ln in lines)
    meta_pairs = _rule_lines(lines, title_key, total_prose)
    untrusted, chrome_rule_of = density.trusted_chrome(lines, total_prose)
    best = density.best_element(lines, chrome_rule_of)
    content_idx = density.content_lines(lines, best, chrome_rule_of)
    content_set = set(content_idx)
    density.rule_chrome_inside(lines, content_idx, best, untrusted)
    _trim_content_edges(lines, content_idx, meta_pairs)
    mark_repeated_title(lines, content_idx, title_key)

    title_at = next((i for i, ln in enumerate(lines) if ln.rule == "title"), None) if title_key else None
    near_date = byline_near_title(lines, title_at, content_idx, content_set, meta_pairs)
    time_found = article_time(times, lines, title_at, chrome_rule_of, OFF_ARTICLE_LINE_RULES, OFF_ARTICLE_CHROME)

    text = _assemble(lines, content_set, chrome_rule_of, removed)
    meta = collect_meta(metas, page_title, meta_pairs, near_date, time_found, jsonld, urls)
    return HtmlExtract(title=title, text=text, meta=meta, removed=removed)


def _parse(html: str):
    """The lxml root of the repaired page, or None (nothing left, or not parseable)."""
    if not html.strip():
        return None
    try:
        return etree.fromstring(html, parser())
    except etree.XMLSyntaxError:
        return None


def _rule_lines(lines: list[Line], title_key: str, total_prose: int) -> dict[int, list]:
    """At most one rule per line: related-list blocks, TEXT_RULES, the title, metadata lines (a
    label cell alone on its line takes the next line as its value). Returns line index ->
    metadata (key, value) pairs."""
    related = mark_related(lines, total_prose)
    meta_pairs: dict[int, list] = {}
    consumed: set[int] = set()
    for i, ln in enumerate(lines):
        if related and any(e in related for e in ln.stack):
            ln.rule = "related-list"
            continue
        if i in consumed:
            ln.rule = "page-metadata"
            continue
        r = text_rule(ln)
        if r:
            ln.rule = r
            continue
        if title_key and norm_key(ln.text) == title_key:
            ln.rule = "title"
            continue
        ml = meta_line(ln, lines[i + 1] if i + 1 < len(lines) else None)
        if ml:
            pairs, uses_next = ml
            meta_pairs[i] = pairs
            ln.rule = "page-metadata"
            if uses_next:
                consumed.add(i + 1)
                meta_pairs[i + 1] = []
    return meta_pairs


def _trim_content_edges(lines: list[Line], content_idx: list[int], meta_pairs: dict[int, list]) -> None:
    """Metadata lines count only at the head or tail of the content (a "时间：" line inside a
    meeting notice stays in the text), the title only at its head; a link-only line opening the
    content is a promotion ("点击进入“文艺星青年”>>")."""
    head = set(content_idx[:META_EDGE_LINES])
    tail = set(content_idx[-META_EDGE_LINES:])
    for i in content_idx:
        ln = lines[i]
        if ln.rule == "page-metadata" and i not in head and i not in tail:
            ln.rule = None
            meta_pairs.pop(i, None)
        elif ln.rule == "title" and i not in head:
            ln.rule = None
    for i in content_idx[:META_EDGE_LINES]:
        ln = lines[i]
        if ln.rule is not None:
            continue
        if ln.link_chars and not ln.chars:
            ln.rule = "promo"
            continue
        break


def _assemble(lines: list[Line], content_set: set, chrome_rule_of: dict[int, str],
              removed: list[tuple[str, str]]) -> str:
    """The text (content lines without ruled ones; cells of one table row joined by a tab), and
    every other visible line appended to `removed`, adjacent lines of one rule merged."""
    out: list[str] = []
    prev_cell_row = None
    for ln in lines:
        if ln.index in content_set:
            rule = ln.rule
            if rule is None:
                owner = ln.owner
                row = owner.getparent() if owner is not None and owner.tag in ("td", "th") else None
                if row is not None and row is prev_cell_row and out:
                    out[-1] += "\t" + ln.text
                else:
                    out.append(ln.text)
                prev_cell_row = row
                continue
        else:
            rule = ln.rule or chrome_rule_of.get(ln.index) or "boilerplate"
        prev_cell_row = None
        if removed and removed[-1][1] == rule:
            removed[-1] = (removed[-1][0] + " " + ln.text, rule)
        else:
            removed.append((ln.text, rule))
    return "\n".join(out)
