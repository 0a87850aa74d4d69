"""Main content of a scraped Chinese government / news HTML page: title, body text, metadata.

Pure functions, text in and plain data out (no file I/O, no network, no Prefect). Depends on lxml
only. trafilatura 2.3.1 was evaluated on the eight test pages and is NOT used: it lost the whole
body of a gov.cn page (a stray ``</html>`` from a server-side include) and spent 2-4 s on it, kept
breadcrumbs, print/close links, editor lines and footers on table-layout pages and merged their
paragraphs, found the right title on 3 of 8 pages, took ~100 ms per page (median) and would mean
a second parse. The approach here is GNE-like density scoring on lxml plus Chinese
government-site rules, with one parse per page.

    extract_html(html: str) -> HtmlExtract(title, text, meta, removed)
    looks_like_html(text: str) -> bool

Modules (each step of ``extract_html`` is a named function of html/extract.py, in order):
    detect.py   looks_like_html, the string repairs before parsing
    text.py     line cleaning, comparison keys, class/id tokens
    lines.py    the line walk over <body>
    rules.py    chrome by element (CHROME_TAGS, CHROME_CLASS_TOKENS), by text (TEXT_RULES), related lists
    density.py  density scoring: the main content
    title.py    the page's title
    meta.py     <meta> tags, labelled lines, publication-date evidence (labels and tag names:
                transforms/pagemeta.py)
    extract.py  the steps

How ``extract_html`` works
1. Pre-parse repairs on the string (cheap regexes): drop a crawler wrapper before ``<html>``
   (recorded as rule "wrapper"), an XML declaration (lxml refuses it in a str), control
   characters, and every ``</body>`` / ``</html>`` end tag (pages built from server-side includes
   close the document early and libxml2 would drop the article after it).
2. One lxml parse (comments and processing instructions removed by the parser). ``<title>`` and
   ``<meta>`` are read; scripts, styles and other never-visible elements are stripped.
3. One walk over ``<body>`` cuts it into lines: every block element (``<p>``, ``<div>``, ``<li>``,
   ``<td>``, headings ...) and every ``<br>`` ends a line. Each line remembers its open ancestors,
   how many characters sit inside links, and the chrome elements around it (CHROME_TAGS,
   CHROME_CLASS_TOKENS: nav, site-footer, breadcrumb, share, hidden ...).
4. Title: ArticleTitle / og:title meta, else the longest heading or title-class element that
   also occurs in ``<title>``, else ``<title>`` without its site suffix (TITLE_SEPARATOR_RE,
   SITE_NAME_RE).
5. Each line gets at most one rule: related-list blocks (RELATED_HEADING_RE), the text rules in
   TEXT_RULES (breadcrumb, site-footer, share, toolbar, pagination, prev-next, editor,
   disclaimer), metadata lines (pagemeta.PAGE_META_LABELS, e.g. "发布时间：… 来源：…"), the title, or
   the chrome element around it. A chrome element that holds most of the page's prose is not
   trusted (guard against a content wrapper with a class like "print-area" or "has-sidebar").
6. Density scoring: a line is worth its non-link characters plus 6 per Chinese sentence
   punctuation mark, minus 3 per link character and a fixed cost per line (small for a table
   cell without links, so data tables stay in the body); ruled lines are negative. The
   element whose subtree has the highest sum is the main content (max-subtree, so chrome beside
   the article is excluded automatically).
7. Text = content lines without ruled ones, joined by "\n". Metadata lines count only at the
   head or tail of the content (a "时间：" line inside a meeting notice stays in the text), and
   the title repeated as the first line(s) of the content is dropped, as is a link-only line
   opening it ("点击进入…>>", rule "promo"). Cells of one table row are joined by "\t". If no
   element scores above zero (a one-line page), the plain unruled lines are the text.
8. ``removed`` lists every visible text dropped, as (text, rule), adjacent lines with the same
   rule merged. Rule names are those of transforms/chrome_rules.py (shared with chrome.py):
   the TEXT_RULES names, the chrome element rules, "related-list", "page-metadata" (moved to
   ``meta``), "title" (moved to ``title``), "hidden" (display:none / class "hide"),
   "boilerplate" (outside the main content, no more specific rule), "wrapper".

``meta`` is a pagemeta.PageMeta (a mapping of the fields found): "page_title" (ArticleTitle /
og:title / a "标题：" line, else the raw ``<title>``), "published_at", "url" (canonical link,
og:url / Url meta, or a saved page's "<!-- saved from url=… -->" note; absolute URLs only),
"source_name", "publisher", "index_number", "category", "doc_number".

"published_at" is chosen by ``pubdate.best_datetime`` among: labelled lines ("发布时间：…"), date
<meta> tags (pagemeta.META_TAGS), JSON-LD datePublished / pubDate, the first <time> / itemprop=datePublished
element from the title on outside chrome, a byline under the title (``pubdate.byline_datetime``:
"新华社 2020-01-03 18:13", "2019-05-17 · 苏皖城市报道", within NEAR_TITLE_LINES; "发表于 …" within
POSTED_LINES) and a date in the page URL (``pubdate.date_from_url``). The most trusted source wins
(``pubdate.EVIDENCE_ORDER``); a less trusted one on the same day may add the time of day. The
value is as written (ISO with T and zone too), always parseable by ``dates.parse_datetime``.

Never raises: empty, truncated or garbage input gives an HtmlExtract with empty text; an
unexpected internal error also gives empty text, with ("<error>", "error") in ``removed``. Nesting
deeper than 2048 elements is cut by libxml2 (the text below that depth is lost).
"""
from __future__ import annotations

from .. import pubdate  # noqa: F401  (tests patch html.pubdate.best_datetime)
from ..pagemeta import PageMeta
from .detect import looks_like_html
from .extract import HtmlExtract, extract_page

__all__ = ["HtmlExtract", "extract_html", "looks_like_html"]


def extract_html(html: str) -> HtmlExtract:
    """Main content of an HTML page. Never raises; unusable input gives empty text."""
    if not isinstance(html, str):
        return HtmlExtract(title=None, text="", meta=PageMeta(), removed=[])
    try:
        return extract_page(html)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raise"; the failure is recorded
        return HtmlExtract(title=None, text="", meta=PageMeta(),
                           removed=[(f"{type(exc).__name__}: {exc}"[:200], "error")])  # rule names: chrome_rules.py
