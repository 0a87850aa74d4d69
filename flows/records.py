"""Record files: JSON Lines, CSV or Parquet with one scraped page per row.

Each row becomes a document with source_path `file#row` (or `file#<id>` with --id-column).
Columns named like documents columns (title, url, publish_date) are passed on as metadata hints.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterator

from transforms.decode import DecodeError, decode_bytes

RECORD_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
DEFAULT_TEXT_COLUMNS = ("text", "content", "full_text")
DEFAULT_HTML_COLUMNS = ("html",)
DEFAULT_URL_COLUMNS = ("url",)
# record column -> page-metadata key understood by transforms.metadata
HINT_COLUMNS = {"title": "page_title", "publish_date": "published_at", "published_at": "published_at",
                "pub_date": "published_at", "source": "source_name"}


@dataclass(frozen=True)
class RecordOptions:
    text_column: str | None = None
    html_column: str | None = None
    url_column: str | None = None
    id_column: str | None = None


@dataclass(frozen=True)
class Record:
    key: str                 # row number (from 1) or the id column's value
    text: str | None         # the page text or HTML; None when the row has none
    hints: dict[str, str]
    problem: str | None = None  # why the row cannot be read


class RecordFileError(ValueError):
    """The whole file cannot be read as records."""


def record_format(path: str) -> str | None:
    return RECORD_FORMATS.get(PurePath(path).suffix.lower())


def _pick(columns, wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    if wanted:
        return wanted if wanted in columns else None
    lowered = {c.lower(): c for c in columns}
    return next((lowered[d] for d in defaults if d in lowered), None)


def _rows(fmt: str, raw: bytes, path: str) -> tuple[list[str], Iterator[dict], str, float]:
    """(columns, rows, encoding, confidence) of a record file."""
    if fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            pf = pq.ParquetFile(io.BytesIO(raw))
        except Exception as err:
            raise RecordFileError(f"not a readable Parquet file: {err}") from None
        columns = pf.schema_arrow.names
        return columns, (row for b in pf.iter_batches(batch_size=1024) for row in b.to_pylist()), "utf-8", 1.0
    try:
        decoded = decode_bytes(raw)
    except DecodeError as err:
        raise RecordFileError(f"{err.reason}: {err.detail}") from None
    text = decoded.text.lstrip("\ufeff")
    if fmt == "csv":
        csv.field_size_limit(sys.maxsize)
        reader = csv.DictReader(io.StringIO(text, newline=""))
        return list(reader.fieldnames or []), reader, decoded.encoding, decoded.confidence
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip()), "{}")
    try:
        columns = list(json.loads(first).keys())
    except (ValueError, AttributeError):
        raise RecordFileError("the first line is not a JSON object") from None

    def parse() -> Iterator[dict]:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                yield row if isinstance(row, dict) else {"__problem__": f"line {n} is JSON but not an object"}
            except ValueError as err:
                yield {"__problem__": f"line {n} is not valid JSON: {err}"}

    return columns, parse(), decoded.encoding, decoded.confidence


def read_records(raw: bytes, path: str, options: RecordOptions) -> tuple[Iterator[Record], str, float]:
    """The records of a file, with the file's encoding and its confidence; RecordFileError when
    the file cannot be read or has no text column."""
    fmt = record_format(path)
    columns, rows, encoding, confidence = _rows(fmt, raw, path)
    text_col = _pick(columns, options.text_column, DEFAULT_TEXT_COLUMNS)
    html_col = _pick(columns, options.html_column, DEFAULT_HTML_COLUMNS)
    url_col = _pick(columns, options.url_column, DEFAULT_URL_COLUMNS)
    if text_col is None and html_col is None:
        asked = ", ".join(filter(None, (options.text_column, options.html_column))) or \
            ", ".join(DEFAULT_TEXT_COLUMNS + DEFAULT_HTML_COLUMNS)
        raise RecordFileError(f"no text column: looked for {asked}; the file has {', '.join(map(str, columns)) or 'no columns'} "
                              "(use --text-column or --html-column)")
    hint_cols = {c: HINT_COLUMNS[c.lower()] for c in columns if c.lower() in HINT_COLUMNS}

    def records() -> Iterator[Record]:
        for n, row in enumerate(rows, 1):
            key = str(row.get(options.id_column) or n) if options.id_column else str(n)
            if "__problem__" in row:
                yield Record(key, None, {}, row["__problem__"])
                continue
            body = row.get(html_col) if html_col else None
            body = body if body not in (None, "") else (row.get(text_col) if text_col else None)
            hints = {key_: str(row[c]) for c, key_ in hint_cols.items() if row.get(c) not in (None, "")}
            if url_col and row.get(url_col):
                hints["url"] = str(row[url_col])
            yield Record(key, None if body in (None, "") else str(body), hints)

    return records(), encoding, confidence
