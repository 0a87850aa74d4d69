"""One document through every stage: an InputRecord in, the rows of every table out.

STAGES is the one ordered list of what happens to a document; the batch (flows/batch.py), the
benchmark and the tests iterate it, and every run records each stage's time and documents.

  prepare (per document)        decode -> html -> normalize -> chrome          => Work, or Rejected
  the batch learns the lines repeated across a source's documents (boilerplate.repeated_lines)
  finish (per document)         learned-chrome -> metadata -> structure -> directives -> targets -> references
                                -> near-duplicates -> formulations -> terms

Each stage is a function of the document's `Work`: it reads what earlier stages left there and
adds its part, or raises `Reject`. A stage that fills a child table puts its rows in
`work.rows[<table>]` (a table declared in schemas/ with role child); `finish` adds the chrome
audit and the documents row. Pure: no I/O, no Prefect.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from . import (boilerplate, chrome, decode, directives, formulations, html, metadata, near_duplicates, normalize,
               references, structure, targets, tokens)
from .readers import InputRecord
from .readers.pages import read_page

RULES_REVISION = "5"  # bump when a rule change should re-process documents already in the warehouse
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


class Reject(Exception):
    """Raised by a stage: this input cannot become a document (reason: the rejects reason code)."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class StageOptions:
    tokenizer: str = tokens.DEFAULT_TOKENIZER


@dataclass
class Work:
    """A document between stages."""
    record: InputRecord
    text: str = ""                      # the current text: decoded, extracted, normalized, cleaned
    input_format: str = ""
    encoding: str = ""
    encoding_confidence: float = 0.0
    replacement_chars: int = 0
    original_script: str = "simplified"
    pinyin_removed: int = 0
    page_meta: dict[str, str] = field(default_factory=dict)   # page fields: input hints < HTML < text labels
    removed: list[tuple[str, str]] = field(default_factory=list)  # (text, rule): the chrome audit
    learned: frozenset[str] = frozenset()  # lines repeated across this document's source (set by the batch)
    meta: metadata.DocumentMetadata | None = None
    minhash: bytes | None = None        # near-duplicate signature
    keep_whole: list[tuple[int, int]] = field(default_factory=list)  # spans the tokenizer keeps whole
    sections: list[structure.Section] = field(default_factory=list)
    rows: dict[str, Any] = field(default_factory=dict)  # child table -> list of row dicts, or dict of columns

    @property
    def doc_id(self) -> str:
        return doc_id_of(self.record.sha256)


@dataclass
class Processed:
    document: dict
    children: dict[str, Any] = field(default_factory=dict)  # child table -> rows (list of dicts, or dict of columns)

    def rows(self, table: str) -> list[dict]:
        """A child table's rows as dicts, whichever form the stage gave them in."""
        rows = self.children.get(table, [])
        if isinstance(rows, dict):
            return [dict(zip(rows, values)) for values in zip(*rows.values())]
        return rows


# A year in a title. e.g. "2026年吉林省政府工作报告" -> 2026, "…“十四五”规划（2021—2025年）" -> 2021
TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def doc_date_of(meta: metadata.DocumentMetadata) -> dict:
    """documents.doc_date and doc_year: signed_date, else speech_date, else published_at's date, else
    1 January of the first year in the title."""
    date = meta.signed_date or meta.speech_date or (meta.published_at.date() if meta.published_at else None)
    if date is None and meta.title and (m := TITLE_YEAR.search(meta.title)):
        date = dt.date(int(m.group(1)), 1, 1)
    return {"doc_date": date, "doc_year": date.year if date else None}


def doc_id_of(sha256_hex: str) -> str:
    return sha256_hex[:32]


def zh_ratio(text: str) -> float:
    visible = len(text) - sum(map(len, _SPACE_RUN.findall(text)))
    return round(sum(map(len, _CJK_RUN.findall(text))) / visible, 4) if visible else 0.0


# --- stages ------------------------------------------------------------------------------------

def _decode(w: Work, _: StageOptions) -> None:
    r = w.record
    w.input_format = r.input_format
    w.page_meta.update(r.hints)
    if r.text is not None:  # a record file's row: decoded with its file
        w.text, w.encoding, w.encoding_confidence = r.text, r.encoding or "utf-8", float(r.encoding_confidence or 1.0)
        return
    try:
        decoded = decode.decode_bytes(r.raw)
    except decode.DecodeError as err:
        raise Reject(err.reason, err.detail) from None
    w.text, w.encoding, w.encoding_confidence = decoded.text, decoded.encoding, float(decoded.confidence)
    w.replacement_chars = decoded.replacement_chars


def _html(w: Work, _: StageOptions) -> None:
    if not html.looks_like_html(w.text):
        return
    page = html.extract_html(w.text)
    if w.input_format == "txt":
        w.input_format = "html"
    w.page_meta.update(page.meta)
    w.removed.extend(page.removed)
    w.text = (page.title + "\n" if page.title else "") + page.text


# Page fields compared with the clean text (titles): normalized the same way. e.g. a record's
# title column "在區(qū)政府黨組…的講話" -> "在区政府党组…的讲话"
NORMALIZED_PAGE_FIELDS = ("page_title", "record_title", "source_name", "publisher", "author")


def _normalize(w: Work, _: StageOptions) -> None:
    norm = normalize.normalize_text(w.text)
    w.text, w.original_script, w.pinyin_removed = norm.text, norm.original_script, norm.pinyin_removed
    w.removed.extend(norm.removed)
    for key in NORMALIZED_PAGE_FIELDS:
        if w.page_meta.get(key):
            w.page_meta[key] = normalize.normalize_text(w.page_meta[key]).text


def _chrome(w: Work, _: StageOptions) -> None:
    stripped = chrome.strip_chrome(w.text)
    w.removed.extend(stripped.removed)
    w.page_meta.update(stripped.page_meta)
    w.text = stripped.text
    if not w.text.strip():
        raise Reject("no-text", "nothing but page chrome or markup once cleaned")
    if not CJK_CHAR.search(w.text):
        raise Reject("not-chinese", f"no Chinese characters in {len(w.text)} characters of text")


def _learned_chrome(w: Work, _: StageOptions) -> None:
    w.text, removed = boilerplate.remove_lines(w.text, w.learned)
    w.removed.extend(removed)


def _metadata(w: Work, _: StageOptions) -> None:
    w.meta = metadata.extract_metadata(w.text, w.page_meta)


def _structure(w: Work, _: StageOptions) -> None:
    w.sections = structure.split_sections(w.text)
    ids = _section_ids(w)
    w.rows["sections"] = [
        {"doc_id": w.doc_id, "section_id": ids[i], "parent_id": ids[s.parent] if s.parent is not None else None,
         "level": s.level, "ordinal": s.ordinal, "marker": s.marker, "path": s.path, "heading": s.heading,
         "text": w.text[s.char_start:s.char_end], "char_start": s.char_start, "char_end": s.char_end}
        for i, s in enumerate(w.sections)
    ]


def _directives(w: Work, _: StageOptions) -> None:
    ids = _section_ids(w)
    w.rows["directives"] = [
        {"doc_id": w.doc_id, "directive_id": f"{w.doc_id}-d{i:04d}",
         "section_id": ids[d.section] if d.section is not None else None, "text": d.text,
         "modality": d.modality, "trigger": d.trigger, "char_start": d.char_start, "char_end": d.char_end}
        for i, d in enumerate(directives.find_directives(w.text, w.sections))
    ]


def _targets(w: Work, _: StageOptions) -> None:
    ids = _section_ids(w)
    year = doc_date_of(w.meta)["doc_year"]
    w.rows["targets"] = [
        {"doc_id": w.doc_id, "target_id": f"{w.doc_id}-t{i:04d}",
         "section_id": ids[t.section] if t.section is not None else None, "indicator": t.indicator,
         "value": t.value, "value_high": t.value_high, "unit": t.unit, "qualifier": t.qualifier, "kind": t.kind,
         "period": t.period, "text": t.text, "char_start": t.char_start, "char_end": t.char_end}
        for i, t in enumerate(targets.find_targets(w.text, w.sections, year))
    ]


def _references(w: Work, _: StageOptions) -> None:
    ids = _section_ids(w)
    w.rows["references"] = [
        {"doc_id": w.doc_id, "reference_id": f"{w.doc_id}-r{i:04d}",
         "section_id": ids[r.section] if r.section is not None else None, "cited_title": r.cited_title,
         "cited_doc_number": r.cited_doc_number, "kind": r.kind,
         "cited_key": references.title_key(r.cited_title) if r.cited_title and not references.back_reference_genre(r.cited_title) else None,
         "cited_doc_id": None, "text": r.text, "char_start": r.char_start}
        for i, r in enumerate(references.find_references(w.text, w.sections, w.meta.doc_number, own_title=w.meta.title))
    ]


def _near_duplicates(w: Work, _: StageOptions) -> None:
    w.minhash = near_duplicates.signature(w.text) or None
    keys = near_duplicates.band_keys(w.minhash) if w.minhash else []
    w.rows["lsh_bands"] = {"doc_id": [w.doc_id] * len(keys), "band_key": keys}


def _formulations(w: Work, _: StageOptions) -> None:
    found = formulations.scan(w.text)
    w.keep_whole = found.spans  # the tokenizer keeps these whole: 新质生产力 is one term
    w.rows["formulations"] = [{"doc_id": w.doc_id, "phrase": f.phrase, "kind": f.kind, "count": f.count,
                               "first_offset": f.first_offset} for f in found.formulations]


def _terms(w: Work, options: StageOptions) -> None:
    counts = tokens.count_terms(w.text, options.tokenizer, keep_whole=w.keep_whole)  # hundreds per document: columns, not row dicts
    w.rows["terms"] = {"doc_id": [w.doc_id] * len(counts), "term": list(counts), "count": list(counts.values())}


def _section_ids(w: Work) -> list[str]:
    return [f"{w.doc_id}-s{i:04d}" for i in range(len(w.sections))]


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Work, StageOptions], None]
    corpus_step_before: bool = False  # the batch learns repeated lines across documents before this stage


STAGES = (
    Stage("decode", _decode),
    Stage("html", _html),
    Stage("normalize", _normalize),
    Stage("chrome", _chrome),
    Stage("learned-chrome", _learned_chrome, corpus_step_before=True),
    Stage("metadata", _metadata),
    Stage("structure", _structure),
    Stage("directives", _directives),
    Stage("targets", _targets),
    Stage("references", _references),
    Stage("near-duplicates", _near_duplicates),
    Stage("formulations", _formulations),
    Stage("terms", _terms),
)
_SPLIT = next(i for i, s in enumerate(STAGES) if s.corpus_step_before)
PREPARE_STAGES, FINISH_STAGES = STAGES[:_SPLIT], STAGES[_SPLIT:]


class StageClock:
    """Seconds and documents per stage, summed over the documents it timed."""

    def __init__(self):
        self.seconds: Counter = Counter()
        self.documents: Counter = Counter()

    def run(self, stages, work: Work, options: StageOptions) -> None:
        clock = time.perf_counter
        for stage in stages:
            t0 = clock()
            try:
                stage.run(work, options)
            finally:
                self.seconds[stage.name] += clock() - t0
                self.documents[stage.name] += 1

    def add(self, other: "StageClock") -> None:
        self.seconds.update(other.seconds)
        self.documents.update(other.documents)

    def rows(self) -> list[dict]:
        """As runs.stages: one dict per stage, in stage order (others after)."""
        order = [s.name for s in STAGES] + sorted(set(self.seconds) - {s.name for s in STAGES})
        return [{"stage": n, "seconds": round(self.seconds[n], 6), "documents": self.documents[n]}
                for n in order if n in self.seconds]


def prepare(record: InputRecord, options: StageOptions = StageOptions(), clock: StageClock | None = None) -> Work | Rejected:
    """The prepare stages (decode, html, normalize, chrome) of one input."""
    work = Work(record)
    try:
        (clock or StageClock()).run(PREPARE_STAGES, work, options)
    except Reject as rej:
        return Rejected(record.source_path, record.sha256, rej.reason, rej.detail, record.size_bytes)
    return work


def finish(work: Work, options: StageOptions = StageOptions(), clock: StageClock | None = None) -> Processed:
    """The finish stages, then the documents row and the chrome audit."""
    (clock or StageClock()).run(FINISH_STAGES, work, options)
    r = work.record
    document = {
        "doc_id": work.doc_id,
        "source_path": r.source_path,
        "sha256": r.sha256,
        "size_bytes": r.size_bytes,
        "input_format": work.input_format,
        "url": work.page_meta.get("url") or None,
        "encoding": work.encoding,
        "encoding_confidence": work.encoding_confidence,
        "replacement_chars": work.replacement_chars,
        "original_script": work.original_script,
        "pinyin_removed": work.pinyin_removed,
        "lang_zh_ratio": zh_ratio(work.text),
        **dataclasses.asdict(work.meta),
        "author": work.page_meta.get("author") or None,
        "record_fields": r.record_fields,
        "clean_text": work.text,
        "char_count": len(work.text),
        **doc_date_of(work.meta),
        "minhash": work.minhash,
        "duplicate_of": None,  # set across documents after the run's commits (flows/links.py)
    }
    work.rows["chrome"] = [{"doc_id": work.doc_id, "seq": i, "text": t, "rule": rule}
                           for i, (t, rule) in enumerate(work.removed)]
    return Processed(document=document, children=work.rows)


def process_record(record: InputRecord, options: StageOptions = StageOptions(),
                   clock: StageClock | None = None) -> Processed | Rejected:
    """One input on its own (no corpus-learned chrome)."""
    work = prepare(record, options, clock)
    return work if isinstance(work, Rejected) else finish(work, options, clock)


def process_document(raw: bytes, source_path: str, tokenizer: str = tokens.DEFAULT_TOKENIZER,
                     sha256_hex: str | None = None) -> Processed | Rejected:
    """One page file's bytes on their own (no corpus-learned chrome)."""
    record = next(read_page(raw, source_path))
    if sha256_hex and sha256_hex != record.sha256:
        record = dataclasses.replace(record, sha256=sha256_hex)
    return process_record(record, StageOptions(tokenizer))


__all__ = ["STAGES", "PREPARE_STAGES", "FINISH_STAGES", "Stage", "StageClock", "StageOptions", "Work", "Processed",
           "Rejected", "Reject", "RULES_REVISION", "prepare", "finish", "process_record", "process_document",
           "doc_id_of", "zh_ratio"]
