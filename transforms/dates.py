"""Parse the dates and times written in Chinese government documents.

Pure functions, never raising: a string that is not a valid date gives None.
Handled: 2017年4月27日, 2017-04-27, 2017/4/27, 2017.4.27, Chinese numerals (二○一二年八月一日,
二〇一二年十二月三十一日, 一九九八年元月十日, zero written ○ 〇 Ｏ O 零), fullwidth digits (２０１７年) and digits
spaced out by text extraction (1 9 9 3 年 4 月 5 日). Times: 16:19:04, 10:52, 10时52分.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

# --- rule tables -------------------------------------------------------------------------------

# Length-preserving fold of fullwidth digits and separators to ASCII, so match offsets stay valid.
# e.g. "２０１７－０４－２７" -> "2017-04-27", "１０：５２" -> "10:52"
FULLWIDTH_FOLD = {**{0xFF10 + i: 0x30 + i for i in range(10)}, ord("－"): "-", ord("／"): "/", ord("．"): ".", ord("："): ":"}

_FULLWIDTH_CHAR = re.compile("[" + "".join(map(chr, FULLWIDTH_FOLD)) + "]")  # translate only when needed: it is slow

# Chinese numeral characters and their values; zero has many written forms. e.g. 二○一二 -> 2012
CN_ZERO_CHARS = "〇○◯ＯO零0０"
CN_DIGITS = {**{c: 0 for c in CN_ZERO_CHARS}, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
# Positional units; 廿/卅 are shorthand for 二十/三十. e.g. 三十一 -> 31, 廿三 -> 23
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_TENS_SHORTHAND = {"廿": "二十", "卅": "三十"}
# Month names that are words, not numerals. e.g. "一九九八年元月十日" -> January
CN_MONTH_WORDS = {"元": 1}

_CN_YEAR = "[" + re.escape(CN_ZERO_CHARS) + "一二三四五六七八九]{4}"
_CN_SMALL = "[" + re.escape(CN_ZERO_CHARS) + "一二三四五六七八九十廿卅]{1,3}"
_AR_YEAR = r"(?<!\d)\d(?:[ \t]?\d){3}"   # 2017, or 1 9 9 3 as spaced out by PDF extraction
_AR_SMALL = r"(?<!\d)\d(?:[ \t]?\d)?(?!\d)"

# Year-month-day with 年月日 (日 or colloquial 号), Arabic or Chinese numerals, optional spaces.
# e.g. "2017年4月27日", "二○一二年八月一日", "1 9 9 3 年 4 月 5 日", "2017年4月27号", "一九九八年元月十日"
DATE_YMD_CHARS = re.compile(
    rf"(?P<y>{_AR_YEAR}|{_CN_YEAR})\s*年\s*(?P<m>{_AR_SMALL}|{_CN_SMALL}|{'|'.join(CN_MONTH_WORDS)})\s*月\s*(?P<d>{_AR_SMALL}|{_CN_SMALL})\s*[日号]"
)
# Year-month-day with one repeated separator - / or . ; not part of a longer dotted number.
# e.g. "2017-04-27", "2017/4/27", "2017.4.27"; not "1.2017.4.27.5"
DATE_YMD_SEPARATED = re.compile(r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d])(?!\.\d)")

# Time of day following a date. e.g. " 16:19:04", " 10:52", "T10:52", " 10时52分", "10时"
TIME_OF_DAY = re.compile(
    r"\s*T?\s*(?:(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"|(?P<h2>\d{1,2})\s*[时点]\s*(?:(?P<mi2>\d{1,2})\s*分\s*(?:(?P<s2>\d{1,2})\s*秒)?)?)"
)

# What may surround a date in a string that is still "just a date". e.g. "（2017年4月27日）", " 2017-04-27 "
DATE_WRAPPING = "\t ()（）[]【】〔〕"

YEAR_RANGE = (1800, 2199)   # plausible years for these documents; others are numbers, not dates


class FoundDate(NamedTuple):
    date: dt.date
    start: int
    end: int


def chinese_numeral_to_int(s: str) -> int | None:
    """'二○一二' -> 2012 (digit by digit), '十二' -> 12, '三十一' -> 31, '廿三' -> 23; None if not a numeral."""
    s = "".join(CN_TENS_SHORTHAND.get(c, c) for c in s.strip())
    if not s or any(c not in CN_DIGITS and c not in CN_UNITS for c in s):
        return None
    if not any(c in CN_UNITS for c in s):
        return int("".join(str(CN_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[c]
            digit = None
        elif digit is not None and CN_DIGITS[c] != 0:
            return None          # two digits in a row in positional form: "二三十"
        else:
            digit = CN_DIGITS[c] if CN_DIGITS[c] != 0 else None
    return total + (digit or 0)


def _number(s: str) -> int | None:
    digits = re.sub(r"\s", "", s)
    if digits.isascii() and digits.isdigit():
        return int(digits)
    return chinese_numeral_to_int(digits)


def _make_date(y: str, m: str, d: str) -> dt.date | None:
    year, month, day = _number(y), CN_MONTH_WORDS.get(m) or _number(m), _number(d)
    if year is None or month is None or day is None or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every valid date written in text, in order, with its character span."""
    return list(_find_dates(text))


@lru_cache(maxsize=4096)  # metadata asks about the same lines several times
def _find_dates(text: str) -> tuple[FoundDate, ...]:
    folded = text.translate(FULLWIDTH_FOLD) if _FULLWIDTH_CHAR.search(text) else text
    found: list[FoundDate] = []
    for pattern in (DATE_YMD_CHARS, DATE_YMD_SEPARATED) if "年" in folded else (DATE_YMD_SEPARATED,):
        for m in pattern.finditer(folded):
            if any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            date = _make_date(m.group("y"), m.group("m"), m.group("d"))
            if date is not None:
                found.append(FoundDate(date, m.start(), m.end()))
    return tuple(sorted(found, key=lambda f: f.start))


def _time_at(folded: str, pos: int) -> tuple[dt.time | None, int]:
    """(time written at pos, end of it); (None, pos) when no time is written there."""
    m = TIME_OF_DAY.match(folded, pos)
    if not m:
        return None, pos
    h, mi, s = (m.group("h"), m.group("mi"), m.group("s")) if m.group("h") else (m.group("h2"), m.group("mi2"), m.group("s2"))
    try:
        return dt.time(int(h), int(mi or 0), int(s or 0)), m.end()
    except ValueError:
        return None, -1


def _parse(s: str) -> tuple[dt.date, dt.time | None] | None:
    if not isinstance(s, str):
        return None
    folded = s.translate(FULLWIDTH_FOLD).strip(DATE_WRAPPING)
    dates = find_dates(folded)
    if not dates or dates[0].start != 0:
        return None
    time, end = _time_at(folded, dates[0].end)
    if end < 0 or folded[end:].strip(DATE_WRAPPING):
        return None
    return dates[0].date, time


def parse_date(s: str) -> dt.date | None:
    """The date a string consists of (a time after it is allowed and ignored), else None."""
    parsed = _parse(s)
    return parsed[0] if parsed else None


def parse_datetime(s: str) -> dt.datetime | None:
    """Naive datetime, local time as written; a date-only string gives midnight. None if not a date."""
    if isinstance(s, str):
        try:
            return dt.datetime.fromisoformat(s.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    parsed = _parse(s)
    if not parsed:
        return None
    date, time = parsed
    return dt.datetime.combine(date, time or dt.time())
