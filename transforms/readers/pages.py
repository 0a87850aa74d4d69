"""Page files: a text dump or an HTML page, one document per file, decoded by the decode stage."""
from __future__ import annotations

import hashlib
import os
from pathlib import PurePath
from typing import Iterator

from .record import InputRecord, RecordOptions

HTML_EXTENSIONS = (".html", ".htm", ".shtml", ".xhtml")


def source_of(path: str) -> str:
    """Documents of one folder are one source for learning repeated chrome lines."""
    return os.path.dirname(path)


def read_page(raw: bytes, path: str, options: RecordOptions = RecordOptions()) -> Iterator[InputRecord]:
    fmt = "html" if PurePath(path).suffix.lower() in HTML_EXTENSIONS else "txt"
    yield InputRecord(source_path=path, sha256=hashlib.sha256(raw).hexdigest(), size_bytes=len(raw),
                      input_format=fmt, source=source_of(path), raw=raw)
