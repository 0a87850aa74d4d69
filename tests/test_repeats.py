"""repeats.find_repeats: runs of lines printed twice in one page, found in linear time."""
from __future__ import annotations

import time

from transforms.repeats import MIN_RUN_CHARS, find_repeats

# Real lines of a report dump (青海): title, date line, byline, salutation, first paragraphs.
TITLE = ["政府工作报告", "――2026年1月27日在青海省第十四届人民代表大会第四次会议上", "省长罗东川"]
PARAS = [
    "各位代表：",
    "现在，我代表省人民政府向大会报告工作，请予审议，并请各位政协委员和列席会议的同志提出意见。",
    "一、2025年和“十四五”时期工作回顾",
    "2025年是“十四五”收官之年，是青海发展历程中很不平凡的一年。面对严峻复杂形势和多重风险挑战，我们砥砺前行。",
    "生态底色更加亮丽。",
    "始终坚持生态优先、绿色发展，以“国之大者”的政治担当，以“中华水塔”守护人的坚定，扛牢生态保护政治责任。",
    "各位代表！",
]


def test_body_printed_twice_is_one_repeat():
    keys = TITLE + PARAS + ["关闭窗口"] + TITLE + PARAS
    (rep,) = find_repeats(keys)
    n = len(TITLE + PARAS)
    assert rep.first == (0, n) and rep.second == (n + 1, 2 * n + 1)
    assert rep.pairs == tuple((i, n + 1 + i) for i in range(n))


def test_copies_split_by_a_differing_chrome_line_are_merged():
    second = TITLE + ["2026-01-31 07:00:44", "来源：青海日报"] + PARAS
    (rep,) = find_repeats(TITLE + PARAS + second)
    n = len(TITLE + PARAS)
    assert rep.second == (n, n + len(second))
    assert len(rep.pairs) == n       # the two chrome lines are the second copy's own


def test_first_line_aligned_elsewhere_is_recovered():
    # "各位代表！" occurs earlier too: the run is still followed from its first line
    keys = ["各位代表！", "前言。"] + PARAS[3:] + ["附件"] + PARAS[3:]
    (rep,) = find_repeats(keys)
    assert rep.second == (len(keys) - len(PARAS[3:]), len(keys))


def test_short_repeats_are_not_bodies():
    # salutations and headings repeat in every report; a three-line title without prose is no body
    keys = ["各位代表！", "（一）加强组织领导", PARAS[1], "各位代表！", "（一）加强组织领导", PARAS[3],
            "关于在全市政府系统大力开展忠诚型创新型", "担当型服务型过硬型政府建设加快推动", "九江高质量跨越式发展的实施方案",
            PARAS[5], "关于在全市政府系统大力开展忠诚型创新型", "担当型服务型过硬型政府建设加快推动", "九江高质量跨越式发展的实施方案"]
    assert find_repeats(keys) == []


def test_lines_repeated_one_by_one_are_not_a_copy():
    # every other line of the first paragraphs printed again: no unbroken run, so no repeated body
    p = PARAS[1::2] + PARAS[0::2]
    keys = p + ["甲", p[0], "乙", p[1], "丙", p[2]]
    assert find_repeats(keys) == []


def test_threshold_counts_characters():
    short = ["甲乙丙。", "丁戊己。", "庚辛壬。"]
    assert find_repeats(short + ["x"] + short) == []
    assert sum(map(len, short)) < MIN_RUN_CHARS


def test_a_line_repeated_back_to_back_does_not_overlap_itself():
    line = PARAS[3]
    assert find_repeats([line] * 6) == []           # copies of at most 2 lines: too short
    reps = find_repeats([line] * 8)
    assert [(r.first, r.second) for r in reps] == [((0, 4), (4, 8))]


def test_linear_time_on_a_long_page():
    page = [f"第{i}段：推进高质量发展，加强生态保护，持续改善民生，确保各项任务落到实处。" for i in range(20000)]
    start = time.perf_counter()
    (rep,) = find_repeats(page + page)
    assert rep.first == (0, 20000) and rep.second == (20000, 40000)
    assert time.perf_counter() - start < 1.0
