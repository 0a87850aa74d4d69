"""Tokenization: political terms kept whole, stop words and punctuation out."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import FIXTURES, HTML_PAGES, seed_paths
from transforms import formulations
from transforms.document import process_document
from transforms.lexicon import POLITICAL_TERMS, STOP_WORDS
from transforms.tokens import MEANINGFUL_TOKEN, count_terms, tokenize

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


# --- formulations kept whole (count_terms(keep_whole=formulations.scan(text).spans)) -------------

REPORTS = sorted((FIXTURES / "realworld" / "govreports").glob("*.txt"))
# Real sentences: 吉林's report (the plan in quotes), 天津's (a quoted title of firms), 内蒙古's (a slogan).
PLAN = "今年是“十五五”开局之年，也是吉林振兴发展攻坚突破的关键一年，做好政府工作事关全局、意义重大。"
TITLE = "专精特新“小巨人”分别达到43家、322家。"
SLOGAN = "开展“人工智能+”行动，支持企业研发落地特色产业和公共治理垂直大模型，推进人工智能场景开放"
PRODUCTIVITY = "因地制宜发展新质生产力，深度对接全国统一大市场，持续防范化解重点领域风险"


def kept(text: str, engine: str = "rjieba"):
    return count_terms(text, engine, keep_whole=formulations.scan(text).spans)


@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
def test_formulations_are_one_term_each(engine):
    assert tokenize(PLAN, engine)[:4] == ["今年", "是", "十五", "五"]  # the engine alone splits the plan
    assert kept(PLAN, engine)["十五五"] == 1 and "十五" not in kept(PLAN, engine)
    assert kept(TITLE, engine)["小巨人"] == 1 and "巨人" not in kept(TITLE, engine)
    assert kept(SLOGAN, engine)["人工智能+"] == 1 and kept(SLOGAN, engine)["人工智能"] == 1  # the bare one stays
    counts = kept(PRODUCTIVITY, engine)
    assert counts["新质生产力"] == 1 and counts["全国统一大市场"] == 1
    assert not {"新质", "生产力", "统一", "大市场"} & set(counts)


def test_a_quoted_phrase_is_kept_whole_only_where_quoted():
    text = "加快“十五五”规划编制，十五五年来"       # the second 十五五 is no plan
    spans = [(3, 6)]
    assert count_terms(text, keep_whole=spans)["十五五"] == 1
    assert tokenize(text, keep_whole=spans)[:2] == ["加快", "十五五"]


def test_keep_whole_leaves_the_engine_as_it_was():
    before = count_terms(PLAN)
    kept(PLAN)
    assert count_terms(PLAN) == before and "十五五" not in before


def test_overlapping_spans_keep_the_leftmost_longest():
    text = "推进人工智能+医疗应用"
    assert tokenize(text, keep_whole=[(2, 7), (2, 9)]) == ["推进", "人工智能+医疗", "应用"]


@pytest.mark.parametrize("path", seed_paths() + REPORTS, ids=lambda p: p.name[:12])
def test_kept_counts_equal_cutting_the_text(path):
    """The fast path takes a quoted phrase's tokens back instead of cutting at it: the same counts
    as tokenizing the pieces between all spans, for both engines, which agree."""
    clean = process_document(path.read_bytes(), path.name).document["clean_text"]
    spans = formulations.scan(clean).spans
    assert spans
    for engine in ("jieba", "rjieba"):
        want = Counter(t for t in tokenize(clean, engine, keep_whole=spans)
                       if t not in STOP_WORDS and MEANINGFUL_TOKEN.search(t))
        assert count_terms(clean, engine, keep_whole=spans) == want
    assert tokenize(clean, "jieba", keep_whole=spans) == tokenize(clean, "rjieba", keep_whole=spans)


@pytest.mark.parametrize("path", REPORTS[:6], ids=lambda p: p.name[:12])
def test_every_formulation_is_a_term(path):
    """Each formulation's term is counted as one, but a stop word (“大家”), a number code (“1571”), and
    a term inside a longer one kept whole (八项规定 in the user word 中央八项规定, 健康中国 in
    “健康中国行动”), which is that one's."""
    clean = process_document(path.read_bytes(), path.name).document["clean_text"]
    found = formulations.scan(clean)
    counts = count_terms(clean, keep_whole=found.spans)
    longer = set(POLITICAL_TERMS) | {clean[s:e] for s, e in found.spans}
    inside = {f.term for f in found.formulations for w in longer if f.term != w and f.term in w}
    checked = [f for f in found.formulations if "、" not in f.phrase and f.term not in inside
               and f.term not in STOP_WORDS and MEANINGFUL_TOKEN.search(f.term)]
    assert len(checked) > 50
    for f in checked:
        assert counts[f.term.replace("+", "＋")] + counts[f.term] >= 1, f
