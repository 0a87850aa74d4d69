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


# Per process, what each engine token seen so far counts as: most are counted as they are (a
# set, so a document's tokens are sorted out by one set difference); the others map to their
# terms (none for punctuation and stop words). A corpus has a bounded vocabulary.
_COUNTED_AS_IS: set[str] = set()
_COUNTED_AS: dict[str, tuple[str, ...]] = {}
_CACHE_MAX = 1_000_000


def count_terms(text: str, engine: str = DEFAULT_TOKENIZER) -> Counter:
    """term -> count for one document, stop words and non-words excluded (the same counts as
    filtering `tokenize`'s output, computed per distinct token)."""
    if len(_COUNTED_AS_IS) + len(_COUNTED_AS) > _CACHE_MAX:
        _COUNTED_AS_IS.clear()
        _COUNTED_AS.clear()
    counts = Counter(tokenizer(engine)(text))
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
    return counts
