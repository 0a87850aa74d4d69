"""Readers: a file's bytes in, the documents it holds out, as typed InputRecords.

One reader per input format; `READERS` is the dispatch table (by file extension, first match
wins; anything else is a text dump). A page file (text dump or HTML page) holds one document, a
record file (JSON Lines, CSV, Parquet) one per row. Pure: bytes in, records out, no file I/O (the
flow reads the bytes). A new format (DOCX, PDF, WARC) is one module with a `read` function and
one row in READERS.

A text dump that turns out to hold HTML (a crawler's .txt of a page) is recognised after
decoding, by the html stage of transforms/document.py: its records say input_format "txt" and
the stage changes it to "html".
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Callable, Iterator

from . import pages, records
from .record import InputRecord, ReaderError, RecordOptions


@dataclass(frozen=True)
class Reader:
    name: str                     # documents.input_format of what it reads
    extensions: tuple[str, ...]   # lower-case, with the dot; () for the fallback
    read: Callable[[bytes, str, RecordOptions], Iterator[InputRecord]]
    holds_records: bool = False   # one document per row (else one per file)


# Text files that are no documents, or text formats no reader reads yet: rejected as
# unsupported-format with what to do, instead of being read as a text dump. e.g. a crawl's
# metadata sidecar "page.yaml", "site.css"; not ".txt", ".asp" or a name without an extension.
UNSUPPORTED = {
    ".json": "JSON: give records as JSON Lines (.jsonl, one object per line)",
    ".yaml": "YAML (metadata, not a document)", ".yml": "YAML (metadata, not a document)",
    ".xml": "XML: not read yet (save pages as .html)", ".js": "JavaScript, not a document",
    ".css": "a style sheet, not a document",
}
# Binary formats (PDF, DOCX, images, archives) need no entry: decode rejects them as binary,
# naming the format from the file's signature.


def _read_unsupported(raw: bytes, path: str, options: RecordOptions) -> Iterator[InputRecord]:
    raise ReaderError("unsupported-format", UNSUPPORTED[PurePath(path).suffix.lower()])


READERS = (
    Reader("jsonl", (".jsonl", ".ndjson"), records.read_jsonl, holds_records=True),
    Reader("csv", (".csv",), records.read_csv, holds_records=True),
    Reader("parquet", (".parquet",), records.read_parquet, holds_records=True),
    Reader("html", (".html", ".htm", ".shtml", ".xhtml"), pages.read_page),
    Reader("unsupported", tuple(UNSUPPORTED), _read_unsupported),
    Reader("txt", (), pages.read_page),  # any other name: a text dump (HTML inside is found after decoding)
)
_BY_EXTENSION = {ext: r for r in READERS for ext in r.extensions}
_FALLBACK = next(r for r in READERS if not r.extensions)


def reader_for(path: str) -> Reader:
    return _BY_EXTENSION.get(PurePath(path).suffix.lower(), _FALLBACK)


def read_input(raw: bytes, path: str, options: RecordOptions = RecordOptions()) -> Iterator[InputRecord]:
    """The records of one file; ReaderError when the file as a whole cannot be read."""
    return reader_for(path).read(raw, path, options)


__all__ = ["READERS", "UNSUPPORTED", "InputRecord", "Reader", "ReaderError", "RecordOptions", "read_input", "reader_for"]
