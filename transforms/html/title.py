"""The page's title: from <meta> (ArticleTitle, og:title), a heading that also stands in <title>, or
<title> without its site suffix; and the title repeated over the first lines of the content."""
from __future__ import annotations

import re

from ..pagemeta import META_TAGS
from .text import class_tokens, norm_key, norm_title

# <title> separators before a site / column suffix. e.g. "xxx_山西省人民政府",
# "xxx - 山西省人民政府门户网站", "xxx--文化--人民网", "xxx_中南海_澎湃新闻-The Paper".
TITLE_SEPARATOR_RE = re.compile(r"\s*(?:_+|\|+|｜+|-{2,}|—+|–+|\s[-–]\s)\s*")
# A lone hyphen before a short non-numeric suffix: "中华人民共和国监察法-纪检" (not "1-10月…").
TITLE_HYPHEN_SUFFIX_RE = re.compile(r"^(.{4,}?)-(?!\d)([^-]{1,10})$")
# A title segment that names the site, not the document: "中国政府网", "山西省人民政府门户网站",
# "澎湃新闻-The Paper", "www.gov.cn".
SITE_NAME_RE = re.compile(
    r"(?:网|网站|门户|政府|频道|新闻网|官网|首页|日报|晚报|The Paper)$|www\.|\.(?:com|cn|net|org|gov)\b",
    re.I)
# Class/id tokens of title elements. e.g. <h1 class="news_title">, <span class="Title">.
TITLE_CLASS_TOKENS = {"title", "headline", "biaoti", "bt", "tit", "arttitle"}
TITLE_MIN_CHARS = 4
TITLE_MAX_CHARS = 150


def is_title_el(el, tag: str) -> bool:
    if tag in ("h1", "h2", "h3"):
        return True
    for attr in ("class", "id"):
        v = el.get(attr)
        if v:
            for tok in class_tokens(v):
                if tok.lower() in TITLE_CLASS_TOKENS:
                    return True
    return False


def strip_site_suffix(title: str) -> str:
    segs = [s.strip() for s in TITLE_SEPARATOR_RE.split(title) if s and s.strip()]
    if not segs:
        return ""
    first = segs[0]
    if len(segs) == 1 or (len(norm_key(first)) >= TITLE_MIN_CHARS and not SITE_NAME_RE.search(first)):
        chosen = first
    else:
        candidates = [s for s in segs if not SITE_NAME_RE.search(s)] or segs
        chosen = max(candidates, key=len)
    m = TITLE_HYPHEN_SUFFIX_RE.match(chosen)
    if m and not re.search(r"\d$", m.group(1)):
        chosen = m.group(1)
    return chosen.strip()


def choose_title(metas: dict[str, str], page_title: str, title_els) -> str | None:
    for name in META_TAGS["page_title"]:
        v = metas.get(name)
        if v:
            v = norm_title(v if name == "articletitle" else strip_site_suffix(v))
            if len(norm_key(v)) >= 2:
                return v
    page_key = norm_key(page_title)
    stripped = strip_site_suffix(page_title) if page_title else ""
    stripped_key = norm_key(norm_title(stripped))
    best = None
    best_len = 0
    heads = []
    for el in title_els:
        t = norm_title("".join(el.itertext()))
        k = norm_key(t)
        if not (TITLE_MIN_CHARS <= len(k) <= TITLE_MAX_CHARS):
            continue
        heads.append((el, t))
        if page_key and k in page_key and len(k) >= 0.5 * len(stripped_key) and len(k) > best_len:
            best, best_len = t, len(k)
    if best:
        return best
    if len(stripped_key) >= 2:
        return norm_title(stripped)
    for el, t in heads:
        if el.tag == "h1":
            return t
    return None


def mark_repeated_title(lines, content_idx: list[int], title_key: str) -> None:
    """The title repeated over the first few content lines ("全国人民代表大会常务委员会" / "关于…决议"):
    those lines get rule "title"."""
    if not (title_key and content_idx):
        return
    acc = ""
    for k, i in enumerate(content_idx[:4]):
        if lines[i].rule not in (None, "title"):
            break
        acc += norm_key(lines[i].text)
        if acc == title_key:
            for j in content_idx[:k + 1]:
                lines[j].rule = "title"
            break
        if not title_key.startswith(acc):
            break
