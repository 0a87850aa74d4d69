import datetime as dt

import pytest
from hypothesis import given, settings, strategies as st

from transforms.dates import chinese_numeral_to_int, find_dates, parse_date, parse_datetime


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2017年4月27日", dt.date(2017, 4, 27)),          # seed 000 成文日期
        ("2017-04-27", dt.date(2017, 4, 27)),
        ("2017/4/27", dt.date(2017, 4, 27)),
        ("2017.4.27", dt.date(2017, 4, 27)),
        ("二○一二年八月一日", dt.date(2012, 8, 1)),        # seed 004 成文日期, zero written ○
        ("二〇一二年十二月三十一日", dt.date(2012, 12, 31)),
        ("二Ｏ一二年八月一日", dt.date(2012, 8, 1)),
        ("二O一二年八月一日", dt.date(2012, 8, 1)),
        ("二零一二年八月一日", dt.date(2012, 8, 1)),
        ("二〇二〇年十月二十日", dt.date(2020, 10, 20)),
        ("２０１７年４月２７日", dt.date(2017, 4, 27)),     # fullwidth digits
        ("1 9 9 3 年 4 月 2 7 日", dt.date(1993, 4, 27)),  # digits spaced out by PDF extraction
        ("2017年4月27号", dt.date(2017, 4, 27)),
        ("（2017年4月27日）", dt.date(2017, 4, 27)),
        ("2020-03-16 16:19:04", dt.date(2020, 3, 16)),     # a time after the date is ignored
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2017年2月30日",               # no such day
        "2017-13-01",                   # no such month
        "二○一二年十三月一日",
        "2017年4月",                    # no day
        "7月31日",                      # no year
        "湖州市人民政府办公室 2017年5月4日印发",  # more than a date
        "1.2017.4.27",                  # part of a dotted number
        "",
        None,
    ],
)
def test_parse_date_rejects(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2020-03-16 16:19:04", dt.datetime(2020, 3, 16, 16, 19, 4)),   # seed 000 时间
        ("2012-08-02 10:52", dt.datetime(2012, 8, 2, 10, 52)),          # seed 004 生成日期
        ("2021-04-02", dt.datetime(2021, 4, 2)),                        # date only: midnight
        ("2020年3月16日 16时19分", dt.datetime(2020, 3, 16, 16, 19)),
        ("2020-03-16T16:19:04+08:00", dt.datetime(2020, 3, 16, 16, 19, 4)),  # naive, as written
        ("２０２０－０３－１６　１６：１９", dt.datetime(2020, 3, 16, 16, 19)),
    ],
)
def test_parse_datetime(text, expected):
    got = parse_datetime(text)
    assert got == expected and got.tzinfo is None


@pytest.mark.parametrize("text", ["2020-03-16 25:00", "2020-02-30 10:00", "发布时间", "10:52"])
def test_parse_datetime_rejects(text):
    assert parse_datetime(text) is None


def test_find_dates_gives_spans_in_order():
    line = "（2012年7月31日，根据录音整理）湖州市人民政府办公室 2017年5月4日印发"   # seeds 004, 000
    found = find_dates(line)
    assert [f.date for f in found] == [dt.date(2012, 7, 31), dt.date(2017, 5, 4)]
    assert line[found[0].start : found[0].end] == "2012年7月31日"
    assert line[found[1].start : found[1].end] == "2017年5月4日"


def test_find_dates_skips_invalid_and_yearless():
    assert find_dates("7月31日，市政府召开了六届一次全体会议，2017年2月30日") == []


@pytest.mark.parametrize(
    "numeral, value",
    [("二○一二", 2012), ("二〇〇八", 2008), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("廿三", 23), ("八", 8), ("甲", None)],
)
def test_chinese_numeral_to_int(numeral, value):
    assert chinese_numeral_to_int(numeral) == value


_DATE_TEXT = st.text(alphabet="0123456789年月日号-/.: 〇○零一二三四五六七八九十廿卅O", max_size=24)


@settings(max_examples=150, deadline=None)
@given(st.one_of(_DATE_TEXT, st.text(max_size=40)))
def test_never_raises(text):
    parse_date(text)
    parse_datetime(text)
    find_dates(text)


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_written_forms_round_trip(date):
    digits = "〇一二三四五六七八九"
    small = lambda n: ("" if n < 20 else digits[n // 10]) + ("十" if n >= 10 else "") + (digits[n % 10] if n % 10 else "")
    chinese = "".join(digits[int(c)] for c in str(date.year)) + f"年{small(date.month)}月{small(date.day)}日"
    for written in (f"{date.year}年{date.month}月{date.day}日", date.isoformat(), f"{date.year}/{date.month}/{date.day}", chinese):
        assert parse_date(written) == date, written


@pytest.mark.parametrize(
    "text, expected",
    [
        ("——二〇二六年一月二十七日在甘肃省十四届人民代表大会第四次会议上", [dt.date(2026, 1, 27)]),   # 甘肃 report header
        ("（二○一二年八月一日市政府第十次常务会议审议通过）", [dt.date(2012, 8, 1)]),
        ("一九九八年元月十日", [dt.date(1998, 1, 10)]),               # 元月 is January
        ("2026年元月5日", [dt.date(2026, 1, 5)]),
        ("单元月底前完成，二〇二六年", []),                          # 元月 inside a word, a bare year
        ("2026年元旦", []),
    ],
)
def test_find_dates_chinese_numerals_and_month_words(text, expected):
    assert [f.date for f in find_dates(text)] == expected
