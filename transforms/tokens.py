"""Tokenize clean text into term counts with jieba (or rjieba, the jieba-rs binding).

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
DEFAULT_TOKENIZER = "jieba"

# A token worth counting has at least one letter or hanzi. e.g. not "，", "2017", "1.", "×"
MEANINGFUL_TOKEN = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")
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
    return list(tokenizer(engine)(text))


def count_terms(text: str, engine: str = DEFAULT_TOKENIZER) -> Counter:
    """term -> count for one document, stop words and non-words excluded."""
    return Counter(
        tok for tok in tokenizer(engine)(text)
        if tok not in STOP_WORDS and MEANINGFUL_TOKEN.search(tok) and not tok.isspace()
    )
