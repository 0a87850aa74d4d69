"""Record files: JSON Lines, CSV or Parquet with one scraped page per row.

Columns (names matched case-insensitively):
- the body: --text-column (default TEXT_COLUMNS) or, preferred when both hold a value, the page's
  HTML (--html-column, default HTML_COLUMNS);
- page fields the crawler captured (HINT_COLUMNS): title, url/link, publish_date/date/pubtime...,
  source, author; they map to documents columns (title only when it is the document's own title:
  see transforms/metadata.py);
- everything else goes, as a JSON object, to documents.record_fields: no column is lost.

Identity: a row is `file#key`, the key being the --id-column value, else the url column's value,
else the first 16 hex digits of its text's SHA-256, so reordering or prepending rows changes no
document. A file that does not parse cleanly is rejected as a whole (ReaderError: an unclosed
quote, a JSON array in a .jsonl) or row by row (a row with the wrong number of fields, a line
that is not a JSON object): never split into fragments.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from datetime import date, datetime
from typing import Any, Iterable, Iterator

from ..decode import DecodeError, decode_bytes
from ..pagemeta import PageMeta
from .pages import source_of
from .record import InputRecord, ReaderError, RecordOptions

# Body columns tried in order when no --text-column / --html-column is given.
TEXT_COLUMNS = ("text", "content", "full_text", "body", "article")
HTML_COLUMNS = ("html", "raw_html", "page_html")
URL_COLUMNS = ("url", "link", "href", "page_url")
# Page fields a crawler captures -> the pagemeta.PageMeta field the metadata stage reads.
# e.g. {"title": "…_XX市人民政府网站", "pub_date": "2022-11-16", "source": "人民日报"}
HINT_COLUMNS = {
    "title": "record_title", "headline": "record_title",
    "publish_date": "published_at", "published_at": "published_at", "pub_date": "published_at",
    "pubdate": "published_at", "publish_time": "published_at", "pubtime": "published_at", "date": "published_at",
    "time": "published_at", "datetime": "published_at",
    "source": "source_name", "source_name": "source_name",
    "author": "author", "byline": "author",
}
ROW_KEY_HEX = 16  # a content-hash key: 16 hex digits (64 bits) tell rows of one file apart


def _pick(columns: Iterable[str], wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    columns = list(columns)
    if wanted:
        return wanted if wanted in columns else None
    lowered = {c.lower(): c for c in columns}
    return next((lowered[d] for d in defaults if d in lowered), None)


def _decoded(raw: bytes) -> tuple[str, str, float]:
    try:
        d = decode_bytes(raw)
    except DecodeError as err:
        raise ReaderError("bad-record-file", f"{err.reason}: {err.detail}") from None
    return d.text.lstrip("\ufeff"), d.encoding, d.confidence


def _json_value(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value


class _Columns:
    """Which column plays which part in one file."""

    def __init__(self, columns: list[str], options: RecordOptions):
        self.text = _pick(columns, options.text_column, TEXT_COLUMNS)
        self.html = _pick(columns, options.html_column, HTML_COLUMNS)
        self.url = _pick(columns, options.url_column, URL_COLUMNS)
        self.id = _pick(columns, options.id_column, ()) if options.id_column else None
        if self.text is None and self.html is None:
            asked = ", ".join(filter(None, (options.text_column, options.html_column))) or \
                ", ".join(TEXT_COLUMNS + HTML_COLUMNS)
            raise ReaderError("bad-record-file", f"no text column: looked for {asked}; the file has "
                              f"{', '.join(map(str, columns)) or 'no columns'} (use --text-column or --html-column)")
        if options.id_column and self.id is None:
            raise ReaderError("bad-record-file", f"no id column {options.id_column!r}; the file has {', '.join(map(str, columns))}")
        used = {self.text, self.html, self.url}
        self.hints = {c: HINT_COLUMNS[c.lower()] for c in columns if c.lower() in HINT_COLUMNS and c not in used}
        self.other = [c for c in columns if c not in used and c not in self.hints]

    def record(self, row: dict, path: str, fmt: str, where: str, encoding: str, confidence: float) -> InputRecord:
        html = row.get(self.html) if self.html else None
        body = html if html not in (None, "") else (row.get(self.text) if self.text else None)
        url = str(row[self.url]).strip() if self.url and row.get(self.url) not in (None, "") else None
        page = {key: str(row[c]).strip() for c, key in self.hints.items() if row.get(c) not in (None, "")}
        hints = PageMeta.from_dict({**page, "url": url}).as_dict()   # PageMeta field names only
        other = {c: _json_value(row.get(c)) for c in self.other if row.get(c) is not None}
        fields = json.dumps(other, ensure_ascii=False, default=str, sort_keys=True) if other else None
        text = None if body in (None, "") else str(body)
        ident = row.get(self.id) if self.id else None
        if ident in (None, ""):
            ident = url or (hashlib.sha256(text.encode("utf-8")).hexdigest()[:ROW_KEY_HEX] if text else where)
        source_path = f"{path}#{ident}"
        if text is None:
            columns = " or ".join(filter(None, (self.html, self.text)))
            return InputRecord(source_path, "", 0, fmt, path, problem=("bad-record", f"{where}: the {columns} column is empty"))
        data = text.encode("utf-8")
        # the site, when the row names its page: repeated chrome lines are learned per site
        source = url.split("/")[2] if url and url.count("/") >= 2 and "://" in url else source_of(path) or path
        return InputRecord(source_path, hashlib.sha256(data).hexdigest(), len(data), fmt, source, text=text,
                           encoding=encoding, encoding_confidence=confidence, hints=hints, record_fields=fields)


def _problem(path: str, fmt: str, where: str, detail: str) -> InputRecord:
    return InputRecord(f"{path}#{where.replace(' ', '')}", "", 0, fmt, path, problem=("bad-record", detail))


def read_jsonl(raw: bytes, path: str, options: RecordOptions = RecordOptions()) -> Iterator[InputRecord]:
    text, encoding, confidence = _decoded(raw)
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), None)
    if first is None:
        raise ReaderError("bad-record-file", "no records: the file holds only blank lines")
    try:
        head = json.loads(first)
    except ValueError:
        head = None
    if not isinstance(head, dict):
        raise ReaderError("bad-record-file", "the first line is not a JSON object (JSON Lines hold one object per line)")
    columns = _Columns(list(head), options)
    return _jsonl_rows(lines, columns, path, encoding, confidence)


def _jsonl_rows(lines, columns: _Columns, path, encoding, confidence) -> Iterator[InputRecord]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as err:
            yield _problem(path, "jsonl", f"line {n}", f"line {n} is not valid JSON: {err}")
            continue
        if not isinstance(row, dict):
            yield _problem(path, "jsonl", f"line {n}", f"line {n} is JSON but not an object")
            continue
        yield columns.record(row, path, "jsonl", f"line {n}", encoding, confidence)


def read_csv(raw: bytes, path: str, options: RecordOptions = RecordOptions()) -> Iterator[InputRecord]:
    text, encoding, confidence = _decoded(raw)
    csv.field_size_limit(sys.maxsize)
    # parse the whole file first: an unclosed quote shows only at the end, and must reject the
    # file rather than leave the rows read so far (or a merged fragment) as documents
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as err:
        raise ReaderError("bad-record-file", f"not valid CSV near line {reader.line_num}: {err} "
                          "(an unclosed quote makes the rest of the file one field)") from None
    if not rows:
        raise ReaderError("bad-record-file", "no header row")
    header = rows[0]
    columns = _Columns(header, options)

    def records() -> Iterator[InputRecord]:
        for n, values in enumerate(rows[1:], 2):
            if not values:
                continue
            if len(values) != len(header):
                yield _problem(path, "csv", f"row {n}", f"row {n} has {len(values)} fields, the header has {len(header)}")
                continue
            yield columns.record(dict(zip(header, values)), path, "csv", f"row {n}", encoding, confidence)

    return records()


def read_parquet(raw: bytes, path: str, options: RecordOptions = RecordOptions()) -> Iterator[InputRecord]:
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(io.BytesIO(raw))
    except Exception as err:
        raise ReaderError("bad-record-file", f"not a readable Parquet file: {err}") from None
    columns = _Columns(pf.schema_arrow.names, options)

    def records() -> Iterator[InputRecord]:
        n = 0
        for batch in pf.iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                n += 1
                yield columns.record(row, path, "parquet", f"row {n}", "utf-8", 1.0)

    return records()
