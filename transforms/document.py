"""One document through every stage: raw bytes (or a record's text) in, the rows of every table out.

prepare: decode -> (html extract) -> normalize -> strip chrome     => Prepared (or Rejected)
finish:  drop lines learned as chrome across the corpus -> metadata -> sections -> directives -> terms
Between the two, flows/ looks at a whole batch to learn repeated lines (boilerplate.py).
Pure: no I/O, no Prefect.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field

from . import boilerplate, chrome, decode, directives, html, metadata, normalize, structure, tokens

RULES_REVISION = "2"  # bump when a rule change should re-process documents already in the warehouse
CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_RUN = re.compile(CJK_CHAR.pattern + "+")  # counted by run: one match per run, not per character
_SPACE_RUN = re.compile(r"\s+")


@dataclass
class Rejected:
    source_path: str
    sha256: str
    reason: str
    detail: str
    size_bytes: int | None


@dataclass
class Prepared:
    """A document cleaned of its own chrome, before the corpus-level and analysis stages."""
    doc_id: str
    source_path: str
    sha256: str
    size_bytes: int
    input_format: str
    decoded: decode.Decoded
    original_script: str
    pinyin_removed: int
    clean_text: str
    page_meta: dict[str, str]
    removed: list[tuple[str, str]]


@dataclass
class Processed:
    document: dict
    sections: list[dict] = field(default_factory=list)
    directives: list[dict] = field(default_factory=list)
    term_counts: dict[str, int] = field(default_factory=dict)  # term -> count (hundreds per document: no row dicts)
    chrome: list[dict] = field(default_factory=list)

    @property
    def terms(self) -> list[dict]:
        """term_counts as rows of the terms table."""
        doc_id = self.document["doc_id"]
        return [{"doc_id": doc_id, "term": t, "count": c} for t, c in self.term_counts.items()]


def doc_id_of(sha256_hex: str) -> str:
    return sha256_hex[:32]


def zh_ratio(text: str) -> float:
    visible = len(text) - sum(map(len, _SPACE_RUN.findall(text)))
    return round(sum(map(len, _CJK_RUN.findall(text))) / visible, 4) if visible else 0.0


def prepare(raw: bytes, source_path: str, sha256_hex: str | None = None) -> Prepared | Rejected:
    """A file's bytes through decode, HTML extraction, normalize and chrome."""
    sha = sha256_hex or hashlib.sha256(raw).hexdigest()
    try:
        decoded = decode.decode_bytes(raw)
    except decode.DecodeError as err:
        return Rejected(source_path, sha, err.reason, err.detail, len(raw))
    return prepare_text(decoded, source_path, sha, len(raw))


def prepare_text(decoded: decode.Decoded, source_path: str, sha: str, size: int,
                 input_format: str | None = None, hints: dict[str, str] | None = None) -> Prepared | Rejected:
    """Decoded text (a file's, or one record's of a JSONL/CSV/Parquet file) through the cleaning stages.
    `hints` are page-metadata values from elsewhere (a record's title/url/publish_date columns)."""
    removed: list[tuple[str, str]] = []
    text, html_meta = decoded.text, {}
    if html.looks_like_html(text):
        page = html.extract_html(text)
        input_format = "html" if input_format in (None, "txt") else input_format
        html_meta = dict(page.meta)
        removed.extend(page.removed)
        text = (page.title + "\n" if page.title else "") + page.text
    norm = normalize.normalize_text(text)
    removed.extend(norm.removed)
    stripped = chrome.strip_chrome(norm.text)
    removed.extend(stripped.removed)
    clean = stripped.text
    if not clean.strip():
        return Rejected(source_path, sha, "no-text", "nothing but page chrome or markup once cleaned", size)
    if not CJK_CHAR.search(clean):
        return Rejected(source_path, sha, "not-chinese", f"no Chinese characters in {len(clean)} characters of text", size)
    page_meta = {**(hints or {}), **html_meta, **stripped.page_meta}
    return Prepared(doc_id_of(sha), source_path, sha, size, input_format or "txt", decoded, norm.original_script,
                    norm.pinyin_removed, clean, page_meta, removed)


def finish(doc: Prepared, corpus_chrome: frozenset[str] = frozenset(),
           tokenizer: str = tokens.DEFAULT_TOKENIZER) -> Processed:
    """Drop corpus-learned chrome lines, then extract metadata, sections, directives and terms."""
    clean, learned = boilerplate.remove_lines(doc.clean_text, corpus_chrome)
    removed = doc.removed + learned
    meta = metadata.extract_metadata(clean, doc.page_meta)
    sections = structure.split_sections(clean)
    found = directives.find_directives(clean, sections)
    counts = tokens.count_terms(clean, tokenizer)
    doc_id = doc.doc_id
    document = {
        "doc_id": doc_id,
        "source_path": doc.source_path,
        "sha256": doc.sha256,
        "size_bytes": doc.size_bytes,
        "input_format": doc.input_format,
        "url": doc.page_meta.get("url") or None,
        "encoding": doc.decoded.encoding,
        "encoding_confidence": float(doc.decoded.confidence),
        "replacement_chars": doc.decoded.replacement_chars,
        "original_script": doc.original_script,
        "pinyin_removed": doc.pinyin_removed,
        "lang_zh_ratio": zh_ratio(clean),
        **dataclasses.asdict(meta),
        "clean_text": clean,
        "char_count": len(clean),
    }
    section_ids = [f"{doc_id}-s{i:04d}" for i in range(len(sections))]
    return Processed(
        document=document,
        sections=[
            {
                "doc_id": doc_id,
                "section_id": section_ids[i],
                "parent_id": section_ids[s.parent] if s.parent is not None else None,
                "level": s.level,
                "ordinal": s.ordinal,
                "marker": s.marker,
                "path": s.path,
                "heading": s.heading,
                "text": clean[s.char_start:s.char_end],
                "char_start": s.char_start,
                "char_end": s.char_end,
            }
            for i, s in enumerate(sections)
        ],
        directives=[
            {
                "doc_id": doc_id,
                "directive_id": f"{doc_id}-d{i:04d}",
                "section_id": section_ids[d.section] if d.section is not None else None,
                "text": d.text,
                "modality": d.modality,
                "trigger": d.trigger,
                "char_start": d.char_start,
                "char_end": d.char_end,
            }
            for i, d in enumerate(found)
        ],
        term_counts=counts,
        chrome=[{"doc_id": doc_id, "seq": i, "text": t, "rule": r} for i, (t, r) in enumerate(removed)],
    )


def process_document(raw: bytes, source_path: str, tokenizer: str = tokens.DEFAULT_TOKENIZER,
                     sha256_hex: str | None = None) -> Processed | Rejected:
    """One file on its own (no corpus-learned chrome)."""
    prepared = prepare(raw, source_path, sha256_hex)
    return prepared if isinstance(prepared, Rejected) else finish(prepared, tokenizer=tokenizer)
