#!/usr/bin/env python3
"""Build a realistic benchmark corpus for gongwen from the bundled samples and HTML pages.

    .venv/bin/python scripts/bench_corpus.py --out /tmp/corpus --n 20000 [--seed 1]

Sources: the five sample documents in samples/*.txt and the eight real pages in
tests/fixtures/html/*.html. Deterministic: the same --n and --seed give byte-identical files.

Every generated document is its own text: a new header (issuing organ, a title unique in the
corpus, for most notices a 发文字号 unique in the corpus), sentences drawn from all samples'
paragraphs and recombined into new paragraphs under new headings, and in each document most of the
nouns and adjectives of those sentences replaced by other ones of the samples' vocabulary (one
replacement per word and document, so a document reads consistently). Two documents share only
what the samples' verbs, function words and set phrases share: well under the near-duplicate
threshold (scripts/bench.py measures it on the warehouse).

Mix (shares of --n; every kind gets at least one file, so small corpora still cover all):
  txt       plain text documents (web chrome lines prepended / appended), in UTF-8, UTF-8 with
            BOM, GB18030, Big5 (traditional script, only lines Big5 can encode), UTF-16 with BOM;
            some UTF-8 ones in traditional script; part of the traditional ones with the samples'
            injected pinyin (發(fā))
  html      the same kind of document wrapped in a simple gov-site page (nav, breadcrumb, info
            line, related list, footer), UTF-8 or GB18030 (declared gb2312)
  page      one of the real pages, varied (a crawl comment, its dates changed): the crawls of one
            page are one text
  repost    another generated document (in another folder) posted again: other chrome, often
            another format or encoding, and a changed title line and/or one paragraph dropped
  dup       an exact byte copy of another file of the corpus, in another folder
  bad       empty, PNG signature + random bytes, UTF-8 truncated mid-character, NUL-laden text
Citations: some documents cite others of the corpus in their body, by title and 发文字号
(根据《…的通知》（滨政发〔2021〕17号）) or by title alone (按照《…的意见》), and cite documents that are
not in the corpus (whose citations must stay unresolved).

Files go 100 per folder (OUT/00/0000/000000.txt ...). Hidden files (skipped by gongwen's
discovery) hold the answers:
  OUT/.manifest.tsv   path, kind, encoding, size; dup_of (the file a dup copies); repost_of (the
                      file a repost reposts) and how (title, drop); story (files of one story are
                      one text: a document, its reposts and dups, the crawls of one page); the
                      发文字号 and title in the document's header (generated documents and reposts)
  OUT/.citations.tsv  citing path, cited path (empty: not in the corpus), form (number: title and
                      发文字号, title: title alone, external), the cited 发文字号 and title as written
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
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = ROOT / "samples"
PAGES_DIR = ROOT / "tests" / "fixtures" / "html"
FILES_PER_FOLDER = 100

# Kind -> share of the corpus. Text encodings are split further by TEXT_ENCODINGS.
KIND_SHARES = {
    "txt": 0.78,
    "html": 0.14,
    "page": 0.02,
    "repost": 0.03,
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
# Formats of a repost: (kind, encoding) -> weight. Simplified script only: a repost is the same text.
REPOST_FORMATS = {("txt", "utf-8"): 4, ("txt", "gb18030"): 2, ("txt", "utf-8-sig"): 1, ("txt", "utf-16"): 1,
                  ("html", "utf-8"): 3, ("html", "gb18030"): 1}
TRADITIONAL_PLAIN = 0.3      # share of utf-8/utf-8-sig/gb18030/utf-16 txt documents in traditional script
PINYIN_SHARE = 0.5           # share of traditional documents carrying the samples' injected pinyin
NUMBERED_SHARE = 0.7         # notices with a 发文字号
SPEECH_SHARE = 0.3           # documents that are speeches (no 发文字号)
CITING_SHARE = 0.12          # simplified documents that cite others
SUBSTITUTE = 0.85            # chance that a noun or adjective of the samples is replaced in a document

SITES = ("市人民政府门户网站", "县人民政府", "区政务服务网", "省发展和改革委员会", "市政府办公室", "市人民政府信息公开")
SECTIONS = ("政务公开", "政策文件", "通知公告", "领导讲话", "工作动态", "政府信息公开目录")
SOURCES = ("市政府办公室", "本网", "市委宣传部", "县政府办", "区融媒体中心", "市发展改革委")
NAV = ("首页", "政务公开", "政务服务", "互动交流", "走进本市", "专题专栏")
# Places of the corpus' organs (name, the 代字's first character); no 代字 of the samples (湖, 许, 九).
PLACES = tuple((p + s, p[0]) for p, s in (
    ("滨江", "市"), ("临川", "市"), ("东湖", "区"), ("青山", "县"), ("南岭", "市"), ("安平", "县"), ("清河", "区"),
    ("云阳", "市"), ("石门", "县"), ("白沙", "区"), ("龙泉", "市"), ("桂林岗", "县"), ("丰城", "市"), ("宁远", "县"),
    ("长乐", "区"), ("永和", "市"), ("泰和", "县"), ("嘉禾", "市"), ("金溪", "县"), ("玉屏", "区"), ("柳江", "市"),
    ("松阳", "县"), ("北川", "区"), ("万安", "市"), ("瑞丰", "县"), ("平湖岭", "市"), ("河口", "区"), ("新田", "县"),
))
# Places of the documents cited but not in the corpus: other 代字 still.
EXTERNAL_PLACES = tuple((p + s, p[0]) for p, s in (
    ("高唐", "市"), ("武陵", "县"), ("沅江", "市"), ("汉寿", "区"), ("乐平", "市"), ("信丰", "县"), ("邵东", "市"),
))
# Organs: name after the place, 代字 after the place's character (the city government's 政发, ...).
ORGANS = (("人民政府", "政发"), ("人民政府", "政"), ("人民政府办公室", "政办发"), ("人民政府办公室", "政办"),
          ("发展和改革委员会", "发改"), ("教育局", "教"), ("财政局", "财"), ("农业农村局", "农"),
          ("生态环境局", "环"), ("人力资源和社会保障局", "人社"), ("住房和城乡建设局", "建"), ("卫生健康委员会", "卫健"))
GENRES = ("通知", "意见", "实施意见", "实施方案", "决定", "工作方案", "指导意见", "若干措施", "行动计划", "管理办法")
TITLE_VERBS = ("加快推进", "进一步加强", "全面推进", "深入开展", "切实做好", "大力发展", "加强和改进", "持续深化",
               "健全完善", "扎实推进", "积极稳妥推进", "着力提升", "统筹推进", "规范", "支持", "促进")
TITLE_TAILS = ("建设", "工作", "发展", "管理", "改革", "体系建设", "高质量发展", "专项行动", "服务", "试点工作")
MEETINGS = ("工作会议", "全体会议", "廉政工作会议", "推进会", "动员大会", "座谈会", "专题会议", "现场会")
SPEAKERS = ("市长", "副市长", "县长", "区长", "秘书长", "书记", "局长", "主任")
HEADINGS = ("指导思想", "总体要求", "主要目标", "重点任务", "工作任务", "保障措施", "组织实施", "工作要求",
            "基本原则", "工作步骤", "实施范围", "职责分工", "监督考核", "工作安排")
ORDINALS = "一二三四五六七八九十"
ADDRESSEES = ("各县（市、区）人民政府，市政府各部门，各直属机构：", "各乡镇人民政府、街道办事处，县直各单位：",
              "各区人民政府，市政府各委、办、局：", "各有关单位：", "各县（市、区）人民政府，市直各单位：")
CC_LINES = ("抄送：市委各部门，市人大常委会办公室，市政协办公室，市纪委监委。",
            "抄送：县委办，县人大办，县政协办，县人武部。")
CITE_LEADS = (("根据", "要求，"), ("按照", "部署，"), ("依据", "规定，"), ("为贯彻落实", "精神，"), ("根据", "有关规定，"))
REPOST_TITLE = ("转发：{}", "{}（全文）", "【转载】{}", "关于{}的转发说明", "{}（转载）")
# Sentences of the samples' own page furniture (VIP notes, comments), not document text.
JUNK = re.compile(r"文档|VIP|下载|付费|本站|网站|评论|热词|点击|浏览|阅读|关注|用户|二维码|发布时间|来源|索 引|信息分类")
SENTENCE = re.compile(r"[^。！？；;!?]+[。！？；;!?]?")
DIGITS = re.compile(r"\d+")
YEAR = re.compile(r"(?:19|20)\d\d")
ISO_DATE = re.compile(r"20\d\d-\d\d-\d\d")
PINYIN = re.compile(r"\(([a-zA-Z\u00c0-\u024f\u0300-\u036f ]{1,12})\)")
HAN = re.compile(r"[\u4e00-\u9fff]")
NOUN_TAGS = frozenset(("n", "vn", "nz", "ns", "nt", "nr", "nrt", "j", "ng", "an"))
ADJ_TAGS = frozenset(("a", "ad", "b"))
# Words kept as they are (and never put in for another word): the heads of headings and lists, and
# the forwarding verbs (jieba tags 印发 a noun), that the pipeline's rules key on. A 印发 put in after
# a 《…》 of the samples made that title the notice's attachment_title, so that every document citing
# 《廉洁自律准则》 resolved to that notice.
KEEP_WORDS = frozenset(("目标", "任务", "工作", "要求", "措施", "安排", "情况", "计划", "思路", "举措", "部署", "成就",
                        "成效", "成绩", "进展", "政府", "同志", "人民", "全市", "全县", "全区", "我市", "年底",
                        "印发", "转发", "颁发", "下发", "印送", "批转"))


# --- pools ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Sentence:
    parts: tuple          # str (kept as is) or (word, class): a word a document may replace
    chars: int


class Pools:
    """Built once: the samples' sentences cut into words (simplified script), the vocabulary of
    replaceable words by class and length, the pinyin the samples inject, the real pages."""

    def __init__(self) -> None:
        import jieba
        import jieba.posseg
        import opencc

        jieba.setLogLevel(60)
        self.s2t = opencc.OpenCC("s2t")
        t2s = opencc.OpenCC("t2s")
        tags = jieba.posseg.dt.word_tag_tab   # the dictionary's tags, without posseg's slow cut
        self.pinyin: dict[int, str] = {}
        sentences, vocab = [], {}
        texts = [p.read_bytes().decode("utf-8", errors="replace") for p in sorted(SAMPLES_DIR.glob("*.txt"))]
        if not texts:
            raise SystemExit(f"no samples in {SAMPLES_DIR}")
        for text in texts:
            for m in re.finditer(r"([\u4e00-\u9fff])" + PINYIN.pattern, text):
                self.pinyin.setdefault(ord(m.group(1)), m.group(0))
            for line in t2s.convert(PINYIN.sub("", text)).splitlines():
                line = line.strip().replace("\xa0", " ").replace("\u2002", " ")
                if len(line) <= 40 or JUNK.search(line):
                    continue
                for s in SENTENCE.findall(line):
                    s = s.strip(" ，,")
                    if len(HAN.findall(s)) < 8:
                        continue
                    parts: list = []
                    for w in jieba.cut(s, HMM=False):
                        tag = tags.get(w)
                        cls = "n" if tag in NOUN_TAGS else "a" if tag in ADJ_TAGS else None
                        if cls and len(w) >= 2 and w not in KEEP_WORDS and HAN.match(w):
                            parts.append((w, cls))
                            vocab.setdefault((cls, len(w)), set()).add(w)
                        elif parts and isinstance(parts[-1], str):
                            parts[-1] += w
                        else:
                            parts.append(w)
                    sentences.append(Sentence(tuple(parts), len(s)))
        self.sentences = sorted(set(sentences), key=lambda s: repr(s.parts))
        self.vocab = {k: sorted(v) for k, v in sorted(vocab.items())}
        self.nouns = [w for (cls, n), ws in self.vocab.items() if cls == "n" and n == 2 for w in ws]
        self.titles: list[str] = []   # titles of the corpus, for related-article lists (filled by build)
        self.pages = [p.read_bytes() for p in sorted(PAGES_DIR.glob("*.html"))]
        if not self.pages:
            raise SystemExit(f"no pages in {PAGES_DIR}")


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


# --- documents ------------------------------------------------------------------------------

@dataclass
class Header:
    """What other documents know of a document: its organ, title, 发文字号, date."""
    org: str
    title: str
    number: str | None
    date: str                  # 成文日期, e.g. 2021年3月1日
    speech: bool = False


@dataclass
class Story:
    """One text, before chrome, format and encoding: what its reposts share."""
    header: Header
    addressee: str | None
    paragraphs: list[str]      # headings and prose, in order
    cited_at: set[int] = field(default_factory=set)   # paragraphs holding a citation (never dropped)
    cc: str | None = None


def _title_key(title: str) -> str:
    """The part of a title a citation by title is resolved on: from 关于 (the organ is often left out)."""
    i = title.find("关于")
    return title[i:] if i >= 0 else title


class Headers:
    """Unique titles and 发文字号 for the corpus and for the documents cited from outside it."""

    def __init__(self, pools: Pools) -> None:
        self.pools = pools
        self.keys: set[str] = set()
        self.numbers: set[str] = set()

    def _topic(self, rng: random.Random) -> str:
        a, b = rng.sample(self.pools.nouns, 2)
        return f"{rng.choice(TITLE_VERBS)}{a}{b}{rng.choice(TITLE_TAILS)}"

    def make(self, rng: random.Random, numbered: bool, speech: bool, places=PLACES) -> Header:
        place, abbr = rng.choice(places)
        date = _date(rng, "cn")
        year = int(date[:4])
        if speech:
            for _ in range(100):
                title = f"{rng.choice(SPEAKERS)}在全{place[-1]}{rng.choice(self.pools.nouns)}{rng.choice(self.pools.nouns)}" \
                        f"{rng.choice(MEETINGS)}上的讲话"
                if title not in self.keys:
                    break
            self.keys.add(title)
            return Header(f"{place}人民政府", title, None, date, speech=True)
        organ, code = rng.choice(ORGANS)
        org = place + organ
        while True:
            title = f"{org}关于{self._topic(rng)}的{rng.choice(GENRES)}"
            if _title_key(title) not in self.keys:
                break
        self.keys.add(_title_key(title))
        number = None
        if numbered:
            while True:
                number = f"{abbr}{code}〔{year}〕{rng.randint(1, 160 if rng.random() < 0.9 else 999)}号"
                if number not in self.numbers:
                    break
            self.numbers.add(number)
        return Header(org, title, number, date)


def _sentence(pools: Pools, rng: random.Random, words: dict[str, str]) -> str:
    s = rng.choice(pools.sentences)
    out = []
    for p in s.parts:
        if isinstance(p, str):
            out.append(p)
            continue
        w, cls = p
        new = words.get(w)
        if new is None:
            new = words[w] = rng.choice(pools.vocab[(cls, len(w))]) if rng.random() < SUBSTITUTE else w
        out.append(new)
    return "".join(out)


def make_story(pools: Pools, rng: random.Random, header: Header) -> Story:
    """A new text under `header`: headings and paragraphs of recombined, reworded sample sentences."""
    words: dict[str, str] = {}   # this document's replacements
    paragraphs = []

    def prose(k: int) -> str:
        return _vary_numbers("".join(_sentence(pools, rng, words) for _ in range(k)), rng)

    target_chars = rng.randint(1800, 9500)   # about the sizes of the samples (7-22 KB)
    chars = 0
    if header.speech and rng.random() < 0.6:
        paragraphs.append("同志们：")
    paragraphs.append(prose(rng.randint(1, 3)))
    chapters = rng.sample(HEADINGS, rng.randint(2, 7)) if rng.random() < 0.85 else []
    for c, heading in enumerate(chapters):
        if chars > target_chars and c >= 2:
            break
        if rng.random() < 0.5:   # a heading of the samples' words: 一、强化大局意识
            heading = f"{rng.choice(TITLE_VERBS)}{rng.choice(pools.nouns)}{rng.choice(TITLE_TAILS)}"
        paragraphs.append(f"{ORDINALS[c]}、{heading}")
        for k in range(rng.randint(1, 4)):
            p = prose(rng.randint(1, 5))
            if rng.random() < 0.3:
                p = f"（{ORDINALS[k]}）{p}"
            paragraphs.append(p)
            chars += len(p)
    while chars < target_chars // 2:
        p = prose(rng.randint(2, 5))
        paragraphs.append(p)
        chars += len(p)
    addressee = None if header.speech or rng.random() < 0.3 else rng.choice(ADDRESSEES)
    cc = rng.choice(CC_LINES) if not header.speech and rng.random() < 0.3 else None
    return Story(header, addressee, paragraphs, cc=cc)


@dataclass(frozen=True)
class Citation:
    cited: int | None          # file index of the cited document; None: not in the corpus
    form: str                  # number (title and 发文字号), title (title alone), external
    title: str
    number: str | None


def cite(story: Story, citations: list[Citation], rng: random.Random) -> Story:
    """The story with a citation sentence opening some of its prose paragraphs."""
    prose = [i for i, p in enumerate(story.paragraphs) if i > 0 and not re.match(rf"[{ORDINALS}]、", p)] or [0]
    paragraphs = list(story.paragraphs)
    at = set(story.cited_at)
    for c in citations:
        i = rng.choice(prose)
        lead, tail = rng.choice(CITE_LEADS)
        number = ""
        if c.number:
            num = c.number if rng.random() < 0.8 else c.number.replace("〔", "[").replace("〕", "]")
            number = f"（{num}）" if rng.random() < 0.7 else f"({num})"
        body = paragraphs[i]
        ordinal = re.match(r"（[一二三四五六七八九十]）", body)
        cut = ordinal.end() if ordinal else 0
        paragraphs[i] = f"{body[:cut]}{lead}《{c.title}》{number}{tail}{body[cut:]}"
        at.add(i)
    return replace(story, paragraphs=paragraphs, cited_at=at)


def repost_of(story: Story, rng: random.Random) -> tuple[Story, str]:
    """The story as another site posts it: a changed title line and/or one paragraph dropped."""
    how = rng.choice(("title", "drop", "title+drop", "chrome"))
    header, paragraphs = story.header, list(story.paragraphs)
    if "title" in how:
        header = replace(header, title=rng.choice(REPOST_TITLE).format(header.title))
    if "drop" in how:
        prose = [i for i, p in enumerate(paragraphs) if i > 0 and i not in story.cited_at and len(p) > 40]
        if len(prose) >= 4:
            del paragraphs[rng.choice(prose)]
        else:
            how = how.replace("+drop", "").replace("drop", "chrome")
    return replace(story, header=header, paragraphs=paragraphs, cited_at=set()), how


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


def _related(rng: random.Random, pools: Pools) -> str:
    return rng.choice(pools.titles) if pools.titles else "政务公开目录"


def _chrome_tail(rng: random.Random, pools: Pools) -> list[str]:
    lines = []
    if rng.random() < 0.4:
        lines.append("【打印此页】【关闭此页】")
    if rng.random() < 0.3:
        lines.append("扫描二维码 关注我们")
    if rng.random() < 0.3:
        lines.append("相关文章：")
        lines += [f"· {_related(rng, pools)}（{_date(rng)}）" for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.2:
        lines.append(f"上一篇：{_related(rng, pools)}")
        lines.append(f"下一篇：{_related(rng, pools)}")
    if rng.random() < 0.15:
        lines.append(f"主办单位：{rng.choice(SITES)}  网站标识码：{rng.randint(10**9, 10**10 - 1)}  ICP备{rng.randint(10**7, 10**8 - 1)}号")
    return lines


def _frame(story: Story, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """(lines above the title, lines from the title to the signature, lines after it)."""
    h = story.header
    above = []
    if h.number:
        if rng.random() < 0.3:
            above.append(f"{h.org}文件")
        above.append(h.number)
    body = [h.title] + ([story.addressee] if story.addressee else []) + story.paragraphs
    if not h.speech:
        body += [h.org, h.date]
    return above, body, [story.cc] if story.cc else []


def text_document(pools: Pools, rng: random.Random, variant: str, story: Story) -> str:
    """variant: plain (simplified), trad, trad-pinyin, big5."""
    above, body, after = _frame(story, rng)
    top, bottom = _chrome_head(rng, pools), _chrome_tail(rng, pools)
    # scraped pages often put the title above the page's info line; a 发文字号 stands above the
    # title (GB/T 9704), where the pipeline looks for it (a number line below the title, as the
    # HTML documents have it in their content, is not read)
    if rng.random() < 0.5 and not above:
        lines = body[:1] + top + body[1:] + after + bottom
    else:
        lines = top + above + body + after + bottom
    if variant != "plain":
        lines = [pools.s2t.convert(x) for x in lines]
        if variant == "trad-pinyin":
            lines = [x.translate(pools.pinyin) for x in lines]
        if variant == "big5":
            lines = _big5_ok([x.replace("\xa0", " ") for x in lines])
    sep = "\r\n" if rng.random() < 0.15 else "\n"
    blank = rng.random() < 0.4  # paragraphs separated by an empty line
    return (sep + sep if blank else sep).join(lines) + sep


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_document(pools: Pools, rng: random.Random, charset: str, story: Story) -> str:
    above, body, after = _frame(story, rng)
    title = body[0]
    site = rng.choice(SITES)
    nav = "".join(f'<li><a href="/{i}/">{x}</a></li>' for i, x in enumerate(NAV))
    paras = "\n".join(f"<p style=\"text-indent:2em\">{_esc(p)}</p>" for p in above + body[1:] + after)
    related = "".join(f'<li><a href="/art/{rng.randint(1000, 99999)}.html">{_esc(_related(rng, pools))}</a>'
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


def page_document(pools: Pools, rng: random.Random, i: int) -> tuple[bytes, int]:
    """A crawl of one of the real pages: (bytes, index of the page)."""
    k = rng.randrange(len(pools.pages))
    text = pools.pages[k].decode("utf-8", errors="surrogateescape")
    text = ISO_DATE.sub(lambda m: _date(rng), text)
    cut = text.find(">") + 1
    text = text[:cut] + f"\n<!-- crawled {_date(rng)} id {i} -->" + text[cut:]
    return text.encode("utf-8", errors="surrogateescape"), k


def bad_document(pools: Pools, rng: random.Random, sub: str, story: Story) -> bytes:
    if sub == "empty":
        return b""
    if sub == "png":
        return b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randint(200, 4000))
    raw = text_document(pools, rng, "plain", story).encode("utf-8")
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
    items += [("repost", "")] * kinds["repost"]
    items += [("dup", "")] * kinds["dup"]
    items += [("bad", BAD_KINDS[k % len(BAD_KINDS)]) for k in range(kinds["bad"])]
    random.Random(f"plan:{seed}").shuffle(items)
    return items


def rel_path(i: int, ext: str) -> str:
    folder = i // FILES_PER_FOLDER
    return f"{folder // 100:02d}/{folder:04d}/{i:06d}.{ext}"


def _script(kind: str, variant: str, rng: random.Random) -> str:
    """plain, trad, trad-pinyin or big5: the script a txt/html document is written in."""
    if kind == "html":
        return "plain"
    if variant == "big5":
        return "big5"
    if variant == "utf-8-trad" or rng.random() < TRADITIONAL_PLAIN:
        return "trad-pinyin" if rng.random() < PINYIN_SHARE else "trad"
    return "plain"


def build(out: Path, n: int, seed: int) -> dict:
    t0 = time.perf_counter()
    pools = Pools()
    items = plan(n, seed)
    ext_of = {"txt": "txt", "html": "html", "page": "html", "bad": "txt"}

    # 1. who is what: script, speech or notice, numbered, headers (titles and numbers unique)
    prng = random.Random(f"roles:{seed}")
    docs = [i for i, (k, _) in enumerate(items) if k in ("txt", "html")]
    script = {i: _script(items[i][0], items[i][1], prng) for i in docs}
    headers = Headers(pools)
    header: dict[int, Header] = {}
    for i in docs + [i for i, (k, _) in enumerate(items) if k == "bad"]:
        speech = prng.random() < SPEECH_SHARE
        header[i] = headers.make(random.Random(f"{seed}:header:{i}"), not speech and prng.random() < NUMBERED_SHARE, speech)
    pools.titles = [header[i].title for i in docs[:200]]

    # 2. reposts and dups: originals in other folders
    simplified = [i for i in docs if script[i] == "plain"]
    repost_idx = [i for i, (k, _) in enumerate(items) if k == "repost"]
    dup_idx = [i for i, (k, _) in enumerate(items) if k == "dup"]
    folder = lambda i: i // FILES_PER_FOLDER  # noqa: E731
    reposted = {}
    for i in repost_idx:
        while (o := prng.choice(simplified)) is not None and folder(o) == folder(i):
            pass
        reposted[i] = o
    content = [i for i, (k, _) in enumerate(items) if k in ("txt", "html", "page", "repost")]
    dup_of = {}
    for i in dup_idx:
        while folder(o := prng.choice(content)) == folder(i):
            pass
        dup_of[i] = o

    # 3. citations: simplified documents cite notices of the corpus and documents outside it
    notices = [i for i in simplified if not header[i].speech]
    cites: dict[int, list[Citation]] = {}
    for i in simplified:
        if prng.random() >= CITING_SHARE or len(notices) < 2:
            continue
        found = []
        for _ in range(prng.choice((1, 1, 1, 2, 2, 3))):
            r = prng.random()
            if r < 0.2:   # a document not in the corpus
                ext = headers.make(random.Random(f"{seed}:external:{i}:{len(found)}"), prng.random() < 0.7, False,
                                   EXTERNAL_PLACES)
                found.append(Citation(None, "external", ext.title, ext.number))
                continue
            target = prng.choice(notices)
            if target == i or any(c.cited == target for c in found):
                continue
            h = header[target]
            if h.number and r < 0.65:
                found.append(Citation(target, "number", h.title, h.number))
            else:
                found.append(Citation(target, "title", h.title, None))
        if found:
            cites[i] = found

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    made_dirs: set[str] = set()
    manifest, citation_rows = [], []
    kinds: Counter = Counter()
    encodings: Counter = Counter()
    total = 0
    wanted = set(dup_of.values()) | set(reposted.values())
    kept: dict[int, tuple[bytes, str]] = {}
    stories: dict[int, Story] = {}
    story_of: dict[int, str] = {}

    def write(i: int, data: bytes, ext: str) -> str:
        rel = rel_path(i, ext)
        d = rel.rsplit("/", 1)[0]
        if d not in made_dirs:
            (out / d).mkdir(parents=True, exist_ok=True)
            made_dirs.add(d)
        with open(out / rel, "wb") as fh:
            fh.write(data)
        return rel

    def cite_rows(rel: str, i: int) -> None:
        for c in cites.get(i, ()):
            cited = rel_path(c.cited, ext_of[items[c.cited][0]]) if c.cited is not None else ""
            citation_rows.append((rel, cited, c.form, c.number or "", c.title))

    def render(kind: str, variant: str, rng: random.Random, story: Story, text_script: str) -> tuple[bytes, str, str]:
        if kind == "txt":
            return ENCODERS[variant](text_document(pools, rng, text_script, story)), "txt", variant
        charset = "gb2312" if variant == "gb18030" else "utf-8"
        return html_document(pools, rng, charset, story).encode(variant), "html", variant

    for i, (kind, variant) in enumerate(items):
        if kind in ("dup", "repost"):
            continue
        rng = random.Random(f"{seed}:{i}")
        story_of[i] = f"d{i}"
        if kind in ("txt", "html", "bad"):
            story = make_story(pools, rng, header[i])
            if i in cites:
                story = cite(story, cites[i], rng)
            if i in wanted:
                stories[i] = story
        if kind in ("txt", "html"):
            data, ext, enc = render(kind, variant, rng, story, script[i])
        elif kind == "page":
            (data, k), ext, enc = page_document(pools, rng, i), "html", "utf-8"
            story_of[i] = f"page{k}"
        else:
            data, ext, enc = bad_document(pools, rng, variant, story), "txt", "-"
        rel = write(i, data, ext)
        if i in wanted:
            kept[i] = (data, ext)
        cite_rows(rel, i)
        label = f"bad-{variant}" if kind == "bad" else kind
        kinds[label] += 1
        encodings[enc] += 1
        total += len(data)
        h = header.get(i)
        manifest.append((rel, label, enc, len(data), "", "", "", story_of[i], (h.number or "") if h else "",
                         h.title if h and kind != "bad" else ""))
    for i in repost_idx:
        o = reposted[i]
        rng = random.Random(f"{seed}:{i}")
        story, how = repost_of(stories[o], rng)
        fmt = rng.choices(list(REPOST_FORMATS), weights=list(REPOST_FORMATS.values()))[0]
        data, ext, enc = render(*fmt, rng, story, "plain")
        rel = write(i, data, ext)
        story_of[i] = story_of[o]
        kept[i] = (data, ext)
        cite_rows(rel, o)
        kinds["repost"] += 1
        encodings[enc] += 1
        total += len(data)
        manifest.append((rel, "repost", enc, len(data), "", rel_path(o, ext_of[items[o][0]]), how, story_of[i],
                         story.header.number or "", story.header.title))
    for i in dup_idx:
        o = dup_of[i]
        data, ext = kept[o]
        rel = write(i, data, ext)
        cite_rows(rel, reposted.get(o, o))
        kinds["dup"] += 1
        total += len(data)
        manifest.append((rel, "dup", "-", len(data), rel_path(o, ext), "", "", story_of[o], "", ""))
    manifest.sort()
    with open(out / ".manifest.tsv", "w", encoding="utf-8") as fh:
        fh.write("path\tkind\tencoding\tbytes\tdup_of\trepost_of\trepost_how\tstory\tdoc_number\ttitle\n")
        for row in manifest:
            fh.write("\t".join(map(str, row)) + "\n")
    citation_rows.sort()
    with open(out / ".citations.tsv", "w", encoding="utf-8") as fh:
        fh.write("path\tcited\tform\tcited_number\tcited_title\n")
        for row in citation_rows:
            fh.write("\t".join(row) + "\n")
    forms = Counter(r[2] for r in citation_rows)
    return {"files": n, "bytes": total, "kinds": kinds, "encodings": encodings,
            "folders": len({r.rsplit('/', 1)[0] for r, *_ in manifest}), "seconds": time.perf_counter() - t0,
            "numbered": sum(1 for i in docs if header[i].number), "speeches": sum(1 for i in docs if header[i].speech),
            "citing": len({r[0] for r in citation_rows}), "citations": forms}


def _read_tsv(path: Path) -> list[dict]:
    lines = path.read_text(encoding="utf-8").splitlines()
    keys = lines[0].split("\t")
    return [dict(zip(keys, ln.split("\t"))) for ln in lines[1:]]


def read_manifest(out: Path) -> list[dict]:
    return _read_tsv(Path(out) / ".manifest.tsv")


def read_citations(out: Path) -> list[dict]:
    return _read_tsv(Path(out) / ".citations.tsv")


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
    print(f"  documents: {s['numbered']:,} with a 发文字号, {s['speeches']:,} speeches; {s['citing']:,} files cite: "
          + ", ".join(f"{k} {v:,}" for k, v in sorted(s["citations"].items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
