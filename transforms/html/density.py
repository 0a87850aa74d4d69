"""Density scoring: which element holds the article.

A line is worth its non-link characters plus PUNCT_WEIGHT per Chinese sentence punctuation mark,
minus LINK_PENALTY per link character and a fixed LINE_COST (CELL_COST for a table cell without
links, so data tables stay in the body); ruled lines and lines in trusted chrome are negative.
The element whose subtree has the highest sum is the main content (max-subtree, so chrome beside
the article is excluded automatically). A chrome element that holds most of the page's prose is
not trusted (a content wrapper with a class like "print-area" or "has-sidebar").
"""
from __future__ import annotations

from .rules import CHROME_GUARD_MIN_PROSE, CHROME_GUARD_SHARE

# Scoring weights.
PUNCT_WEIGHT = 6
LINK_PENALTY = 3
LINE_COST = 12
CELL_COST = 2          # cost of a table cell without links (data tables inside the body)
SENTENCE_PUNCT = "，。；！？、"


def trusted_chrome(lines, total_prose: int) -> tuple[set, dict[int, str]]:
    """(chrome elements not trusted because they hold most of the page's prose, line index -> rule
    of the outermost trusted chrome element around it: one label per region)."""
    chrome_prose: dict = {}
    for ln in lines:
        for el, _ in ln.chrome:
            chrome_prose[el] = chrome_prose.get(el, 0) + ln.prose
    untrusted = {el for el, p in chrome_prose.items()
                 if p >= CHROME_GUARD_MIN_PROSE and p >= CHROME_GUARD_SHARE * total_prose}
    chrome_rule_of: dict[int, str] = {}
    for ln in lines:
        for el, rule in ln.chrome:
            if el not in untrusted:
                chrome_rule_of[ln.index] = rule
                break
    return untrusted, chrome_rule_of


def _ancestors(el):
    p = el.getparent()
    while p is not None:
        yield p
        p = p.getparent()


def best_element(lines, chrome_rule_of: dict[int, str]):
    """The element whose subtree scores highest (the innermost one on a tie), or None when none
    scores above zero."""
    scores: dict = {}
    for ln in lines:
        if ln.rule or ln.index in chrome_rule_of:
            v = -(LINE_COST + ln.chars + ln.link_chars)
        elif ln.link_chars == 0 and ln.owner is not None and ln.owner.tag in ("td", "th"):
            v = ln.prose - CELL_COST      # a data-table cell ("序号", "120") is not chrome
        else:
            v = ln.prose - LINK_PENALTY * ln.link_chars - LINE_COST
        for el in ln.stack:
            scores[el] = scores.get(el, 0) + v
    best = None
    best_score = 0
    for el, s in scores.items():
        if s > best_score or (s == best_score and best is not None and best in _ancestors(el)):
            best, best_score = el, s
    return best


def content_lines(lines, best, chrome_rule_of: dict[int, str]) -> list[int]:
    """Indexes of the content's lines: those inside the best element; without one (a page of one
    short line), the plain, unruled lines."""
    if best is not None:
        return [ln.index for ln in lines if best in ln.stack]
    return [ln.index for ln in lines
            if ln.rule is None and ln.index not in chrome_rule_of and ln.chars
            and ln.link_chars * 2 <= ln.chars]


def rule_chrome_inside(lines, content_idx: list[int], best, untrusted: set) -> None:
    """Chrome inside the content (a share bar in the article div) is dropped too; chrome elements
    around the content node are not applied to it."""
    if best is None:
        return
    around = set(_ancestors(best))
    around.add(best)
    for i in content_idx:
        ln = lines[i]
        if ln.rule is None:
            for el, rule in reversed(ln.chrome):
                if el not in untrusted and el not in around:
                    ln.rule = rule
                    break
