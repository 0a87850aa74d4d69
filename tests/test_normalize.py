"""Normalize stage on real sentences from the seeds."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from transforms.normalize import (
    apply_punctuation_policy, detect_script, join_wrapped_lines, normalize_text, remove_pinyin,
    remove_watermarks, strip_markup,
)


@pytest.mark.parametrize("raw,want", [
    ("湖政發(fā)〔2017〕18號", "湖政發〔2017〕18號"),
    ("市第八次黨代會(huì )、市八屆人大", "市第八次黨代會、市八屆人大"),
    ("實干促發(fā)展,F(xiàn)在我們發(fā)展的思路", "實干促發展,F在我們發展的思路"),  # after mojibake
    ("個(gè)人", "個人"),
])
def test_pinyin_annotations_removed(raw, want):
    assert remove_pinyin(raw)[0] == want


@pytest.mark.parametrize("text", [
    "江西省九江市人民政府驻深圳(广东)办事处",
    "(一)建设忠诚型政府",
    "推广PPP(public private partnership)模式",
    "政府和社会资本合作(PPP)",
    "附件(a)",
])
def test_real_parentheses_kept(text):
    assert remove_pinyin(text) == (text, 0)


def test_script_detection_and_conversion():
    trad = (SEEDS / "000_b91d5fdc5d2a3594.txt").read_text(encoding="utf-8")
    simp = (SEEDS / "002_090c31c4a9f3c820.txt").read_text(encoding="utf-8")
    assert detect_script(trad) == "traditional"
    assert detect_script(simp) == "simplified"
    assert detect_script(trad[:3000] + simp[:3000]) == "mixed"
    n = normalize_text(trad)
    assert n.original_script == "traditional"
    assert "新一届市政府领导班子受任于湖州加快赶超" in n.text
    assert "肩负着在市委领导下" in n.text  # 著 -> 着 in context (t2s would leave 著)
    assert "(fā)" not in n.text and "（fā）" not in n.text and n.pinyin_removed > 100


def test_simplified_text_is_not_converted():
    text = "九江市人民政府关于印发实施方案的通知"
    assert normalize_text(text).text == text


def test_markup_leftovers_dropped():
    assert strip_markup("不折不扣地完成；<br>需要幾個部門") == "不折不扣地完成；\n需要幾個部門"
    assert strip_markup("各县&nbsp;人民政府&lt;") == "各县\xa0人民政府<"


def test_punctuation_policy():
    assert apply_punctuation_policy("坚持带头维护核心,努力建设") == "坚持带头维护核心，努力建设"
    assert apply_punctuation_policy("驻深圳(广东)办事处") == "驻深圳（广东）办事处"
    assert apply_punctuation_policy("时间:2020-03-16 16:19:04") == "时间：2020-03-16 16:19:04"
    assert apply_punctuation_policy("完成1,588.7亿元") == "完成1,588.7亿元"
    assert apply_punctuation_policy("魄力， 努力开创") == "魄力，努力开创"


def test_wrapped_line_spaces_joined_and_lost_breaks_restored():
    line = ("今天我讲三点，一是讲政府工作怎 么运作，二是对班子成员自身建设提几点要求，三是作为政 府一把手，我表个态。 "
            "一、政府工作怎么运作 (一)从体制方面来讲，要强化党的观念，要在市委领 导下开展工作，重大决策必须报市委研究")
    out = join_wrapped_lines(line)
    assert "要在市委领导下开展工作" in out and "政府一把手" in out
    assert out.split("\n")[1:] == ["一、政府工作怎么运作", "(一)从体制方面来讲，要强化党的观念，要在市委领导下开展工作，重大决策必须报市委研究"]


def test_short_spaced_lines_are_not_joined():
    line = "相关热词搜索：区政府 党组 班子 日上 讲话"
    assert join_wrapped_lines(line) == line


def test_watermark_removed_mid_word_and_recorded():
    text, removed = remove_watermarks("去年以来提出中心城市的问该文档为文档投稿赚钱网作品，版权所有，违责必纠题，中心城市")
    assert text == "去年以来提出中心城市的问题，中心城市"
    assert removed == [("该文档为文档投稿赚钱网作品，版权所有，违责必纠", "watermark-doc-site")]


def test_fullwidth_digits_and_zero_width_characters():
    assert normalize_text("１９９６年\u200b政府").text == "1996年政府"


# --- mixed script ---------------------------------------------------------------------------------


def _partly_traditional(text: str, share: float) -> str:
    """A simplified text whose first `share` is rewritten in traditional characters (as in older texts
    assembled from differently converted sources)."""
    from transforms.normalize import _converters

    k = int(len(text) * share)
    return _converters()[1].convert(text[:k]) + text[k:]


@pytest.mark.parametrize("share", [0.05, 0.3])
def test_partly_traditional_text_is_mixed_and_converted_throughout(share):
    simp = (SEEDS / "002_090c31c4a9f3c820.txt").read_text(encoding="utf-8")
    mixed = _partly_traditional(simp, share)
    assert mixed != simp
    n = normalize_text(mixed)
    assert n.original_script == "mixed"
    assert n.text == normalize_text(simp).text   # every character back to the simplified original


def test_simplified_words_of_a_mixed_text_are_kept():
    # a traditional line above a simplified seed; tw2s alone turns 显著 into 显着 and a lone 么 into 幺
    simp = (SEEDS / "002_090c31c4a9f3c820.txt").read_text(encoding="utf-8")
    trad = "過去一年，全區上下團結奮鬥，經濟發展質量顯著提高，圓滿完成了各項目標任務。"
    text = trad + "\n成效显著，么\n" + simp
    n = normalize_text(text)
    assert n.original_script == "mixed"
    assert n.text.split("\n")[:2] == ["过去一年，全区上下团结奋斗，经济发展质量显著提高，圆满完成了各项目标任务。", "成效显著，么"]
    assert n.text.endswith(normalize_text(simp).text)


def test_few_traditional_characters_in_a_simplified_page_stay_simplified():
    # a simplified page with a "繁體中文網站" link and a 顯著: not enough to call it mixed
    simp = (SEEDS / "002_090c31c4a9f3c820.txt").read_text(encoding="utf-8")
    assert detect_script("繁體中文網站\n" + simp) == "simplified"
    assert detect_script("繁體中文網站 經濟發展質量顯著\n" + simp) == "mixed"   # 8+ traditional-only characters


def test_character_changed_by_both_converters_counts_for_neither_script():
    from transforms.normalize import _char_kind

    assert _char_kind("么") == 0      # 什么: s2t 麼, tw2s's Taiwan variant 幺
    assert _char_kind("發") == 1 and _char_kind("发") == -1 and _char_kind("政") == 0
