"""The typed record every reader yields, and the options of record files."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RecordOptions:
    """Columns of record files (None: the defaults of readers/records.py)."""
    text_column: str | None = None
    html_column: str | None = None
    url_column: str | None = None
    id_column: str | None = None


@dataclass(frozen=True)
class InputRecord:
    """One document as an input gave it, before any stage ran."""
    source_path: str             # the file, or file#key for a row of a record file
    sha256: str                  # content identity: the raw bytes' SHA-256 (a record's: its text's, as UTF-8)
    size_bytes: int
    input_format: str            # name of the reader (txt, html, jsonl, csv, parquet)
    source: str                  # where repeated chrome lines are learned: the file's folder, or the page's site
    raw: bytes | None = None     # undecoded bytes (page files): the decode stage decodes them
    text: str | None = None      # decoded text (record files), with the file's encoding below
    encoding: str | None = None
    encoding_confidence: float | None = None
    hints: dict[str, str] = field(default_factory=dict)  # page fields the input carried: record_title, url, published_at, source_name, author
    record_fields: str | None = None  # JSON object of a record's columns that map to no document column
    problem: tuple[str, str] | None = None  # (reason, detail): this record cannot become a document


class ReaderError(ValueError):
    """The file as a whole cannot be read by its reader; `reason` is the rejects reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail
