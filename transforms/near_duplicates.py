"""Near-duplicate detection: MinHash signatures of a document's clean text, LSH band keys, similarity.

What is compared: the clean text without the lines of the 公文 frame (主送 line, closing formula,
signature, date, 抄送/印发 lines: every notice of one bureau repeats them), and without spaces and
punctuation (reflowed lines and punctuation variants of a repost do not matter). That content is
cut into overlapping 5-character shingles, each hashed once (64-bit and deterministic: a polynomial
over the code points and the splitmix64 finalizer; no Python hash()). One-permutation MinHash (Li,
Owen and Zhang 2012) keeps the smallest hash in each of 128 bins picked by the hash's top bits; bins
a short text leaves empty take the value of the first non-empty bin along a probe sequence that is
the same for every document (optimal densification, Shrivastava 2017). The share of equal bins of
two signatures then estimates the Jaccard similarity of the shingle sets as 128 independent
permutations would, at the cost of one hash per shingle instead of 128.

The warehouse stores per document its signature (512 bytes) and band keys (42 strings): a later
run finds candidates among all earlier documents by joining on band keys, without reading their
text, and keeps a candidate pair when `is_duplicate(similarity(sig_a, sig_b))`.
Pure: no I/O.
"""
from __future__ import annotations

import hashlib
import re

import numpy as np

from transforms import metadata

# --- rule tables -------------------------------------------------------------------------------

# Code point ranges of the characters that are compared (digits, Latin letters, 〇, CJK); spaces,
# punctuation and symbols are dropped. e.g. "现印发给你们，请认真贯彻执行。" -> "现印发给你们请认真贯彻执行"
CONTENT_RANGES = ((0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x3007, 0x3007), (0x3400, 0x4DBF),
                  (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))

# Frame lines left out of the comparison (besides metadata's 抄送 label, note lines, organ names,
# banners, 发文字号 and date lines).
# Closing formulas. e.g. "特此通知。", "此复。"
CLOSING_FORMULA = re.compile(r"^(?:特此(?:通知|通告|公告|函告|批复|报告|证明|函复)|此复|妥否，请批示)[。！]?$")
# A line ending in a colon, without a sentence end: 主送 lists, salutations, lead-ins.
# e.g. "各县（市、区）人民政府，庐山管理局，…，市直及驻市各单位：", "同志们：", "经市政府研究决定："
LEAD_IN_LINE = re.compile(r"^[^。！？]{1,300}[：:]$")
# 印发 line of the 版记. e.g. "湖州市人民政府办公室 2017年5月4日印发"
PRINTED_LINE = re.compile(r"日\s*印\s*发$")
FURNITURE_MAX_CHARS = 40   # banner, 发文字号, signature, date and note lines are short; body lines are not

# --- parameters, chosen by measurement (tests/test_near_duplicates.py and the report) -----------

SHINGLE_CHARS = 5          # the usual size for Chinese; 3-4 grams share more across texts on one topic
NUM_BINS = 128             # bins of the signature (a power of two: a bin is the top bits of a hash)
BANDS, ROWS = 42, 3        # LSH on the first 126 bins: a pair at similarity s is a candidate with
                           # probability 1 - (1 - s**3)**42: 0.98 at 0.45, 0.996 at 0.5, 0.04 at 0.1
DUPLICATE_THRESHOLD = 0.5  # estimated Jaccard at or above which two documents are one text
# A text with fewer compared characters (a page holding only a title) has no signature: a repost
# and a sibling on the same template cannot be told apart on a few words.
MIN_CONTENT_CHARS = 50

_PROBE_ATTEMPTS = 256      # densification probes per bin; 50 characters fill >= ~20 bins, so a bin
                           # finds a filled one within 256 probes with P(miss) < 1e-10
_BIN_BITS = NUM_BINS.bit_length() - 1
_U64 = np.uint64
_POLY = _U64(0x100000001B3)              # FNV-64 prime: multiplier of the polynomial shingle hash
_SHINGLE_SEED = _U64(0x6A09E667F3BCC908)
_PROBE_SEED = _U64(0x9E3779B97F4A7C15)
SIGNATURE_BYTES = NUM_BINS * 4           # the low 32 bits of each bin's minimum, little-endian

assert NUM_BINS == 1 << _BIN_BITS and BANDS * ROWS <= NUM_BINS


def _splitmix64(h: np.ndarray) -> np.ndarray:
    """The splitmix64 finalizer: a bijection of uint64 that spreads every input bit over the output."""
    h = h ^ (h >> _U64(30))
    h = h * _U64(0xBF58476D1CE4E5B9)
    h = h ^ (h >> _U64(27))
    h = h * _U64(0x94D049BB133111EB)
    return h ^ (h >> _U64(31))


# Probe sequences of the densification: attempt a for bin i looks at bin PROBES[a, i]. Arithmetic
# only (no random generator whose stream could change with numpy), so equal in every process.
PROBES = (_splitmix64(np.arange(_PROBE_ATTEMPTS * NUM_BINS, dtype=np.uint64) + _PROBE_SEED)
          >> _U64(64 - _BIN_BITS)).astype(np.intp).reshape(_PROBE_ATTEMPTS, NUM_BINS)


# --- shingles ----------------------------------------------------------------------------------


def is_furniture(line: str) -> bool:
    """A line of the document's frame: '特此通知。', '各县（市、区）人民政府：', '湖州市人民政府',
    '2017年4月27日', '湖政发〔2017〕18号', '（此件公开发布）', '抄送：…', '…2017年5月4日印发'."""
    last = line[-1]
    if last in "：:":
        return bool(LEAD_IN_LINE.match(line))
    if last == "发" and PRINTED_LINE.search(line):
        return True
    if line[0] == "抄":
        return bool(metadata.CC_LABEL.match(line))
    if len(line) > FURNITURE_MAX_CHARS:   # most lines: decided by the cheap tests above
        return False
    return bool(
        CLOSING_FORMULA.match(line) or metadata.NOTE_LINE.match(line) or metadata.looks_like_organ(line)
        or ((m := metadata.ISSUER_BANNER.match(line)) and metadata.looks_like_organ(m.group("org")))
        or metadata.DOC_NUMBER.fullmatch(line)
        or metadata.standalone_date(line)
    )


def content_codes(text: str) -> np.ndarray:
    """Code points (uint64) of the compared characters: frame lines, spaces and punctuation left out."""
    kept = "".join(line for line in map(str.strip, text.split("\n")) if line and not is_furniture(line))
    codes = np.frombuffer(kept.encode("utf-32-le"), dtype="<u4")
    keep = np.zeros(len(codes), dtype=bool)
    for low, high in CONTENT_RANGES:
        keep |= (codes >= low) & (codes <= high)
    return codes[keep].astype(np.uint64)


def shingle_hashes(codes: np.ndarray, shingle_chars: int = SHINGLE_CHARS) -> np.ndarray:
    """64-bit hashes of the shingles of content_codes(), one per position (repeats hash alike)."""
    n = len(codes) - shingle_chars + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    h = np.full(n, _SHINGLE_SEED, dtype=np.uint64)
    for j in range(shingle_chars):
        h = h * _POLY + codes[j : j + n]   # uint64 arithmetic wraps: a polynomial hash mod 2**64
    return _splitmix64(h)


def minhash(hashes: np.ndarray) -> np.ndarray:
    """One-permutation MinHash with optimal densification: NUM_BINS uint64 values (hashes not empty)."""
    ordered = np.sort(hashes)
    bins = (ordered >> _U64(64 - _BIN_BITS)).astype(np.intp)
    first = np.searchsorted(bins, np.arange(NUM_BINS))        # sorted: a bin's first hash is its minimum
    filled = np.zeros(NUM_BINS, dtype=bool)
    filled[bins] = True
    values = np.where(filled, ordered[np.minimum(first, len(ordered) - 1)], _U64(0))
    if filled.all():
        return values
    result, empty = values.copy(), ~filled
    for probe in PROBES:
        take = empty & filled[probe]
        result[take] = values[probe[take]]
        empty &= ~take
        if not empty.any():
            return result
    result[empty] = values[filled][0]   # not reached for MIN_CONTENT_CHARS of text; keeps it total
    return result


# --- entry points ------------------------------------------------------------------------------


def signature(text: str) -> bytes:
    """MinHash signature of a clean text: NUM_BINS little-endian uint32 (SIGNATURE_BYTES bytes);
    b"" when fewer than MIN_CONTENT_CHARS characters are compared (then it is nobody's duplicate)."""
    codes = content_codes(text)
    if len(codes) < max(MIN_CONTENT_CHARS, SHINGLE_CHARS):
        return b""
    return (minhash(shingle_hashes(codes)) & _U64(0xFFFFFFFF)).astype("<u4").tobytes()


def band_keys(sig: bytes) -> list[str]:
    """LSH keys of a signature, one per band: 2 hex digits of the band's index and 16 of a BLAKE2b
    hash of its rows. Documents sharing a key are candidates. [] for the empty signature."""
    if len(sig) != SIGNATURE_BYTES:
        return []
    width = ROWS * 4
    return [
        f"{band:02x}" + hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8).hexdigest()
        for band in range(BANDS)
    ]


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity of two documents' shingle sets: the share of equal bins (0.0 when
    either signature is empty)."""
    if len(sig_a) != SIGNATURE_BYTES or len(sig_b) != SIGNATURE_BYTES:
        return 0.0
    equal = np.frombuffer(sig_a, dtype="<u4") == np.frombuffer(sig_b, dtype="<u4")
    return int(np.count_nonzero(equal)) / NUM_BINS


def is_duplicate(sim: float) -> bool:
    """One text (a repost, another site's copy, an edited version) at this similarity."""
    return sim >= DUPLICATE_THRESHOLD


NO_DATE = "9999-12-31"  # in cluster order, a document with no known date comes after every dated one


def clusters(pairs, members_of_known: dict[str, str], order: dict[str, tuple]) -> dict[str, str]:
    """doc_id -> the head of its cluster (its earliest document by `order`), for every document in
    a cluster touched by `pairs` (duplicate pairs found now) or listed in `members_of_known`
    (doc_id -> head from earlier runs: a new pair may merge two old clusters). Union-find; heads
    map to themselves."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in list(pairs) + list(members_of_known.items()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups: dict[str, list[str]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    heads = {}
    for members in groups.values():
        head = min(members, key=lambda d: (order.get(d, (NO_DATE,)), d))
        heads.update({m: head for m in members})
    return heads

