"""Tokenize clean text into term counts with rjieba (the jieba-rs binding) or jieba.

The engine is built once per process (jieba takes ~0.6 s to load its dictionary) with the
political-terms user dictionary from `lexicon`. Terms exclude stop words, punctuation, digits
and whitespace.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache

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


def tokenize(text: str, engine: str = DEFAULT_TOKENIZER) -> list[str]:
    """Words and other tokens in order (punctuation and spaces dropped)."""
    out: list[str] = []
    for tok in tokenizer(engine)(text):
        if HANZI.search(tok):
            out.append(tok)
        else:
            out += OTHER_TOKEN.findall(tok)
    return out


def _terms_of(token: str) -> tuple[str, ...]:
    """The counted terms of one engine token: itself, its re-split parts, or none."""
    if HANZI.search(token):
        return () if token in STOP_WORDS else (token,)
    return tuple(t for t in OTHER_TOKEN.findall(token) if t not in STOP_WORDS and MEANINGFUL_TOKEN.search(t))


# token -> its terms, per process: a corpus has a bounded vocabulary, and classifying each
# distinct token once instead of every occurrence halves the time spent outside the engine.
_TERMS_CACHE: dict[str, tuple[str, ...]] = {}
_TERMS_CACHE_MAX = 1_000_000


def count_terms(text: str, engine: str = DEFAULT_TOKENIZER) -> Counter:
    """term -> count for one document, stop words and non-words excluded (same as filtering
    `tokenize`'s output, counted per distinct token)."""
    if len(_TERMS_CACHE) > _TERMS_CACHE_MAX:
        _TERMS_CACHE.clear()
    counts: dict[str, int] = {}
    for token, n in Counter(tokenizer(engine)(text)).items():
        terms = _TERMS_CACHE.get(token)
        if terms is None:
            terms = _TERMS_CACHE[token] = _terms_of(token)
        for term in terms:
            counts[term] = counts.get(term, 0) + n
    return Counter(counts)
