"""Repeated bodies in one page dump: the same run of lines printed twice (print view + page view,
or title + byline + first paragraph repeated under 关闭窗口).

`find_repeats(keys)` takes one key per line (the line's text without spaces) and returns the runs
that occur twice, as `Repeat(first, second, pairs)`. Linear time: each line is hashed once (a dict
of first occurrences) and a run is followed by comparing the next line at the same offset.
A report repeats short lines (各位代表！) and headings on its own, so a repeat counts only with
MIN_RUN_LINES lines in one unbroken run, MIN_RUN_CHARS characters and a sentence of prose; a second
copy never overlaps its first. Runs broken by a differing line (chrome left in one copy) are merged
when both gaps are at most MAX_GAP_LINES. Which copy to drop is left to the caller. Pure: no I/O.
"""
from __future__ import annotations

from dataclasses import dataclass

MIN_RUN_LINES = 3       # a repeated body holds at least this many lines (title + byline + a first paragraph)...
MIN_RUN_CHARS = 60      # ...and this many characters...
MIN_PROSE_CHARS = 30    # ...and a line of prose this long (a sentence end): a title wrapped over 3 lines is not a body
SENTENCE_END = "。！？；”"
MAX_GAP_LINES = 3       # runs of one repeat may be split by this many differing lines per copy
MAX_BACKTRACK = 50      # lines a run is extended backwards (its first line may align elsewhere)


@dataclass(frozen=True)
class Repeat:
    first: tuple[int, int]                 # [start, end) of the first copy, in positions of `keys`
    second: tuple[int, int]                # [start, end) of the second copy
    pairs: tuple[tuple[int, int], ...]     # (position in first copy, position in second copy)


def _runs(keys: list[str]) -> list[tuple[int, int, int]]:
    """Maximal (a, b, k): keys[a:a+k] == keys[b:b+k], a + k <= b, in order of b."""
    first_pos: dict[str, int] = {}
    runs: list[tuple[int, int, int]] = []
    start, d = -1, 0
    n = len(keys)
    for i, key in enumerate(keys):
        if start >= 0 and i - d < start and keys[i - d] == key:
            continue
        if start >= 0:
            runs.append((start - d, start, i - start))
        start = -1
        j = first_pos.setdefault(key, i)
        if j != i:
            start, d = i, i - j
    if start >= 0:
        runs.append((start - d, start, n - start))
    out: list[tuple[int, int, int]] = []
    floor = 0  # a run never extends back into the previous run's second copy
    for a, b, k in runs:
        steps = 0
        while a > 0 and b - 1 >= max(floor, a + k) and keys[a - 1] == keys[b - 1] and steps < MAX_BACKTRACK:
            a, b, k, steps = a - 1, b - 1, k + 1, steps + 1
        out.append((a, b, k))
        floor = b + k
    return out


def find_repeats(keys: list[str], min_lines: int = MIN_RUN_LINES, min_chars: int = MIN_RUN_CHARS) -> list[Repeat]:
    """Runs of lines that occur twice (merged across small gaps), long enough to be a repeated body."""
    groups: list[list[tuple[int, int, int]]] = []
    for a, b, k in _runs(keys):
        if groups:
            pa, pb, pk = groups[-1][-1]
            if 0 <= a - (pa + pk) <= MAX_GAP_LINES and 0 <= b - (pb + pk) <= MAX_GAP_LINES and a + k <= groups[-1][0][1]:
                groups[-1].append((a, b, k))
                continue
        groups.append([(a, b, k)])
    found: list[Repeat] = []
    for group in groups:
        if max(k for _, _, k in group) < min_lines:
            continue   # a copy holds one unbroken run of min_lines at least
        pairs = tuple((a + x, b + x) for a, b, k in group for x in range(k))
        chars = sum(len(keys[j]) for _, j in pairs)
        prose = any(len(keys[j]) >= MIN_PROSE_CHARS and keys[j][-1] in SENTENCE_END for _, j in pairs)
        if chars >= min_chars and prose:
            (a0, b0, _), (a1, b1, k1) = group[0], group[-1]
            found.append(Repeat((a0, a1 + k1), (b0, b1 + k1), pairs))
    return found
