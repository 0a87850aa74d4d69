"""The speed-ups of the rule stages give the same results as the plain rules they replace.

Each fast path (a prefilter, a cache, a reordered pattern) is checked against the rule written the
slow, obvious way, on random text drawn from the characters the rule is about and on the seeds.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import FIXTURES, seed_paths
from test_property import fuzz
from transforms import chrome, directives, metadata, normalize, tokens
from transforms.document import process_document, zh_ratio

SEED_CLEAN = [process_document(p.read_bytes(), p.name).document["clean_text"] for p in seed_paths()]


def text_of(alphabet: list[str], max_size: int = 40):
    return st.lists(st.sampled_from(alphabet), max_size=max_size).map("".join)


# --- normalize --------------------------------------------------------------------------------

PINYIN_PIECES = ["發", "展", "会", " ", "\t", "\u3000", "\xa0", "\n", "(", "（", ")", "）", "fā", "zhǎn",
                 "xia\u0300n", "huì", "a", "PPP", " ", "一"]


def pinyin_by_pattern(text: str) -> tuple[str, int]:
    count = 0

    def drop(m: re.Match) -> str:
        nonlocal count
        if normalize._is_pinyin(m.group(1)):
            count += 1
            return ""
        return m.group(0)

    return normalize.PINYIN_ANNOTATION.sub(drop, text), count


@fuzz(400)
@given(text_of(PINYIN_PIECES))
def test_remove_pinyin_equals_the_annotation_pattern(text):
    assert normalize.remove_pinyin(text) == pinyin_by_pattern(text)


def test_remove_pinyin_on_real_injected_text():
    text = "發(fā)展 (zhǎn)规划，(广东)（一）會(huì )議"
    assert normalize.remove_pinyin(text) == ("發展规划，(广东)（一）會議", 3)
    assert normalize.remove_pinyin(text) == pinyin_by_pattern(text)


# The punctuation rule as first written: a lookbehind alternation tried at every position.
PUNCT_BY_LOOKAROUND = re.compile(
    rf"(?<=[{normalize.CJK}{normalize.CJK_PUNCT}])([,;:?!()])|([,;:?!()])(?=[ \t]?[{normalize.CJK}{normalize.CJK_PUNCT}])")


def punctuation_by_pattern(text: str) -> str:
    text = PUNCT_BY_LOOKAROUND.sub(lambda m: normalize.ASCII_TO_CJK_PUNCT[m.group(1) or m.group(2)], text)
    text = re.sub(r"（([^()（）\n]{1,40})\)", r"（\1）", text)
    text = re.sub(r"\(([^()（）\n]{1,40})）", r"（\1）", text)
    return re.sub(rf"([，。；：？！、])[ \t]+(?=[{normalize.CJK}“])", r"\1", text)


@fuzz(400)
@given(text_of(["政", "府", "1", "a", ",", ";", ":", "?", "!", "(", ")", "（", "）", "，", "。", " ", "\t", "\n", "“"]))
def test_punctuation_policy_equals_the_lookaround_rule(text):
    assert normalize.apply_punctuation_policy(text) == punctuation_by_pattern(text)


@fuzz(200)
@given(text_of(["發", "发", "展", "經", "经", "濟", "济", "政", "a", " ", "，"], max_size=60))
def test_detect_script_counts_characters_like_one_by_one(text):
    to_simple, to_trad = normalize._converters()
    kinds = [1 if to_simple.convert(ch) != ch else -1 if to_trad.convert(ch) != ch else 0
             for ch in set(text) if ch >= "\u3400"]
    trad, simp = kinds.count(1), kinds.count(-1)
    want = ("simplified" if trad + simp < 3 else "traditional" if trad / (trad + simp) >= 0.8
            else "simplified" if trad / (trad + simp) <= 0.2 else "mixed")
    assert normalize.detect_script(text) == want


@fuzz(200)
@given(text_of(["政", "\u200b", "\x1b", "\x0c", "１", "Ａ", "\u3000", "e\u0301", "\r\n", "a"]))
def test_normalize_characters_equals_every_step_applied(text):
    import unicodedata

    want = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    want = normalize.ZERO_WIDTH.sub("", normalize.CONTROL_NOISE.sub("", normalize.CONTROL_BREAKS.sub("\n", want)))
    assert normalize.normalize_characters(text) == want.translate(normalize.FULLWIDTH_ALNUM)


# --- chrome, metadata, directives ----------------------------------------------------------------

# doc-site-notice as first written: one pattern mixing anchored and unanchored alternatives
DOC_SITE_NOTICE_ONE_PATTERN = re.compile(
    r"^\d+\.\s*\d+、|原创力文档|本文档共\d+页|成为VIP|VIP文档|下载本文档|版权申诉|上传文档|文档贡献者|^查看更多$|^实名认证$"
    r"|该用户很懒|VIP精品文档|^文档评论|^\S{1,12}\*{3,}\S{1,12}\s*\+\s*关注$")


@fuzz(300)
@given(text_of(["1.", "2、", " ", "查看更多", "实名认证", "文档评论", "VIP文档", "原创力文档", "张**", "*", "+", "关注",
                "政府", "本文档共", "3", "页"], max_size=8))
def test_split_doc_site_notice_rule_matches_the_same_lines(line):
    split = [p for rule, p in chrome.CHROME_LINES if rule == "doc-site-notice"]
    assert any(p.search(line) for p in split) == bool(DOC_SITE_NOTICE_ONE_PATTERN.search(line))


@fuzz(300)
@given(text_of(["×", "╳", "3", "X", "Ｘ", "年", "*", "＊", "市", "某", " ", "a"]))
def test_placeholder_prefilters_change_nothing(text):
    want = bool(metadata.PLACEHOLDER_CROSSES.search(metadata.MULTIPLICATION.sub("", text))) or any(
        p.search(text) for p in (metadata.PLACEHOLDER_X_RUN, metadata.PLACEHOLDER_ASTERISKS, metadata.PLACEHOLDER_WORDS))
    assert metadata.has_placeholders(text) == want


def fact_by_patterns(sentence: str, figures: bool = True) -> bool:
    if directives.FACT_MARKERS.search(sentence):
        return True
    return figures and any(
        not directives.TARGET_WORDS.search(sentence, directives._clause_start(sentence, m.start()), m.start())
        for m in directives.REPORTED_FIGURE.finditer(sentence))


@fuzz(400)
@given(text_of(["了", "已经", "取得了", "过去", "近5年来", "多年来", "去年以来", "，", "完成", "1588.7", "亿元", "力争", "3",
                "政府", "要", "2025年", "万", "亩", "人次", "千瓦", ",", ".", "以上", "左右", "%"]))
@example("完成3,亿元")  # a separator, not a digit, before the unit
def test_is_fact_prefilters_change_nothing(sentence):
    assert directives.is_fact(sentence) == fact_by_patterns(sentence)
    assert directives.is_fact(sentence, figures=False) == fact_by_patterns(sentence, figures=False)


def plan_openers_by_clauses(sentence: str) -> list:
    """The plan-part openers as first written: every clause start tried in turn; the first opener
    counts, and when it is an action verb also the first adverb after it."""
    found = directives.find_triggers(sentence, openers=False)
    opening = directives.LEADING_CONNECTIVES.match(sentence)
    starts = [opening.end() if opening else 0] + [m.end() for m in re.finditer("[，：；]", sentence)]
    openers = []
    for pos in starts:
        m = directives._PLAN_OPENER.match(sentence, pos)
        t = directives._imperative(m, found)
        if not t or (pos and "“" in sentence and directives._inside_quote(sentence, t.offset)):
            continue
        if not openers or not t.action:
            openers.append(t)
        if not t.action:
            break
    return found + openers


@fuzz(400)
@given(text_of(["推进", "加快", "大力", "支持", "，", "：", "；", "同时，", "“", "”", "坚决", "防止", "政府", "要", "深化", "的"]))
def test_plan_openers_by_two_searches_equal_the_clause_loop(sentence):
    assert directives.find_triggers(sentence, plan=True) == plan_openers_by_clauses(sentence)


GOVREPORTS = sorted((FIXTURES / "realworld" / "govreports").glob("*.txt"))[:4]
REPORT_CLEAN = [process_document(p.read_bytes(), p.name).document["clean_text"] for p in GOVREPORTS]


@pytest.mark.parametrize("text", SEED_CLEAN + REPORT_CLEAN)
def test_plan_openers_on_real_sentences(text):
    for a, b in directives.split_sentences(text):
        sentence = text[a:b]
        assert directives.find_triggers(sentence, plan=True) == plan_openers_by_clauses(sentence)


@pytest.mark.parametrize("text", SEED_CLEAN + REPORT_CLEAN)
def test_directives_reuse_of_facts_changes_nothing(text, monkeypatch):
    """find_directives passes each sentence's is_fact to classify; recomputing it gives the same."""
    from transforms.structure import split_sections

    sections = split_sections(text)
    found = directives.find_directives(text, sections)
    classify = directives.classify
    monkeypatch.setattr(directives, "classify",
                        lambda sentence, in_review=False, fact=None, plan=False: classify(sentence, in_review, plan=plan))
    assert found and directives.find_directives(text, sections) == found


@pytest.mark.parametrize("text", SEED_CLEAN + REPORT_CLEAN)
def test_innermost_sections_sweep_equals_the_scan(text):
    from transforms.structure import split_sections

    sections = split_sections(text)
    positions = sorted({a for a, _ in directives.split_sentences(text, sections)} | {s.char_start for s in sections})
    assert directives._innermost_sections(sections, positions) == [
        directives._innermost_section(sections, pos) for pos in positions]


# --- tokens and ratios -----------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["jieba", "rjieba"])
@pytest.mark.parametrize("index", range(len(SEED_CLEAN)))
def test_count_terms_equals_filtering_every_token(engine, index):
    text = SEED_CLEAN[index]
    want = Counter(t for t in tokens.tokenize(text, engine)
                   if t not in tokens.STOP_WORDS and tokens.MEANINGFUL_TOKEN.search(t))
    assert tokens.count_terms(text, engine) == want
    assert sum(want.values()) > 500


@pytest.mark.parametrize("index", range(len(SEED_CLEAN)))
def test_zh_ratio_counts_characters(index):
    text = SEED_CLEAN[index]
    cjk = sum(1 for ch in text if re.match(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", ch))
    visible = sum(1 for ch in text if not ch.isspace())
    assert zh_ratio(text) == round(cjk / visible, 4)
