import hashlib
import itertools
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from transforms import near_duplicates as nd
from transforms.document import process_document

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
REPORTS = FIXTURES / "realworld" / "govreports"
ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=None)
def raw_lines(name: str) -> tuple[str, ...]:
    return tuple((SEEDS / name).read_text(encoding="utf-8").split("\n"))


def clean(raw: str, name: str = "variant.txt") -> str:
    return process_document(raw.encode("utf-8"), name).document["clean_text"]


@lru_cache(maxsize=None)
def seed_sig(name: str) -> bytes:
    return nd.signature(clean("\n".join(raw_lines(name)), name))


def exact_jaccard(a: str, b: str) -> float:
    sa = set(nd.shingle_hashes(nd.content_codes(a)).tolist())
    sb = set(nd.shingle_hashes(nd.content_codes(b)).tolist())
    return len(sa & sb) / len(sa | sb)


S000 = "000_b91d5fdc5d2a3594.txt"
S002 = "002_090c31c4a9f3c820.txt"
S004 = "004_1ac75a8c33db37d8.txt"

# chrome of other pages, as scraped (seeds 004, 002, 001, 003)
OTHER_CHROME_HEAD = [
    "  • 索 引 号 :11411000005747138B/201208-00022",
    "  • 信息分类:市政府办文件",
    "  • 发布机构:许昌市人民政府",
    "今日天气预报:",
    "发布时间 :2022-11-16    文章来源 :江西省九江市人民政府驻深圳(广东)办事处",
]
OTHER_CHROME_TAIL = [
    "【打印此页】  【关闭此页】",
    "相关热词搜索:区政府 党组 班子 日上 讲话",
    "热点文章阅读",
    "该用户很懒,什么也没介绍",
    "相关文档",
    "    留言与评论(共有 0 条评论)",
]


def repost_of_000(chrome=True, title=None, drop_line=None, edits=0) -> str:
    """Seed 000 as another site shows it: its own page chrome (lines 2 and 17) replaced by another's."""
    lines = list(raw_lines(S000))
    for k in range(edits):  # one character replaced in each of `edits` body paragraphs (lines 5-10)
        i = 4 + k % 6
        lines[i] = lines[i][: 30 + k] + "某" + lines[i][31 + k :]
    if title is not None:
        lines[0] = title
    if drop_line is not None:
        lines[drop_line] = None
    body = [line for k, line in enumerate(lines) if k not in (1, 16) and line is not None]   # 瀏覽量/時間, 掃描二維碼
    if chrome:
        body = OTHER_CHROME_HEAD + body + OTHER_CHROME_TAIL
    return "\n".join(body)


# --- reposts are duplicates ---------------------------------------------------------------------


@pytest.mark.parametrize("variant", [
    dict(),                                                   # other site's chrome
    dict(title="湖州市人民政府关于加强领导班子自身建设的决定_湖州市人民政府门户网站"),  # title line changed
    dict(title="政策文件"),
    dict(drop_line=8),                                        # one paragraph dropped (of ten)
    dict(edits=6),                                            # a few characters edited
    dict(title="转载：湖州市人民政府关于加强领导班子自身建设的决定", drop_line=6, edits=4),
])
def test_repost_of_seed_000_is_a_duplicate(variant):
    sig = nd.signature(clean(repost_of_000(**variant)))
    sim = nd.similarity(sig, seed_sig(S000))
    assert nd.is_duplicate(sim), sim
    assert set(nd.band_keys(sig)) & set(nd.band_keys(seed_sig(S000)))   # found as a candidate


def test_repost_of_seed_002_without_its_attachment_heading_is_a_duplicate():
    lines = list(raw_lines(S002))
    repost = [line for line in lines if line.strip() not in ("今日天气预报:", "【打印此页】  【关闭此页】")]
    repost = ["首页 > 政务公开 > 政策文件"] + repost[:30] + repost[31:] + ["上一篇：关于做好2023年春节期间安全生产工作的通知"]
    sig = nd.signature(clean("\n".join(repost)))
    assert nd.is_duplicate(nd.similarity(sig, seed_sig(S002)))


def test_similarity_estimates_the_exact_jaccard_similarity():
    a = clean("\n".join(raw_lines(S000)))
    b = clean(repost_of_000(drop_line=8, edits=6))
    assert abs(nd.similarity(nd.signature(a), nd.signature(b)) - exact_jaccard(a, b)) < 0.1
    assert exact_jaccard(a, b) < 0.95   # the edit is real: the estimate is not just 1.0


# --- different documents are not ----------------------------------------------------------------


def test_seeds_002_and_004_are_not_duplicates():
    sim = nd.similarity(seed_sig(S002), seed_sig(S004))
    assert not nd.is_duplicate(sim)
    assert sim < 0.1
    assert not set(nd.band_keys(seed_sig(S002))) & set(nd.band_keys(seed_sig(S004)))


def test_work_reports_of_different_provinces_are_not_duplicates():
    sigs = {p.name: nd.signature(clean(p.read_text(encoding="utf-8"), p.name)) for p in sorted(REPORTS.glob("*.txt"))}
    assert len(sigs) == 23
    worst = max(itertools.combinations(sigs, 2), key=lambda pair: nd.similarity(sigs[pair[0]], sigs[pair[1]]))
    assert not nd.is_duplicate(nd.similarity(sigs[worst[0]], sigs[worst[1]])), worst


def notice(title: str, body: str, number: int, date: str) -> str:
    """A notice of one bureau on its template (the frame lines are seed 000's and 004's)."""
    return "\n".join([
        "湖州市人民政府文件", f"湖政发〔2017〕{number}号", title,
        "各县(市、区)人民政府,许昌新区、经济技术开发区、东城区管委会,市人民政府各部门:",
        body, "特此通知。", "湖州市人民政府", date, "(此件公开发布)",
        "抄送:市委各部门,市人大常委会、市政协办公室,市纪委,湖州军分区,市中级法院,市检察院,各群众团体,各民主党派。",
        f"湖州市人民政府办公室 {date}印发",
    ])


# two short notices of one bureau: the frame is half of each text
NOTICE_A = notice("湖州市人民政府关于张国晖等同志职务任免的通知",
                  "经市政府研究决定：任命张国晖为市发展和改革委员会主任；免去李明的市财政局副局长职务。", 18, "2017年4月27日")
NOTICE_B = notice("湖州市人民政府关于王建华等同志职务任免的通知",
                  "经市政府研究决定：任命王建华为市教育局局长；任命陈静为市交通运输局副局长。", 21, "2017年5月4日")


def test_two_notices_on_one_template_are_not_duplicates():
    sim = nd.similarity(nd.signature(clean(NOTICE_A)), nd.signature(clean(NOTICE_B)))
    assert not nd.is_duplicate(sim), sim


def shared_shingles(a: str, b: str) -> int:
    return len(set(nd.shingle_hashes(nd.content_codes(a)).tolist()) & set(nd.shingle_hashes(nd.content_codes(b)).tolist()))


def test_the_frame_is_left_out_of_the_comparison(monkeypatch):
    a, b = clean(NOTICE_A), clean(NOTICE_B)
    compared = "".join(map(chr, nd.content_codes(a).tolist()))
    assert "特此通知" not in compared and "抄送" not in compared and "各县" not in compared
    assert "任命张国晖为市发展和改革委员会主任" in compared and "职务任免的通知" in compared
    bodies = shared_shingles(a, b)
    monkeypatch.setattr(nd, "is_furniture", lambda line: False)
    assert shared_shingles(a, b) > 3 * bodies   # with their frames the two notices share far more


@pytest.mark.parametrize("line", [
    "特此通知。",
    "各县（市、区）人民政府，许昌新区、经济技术开发区、东城区管委会，市人民政府各部门：",   # seed 004
    "同志们：",
    "湖州市人民政府",                      # signature, seed 000
    "2017年4月27日",
    "二○一二年八月一日",                    # seed 004
    "湖政发〔2017〕18号",
    "（此件公开发布）",
    "抄送：市委各部门，市人大常委会、市政协办公室，市纪委，湖州军分区，市中级法院，市检察院，各群众团体，各民主党派。",
    "湖州市人民政府办公室 2017年5月4日印发",
    "湖州市人民政府文件",
])
def test_frame_lines(line):
    assert nd.is_furniture(line)


@pytest.mark.parametrize("line", [
    "一、指导思想",                                                         # seed 002 heading
    "现将市长张国晖的讲话印发给你们，请认真组织学习和贯彻落实。",                  # seed 004
    "湖州市人民政府关于加强领导班子自身建设的决定",                               # a title
    "7月31日，市政府召开了六届一次全体会议，市长张国晖作了重要讲话。",
    "抄近路不是好办法。",
    "严格执行重大行政决策程序规定，凡是涉及全市经济社会发展的重大决策事项，均要经过公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序。",  # seed 000
    "在政府新班子成员会议上的讲话",                                              # seed 003 title
])
def test_body_lines_are_not_frame_lines(line):
    assert not nd.is_furniture(line)


# --- signatures --------------------------------------------------------------------------------


def test_text_too_short_has_no_signature_and_no_candidates():
    assert nd.signature("湖州市人民政府关于做好2023年春节期间安全生产工作的通知") == b""
    assert nd.band_keys(b"") == []
    assert nd.similarity(b"", seed_sig(S000)) == 0.0
    assert not nd.is_duplicate(nd.similarity(b"", b""))


def test_short_text_fills_every_bin():
    text = "现将市长张国晖的讲话印发给你们，请认真组织学习和贯彻落实。7月31日，市政府召开了六届一次全体会议，市长张国晖作了重要讲话。"
    sig = nd.signature(text)
    assert len(sig) == nd.SIGNATURE_BYTES
    assert nd.similarity(sig, nd.signature(text)) == 1.0
    assert nd.similarity(sig, nd.signature(text.replace("六届一次", "七届二次"))) < 1.0


def test_punctuation_spaces_and_line_breaks_do_not_matter():
    text = clean("\n".join(raw_lines(S000)))
    reflowed = text.replace("，", ",").replace("\n", "\n\n").replace("。", "。 ")
    assert nd.signature(reflowed) == nd.signature(text)


def test_band_keys():
    keys = nd.band_keys(seed_sig(S000))
    assert len(keys) == nd.BANDS == len(set(keys))
    assert [k[:2] for k in keys] == [f"{b:02x}" for b in range(nd.BANDS)]
    assert all(len(k) == 18 for k in keys)


# the signature is stored in the warehouse: a change of its bytes must be deliberate
PINNED_TEXT = "新一届市政府领导班子受任于湖州加快赶超、实现“两高”的关键时期，肩负着在市委领导下带领全市政府系统、依靠全市人民为全面完成市第八次党代会确定的目标任务而奋斗的历史重任。"
PINNED_SHA256 = "c8450c6915e79958939ae8d4844af27825be8d3beb6e9ec41c7ced76bb887962"


def test_signature_bytes_are_pinned():
    assert hashlib.sha256(nd.signature(PINNED_TEXT)).hexdigest() == PINNED_SHA256


def test_signature_is_deterministic_across_processes():
    code = ("import sys, hashlib; sys.path.insert(0, '.'); from transforms import near_duplicates as nd; "
            f"print(hashlib.sha256(nd.signature({PINNED_TEXT!r})).hexdigest())")
    digests = {
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
        for seed in ("1", "2")
    }
    assert digests == {hashlib.sha256(nd.signature(PINNED_TEXT)).hexdigest()}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="现印发给你们请认真贯彻执行特此通知湖州市人民政府：，。\n 2017年4月27日抄送ab1", max_size=300))
def test_signature_is_total(text):
    sig = nd.signature(text)
    assert sig == b"" or len(sig) == nd.SIGNATURE_BYTES
    assert len(nd.band_keys(sig)) in (0, nd.BANDS)
    assert nd.similarity(sig, sig) == (1.0 if sig else 0.0)
