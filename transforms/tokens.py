"""Tokenize clean text into term counts with rjieba (the jieba-rs binding) or jieba.

The engine is built once per process (jieba takes ~0.6 s to load its dictionary) with the
political-terms user dictionary from `lexicon`. Terms exclude stop words, punctuation, digits
and whitespace.

`keep_whole` spans of the text (a document's formulations, `formulations.scan(text).spans`) are
one token each, without touching the process-wide engine (add_word would leak one document's
phrases into every other): the text is cut around them and the pieces tokenized. A span between
quotation marks needs no cut (the engine cuts at quotes: its tokens are taken back), nor does a
user-dictionary word (the engine keeps it whole). A kept span counts like any term: not as a stop
word, nor without a letter or hanzi (“1571”). e.g. “十五五” -> 十五五 (not 十五 / 五), 人工智能+
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

from .lexicon import POLITICAL_TERMS, STOP_WORDS

TOKENIZERS = ("jieba", "rjieba")
DEFAULT_TOKENIZER = "rjieba"  # same tokens as jieba on every fixture (tests/test_tokens.py), ~20x faster

# A token worth counting has at least one letter or hanzi. e.g. not "，", "2017", "1.", "×"
MEANINGFUL_TOKEN = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# Tokens without hanzi are re-split by one rule for both engines (they differ on G312-S229).
# e.g. "G312-S229" -> G312, S229; "5G" -> 5G; "1588.7" -> 1588.7
OTHER_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?")
# Freq given to user-dictionary words: high enough that both engines keep them whole.
USER_WORD_FREQ = 200000
USER_WORDS = frozenset(POLITICAL_TERMS)  # kept whole by the engine: a kept span of one needs no cut


@lru_cache(maxsize=None)
def tokenizer(engine: str = DEFAULT_TOKENIZER):
    """A `cut(text) -> iterable[str]` function for the engine, built once per process."""
    if engine == "jieba":
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        for word in POLITICAL_TERMS:
            tk.add_word(word, freq=USER_WORD_FREQ)
        return tk.cut
    if engine == "rjieba":
        import rjieba

        rk = rjieba.Jieba()
        for word in POLITICAL_TERMS:
            rk.add_word(word, USER_WORD_FREQ, None)
        return rk.cut
    raise ValueError(f"unknown tokenizer {engine!r}: choose one of {', '.join(TOKENIZERS)}")


def _kept_spans(text: str, keep_whole: Iterable[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The spans to keep whole, leftmost then longest first, none overlapping, user words left out:
    those between quotation marks, and the others."""
    quoted, other, end = [], [], 0
    for s, e in sorted(keep_whole, key=lambda span: (span[0], -span[1])):
        if s < end or e <= s:
            continue
        end = e
        if text[s:e] in USER_WORDS:
            continue
        (quoted if 0 < s and text[s - 1] == "“" and text[e:e + 1] == "”" else other).append((s, e))
    return quoted, other


def _pieces(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """The text between the spans, and the spans' text."""
    between, kept, pos = [], [], 0
    for s, e in spans:
        between.append(text[pos:s])
        kept.append(text[s:e])
        pos = e
    between.append(text[pos:])
    return between, kept


def tokenize(text: str, engine: str = DEFAULT_TOKENIZER, keep_whole: Iterable[tuple[int, int]] = ()) -> list[str]:
    """Words and other tokens in order (punctuation and spaces dropped), each kept phrase one token."""
    cut = tokenizer(engine)
    quoted, cut_around = _kept_spans(text, keep_whole) if keep_whole else ([], [])
    between, kept = _pieces(text, sorted(quoted + cut_around))
    out: list[str] = []
    for i, piece in enumerate(between):
        for tok in cut(piece):
            if HANZI.search(tok):
                out.append(tok)
            else:
                out += OTHER_TOKEN.findall(tok)
        if i < len(kept):
            out.append(kept[i])
    return out


def _terms_of(token: str) -> tuple[str, ...]:
    """The counted terms of one engine token: itself, its re-split parts, or none."""
    if HANZI.search(token):
        return () if token in STOP_WORDS else (token,)
    return tuple(t for t in OTHER_TOKEN.findall(token) if t not in STOP_WORDS and MEANINGFUL_TOKEN.search(t))


# Per process, what each engine token seen so far counts as: most are counted as they are (a
# set, so a document's tokens are sorted out by one set difference); the others map to their
# terms (none for punctuation and stop words). A corpus has a bounded vocabulary.
_COUNTED_AS_IS: set[str] = set()
_COUNTED_AS: dict[str, tuple[str, ...]] = {}
_CACHE_MAX = 1_000_000


@lru_cache(maxsize=100_000)
def _cut_alone(engine: str, phrase: str) -> tuple[str, ...]:
    """The engine's tokens of a phrase on its own (a corpus repeats its quoted phrases)."""
    return tuple(tokenizer(engine)(phrase))


def count_terms(text: str, engine: str = DEFAULT_TOKENIZER, keep_whole: Iterable[tuple[int, int]] = ()) -> Counter:
    """term -> count for one document, stop words and non-words excluded (the same counts as
    filtering `tokenize`'s output, computed per distinct token)."""
    if len(_COUNTED_AS_IS) + len(_COUNTED_AS) > _CACHE_MAX:
        _COUNTED_AS_IS.clear()
        _COUNTED_AS.clear()
    cut = tokenizer(engine)
    kept: Counter = Counter()
    if keep_whole:
        quoted, cut_around = _kept_spans(text, keep_whole)
        between, kept_cut = _pieces(text, cut_around)
        counts = Counter(chain.from_iterable(map(cut, between)))
        kept.update(kept_cut)
        # The engine cuts at quotation marks, so a quoted phrase's tokens are those of the phrase
        # alone: take them back instead of cutting the text at every quote.
        for phrase, n in Counter(text[s:e] for s, e in quoted).items():
            for tok in _cut_alone(engine, phrase):
                counts[tok] -= n
                if counts[tok] <= 0:
                    del counts[tok]
            kept[phrase] += n
    else:
        counts = Counter(cut(text))
    other: list[tuple[str, int]] = []
    for token in counts.keys() - _COUNTED_AS_IS:
        terms = _COUNTED_AS.get(token)
        if terms is None:
            terms = _terms_of(token)
            if terms == (token,):
                _COUNTED_AS_IS.add(token)
                continue
            _COUNTED_AS[token] = terms
        n = counts.pop(token)
        other += [(term, n) for term in terms]
    for term, n in other:
        counts[term] += n
    for phrase, n in kept.items():
        if phrase not in STOP_WORDS and MEANINGFUL_TOKEN.search(phrase):
            counts[phrase] += n
    return counts
