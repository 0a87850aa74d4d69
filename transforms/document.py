"""One document through every stage: raw bytes in, the rows of every table out (or a reject).

decode -> (html extract) -> normalize -> strip chrome -> metadata -> sections -> directives -> terms.
Pure: no I/O, no Prefect; flows/ calls `process_document` over batches.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field

from . import chrome, decode, directives, metadata, normalize, structure, tokens

RULES_REVISION = "1"  # bump when a rule change should re-process documents already in the warehouse
CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass
class Rejected:
    source_path: str
    sha256: str
    reason: str
    detail: str
    size_bytes: int | None


@dataclass
class Processed:
    document: dict
    sections: list[dict] = field(default_factory=list)
    directives: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)
    chrome: list[dict] = field(default_factory=list)


def doc_id_of(sha256_hex: str) -> str:
    return sha256_hex[:32]


def zh_ratio(text: str) -> float:
    visible = len(text) - sum(ch.isspace() for ch in text)
    return round(len(CJK_CHAR.findall(text)) / visible, 4) if visible else 0.0


def _html_extract(text: str):
    try:
        from . import html as html_stage
    except ImportError:  # pragma: no cover - the HTML stage ships with the package
        return None
    return html_stage.extract_html(text) if html_stage.looks_like_html(text) else None


def process_document(raw: bytes, source_path: str, tokenizer: str = tokens.DEFAULT_TOKENIZER,
                     sha256_hex: str | None = None) -> Processed | Rejected:
    sha = sha256_hex or hashlib.sha256(raw).hexdigest()
    try:
        decoded = decode.decode_bytes(raw)
    except decode.DecodeError as err:
        return Rejected(source_path, sha, err.reason, err.detail, len(raw))
    doc_id = doc_id_of(sha)

    removed: list[tuple[str, str]] = []
    text, input_format, html_meta = decoded.text, "txt", {}
    page = _html_extract(text)
    if page is not None:
        input_format, html_meta = "html", dict(page.meta)
        removed.extend(page.removed)
        text = (page.title + "\n" if page.title else "") + page.text

    norm = normalize.normalize_text(text)
    removed.extend(norm.removed)
    stripped = chrome.strip_chrome(norm.text)
    removed.extend(stripped.removed)
    clean = stripped.text
    if not clean.strip():
        return Rejected(source_path, sha, "no-text", "nothing but page chrome or markup once cleaned", len(raw))
    if not CJK_CHAR.search(clean):
        return Rejected(source_path, sha, "not-chinese", f"no Chinese characters in {len(clean)} characters of text", len(raw))

    page_meta = {**html_meta, **stripped.page_meta}
    meta = metadata.extract_metadata(clean, page_meta)
    sections = structure.split_sections(clean)
    found = directives.find_directives(clean, sections)
    counts = tokens.count_terms(clean, tokenizer)

    document = {
        "doc_id": doc_id,
        "source_path": source_path,
        "sha256": sha,
        "size_bytes": len(raw),
        "input_format": input_format,
        "encoding": decoded.encoding,
        "encoding_confidence": float(decoded.confidence),
        "replacement_chars": decoded.replacement_chars,
        "original_script": norm.original_script,
        "pinyin_removed": norm.pinyin_removed,
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
        terms=[{"doc_id": doc_id, "term": t, "count": c} for t, c in counts.items()],
        chrome=[{"doc_id": doc_id, "seq": i, "text": t, "rule": r} for i, (t, r) in enumerate(removed)],
    )
