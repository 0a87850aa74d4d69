"""The single source of truth for every warehouse table: pyarrow schemas with a doc per column,
and each table's role and key.

Everything else derives from the declarations here: which tables a batch fills, what a commit
writes and `recover()` undoes, the run counters, the run report, the README's table reference
(`python -m schemas --write README.md`, checked by a test), the benchmark and the tests' table
lists. A new child table is one `table(...)` entry below (role CHILD, with a doc_id column) plus
the stage in transforms/document.py that fills it.

Writers validate against these before writing (Delta's own check is loose: it accepted an int
into a string column).
"""
from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

# published_at and similar page times are local China time as printed on the page, with no zone
# on the page: stored as timestamp without time zone. Pipeline clock times are UTC.
LOCAL_TS = pa.timestamp("us")
UTC_TS = pa.timestamp("us", tz="UTC")

# Roles: how a table's rows come and go.
DOCUMENT = "document"  # one row per document; written last in a commit, so a document is present only when all its rows are
CHILD = "child"        # rows of one document (doc_id): written with it, replaced when it is re-processed, undone by recover()
REJECT = "reject"      # inputs that could not become a document, keyed by path and content
RUN = "run"            # one row per run, written at its start and end
DERIVED = "derived"    # rows computed across documents after a run's commits (flows/links.py), for the documents they concern
ROLES = (DOCUMENT, CHILD, REJECT, RUN, DERIVED)


@dataclass(frozen=True)
class Table:
    name: str
    role: str
    key: tuple[str, ...]
    schema: pa.Schema
    runs_counter: str | None = None  # the runs column counting this table's rows added by a run

    @property
    def doc(self) -> str:
        return self.schema.metadata[b"doc"].decode()


# Field metadata key of a column's doc: "comment" is what Spark (DESCRIBE), Databricks and the
# Delta log readers show, and what `gongwen export` turns into DuckDB's COMMENT ON COLUMN.
COMMENT = "comment"


def col(name: str, type_: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={COMMENT: doc})


def column_doc(field: pa.Field) -> str:
    return (field.metadata or {}).get(COMMENT.encode(), b"").decode()


def table(name: str, role: str, doc: str, key: tuple[str, ...], *fields: pa.Field,
          runs_counter: str | None = None) -> Table:
    assert role in ROLES, role
    schema = pa.schema(fields, metadata={"doc": doc, "key": ",".join(key), "role": role})
    assert all(k in schema.names for k in key), (name, key)
    assert role != CHILD or "doc_id" in schema.names, f"child table {name} needs a doc_id column"
    return Table(name, role, key, schema, runs_counter)


DOCUMENTS = table(
    "documents", DOCUMENT,
    "One row per distinct input file (by content hash).",
    ("doc_id",),
    col("doc_id", pa.string(), "stable id: the first 32 hex digits of the raw bytes' SHA-256", False),
    col("source_path", pa.string(), "path of the input file, relative to the input folder; file#key for a row of a record file (key: the id column, else the url, else a hash of the row's text)", False),
    col("sha256", pa.string(), "SHA-256 of the raw bytes (of a record row: of its text in UTF-8), hex", False),
    col("size_bytes", pa.int64(), "size of the raw input in bytes", False),
    col("input_format", pa.string(), "how the input was read: txt, html, jsonl, csv or parquet", False),
    col("url", pa.string(), "the page's address, when the input gave one (a record file's url column)"),
    col("encoding", pa.string(), "detected encoding, lower-case Python codec name (utf-8, gb18030, big5, utf-16, ...)", False),
    col("encoding_confidence", pa.float64(), "0..1: how sure the decoder is of the encoding", False),
    col("replacement_chars", pa.int32(), "characters that could not be decoded and were replaced (U+FFFD)", False),
    col("original_script", pa.string(), "simplified, traditional or mixed, before conversion", False),
    col("pinyin_removed", pa.int32(), "injected pinyin annotations removed, e.g. 發(fā)", False),
    col("lang_zh_ratio", pa.float64(), "share of CJK characters among the clean text's non-space characters", False),
    col("genre", pa.string(), "文种 (决定, 通知, 意见, 讲话, 实施方案, 报告, ...) from the title, or null"),
    col("title", pa.string(), "the document's own title (not the site's page title)"),
    col("doc_number", pa.string(), "发文字号 normalized to 〔〕 brackets, e.g. 湖政发〔2017〕18号; null if none"),
    col("doc_number_year", pa.int32(), "year part of doc_number"),
    col("doc_number_serial", pa.int32(), "serial part of doc_number"),
    col("issuer", pa.string(), "发文机关: the signature above the 成文日期, else the organ that opens the title"),
    col("publisher", pa.string(), "发布机构 of the web page, when given"),
    col("addressees", pa.list_(pa.string()), "主送机关"),
    col("cc", pa.list_(pa.string()), "抄送机关"),
    col("signed_date", pa.date32(), "成文日期"),
    col("printed_by", pa.string(), "印发机关"),
    col("printed_date", pa.date32(), "印发日期"),
    col("published_at", LOCAL_TS, "the page's 发布时间 / 生成日期, local time as printed (no time zone)"),
    col("source_name", pa.string(), "the page's 来源 / 文章来源"),
    col("index_number", pa.string(), "索引号 of a government open-information page"),
    col("category", pa.string(), "信息分类 of a government open-information page"),
    col("attachment_title", pa.string(), "title of a document printed with a 印发/转发 notice"),
    col("speaker", pa.string(), "for speeches: who spoke"),
    col("speaker_title", pa.string(), "for speeches: the speaker's post, e.g. 市长"),
    col("speech_date", pa.date32(), "for speeches: when it was given"),
    col("has_placeholders", pa.bool_(), "the text uses placeholders such as × or ××× for redacted names", False),
    col("is_truncated", pa.bool_(), "the text is cut off (a preview, a partial page)", False),
    col("author", pa.string(), "author or byline the input named (a record file's author column, a page's author field)"),
    col("record_fields", pa.string(), "JSON object of a record file's columns that map to no other column (null for page files)"),
    col("clean_text", pa.string(), "the cleaned body in simplified characters, chrome removed", False),
    col("char_count", pa.int32(), "length of clean_text in characters", False),
    col("doc_date", pa.date32(), "one best date for trend queries: signed_date, else speech_date, else the date of "
        "published_at, else 1 January of a year in the title"),
    col("doc_year", pa.int32(), "the year of doc_date"),
    col("minhash", pa.binary(), "MinHash signature of the clean text (transforms/near_duplicates.py; 512 bytes), "
        "null for a text too short to compare"),
    col("duplicate_of", pa.string(), "doc_id of the earliest document of this text's near-duplicate cluster "
        "(reposts across sites, chrome and small edits aside); null for that one and for unique texts"),
    col("superseded_by", pa.string(), "doc_id of the newer version of this file (same source_path, new bytes); null for the current version"),
    col("pipeline_version", pa.string(), "gongwen version and rules revision that produced the row", False),
    col("run_id", pa.string(), "the run that wrote the row", False),
    col("processed_at", UTC_TS, "when the row was produced (UTC)", False),
)

SECTIONS = table(
    "sections", CHILD,
    "One row per heading in a document's section hierarchy.",
    ("section_id",),
    col("doc_id", pa.string(), "the document", False),
    col("section_id", pa.string(), "unique within the warehouse: doc_id, '-s', position in the document", False),
    col("parent_id", pa.string(), "enclosing section; null for level 1 and for a section with no enclosing heading"),
    col("level", pa.int32(), "1: 一、 / 第一， / 第一章 ; 2: （一） / 第一节 ; 3: 1. / 第一条 ; 4: （1）, "
        "and the items of an article in a document numbered by articles", False),
    col("ordinal", pa.int32(), "the number in the marker", False),
    col("marker", pa.string(), "the marker as written, e.g. 一、", False),
    col("path", pa.string(), "ordinals from the top, e.g. 2.1.3 (0 for a missing enclosing level)", False),
    col("heading", pa.string(), "the heading sentence after the marker", False),
    col("text", pa.string(), "the section's full text, children included", False),
    col("char_start", pa.int32(), "offset into documents.clean_text where the marker starts", False),
    col("char_end", pa.int32(), "offset into documents.clean_text where the section ends", False),
    runs_counter="sections_added",
)

DIRECTIVES = table(
    "directives", CHILD,
    "One row per sentence that obliges, forbids or encourages.",
    ("directive_id",),
    col("doc_id", pa.string(), "the document", False),
    col("directive_id", pa.string(), "unique within the warehouse: doc_id, '-d', position in the document", False),
    col("section_id", pa.string(), "innermost enclosing section, or null"),
    col("text", pa.string(), "the sentence", False),
    col("modality", pa.string(), "obligation, prohibition or encouragement", False),
    col("trigger", pa.string(), "the word that decided the modality", False),
    col("char_start", pa.int32(), "offset into documents.clean_text", False),
    col("char_end", pa.int32(), "end offset into documents.clean_text", False),
    runs_counter="directives_added",
)

TERMS = table(
    "terms", CHILD,
    "jieba tokens per document, stop words and punctuation excluded.",
    ("doc_id", "term"),
    col("doc_id", pa.string(), "the document", False),
    col("term", pa.string(), "a token", False),
    col("count", pa.int32(), "occurrences of the term in the document's clean_text", False),
)

CHROME = table(
    "chrome", CHILD,
    "Every piece of text removed as chrome, and the rule that removed it.",
    ("doc_id", "seq"),
    col("doc_id", pa.string(), "the document", False),
    col("seq", pa.int32(), "order of removal within the document", False),
    col("text", pa.string(), "the removed text", False),
    col("rule", pa.string(), "name of the rule that removed it, one of the kebab-case names listed with what each "
        "catches in transforms/chrome_rules.py RULES: page furniture (breadcrumb, site-footer, share, qr-code, prev-next, "
        "related-list, comments, editor, promo, toolbar, print-close, font-size-control), page-metadata (parsed "
        "into the document's fields first), HTML regions (nav, header, sidebar, hidden, boilerplate, title, ...), "
        "normalization watermarks, repeated-line (learned across a source)", False),
)

TARGETS = table(
    "targets", CHILD,
    "One row per quantitative figure a document states as a target or reports as achieved.",
    ("target_id",),
    col("doc_id", pa.string(), "the document", False),
    col("target_id", pa.string(), "unique within the warehouse: doc_id, '-t', position in the document", False),
    col("section_id", pa.string(), "innermost enclosing section, or null"),
    col("indicator", pa.string(), "the indicator as written next to the number, e.g. 地区生产总值增长, 城镇新增就业", False),
    col("value", pa.float64(), "the number as written (5.5 for 5.5%; 1.4 for 1.4万亿斤)", False),
    col("value_high", pa.float64(), "upper end of a range (5%—5.5%), else null"),
    col("unit", pa.string(), "as written after the number: %, ％, 万人, 亿元, 万亿斤, 个百分点", False),
    col("qualifier", pa.string(), "左右, 以上, 以内, 以下, 不低于, 不超过, 约, 力争; null when none"),
    col("kind", pa.string(), "target (expected, planned, to be reached) or achieved (reported as done)", False),
    col("period", pa.int32(), "the year the figure is for, when the text says or the document implies it"),
    col("text", pa.string(), "the clause", False),
    col("char_start", pa.int32(), "offset of the clause into documents.clean_text", False),
    col("char_end", pa.int32(), "end offset of the clause into documents.clean_text", False),
    runs_counter="targets_added",
)

FORMULATIONS = table(
    "formulations", CHILD,
    "The policy formulations (提法) a document uses, one row per phrase.",
    ("doc_id", "phrase"),
    col("doc_id", pa.string(), "the document", False),
    col("phrase", pa.string(), "the formulation, e.g. 新质生产力, 两新, 人工智能+, 四个意识 (transforms/formulations.py "
        "says how quotes are written)", False),
    col("kind", pa.string(), "quoted (a short phrase in “…”), numbered (两个确立, 六稳六保), slogan (人工智能+, 数据要素×), "
        "lexicon (the curated list)", False),
    col("count", pa.int32(), "occurrences in documents.clean_text", False),
    col("first_offset", pa.int32(), "offset of the first occurrence into documents.clean_text", False),
)

REFERENCES = table(
    "references", CHILD,
    "One row per document a document cites (a 《…》 title of a law, regulation or document, or a 发文字号).",
    ("reference_id",),
    col("doc_id", pa.string(), "the citing document", False),
    col("reference_id", pa.string(), "unique within the warehouse: doc_id, '-r', position in the document", False),
    col("section_id", pa.string(), "innermost enclosing section, or null"),
    col("cited_title", pa.string(), "the title inside 《…》, without 《》; null for a bare document number"),
    col("cited_doc_number", pa.string(), "a 发文字号 in the citation, normalized as documents.doc_number"),
    col("kind", pa.string(), "law, regulation, document, or other (a newspaper, book or programme title)", False),
    col("cited_key", pa.string(), "the cited title normalized for matching (transforms/references.title_key); null "
        "when the title is too generic to resolve"),
    col("cited_doc_id", pa.string(), "doc_id of the cited document when it is in the warehouse (by doc_number, else "
        "by title), else null; resolved again at the end of every run, so a citation is linked when its target arrives"),
    col("text", pa.string(), "the sentence", False),
    col("char_start", pa.int32(), "offset of the citation into documents.clean_text", False),
)

LSH_BANDS = table(
    "lsh_bands", CHILD,
    "Locality-sensitive hashing bands of each document's MinHash signature: documents sharing a band are "
    "near-duplicate candidates. Lets a run compare new documents with all earlier ones without reading their text.",
    ("doc_id", "band_key"),
    col("doc_id", pa.string(), "the document", False),
    col("band_key", pa.string(), "band number and the hash of its rows", False),
)

DUPLICATES = table(
    "duplicates", DERIVED,
    "One row per document that is a near-duplicate of an earlier one (a repost), kept up to date across runs.",
    ("doc_id",),
    col("doc_id", pa.string(), "the repost", False),
    col("duplicate_of", pa.string(), "the earliest document of its cluster (as documents.duplicate_of)", False),
    col("similarity", pa.float64(), "estimated Jaccard similarity of the two texts' 5-character shingles", False),
)

REJECTS = table(
    "rejects", REJECT,
    "Every input that could not become a document.",
    ("source_path", "sha256"),
    col("source_path", pa.string(), "path of the input file, relative to the input folder", False),
    col("sha256", pa.string(), "SHA-256 of the bytes read ('' when the file could not be read)", False),
    col("reason", pa.string(), "reason code: empty, binary, undecodable, too-large, unreadable, not-chinese, ...", False),
    col("detail", pa.string(), "what exactly was wrong, for a person", False),
    col("size_bytes", pa.int64(), "size of the file in bytes, when known"),
    col("run_id", pa.string(), "the run that rejected it", False),
)


# Every table but runs, in the order a commit writes them (documents last: see DOCUMENT).
_DATA_TABLES = (SECTIONS, DIRECTIVES, TARGETS, FORMULATIONS, REFERENCES, TERMS, CHROME, LSH_BANDS, REJECTS, DOCUMENTS)
CHILD_TABLES = tuple(t.name for t in _DATA_TABLES if t.role == CHILD)
BATCH_TABLES = tuple(t.name for t in _DATA_TABLES)  # what a batch produces and a commit writes

STAGE_TIMES = pa.list_(pa.struct([
    pa.field("stage", pa.string(), nullable=False),
    pa.field("seconds", pa.float64(), nullable=False),
    pa.field("documents", pa.int64(), nullable=False),
]))
ROW_COUNTS = pa.list_(pa.struct([pa.field("table", pa.string(), nullable=False), pa.field("rows", pa.int64(), nullable=False)]))

RUNS = table(
    "runs", RUN,
    "One row per pipeline run.",
    ("run_id",),
    col("run_id", pa.string(), "id of the run (the Prefect flow run id when run under Prefect)", False),
    col("started_at", UTC_TS, "start (UTC)", False),
    col("finished_at", UTC_TS, "end (UTC); null while running or if the run died"),
    col("status", pa.string(), "running, completed, failed, or killed (a run that never finished, found by a later run)", False),
    col("input_dir", pa.string(), "input folder as given", False),
    col("pipeline_version", pa.string(), "gongwen version and rules revision", False),
    col("files_seen", pa.int64(), "inputs found: files, and rows of record files; = documents_added + documents_unchanged + rejects", False),
    col("documents_added", pa.int64(), "new documents written", False),
    col("documents_unchanged", pa.int64(), "files skipped: content already in the warehouse or seen earlier in the run", False),
    col("rejects", pa.int64(), "files that could not become a document", False),
    *(col(t.runs_counter, pa.int64(), f"{t.name} rows written", False) for t in _DATA_TABLES if t.runs_counter),
    col("rows_added", ROW_COUNTS, "rows written per table (every table but runs)"),
    col("stages", STAGE_TIMES, "per stage of transforms/document.py (and the run's own steps: discover, write): "
        "seconds spent, summed over the worker processes, and documents through it"),
    col("linked", pa.bool_(), "the documents the run wrote were linked to the rest of the warehouse (duplicates, "
        "references); a later run links those of a run that did not get that far"),
    col("error", pa.string(), "the error that failed the run, if any"),
)

TABLES: dict[str, Table] = {t.name: t for t in (DOCUMENTS, SECTIONS, DIRECTIVES, TARGETS, FORMULATIONS, REFERENCES,
                                                 TERMS, CHROME, LSH_BANDS, DUPLICATES, REJECTS, RUNS)}
DERIVED_TABLES = tuple(n for n, t in TABLES.items() if t.role == DERIVED)
RUN_COUNTERS = tuple(t.runs_counter for t in TABLES.values() if t.runs_counter)


def schema(name: str) -> pa.Schema:
    return TABLES[name].schema


def key_columns(name: str) -> list[str]:
    return list(TABLES[name].key)


class SchemaMismatch(ValueError):
    pass


def validate(name: str, data: pa.Table) -> pa.Table:
    """Check `data` against the declared schema; return it with the declared field order and docs."""
    declared = schema(name)
    got = {f.name: f.type for f in data.schema}
    want = {f.name: f.type for f in declared}
    if got.keys() != want.keys():
        missing, extra = sorted(want.keys() - got.keys()), sorted(got.keys() - want.keys())
        raise SchemaMismatch(f"{name}: missing columns {missing}, unexpected columns {extra}")
    wrong = [f"{c} is {got[c]}, want {t}" for c, t in want.items() if got[c] != t]
    if wrong:
        raise SchemaMismatch(f"{name}: " + "; ".join(wrong))
    data = data.select(declared.names)
    for f in declared:
        if not f.nullable and data.column(f.name).null_count:
            raise SchemaMismatch(f"{name}: column {f.name} has {data.column(f.name).null_count} nulls")
    return data.cast(declared)


def markdown_reference() -> str:
    """The README's table reference."""
    out = []
    for t in TABLES.values():
        out.append(f"### `{t.name}`\n\n{t.doc} Key: `{', '.join(t.key)}`.\n")
        out.append("| column | type | meaning |\n| --- | --- | --- |")
        for f in t.schema:
            null = "" if f.nullable else " (not null)"
            out.append(f"| {f.name} | {f.type}{null} | {column_doc(f)} |")
        out.append("")
    return "\n".join(out)
