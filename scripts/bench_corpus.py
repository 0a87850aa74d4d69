#!/usr/bin/env python3
"""Build a realistic benchmark corpus for gongwen from the bundled samples and HTML pages.

    .venv/bin/python scripts/bench_corpus.py --out /tmp/corpus --n 20000 [--seed 1]

Sources: the five sample documents in samples/*.txt and the eight real pages in
tests/fixtures/html/*.html. Deterministic: the same --n and --seed give byte-identical files.

Mix (shares of --n; every kind gets at least one file, so small corpora still cover all):
  txt       plain text documents rebuilt from the samples' paragraphs (shuffled and sampled across
            samples of the same script, numbers and dates varied, web chrome lines prepended /
            appended), in UTF-8, UTF-8 with BOM, GB18030, Big5 (text converted with OpenCC s2t,
            only lines Big5 can encode), UTF-16 with BOM; some UTF-8 ones converted to traditional
  html      the same kind of text wrapped in a simple gov-site page (nav, breadcrumb, info line,
            related list, footer), UTF-8 or GB18030 (declared gb2312)
  page      one of the real pages, varied (a crawl comment, its dates changed)
  dup       an exact byte copy of another file of the corpus, in another folder
  bad       empty, PNG signature + random bytes, UTF-8 truncated mid-character, NUL-laden text
Files go 100 per folder (OUT/00/0000/000000.txt ...). A hidden OUT/.manifest.tsv (skipped by
gongwen's discovery) lists path, kind, encoding, size and, for a dup, the path it copies.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import re
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"
PAGES_DIR = ROOT / "tests" / "fixtures" / "html"
FILES_PER_FOLDER = 100

# Kind -> share of the corpus. Text encodings are split further by TEXT_ENCODINGS.
KIND_SHARES = {
    "txt": 0.81,
    "html": 0.14,
    "page": 0.02,
    "dup": 0.02,
    "bad": 0.01,
}
# Encodings of plain-text documents: name -> share of the txt kind.
TEXT_ENCODINGS = {
    "utf-8": 0.50,
    "utf-8-trad": 0.05,   # traditional script, UTF-8
    "utf-8-sig": 0.08,
    "gb18030": 0.22,
    "big5": 0.08,
    "utf-16": 0.07,
}
HTML_ENCODINGS = {"utf-8": 0.8, "gb18030": 0.2}
BAD_KINDS = ("empty", "png", "truncated", "nul")

SITES = ("市人民政府门户网站", "县人民政府", "区政务服务网", "省发展和改革委员会", "市政府办公室", "市人民政府信息公开")
SECTIONS = ("政务公开", "政策文件", "通知公告", "领导讲话", "工作动态", "政府信息公开目录")
SOURCES = ("市政府办公室", "本网", "市委宣传部", "县政府办", "区融媒体中心", "市发展改革委")
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本市", "专题专栏")
DIGITS = re.compile(r"\d+")
YEAR = re.compile(r"(?:19|20)\d\d")
ISO_DATE = re.compile(r"20\d\d-\d\d-\d\d")
PINYIN = re.compile(r"\([a-zA-Z\u00c0-\u024f\u0300-\u036f ]{1,12}\)")


@dataclass
class Source:
    name: str
    script: str               # simplified | traditional
    head: list[str]           # title lines
    body: list[str]           # paragraphs
    tail: list[str]           # signature / date lines


def _split(text: str, name: str, script: str) -> Source:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    head_n = min(3, max(1, len(lines) // 8))
    tail_n = min(2, max(1, len(lines) // 10))
    return Source(name, script, lines[:head_n], lines[head_n:len(lines) - tail_n] or lines, lines[len(lines) - tail_n:])


class Pools:
    """Paragraph pools built once: the samples in their own script, converted to traditional, and
    the traditional lines that Big5 can encode."""

    def __init__(self) -> None:
        import opencc

        s2t = self.s2t = opencc.OpenCC("s2t")
        self.sources: list[Source] = []
        for path in sorted(SAMPLES_DIR.glob("*.txt")):
            text = path.read_bytes().decode("utf-8", errors="replace")
            script = "traditional" if _looks_traditional(text) else "simplified"
            self.sources.append(_split(text, path.name, script))
        if not self.sources:
            raise SystemExit(f"no samples in {SAMPLES_DIR}")
        # OpenCC s2t writes some characters in variant forms Big5 lacks; Big5 pages use the standard
        # ones. The samples' injected pinyin (發(fā)) and odd spaces are not Big5 either.
        big5_fix = str.maketrans({"爲": "為", "羣": "群", "衆": "眾", "着": "著", "裏": "裡", "\xa0": " ", "\u2002": " "})

        def to_big5(lines: list[str]) -> list[str]:
            return _big5_ok([PINYIN.sub("", x.translate(big5_fix)) for x in lines])

        self.trad: list[Source] = []
        self.big5: list[Source] = []
        for src in self.sources:
            conv = Source(src.name, "traditional", [s2t.convert(x) for x in src.head],
                          [s2t.convert(x) for x in src.body], [s2t.convert(x) for x in src.tail])
            self.trad.append(conv)
            head, body, tail = (to_big5(x) for x in (conv.head, conv.body, conv.tail))
            if body:
                self.big5.append(Source(conv.name, "traditional", head or body[:1], body, tail))
        self.titles = [s.head[0][:40] for s in self.sources]
        self.pages = [p.read_bytes() for p in sorted(PAGES_DIR.glob("*.html"))]
        if not self.pages:
            raise SystemExit(f"no pages in {PAGES_DIR}")


def _looks_traditional(text: str) -> bool:
    return sum(text.count(c) for c in "們發區國會這為來時關") > sum(text.count(c) for c in "们发区国会这为来时关")


def _big5_ok(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        try:
            ln.encode("big5")
            out.append(ln)
        except UnicodeEncodeError:
            pass
    return out


# --- text variation ------------------------------------------------------------------------

def _vary_numbers(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        s = m.group(0)
        if rng.random() < 0.5:
            return s
        if len(s) == 4 and YEAR.fullmatch(s):
            return str(rng.randint(2008, 2024))
        if len(s) == 1:
            return str(rng.randint(1, 9))
        return str(rng.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))
    return DIGITS.sub(repl, text)


def _date(rng: random.Random, sep: str = "-") -> str:
    y, m, d = rng.randint(2010, 2024), rng.randint(1, 12), rng.randint(1, 28)
    if sep == "cn":
        return f"{y}年{m}月{d}日"
    return f"{y}{sep}{m:02d}{sep}{d:02d}"


def _body(pools: Pools, rng: random.Random, variant: str) -> tuple[list[str], list[str], list[str]]:
    """head, body, tail lines of one new document."""
    family = pools.big5 if variant == "big5" else pools.trad if variant == "trad" else pools.sources
    base = rng.choice(family)
    same_script = [s for s in family if s.script == base.script] or [base]
    n = max(2, int(len(base.body) * rng.uniform(0.4, 1.3)))
    body = []
    for _ in range(n):
        src = base if rng.random() < 0.75 else rng.choice(same_script)
        if src.body:
            body.append(rng.choice(src.body))
    if rng.random() < 0.5:  # keep the base order for most of it, as real documents read
        rng.shuffle(body)
    return list(base.head), body, list(base.tail)


def _chrome_head(rng: random.Random, pools: Pools) -> list[str]:
    lines = []
    if rng.random() < 0.3:
        lines.append(f"当前位置：首页 > {rng.choice(SECTIONS)} > {rng.choice(SECTIONS)}")
    if rng.random() < 0.5:
        lines.append(f"发布时间：{_date(rng)} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}  来源：{rng.choice(SOURCES)}")
    if rng.random() < 0.4:
        lines.append(f"浏览量：{rng.randint(1, 99999)}次")
    if rng.random() < 0.15:
        lines.append("【字号：大 中 小】")
    return lines


def _chrome_tail(rng: random.Random, pools: Pools) -> list[str]:
    lines = []
    if rng.random() < 0.4:
        lines.append("【打印此页】【关闭此页】")
    if rng.random() < 0.3:
        lines.append("扫描二维码 关注我们")
    if rng.random() < 0.3:
        lines.append("相关文章：")
        lines += [f"· {rng.choice(pools.titles)}（{_date(rng)}）" for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.2:
        lines.append(f"上一篇：{rng.choice(pools.titles)}")
        lines.append(f"下一篇：{rng.choice(pools.titles)}")
    if rng.random() < 0.15:
        lines.append(f"主办单位：{rng.choice(SITES)}  网站标识码：{rng.randint(10**9, 10**10 - 1)}  ICP备{rng.randint(10**7, 10**8 - 1)}号")
    return lines


def text_document(pools: Pools, rng: random.Random, variant: str) -> str:
    head, body, tail = _body(pools, rng, variant)
    top, bottom = _chrome_head(rng, pools), _chrome_tail(rng, pools)
    if variant in ("trad", "big5"):
        top, bottom = [pools.s2t.convert(x) for x in top], [pools.s2t.convert(x) for x in bottom]
    if variant == "big5":
        top, bottom = _big5_ok(top), _big5_ok(bottom)
    lines = head[:1] + top + head[1:] + body + tail + bottom
    sep = "\r\n" if rng.random() < 0.15 else "\n"
    blank = rng.random() < 0.4  # paragraphs separated by an empty line
    text = (sep + sep if blank else sep).join(lines) + sep
    # a varied date on the signature line makes every document's bytes unique with the numbers
    return _vary_numbers(text, rng).rstrip() + sep + _date(rng, "cn") + sep


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_document(pools: Pools, rng: random.Random, charset: str) -> str:
    head, body, tail = _body(pools, rng, "plain")
    title = _vary_numbers(head[0], rng)
    site = rng.choice(SITES)
    nav = "".join(f'<li><a href="/{i}/">{x}</a></li>' for i, x in enumerate(NAV))
    paras = "\n".join(f"<p style=\"text-indent:2em\">{_esc(_vary_numbers(p, rng))}</p>" for p in head[1:] + body + tail)
    related = "".join(f'<li><a href="/art/{rng.randint(1000, 99999)}.html">{_esc(rng.choice(pools.titles))}</a>'
                      f"<span>{_date(rng)}</span></li>" for _ in range(rng.randint(3, 6)))
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{_esc(title)}_{site}</title>
<meta name="ArticleTitle" content="{_esc(title)}">
<meta name="PubDate" content="{_date(rng)} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}">
<meta name="ContentSource" content="{rng.choice(SOURCES)}">
<link rel="stylesheet" href="/css/style.css"><script src="/js/jquery.min.js"></script>
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>
<ul class="nav">{nav}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">{rng.choice(SECTIONS)}</a> &gt; 正文</div>
<div class="article">
<h1 class="title">{_esc(title)}</h1>
<div class="info">发布时间：{_date(rng)}　来源：{rng.choice(SOURCES)}　浏览次数：{rng.randint(1, 99999)}　【字号：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="content" id="zoom">
{paras}
</div>
<div class="tools"><a href="javascript:window.print()">【打印此页】</a><a href="javascript:window.close()">【关闭此页】</a></div>
</div>
<div class="related"><h3>相关文章</h3><ul>{related}</ul></div>
<div class="qrcode"><img src="/images/qr.png"><p>扫描二维码 关注我们</p></div>
<div class="footer"><p>主办单位：{site}　承办单位：{rng.choice(SOURCES)}</p>
<p>网站标识码：{rng.randint(10**9, 10**10 - 1)}　ICP备{rng.randint(10**7, 10**8 - 1)}号</p></div>
<script>var _hmt = _hmt || [];</script>
</body>
</html>
"""


def page_document(pools: Pools, rng: random.Random, i: int) -> bytes:
    page = rng.choice(pools.pages)
    text = page.decode("utf-8", errors="surrogateescape")
    text = ISO_DATE.sub(lambda m: _date(rng), text)
    cut = text.find(">") + 1
    text = text[:cut] + f"\n<!-- crawled {_date(rng)} id {i} -->" + text[cut:]
    return text.encode("utf-8", errors="surrogateescape")


def bad_document(pools: Pools, rng: random.Random, sub: str) -> bytes:
    if sub == "empty":
        return b""
    if sub == "png":
        return b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randint(200, 4000))
    raw = text_document(pools, rng, "plain").encode("utf-8")
    if sub == "truncated":  # cut inside a multi-byte character
        pos = rng.randint(len(raw) // 3, 2 * len(raw) // 3)
        while pos < len(raw) and not (0x80 <= raw[pos] <= 0xBF):
            pos += 1
        return raw[:pos]
    # nul: NUL runs scattered through the text, as in a corrupt download
    out = bytearray()
    for k in range(0, len(raw), 40):
        out += raw[k:k + 40] + b"\x00" * rng.randint(1, 4)
    return bytes(out)


ENCODERS = {
    "utf-8": lambda t: t.encode("utf-8"),
    "utf-8-trad": lambda t: t.encode("utf-8"),
    "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    "gb18030": lambda t: t.encode("gb18030"),
    "big5": lambda t: t.encode("big5"),
    "utf-16": lambda t: t.encode("utf-16"),  # native order with a BOM
}


# --- corpus plan ---------------------------------------------------------------------------

def _counts(n: int, shares: dict[str, float]) -> dict[str, int]:
    """Split n by shares: every key at least 1 (when n allows), the largest absorbs rounding."""
    counts = {k: max(1, round(n * s)) for k, s in shares.items()}
    biggest = max(shares, key=shares.get)
    counts[biggest] += n - sum(counts.values())
    return counts


def plan(n: int, seed: int) -> list[tuple[str, str]]:
    """(kind, variant) for each file index, shuffled by the seed."""
    if n < len(KIND_SHARES) + len(TEXT_ENCODINGS) + len(HTML_ENCODINGS) + len(BAD_KINDS):
        raise SystemExit("--n is too small to hold one file of every kind")
    kinds = _counts(n, KIND_SHARES)
    short = len(BAD_KINDS) - kinds["bad"]  # one bad file of each sort, even in a small corpus
    if short > 0:
        kinds["bad"] += short
        kinds["txt"] -= short
    items: list[tuple[str, str]] = []
    for enc, c in _counts(kinds["txt"], TEXT_ENCODINGS).items():
        items += [("txt", enc)] * c
    for enc, c in _counts(kinds["html"], HTML_ENCODINGS).items():
        items += [("html", enc)] * c
    items += [("page", "utf-8")] * kinds["page"]
    items += [("dup", "")] * kinds["dup"]
    items += [("bad", BAD_KINDS[k % len(BAD_KINDS)]) for k in range(kinds["bad"])]
    random.Random(f"plan:{seed}").shuffle(items)
    return items


def rel_path(i: int, ext: str) -> str:
    folder = i // FILES_PER_FOLDER
    return f"{folder // 100:02d}/{folder:04d}/{i:06d}.{ext}"


def build(out: Path, n: int, seed: int) -> dict:
    t0 = time.perf_counter()
    pools = Pools()
    items = plan(n, seed)
    content_idx = [i for i, (k, _) in enumerate(items) if k in ("txt", "html", "page")]
    dup_idx = [i for i, (k, _) in enumerate(items) if k == "dup"]
    prng = random.Random(f"dups:{seed}")
    dup_of = {i: prng.choice(content_idx) for i in dup_idx}
    wanted = set(dup_of.values())
    kept: dict[int, tuple[bytes, str]] = {}
    seen: set[bytes] = set()

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    made_dirs: set[str] = set()
    manifest = []
    kinds: Counter = Counter()
    encodings: Counter = Counter()
    total = 0

    def write(i: int, data: bytes, ext: str) -> str:
        rel = rel_path(i, ext)
        d = rel.rsplit("/", 1)[0]
        if d not in made_dirs:
            (out / d).mkdir(parents=True, exist_ok=True)
            made_dirs.add(d)
        with open(out / rel, "wb") as fh:
            fh.write(data)
        return rel

    for i, (kind, variant) in enumerate(items):
        if kind == "dup":
            continue
        for attempt in range(5):  # a content collision (vanishingly rare) is redrawn
            rng = random.Random(f"{seed}:{i}:{attempt}")
            if kind == "txt":
                text = text_document(pools, rng, "big5" if variant == "big5" else "trad" if variant == "utf-8-trad" else "plain")
                data, ext, enc = ENCODERS[variant](text), "txt", variant
            elif kind == "html":
                charset = "gb2312" if variant == "gb18030" else "utf-8"
                data, ext, enc = html_document(pools, rng, charset).encode(variant), "html", variant
            elif kind == "page":
                data, ext, enc = page_document(pools, rng, i), "html", "utf-8"
            else:
                data, ext, enc = bad_document(pools, rng, variant), "txt", "-"
                break
            digest = hashlib.sha256(data).digest()
            if digest not in seen:
                seen.add(digest)
                break
        rel = write(i, data, ext)
        if i in wanted:
            kept[i] = (data, ext)
        label = f"bad-{variant}" if kind == "bad" else kind
        kinds[label] += 1
        encodings[enc] += 1
        total += len(data)
        manifest.append((rel, label, enc, len(data), ""))
    for i in dup_idx:
        data, ext = kept[dup_of[i]]
        rel = write(i, data, ext)
        kinds["dup"] += 1
        total += len(data)
        manifest.append((rel, "dup", "-", len(data), rel_path(dup_of[i], ext)))
    manifest.sort()
    with open(out / ".manifest.tsv", "w", encoding="utf-8") as fh:
        fh.write("path\tkind\tencoding\tbytes\tdup_of\n")
        for row in manifest:
            fh.write("\t".join(map(str, row)) + "\n")
    return {"files": n, "bytes": total, "kinds": kinds, "encodings": encodings,
            "folders": len({r.rsplit('/', 1)[0] for r, *_ in manifest}), "seconds": time.perf_counter() - t0}


def read_manifest(out: Path) -> list[dict]:
    lines = (Path(out) / ".manifest.tsv").read_text(encoding="utf-8").splitlines()
    keys = lines[0].split("\t")
    return [dict(zip(keys, ln.split("\t"))) for ln in lines[1:]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output folder (replaced)")
    ap.add_argument("--n", type=int, default=20000, help="number of files (default 20000)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    s = build(Path(args.out), args.n, args.seed)
    print(f"{s['files']:,} files, {s['bytes'] / 2**20:.1f} MB in {s['folders']} folders under {args.out} "
          f"({s['seconds']:.1f} s, seed {args.seed})")
    print("  kinds:     " + ", ".join(f"{k} {v:,}" for k, v in sorted(s["kinds"].items(), key=lambda kv: -kv[1])))
    print("  encodings: " + ", ".join(f"{k} {v:,}" for k, v in sorted(s["encodings"].items(), key=lambda kv: -kv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
