"""Chrome learned from the corpus: lines that repeat across many documents of one source.

A source is a site or a folder. No rule names such a line ("本网站由XX信息中心维护"), but when it
sits at the top or bottom of many different documents from one source, it is furniture. Counted
per distinct title, so several versions of one document cannot vote their own body out; lines
that end in ： (各位代表：, 同志们：) or that open a section are body and never candidates.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from .chrome_rules import known
from .markers import MARKER_AT_LINE_START

EDGE_LINES = 8            # only the first/last lines of a document are candidates
MAX_LINE_CHARS = 80       # longer lines are prose
MIN_DOCUMENTS = 3         # a line must repeat in at least this many documents (distinct titles)...
MIN_SHARE = 0.25          # ...and in at least this share of the source's documents
REPEATED_LINE_RULE = "repeated-line"   # its chrome.rule (transforms/chrome_rules.py)
known(REPEATED_LINE_RULE)

# Lines that are part of a body even when every document has them: a salutation or lead-in, an
# attachment label, a section heading (markers.MARKER_AT_LINE_START).
# e.g. "各位代表：", "附件：", "一、指导思想", "第一章　总则"
BODY_LINE = re.compile(r"[：:]$|^附件")


def _is_body_line(line: str) -> bool:
    return bool(BODY_LINE.search(line) or MARKER_AT_LINE_START.match(line))


@dataclass(frozen=True)
class SourceDocument:
    source: str       # folder or site the document came from
    lines: list[str]  # its clean text's lines


def _candidates(lines: list[str]) -> set[str]:
    body = [ln.strip() for ln in lines if ln.strip()]
    if len(body) < 2:
        return set()
    edges = body[1:EDGE_LINES + 1] + body[-EDGE_LINES:]  # body[0] is the title
    return {ln for ln in edges if len(ln) <= MAX_LINE_CHARS and not _is_body_line(ln)}


def repeated_lines(documents: list[SourceDocument]) -> dict[str, frozenset[str]]:
    """source -> lines that are chrome in that source."""
    titles_by_source: dict[str, set[str]] = defaultdict(set)
    titles_by_line: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in documents:
        title = next((ln.strip() for ln in doc.lines if ln.strip()), "")
        titles_by_source[doc.source].add(title)
        for line in _candidates(doc.lines):
            titles_by_line[(doc.source, line)].add(title)
    found: dict[str, set[str]] = defaultdict(set)
    for (source, line), titles in titles_by_line.items():
        n = len(titles)
        if n >= MIN_DOCUMENTS and n >= MIN_SHARE * len(titles_by_source[source]):
            found[source].add(line)
    return {source: frozenset(lines) for source, lines in found.items()}


def remove_lines(text: str, chrome_lines: frozenset[str]) -> tuple[str, list[tuple[str, str]]]:
    """Drop the given lines where they stand at the edges of `text`; return what was removed."""
    if not chrome_lines:
        return text, []
    lines = text.split("\n")
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    edge = set(nonblank[1:EDGE_LINES + 1] + nonblank[-EDGE_LINES:])
    removed, kept = [], []
    for i, line in enumerate(lines):
        if i in edge and line.strip() in chrome_lines:
            removed.append((line.strip(), REPEATED_LINE_RULE))
        else:
            kept.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip(), removed
