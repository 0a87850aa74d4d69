"""Document metadata of a Chinese official document (GB/T 9704 公文 elements) plus web-page fields.

`extract_metadata(clean_text, page_meta)` reads the clean text (normalized, chrome removed, lines
separated by "\\n") and the page-metadata fields parsed from the page header, and returns a
`DocumentMetadata`. Pure: text and plain data in, plain data out.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from transforms.dates import find_dates, parse_datetime

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"

# --- rule tables -------------------------------------------------------------------------------

# 文种 words a title ends with; the longest one at the very end wins.
# e.g. "…实施方案的通知" -> 通知, "…的实施方案" -> 实施方案, "在…上的讲话" -> 讲话
GENRES = (
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复",
    "议案", "函", "纪要", "实施方案", "方案", "规划", "计划", "要点", "办法", "规定", "细则", "规则",
    "条例", "讲话", "致辞", "发言", "总结",
)
# Title endings that name a genre indirectly. e.g. "…上的讲话稿" -> 讲话, "…的复函" is already 函
GENRE_ALIASES = {"讲话稿": "讲话", "讲稿": "讲话", "讲话提纲": "讲话", "讲话要点": "讲话"}
# Genres of speeches (for speaker and speech date). e.g. "张国晖市长在市政府第一次全体会议上的讲话"
SPEECH_GENRES = ("讲话", "致辞", "发言")

# Trailing notes in parentheses that are not part of the genre. e.g. "…办法（试行）", "…讲话（摘要）"
TRAILING_PAREN_NOTE = re.compile(r"\s*[（(][^（）()]{1,30}[)）]\s*$")

# 发文字号 at the start of a line, any bracket around the year, optional 第.
# e.g. "湖政发〔2017〕18号", "许政办[2012]68号", "国办发【2020】第3号", "湘政函（2019）45号"
DOC_NUMBER = re.compile(
    rf"(?P<org>[{CJK}]{{1,12}}?)\s*[〔\[［（(【]\s*(?P<year>(?:19|20)\d{{2}})\s*[〕\]］）)】]\s*第?\s*(?P<serial>\d{{1,5}})\s*号"
)
# A 发文字号 in parentheses closing a title line. e.g. "湖州市人民政府关于…的决定（湖政发〔2017〕18号）"
TRAILING_DOC_NUMBER = re.compile(r"[（(](?P<number>[^（）()]{2,14}[〔\[［（(【]\s*(?:19|20)\d{2}\s*[〕\]］）)】][^（）()]{0,8}号)[)）]\s*$")

# 版头 marks around the 发文字号 that are not the title: 份号, 密级, 紧急程度, 签发人.
# e.g. "000123", "机密★1年", "特急", "签发人：张三" (as in "湘政〔2019〕3号 签发人：张三")
HEADER_MARK = re.compile(r"^(?:\d{1,8}|(?:绝密|机密|秘密)(?:★.{0,6})?|特急|加急|平急|特提|签\s*发\s*人\s*[：:].{0,20})$")

# Red-header 发文机关标志 line: the organ followed by 文件. e.g. "湖州市人民政府文件"
ISSUER_BANNER = re.compile(rf"^(?P<org>[{CJK}（）、\s]{{2,40}}?)\s*文件$")

# Endings of organ names (发文机关, 主送机关, 抄送机关).
# e.g. "湖州市人民政府", "市政府办公室", "鄱阳湖生态科技城管委会", "市直及驻市各单位", "湖州军分区"
ORGAN_SUFFIX = re.compile(
    r"(?:政府|办公室|办公厅|委员会|常委会|管委会|委|局|厅|部|部门|院|署|办|会|处|科|室|中心|所|站|队|馆|社|"
    r"党组|公司|集团|银行|军分区|法院|检察院|大学|学院|学校|团体|党派|单位|机关|机构|组织|区|县|市|省|州|盟|旗|镇|乡|街道|"
    r"自治区|总局|分局|支队|总队|联合会|协会|工会|团委|妇联|科协|侨联|文联|组)$"
)
ORGAN_MAX_CHARS = 40

# Salutations that end with ： like an addressee line but address people. e.g. "同志们：", "各位代表："
SALUTATION = re.compile(r"^(?:各位|尊敬的|亲爱的|同志们|朋友们|女士们|先生们|同学们|老师们|大家|来宾们)|们$")

# Labels of the 版记 lists. e.g. "抄送：市委各部门，市人大常委会、市政协办公室，…"
CC_LABEL = re.compile(r"^(?:抄\s*送|抄\s*报)\s*[：:]\s*")
# 主送 written as a labelled line (纪要, 版记). e.g. "主送：各县（市、区）人民政府"
ADDRESSEE_LABEL = re.compile(r"^主\s*送\s*[：:]\s*")
# Separators between organs in 主送/抄送 lists (only outside parentheses). e.g. "市纪委，湖州军分区、市中级法院"
LIST_SEPARATORS = "，；,;"
ENUMERATION_COMMA = "、"
# Generic unit words that cannot stand alone as an addressee: in a 、 group holding one, the organ word
# at the end belongs to every member, so the group stays whole.
# e.g. "各省、自治区、直辖市人民政府", "许昌新区、经济技术开发区、东城区管委会"; but split
# "九江经济技术开发区、庐山西海风景名胜区、八里湖新区" (each a named unit)
GENERIC_UNITS = frozenset((
    "省", "自治区", "直辖市", "市", "县", "区", "州", "盟", "旗", "乡", "镇", "街道", "计划单列市", "副省级市",
    "新区", "开发区", "经济开发区", "经济技术开发区", "高新区", "高新技术产业开发区", "管理区", "园区", "示范区",
))
# Brackets inside which separators do not split a list. e.g. "各县（市、区）人民政府"
OPENING_BRACKETS, CLOSING_BRACKETS = "（(〔【《“", "）)〕】》”"

# Text after the date on the 印发 line. e.g. "湖州市人民政府办公室 2017年5月4日印发"
PRINTED_SUFFIX = re.compile(r"^\s*印\s*发\s*$")

# A title that announces a forwarded or printed document. e.g. "…关于印发…实施方案的通知", "…转发…意见的通知"
FORWARDING_TITLE = re.compile(r"印发|转发|颁发|下发|印送")
# Body sentence of a forwarding notice. e.g. "现印发给你们，请认真贯彻执行。", "现将…的讲话印发给你们"
FORWARDING_SENTENCE = re.compile(r"(?:发|印送)给你们")
# The forwarded document's title quoted in the notice or in its title.
# e.g. "《关于…的实施方案》已经市政府同意，现印发给你们", "国务院关于印发《“十四五”数字经济发展规划》的通知"
FORWARDED_QUOTED_TITLE = re.compile(
    r"《(?P<title>[^《》]{4,150})》[^。《》]{0,40}?(?:印发|转发|下发|印送)|(?:印发|转发|颁发|下发|印送)《(?P<title2>[^《》]{4,150})》"
)
# Lines between a notice's date and the forwarded document's title. e.g. "附件", "附件2：", "（此件公开发布）"
ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*\s*[：:]?$")
NOTE_LINE = re.compile(r"^[（(][^（）()]{1,20}[)）]$")

# Lines of a title printed over several lines are short and carry no clause punctuation.
# e.g. "关于在全市政府系统大力开展忠诚型创新型" / "担当型服务型过硬型政府建设加快推动" / "九江高质量跨越式发展的实施方案"
TITLE_FRAGMENT_MAX_CHARS = 40
TITLE_MAX_LINES = 4
TITLE_MAX_CHARS = 150
CLAUSE_PUNCTUATION = re.compile(r"[。，；：！？,;:!?]")
# Section markers opening a body line, never a title line. e.g. "一、", "（一）", "1.", "第一，"
SECTION_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|第[一二三四五六七八九十]{1,3}[，、])")
# Site or channel names that may head a page instead of a title. e.g. "湖州市人民政府门户网站"
SITE_NAME = re.compile(r"(?:网站|门户|网|频道|首页|专栏)$")
# Site name appended to a page title after _ or |. e.g. "新年伊始，…谈了啥？_中南海_澎湃新闻-The Paper"
TITLE_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*[^_|｜]{1,30}$")
# Verb or preposition ending the issuer prefix of a title. e.g. "九江市人民政府|关于印发…", "国务院办公厅|转发…"
TITLE_ISSUER_PREFIX = re.compile(r"^(?P<org>(?:(?!关于).){2,60}?)(?:关于|转发|批转|印发|颁发)")
TITLE_ZONE_LINES = 6   # the title, 文号 and 主送 are looked for in the first non-empty lines
ADDRESSEE_ZONE_LINES = 4

# Official titles of speakers, longest first. e.g. "张国晖市长…" -> 市长, "市委副书记王五…" -> 副书记
SPEAKER_TITLES = tuple(sorted((
    "省委书记", "市委书记", "县委书记", "区委书记", "省委副书记", "市委副书记", "总书记", "国务委员",
    "常务副省长", "常务副市长", "常务副县长", "常务副区长", "副省长", "副市长", "副县长", "副区长", "副州长", "副主席", "副书记", "副总理", "副部长", "副主任", "副局长", "副厅长", "副院长", "副校长", "秘书长",
    "市长", "省长", "县长", "区长", "州长", "镇长", "乡长", "书记", "主任", "主席", "总理", "部长",
    "厅长", "局长", "院长", "校长", "署长", "行长", "董事长", "总经理", "委员",
), key=len, reverse=True))
_TITLES = "|".join(SPEAKER_TITLES)
# "在…上的讲话" ending a speech title. e.g. "在市政府六届一次全体会议上讲话"
_SPEECH_TAIL = rf"在[^在]{{2,80}}?上的?(?:{'|'.join(SPEECH_GENRES)}|讲稿)"
# Speaker named in a speech title, name before title or title before name.
# e.g. "张国晖市长在市政府第一次全体会议上的讲话", "关于印发市长张国晖在…上讲话的通知", "李强同志在…上的讲话"
SPEAKER_NAME_FIRST = re.compile(rf"(?:^|印发|转发)(?P<name>[{CJK}]{{2,4}}?)(?P<title>{_TITLES})?(?:同志)?{_SPEECH_TAIL}")
SPEAKER_TITLE_FIRST = re.compile(rf"(?:^|印发|转发)(?P<title>{_TITLES})(?P<name>[{CJK}]{{2,3}}?)(?:同志)?{_SPEECH_TAIL}")
# Byline under a speech title. e.g. "市长 张国晖", "张国晖 市长"
SPEAKER_BYLINE = re.compile(rf"^(?:(?P<title>{_TITLES})\s*(?P<name>[{CJK}]{{2,4}})|(?P<name2>[{CJK}]{{2,4}}?)\s*(?P<title2>{_TITLES}))$")

# Redaction placeholders standing for names, places or numbers in templates.
# e.g. "我们×当前的情况", "×××同志", "XX市", "X月X日", "***县", "张某某"
PLACEHOLDER_CROSSES = re.compile(r"[×╳]+")
PLACEHOLDER_X_RUN = re.compile(r"(?<![A-Za-z])(?:[XＸ]{2,}|[XＸ](?=[年月日号市县区镇乡村省局同]))(?![A-Za-zＡ-Ｚ])")
PLACEHOLDER_ASTERISKS = re.compile(rf"(?<=[{CJK}])[*＊]{{2,}}|[*＊]{{2,}}(?=[{CJK}])")   # not "* * *" separators, not "“ *** ”" masks
PLACEHOLDER_WORDS = re.compile(r"某某")
# × between operands is arithmetic, not a placeholder. e.g. "3×4", "210mm × 297mm"
MULTIPLICATION = re.compile(r"(?<=[0-9A-Za-z.%）)])\s*[×╳]+\s*(?=[0-9A-Za-z(（])")

# Sentence-final characters; a long last line without one was cut off. e.g. truncated "…更多的是在办法上要"
SENTENCE_FINAL = "。！？!?”’…）)」』"
MID_SENTENCE_END = "，、,"
TRUNCATION_MIN_CHARS = 30


@dataclass
class DocumentMetadata:
    title: str | None = None
    genre: str | None = None
    doc_number: str | None = None
    doc_number_year: int | None = None
    doc_number_serial: int | None = None
    issuer: str | None = None
    publisher: str | None = None
    addressees: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    signed_date: dt.date | None = None
    printed_by: str | None = None
    printed_date: dt.date | None = None
    published_at: dt.datetime | None = None
    source_name: str | None = None
    index_number: str | None = None
    category: str | None = None
    attachment_title: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    speech_date: dt.date | None = None
    has_placeholders: bool = False
    is_truncated: bool = False


# --- small predicates --------------------------------------------------------------------------


def genre_of(title: str | None) -> str | None:
    """文种 from a title's ending: the longest genre word (or alias) the title ends with."""
    if not title:
        return None
    t = title.strip()
    while TRAILING_PAREN_NOTE.search(t):
        t = TRAILING_PAREN_NOTE.sub("", t)
    t = t.rstrip("》”\"' ")
    for alias in sorted(GENRE_ALIASES, key=len, reverse=True):
        if t.endswith(alias):
            return GENRE_ALIASES[alias]
    for genre in sorted(GENRES, key=len, reverse=True):
        if t.endswith(genre):
            return genre
    return None


def looks_like_organ(s: str) -> bool:
    """'湖州市人民政府', '各县（市、区）人民政府' -> True; '特此通知', '同志们' -> False."""
    s = s.strip()
    return (
        2 <= len(s) <= ORGAN_MAX_CHARS
        and re.fullmatch(rf"[{CJK}（）()、\s]+", s) is not None
        and ORGAN_SUFFIX.search(s) is not None
        and not SALUTATION.search(s)
    )


def _split_outside_brackets(s: str, separators: str) -> list[str]:
    items, depth, current = [], 0, []
    for ch in s:
        if ch in OPENING_BRACKETS:
            depth += 1
        elif ch in CLOSING_BRACKETS:
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def split_organs(s: str) -> list[str]:
    """Split a 主送/抄送 list on ，； and 、 outside parentheses, keeping 、 groups whose last organ word
    is shared ('各省、自治区、直辖市人民政府'): '各县（市、区）人民政府，市纪委、市检察院。' -> 3 items."""
    organs = []
    for group in _split_outside_brackets(s.strip().rstrip("。.：:"), LIST_SEPARATORS):
        members = _split_outside_brackets(group, ENUMERATION_COMMA)
        if any(m.removeprefix("各") in GENERIC_UNITS for m in members[:-1]):
            organs.append(group)
        else:
            organs.extend(members)
    return organs


def parse_doc_number(s: str | None) -> tuple[str, int, int] | None:
    """A 发文字号 at the start of s, normalized to 〔〕: '许政办[2012]68号 …' -> ('许政办〔2012〕68号', 2012, 68)."""
    if not s:
        return None
    m = DOC_NUMBER.match(s.strip())
    if not m:
        return None
    year, serial = int(m.group("year")), int(m.group("serial"))
    return f"{m.group('org')}〔{year}〕{serial}号", year, serial


def standalone_date(line: str) -> dt.date | None:
    """A line that is just a date (成文日期 form), optionally followed by a note in parentheses.

    '2017年4月27日', '二○一二年八月一日', '2017年4月27日（此件公开发布）' -> date;
    '（2012年7月31日，根据录音整理）', '…于2017年4月27日召开…', '…2017年5月4日印发' -> None.
    """
    found = find_dates(line)
    if not found or found[0].start != 0:
        return None
    rest = line[found[0].end:].strip()
    if rest and not (NOTE_LINE.match(rest) and not find_dates(rest)):
        return None
    return found[0].date


def _signature_and_date(line: str) -> tuple[str, dt.date] | None:
    """'湖州市人民政府 2017年4月27日' (signature and date on one line) -> (organ, date)."""
    found = find_dates(line)
    if len(found) != 1 or line[found[0].end:].strip():
        return None
    organ = line[: found[0].start].strip()
    return (organ, found[0].date) if looks_like_organ(organ) else None


def _ends_sentence(line: str) -> bool:
    return bool(line) and line[-1] in "。！？!?"


def _is_title_fragment(line: str) -> bool:
    return (
        len(line) <= TITLE_FRAGMENT_MAX_CHARS
        and not CLAUSE_PUNCTUATION.search(line)
        and not SECTION_MARKER.match(line)
        and not find_dates(line)
        and not line.startswith(("（", "("))
        and not SPEAKER_BYLINE.match(line)
    )


def _join_title(lines: list[str], k: int) -> tuple[str, int]:
    """Title starting at lines[k], joined with following short lines when printed over several lines
    (joined only if the joined text then ends in a genre). Returns (title, index of its last line)."""
    if genre_of(lines[k]) or not _is_title_fragment(lines[k]):
        return lines[k], k
    j = k
    while j + 1 < len(lines) and j + 1 - k < TITLE_MAX_LINES and _is_title_fragment(lines[j + 1]):
        j += 1
        if genre_of("".join(lines[k : j + 1])):
            return "".join(lines[k : j + 1]), j
    return lines[k], k


# --- field extractors --------------------------------------------------------------------------


def _clean_title_line(line: str) -> tuple[str, tuple[str, int, int] | None]:
    """Strip a leading or trailing 发文字号 and 《》 wrapping from a title line; return (title, doc number)."""
    number = parse_doc_number(line)
    if number:
        line = DOC_NUMBER.sub("", line.strip(), count=1)
    trailing = TRAILING_DOC_NUMBER.search(line)
    if trailing and parse_doc_number(trailing.group("number")):
        number = number or parse_doc_number(trailing.group("number"))
        line = line[: trailing.start()]
    line = line.strip()
    if HEADER_MARK.match(line):
        return "", number
    while (stripped := TITLE_SITE_SUFFIX.sub("", line)) != line and len(stripped) >= 4:
        line = stripped
    if line.startswith("《") and line.endswith("》") and line.count("《") == 1:
        line = line[1:-1].strip()
    return line, number


def _is_title_candidate(line: str, page_meta: dict[str, str]) -> bool:
    return (
        2 <= len(line) <= TITLE_MAX_CHARS
        and "。" not in line
        and line[-1] not in "：:，,；;"
        and not SECTION_MARKER.match(line)
        and not standalone_date(line)
        and not ((m := ISSUER_BANNER.match(line)) and looks_like_organ(m.group("org")))
        and not SITE_NAME.search(line)
        and line != (page_meta.get("source_name") or "").strip()
    )


def _find_title(lines: list[str], page_meta: dict[str, str]) -> tuple[str | None, int, list[tuple[str, int, int]]]:
    """(title, index of its last line or -1, 发文字号 seen on header lines)."""
    numbers = []
    for k, raw in enumerate(lines[:TITLE_ZONE_LINES]):
        line, number = _clean_title_line(raw)
        if number:
            numbers.append(number)
        if not line:
            continue
        if _is_title_candidate(line, page_meta):
            title, end = _join_title([line] + lines[k + 1 :], 0)
            return title, k + end, numbers
        if _ends_sentence(line) or len(line) > TITLE_MAX_CHARS:
            break
    page_title, number = _clean_title_line(page_meta.get("page_title") or "")
    if number:
        numbers.append(number)
    return (page_title or None), -1, numbers


def _find_addressees(lines: list[str], after: int) -> list[str]:
    for line in lines[after + 1 : after + 1 + ADDRESSEE_ZONE_LINES]:
        if _ends_sentence(line):
            break
        if line[-1] not in "：:" or SALUTATION.search(line[:-1]):
            continue
        items = split_organs(line[:-1])
        if items and all(len(i) <= ORGAN_MAX_CHARS for i in items) and any(ORGAN_SUFFIX.search(i) for i in items):
            return items
    for line in lines:
        label = ADDRESSEE_LABEL.match(line)
        if label:
            return split_organs(line[label.end() :])
    return []


def _find_cc(lines: list[str]) -> list[str]:
    cc: list[str] = []
    for k, line in enumerate(lines):
        label = CC_LABEL.match(line)
        if not label:
            continue
        listed = line[label.end() :]
        if listed.endswith(tuple(LIST_SEPARATORS + ENUMERATION_COMMA)) and k + 1 < len(lines):
            listed += lines[k + 1]
        cc.extend(split_organs(listed))
    return cc


def _find_signature(lines: list[str]) -> tuple[int, dt.date | None, str | None]:
    """(line index, 成文日期, 发文机关 signature) of the first standalone date line after body text."""
    seen_body = False
    for k, line in enumerate(lines):
        if not seen_body:
            seen_body = _ends_sentence(line)
            continue
        date = standalone_date(line)
        if date:
            signers = []
            for above in reversed(lines[max(0, k - 3) : k]):
                if not looks_like_organ(above):
                    break
                signers.insert(0, above)
            return k, date, _organ_list(" ".join(signers))
        both = _signature_and_date(line)
        if both:
            return k, both[1], both[0]
        seen_body = seen_body or _ends_sentence(line)
    return -1, None, None


def _find_printed(lines: list[str]) -> tuple[str | None, dt.date | None]:
    """印发 line of the 版记: '湖州市人民政府办公室 2017年5月4日印发' -> (organ, date)."""
    for line in reversed(lines):
        if "印" not in line:  # cheap pre-check for PRINTED_SUFFIX
            continue
        found = find_dates(line)
        if found and PRINTED_SUFFIX.match(line[found[-1].end :]):
            organ = line[: found[-1].start].strip()
            if not organ or looks_like_organ(organ):
                return (organ or None), found[-1].date
    return None, None


def _organ_list(s: str) -> str | None:
    """'湖州市人民政府  湖州军分区' -> '湖州市人民政府、湖州军分区'; None unless every part is an organ."""
    organs = [p for p in re.split(r"[\s、]+", s.strip()) if p]
    return "、".join(organs) if organs and all(looks_like_organ(p) for p in organs) else None


def _issuer_from_title(title: str | None) -> str | None:
    """'九江市人民政府关于印发…的通知' -> '九江市人民政府'; None when the prefix is not an organ."""
    m = TITLE_ISSUER_PREFIX.match(title or "")
    return _organ_list(m.group("org")) if m else None


def _find_attachment(lines: list[str], title: str | None, signed_at: int) -> tuple[str | None, int]:
    """(title of the document printed/forwarded by a notice, index of its last line or -1)."""
    forwarding_at = next((k for k, line in enumerate(lines) if FORWARDING_SENTENCE.search(line)), -1)
    if not (title and FORWARDING_TITLE.search(title)) and forwarding_at < 0:
        return None, -1
    start = signed_at if signed_at >= 0 else forwarding_at
    if start >= 0:
        k = start + 1
        while k < len(lines) and (
            ATTACHMENT_LABEL.match(lines[k]) or NOTE_LINE.match(lines[k]) or standalone_date(lines[k])
            or (signed_at < 0 and looks_like_organ(lines[k]))
        ):
            k += 1
        if k < len(lines):
            candidate, end = _join_title(lines, k)
            if genre_of(candidate) and len(candidate) <= TITLE_MAX_CHARS and not CLAUSE_PUNCTUATION.search(candidate):
                return candidate, end
    for line in lines[: start + 1] + [title or ""]:
        quoted = FORWARDED_QUOTED_TITLE.search(line)
        if quoted:
            return quoted.group("title") or quoted.group("title2"), -1
    return None, -1


def _find_speaker(speech_title: str, lines: list[str], title_at: int) -> tuple[str | None, str | None]:
    for pattern in (SPEAKER_NAME_FIRST, SPEAKER_TITLE_FIRST):
        m = pattern.search(speech_title)
        if m and not looks_like_organ(m.group("name")):
            return m.group("name"), m.group("title")
    for line in lines[title_at + 1 : title_at + 3] if title_at >= 0 else []:
        m = SPEAKER_BYLINE.match(line)
        if m and not looks_like_organ(m.group("name") or m.group("name2")):
            return m.group("name") or m.group("name2"), m.group("title") or m.group("title2")
    return None, None


def _find_speech_date(lines: list[str], title_at: int) -> dt.date | None:
    """Date written just under a speech title: '（2012年7月31日，根据录音整理）' or '2012年7月31日'."""
    if title_at < 0:
        return None
    for line in lines[title_at + 1 : title_at + 4]:
        if line.startswith(("（", "(", "——", "—")) or standalone_date(line):
            found = find_dates(line)
            if found:
                return found[0].date
        if _ends_sentence(line) or line.endswith(("：", ":")):
            break
    return None


def has_placeholders(text: str) -> bool:
    """Redaction placeholders such as ×, ×××, XX, X月, ***市, 某某 (not 3×4, not '* * *')."""
    # each pattern only when its characters occur: the scans are the cost, and most texts have none
    if ("×" in text or "╳" in text) and PLACEHOLDER_CROSSES.search(MULTIPLICATION.sub("", text)):
        return True
    if ("X" in text or "Ｘ" in text) and PLACEHOLDER_X_RUN.search(text):
        return True
    if ("*" in text or "＊" in text) and PLACEHOLDER_ASTERISKS.search(text):
        return True
    return bool(PLACEHOLDER_WORDS.search(text))


def is_truncated(lines: list[str]) -> bool:
    """True when the last line is prose cut off mid-sentence (e.g. '…光有点子不行，更多的是在办法上要')."""
    if not lines:
        return False
    last = lines[-1]
    if last[-1] in MID_SENTENCE_END:
        return True
    is_prose = len(last) >= TRUNCATION_MIN_CHARS and bool(re.search(r"[，。；]", last))
    return is_prose and last[-1] not in SENTENCE_FINAL


# --- entry point -------------------------------------------------------------------------------


def extract_metadata(text: str, page_meta: dict[str, str]) -> DocumentMetadata:
    page_meta = {k: str(v).strip() for k, v in (page_meta or {}).items() if v is not None}
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    meta = DocumentMetadata()

    meta.title, title_at, numbers = _find_title(lines, page_meta)
    meta.genre = genre_of(meta.title)
    number = parse_doc_number(page_meta.get("doc_number")) or (numbers[0] if numbers else None)
    if number:
        meta.doc_number, meta.doc_number_year, meta.doc_number_serial = number

    signed_at, meta.signed_date, signer = _find_signature(lines)
    banner = next((m.group("org").strip() for line in lines[:TITLE_ZONE_LINES] if (m := ISSUER_BANNER.match(line))), None)
    meta.issuer = signer or (banner if banner and looks_like_organ(banner) else None) or _issuer_from_title(meta.title)
    meta.addressees = _find_addressees(lines, title_at)
    meta.cc = _find_cc(lines)
    meta.printed_by, meta.printed_date = _find_printed(lines)

    meta.publisher = page_meta.get("publisher") or None
    meta.published_at = parse_datetime(page_meta.get("published_at", ""))
    meta.source_name = page_meta.get("source_name") or None
    meta.index_number = page_meta.get("index_number") or None
    meta.category = page_meta.get("category") or None

    meta.attachment_title, attachment_at = _find_attachment(lines, meta.title, signed_at)
    if meta.attachment_title and genre_of(meta.attachment_title) in SPEECH_GENRES:
        speech_title, speech_at = meta.attachment_title, attachment_at
    elif meta.genre in SPEECH_GENRES:
        speech_title, speech_at = meta.title, title_at
    else:
        speech_title, speech_at = None, -1
    if speech_title:
        meta.speaker, meta.speaker_title = _find_speaker(speech_title, lines, speech_at)
        meta.speech_date = _find_speech_date(lines, speech_at)

    meta.has_placeholders = has_placeholders(text)
    meta.is_truncated = is_truncated(lines)
    return meta
