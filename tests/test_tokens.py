"""Tokenization: political terms kept whole, stop words and punctuation out."""
from __future__ import annotations

import pytest

from conftest import HTML_PAGES, seed_paths
from transforms.document import process_document
from transforms.lexicon import POLITICAL_TERMS, STOP_WORDS
from transforms.tokens import count_terms, tokenize

SENTENCE = "严格落实“一岗双责”，深入推进“放管服”改革和政务服务“一网通办”，牢固树立“四个意识”，落实中央八项规定精神。"


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_political_terms_kept_whole(engine):
    tokens = tokenize(SENTENCE, engine)
    for term in ("一岗双责", "放管服", "一网通办", "四个意识"):
        assert term in tokens


def test_counts_exclude_stop_words_punctuation_and_numbers():
    counts = count_terms("我们要在2017年做好工作，坚持坚持再坚持。1.2.3")
    assert counts["坚持"] == 3
    assert not set(counts) & STOP_WORDS
    assert all(any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in t) for t in counts)
    assert "2017" not in counts and "，" not in counts


@pytest.mark.parametrize("path", seed_paths() + sorted(HTML_PAGES.glob("*.html")), ids=lambda p: p.name)
def test_engines_give_identical_tokens_on_the_sample_corpus(path):
    """rjieba is the default only because its tokens equal jieba's, user dictionary included."""
    processed = process_document(path.read_bytes(), path.name)
    clean = processed.document["clean_text"]
    assert tokenize(clean, "jieba") == tokenize(clean, "rjieba")
    assert count_terms(clean, "jieba") == count_terms(clean, "rjieba")


def test_non_hanzi_tokens_split_by_one_rule():
    assert tokenize("推进5G建设，G312-S229路段完成1588.7亿元", "jieba") == ["推进", "5G", "建设", "G312", "S229", "路段", "完成", "1588.7", "亿元"]


def test_lexicon_has_no_duplicates_or_stop_word_terms():
    assert len(set(POLITICAL_TERMS)) == len(POLITICAL_TERMS)
    assert not set(POLITICAL_TERMS) & STOP_WORDS


def test_unknown_engine_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown tokenizer"):
        tokenize("政府", "spacy")
