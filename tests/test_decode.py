"""Decode stage on the real seeds re-encoded, and on bytes that are not text."""
from __future__ import annotations

import codecs

import pytest

from conftest import seed_paths
from transforms.decode import DecodeError, decode_bytes, plausibility

SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in seed_paths()}
# GBK has no NBSP or en space: a real GBK page would carry plain spaces there
SIMPLIFIED_SEED = SEED_TEXTS["002_090c31c4a9f3c820.txt"].replace("\xa0", " ").replace("\u2002", " ")


@pytest.mark.parametrize("name", sorted(SEED_TEXTS))
def test_seeds_are_utf8(name):
    raw = (seed_paths()[0].parent / name).read_bytes()
    decoded = decode_bytes(raw)
    assert decoded.encoding == "utf-8" and decoded.confidence > 0.9
    assert decoded.text == SEED_TEXTS[name]


@pytest.mark.parametrize("codec,family", [
    ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-16-le", "utf-16"), ("utf-16-be", "utf-16"),
])
def test_reencoded_seed_decodes_to_same_text(codec, family):
    decoded = decode_bytes(SIMPLIFIED_SEED.encode(codec))
    assert decoded.encoding == family
    assert decoded.text == SIMPLIFIED_SEED


def test_big5_is_not_mistaken_for_gb18030():
    # strict GB18030 accepts Big5 bytes and returns garbage: the scoring step must pick big5
    text = "新一屆市政府領導班子受任於湖州加快趕超、實現「兩高」的關鍵時期，肩負著在市委領導下帶領全市政府系統。"
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.encoding.startswith("big5")
    assert decoded.text == text


def test_short_gbk_input_is_checked_for_plausibility():
    text = "关于加强领导班子自身建设的决定"
    assert decode_bytes(text.encode("gbk")).text == text


@pytest.mark.parametrize("bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_bom_decides(bom, codec):
    raw = bom + "各县（市、区）人民政府：".encode(codec)
    decoded = decode_bytes(raw)
    assert decoded.text.lstrip("\ufeff") == "各县（市、区）人民政府：" and decoded.confidence == 1.0


def test_gbk_with_a_few_bad_bytes_decodes_leniently_and_counts_them():
    raw = bytearray(SIMPLIFIED_SEED.encode("gbk"))
    for pos in (500, 3000, 9000):
        raw[pos] = 0xFF  # invalid lead byte in GBK and in UTF-8
    decoded = decode_bytes(bytes(raw))
    assert decoded.encoding == "gb18030"
    assert 1 <= decoded.replacement_chars <= 6
    assert "坚持以习近平新时代中国特色社会主义思想为指导" in decoded.text


@pytest.mark.parametrize("raw,reason", [
    (b"", "empty"),
    (b"  \r\n\t ", "empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary"),
    (b"PK\x03\x04" + b"\x14" * 50, "binary"),
    (b"abc\x00\x01\x02\x03\x00\xff\xfe" * 50, "binary"),
])
def test_not_text_raises_with_reason(raw, reason):
    with pytest.raises(DecodeError) as err:
        decode_bytes(raw)
    assert err.value.reason == reason and err.value.detail


def test_plausibility_separates_right_and_wrong_decodes():
    text = SEED_TEXTS["000_b91d5fdc5d2a3594.txt"][:2000]
    right = plausibility(text)
    wrong = plausibility(text.encode("utf-8").decode("gb18030", errors="replace"))
    assert right > 0.85 and wrong < 0.6
