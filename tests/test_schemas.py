"""schemas/ is the single source of truth: writers validate, the README is generated from it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pytest

from schemas import TABLES, SchemaMismatch, column_doc, markdown_reference, validate

CONTRACT_COLUMNS = {
    "documents": "doc_id source_path encoding encoding_confidence original_script genre title doc_number doc_number_year "
                 "doc_number_serial issuer publisher addressees cc signed_date printed_by printed_date published_at "
                 "source_name index_number category attachment_title speaker speaker_title speech_date "
                 "has_placeholders is_truncated clean_text",
    "sections": "doc_id section_id parent_id level ordinal marker path heading text char_start char_end",
    "directives": "doc_id directive_id section_id text modality trigger",
    "terms": "doc_id term count",
    "chrome": "doc_id text rule",
    "rejects": "source_path reason detail",
    "runs": "run_id started_at finished_at status files_seen documents_added documents_unchanged rejects",
}


@pytest.mark.parametrize("name", sorted(CONTRACT_COLUMNS))
def test_contract_columns_declared(name):
    missing = set(CONTRACT_COLUMNS[name].split()) - set(TABLES[name].schema.names)
    assert not missing


def test_every_column_has_a_doc():
    for table in TABLES.values():
        for field in table.schema:
            assert column_doc(field).strip(), field.name


def test_validate_rejects_wrong_types_and_missing_columns():
    good = pa.table({"doc_id": ["a"], "term": ["政府"], "count": pa.array([3], pa.int32())})
    assert validate("terms", good).num_rows == 1
    with pytest.raises(SchemaMismatch, match="term is int64"):
        validate("terms", pa.table({"doc_id": ["a"], "term": [1], "count": pa.array([3], pa.int32())}))
    with pytest.raises(SchemaMismatch, match="missing columns"):
        validate("terms", pa.table({"doc_id": ["a"], "term": ["政府"]}))
    with pytest.raises(SchemaMismatch, match="nulls"):
        validate("terms", pa.table({"doc_id": [None], "term": ["政府"], "count": pa.array([3], pa.int32())},
                                    schema=pa.schema([("doc_id", pa.string()), ("term", pa.string()), ("count", pa.int32())])))


def test_dates_and_timestamps_are_typed():
    docs = TABLES["documents"].schema
    assert docs.field("signed_date").type == pa.date32()
    assert docs.field("published_at").type == pa.timestamp("us")
    assert TABLES["runs"].schema.field("started_at").type.tz == "UTC"
    row = pa.Table.from_pylist([{"published_at": dt.datetime(2020, 3, 16, 16, 19, 4)}],
                               schema=pa.schema([docs.field("published_at")]))
    assert row.column(0)[0].as_py() == dt.datetime(2020, 3, 16, 16, 19, 4)


def test_readme_table_reference_is_generated_from_schemas():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert markdown_reference() in readme, "README is stale: paste the output of `python -m schemas`"
