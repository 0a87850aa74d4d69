"""Record files (JSONL, CSV, Parquet), corpus-learned chrome, incremental runs and superseded versions."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import seed_paths
from flows import warehouse
from transforms.readers import ReaderError, RecordOptions, read_input, reader_for
from transforms.boilerplate import SourceDocument, remove_lines, repeated_lines

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in seed_paths()]


def _write_records(folder: Path) -> None:
    rows = [{"id": f"p{i}", "title": t.split("\n", 1)[0][:40], "url": f"http://www.example.gov.cn/{i}.html",
             "publish_date": "2020-01-0%d" % (i + 1), "content": t} for i, t in enumerate(SEED_TEXTS)]
    with open(folder / "pages.jsonl", "w", encoding="utf-8") as f:
        for row in rows[:3]:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.write("{not json\n")
    with open(folder / "pages.csv", "w", encoding="gb18030", errors="replace", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerow({**rows[3], "content": rows[3]["content"].replace("\xa0", " ").replace("\u2002", " ")})
    pq.write_table(pa.Table.from_pylist(rows[4:]), folder / "pages.parquet")
    (folder / "notext.jsonl").write_text(json.dumps({"texte": "正文"}, ensure_ascii=False) + "\n", encoding="utf-8")


def test_read_records_defaults_and_errors(tmp_path):
    _write_records(tmp_path)
    recs = list(read_input((tmp_path / "pages.jsonl").read_bytes(), "pages.jsonl"))
    assert all(r.encoding == "utf-8" for r in recs[:3])
    # no --id-column: the url identifies a row
    assert [r.source_path for r in recs[:3]] == [f"pages.jsonl#http://www.example.gov.cn/{i}.html" for i in range(3)]
    assert recs[0].hints["url"].startswith("http://") and recs[0].hints["published_at"] == "2020-01-01"
    assert recs[0].hints["record_title"] and recs[0].source == "www.example.gov.cn"
    assert recs[3].problem and "not valid JSON" in recs[3].problem[1] and recs[3].source_path == "pages.jsonl#line4"
    recs = list(read_input((tmp_path / "pages.csv").read_bytes(), "pages.csv", RecordOptions(id_column="id")))
    assert recs[0].encoding == "gb18030" and [r.source_path for r in recs] == ["pages.csv#p3"]
    assert json.loads(recs[0].record_fields) == {"id": "p3"}  # the one column that maps to no document column
    with pytest.raises(ReaderError, match="no text column.*texte"):
        list(read_input((tmp_path / "notext.jsonl").read_bytes(), "notext.jsonl"))


def test_reader_dispatch_is_one_table():
    assert [reader_for(p).name for p in ("a.jsonl", "b.NDJSON", "c.csv", "d.parquet", "e.html", "f.htm", "g.txt", "h")] \
        == ["jsonl", "jsonl", "csv", "parquet", "html", "html", "txt", "txt"]


def test_sidecar_and_unread_formats_are_rejected_with_what_to_do():
    # a gold or crawl-metadata sidecar in Chinese would otherwise become a "document"
    yaml_text = "title: 2026年天津市政府工作报告\nspeaker: 张工\n".encode("utf-8")
    with pytest.raises(ReaderError) as err:
        list(read_input(yaml_text, "expected/2026_天津市.yaml"))
    assert err.value.reason == "unsupported-format" and "YAML" in err.value.detail
    with pytest.raises(ReaderError, match="JSON Lines"):
        list(read_input('[{"text": "通知"}]'.encode("utf-8"), "crawl.JSON"))
    # negative: dumps with odd or no extensions stay text dumps
    assert [reader_for(p).name for p in ("page.asp", "page.php", "index.shtml", "noext", "a.txt.bak")] \
        == ["txt", "txt", "html", "txt", "txt"]


def test_unmapped_columns_are_kept_as_record_fields():
    row = {"content": SEED_TEXTS[0], "title": "关于…的决定", "link": "http://www.huzhou.gov.cn/art/1.html",
           "pubtime": "2017-04-27", "author": "市政府办公室", "channel": "政府文件", "views": 12, "tags": ["决定", "湖州"]}
    rec = next(read_input(json.dumps(row, ensure_ascii=False).encode("utf-8"), "crawl.jsonl"))
    assert rec.hints == {"record_title": "关于…的决定", "url": "http://www.huzhou.gov.cn/art/1.html",
                         "published_at": "2017-04-27", "author": "市政府办公室"}
    assert json.loads(rec.record_fields) == {"channel": "政府文件", "views": 12, "tags": ["决定", "湖州"]}


def test_row_identity_survives_reordering_and_a_prepended_row():
    rows = [json.dumps({"text": t}, ensure_ascii=False) for t in SEED_TEXTS[:3]]
    before = {r.source_path: r.sha256 for r in read_input("\n".join(rows).encode("utf-8"), "f.jsonl")}
    extra = json.dumps({"text": SEED_TEXTS[3]}, ensure_ascii=False)
    after = {r.source_path: r.sha256 for r in read_input("\n".join([extra] + rows[::-1]).encode("utf-8"), "f.jsonl")}
    assert len(before) == 3 and all(after[path] == sha for path, sha in before.items())


def test_csv_with_an_unclosed_quote_is_rejected_whole_not_split_into_fragments():
    good = 'id,text\n1,"第一段。\n第二段。"\n2,第三篇正文。\n'
    recs = list(read_input(good.encode(), "ok.csv"))
    assert [r.text for r in recs] == ["第一段。\n第二段。", "第三篇正文。"]  # a quoted field may hold line breaks
    bad = 'id,text\n1,"第一段。\n2,第二篇\n3,第三篇\n'
    with pytest.raises(ReaderError, match="unclosed quote"):
        list(read_input(bad.encode(), "bad.csv"))
    uneven = 'id,text\n1,第一篇正文。\n2,第二篇,多一列\n'
    recs = list(read_input(uneven.encode(), "uneven.csv"))
    assert recs[0].problem is None and recs[1].problem == ("bad-record", "row 3 has 3 fields, the header has 2")


def test_repeated_lines_learned_per_source_but_body_lines_kept():
    docs = [SourceDocument("site", [f"标题{i}", "各位代表：", f"正文第{i}段。", "本网站由市政府信息中心维护"]) for i in range(5)]
    docs.append(SourceDocument("other", ["另一个标题", "本网站由市政府信息中心维护"]))
    learned = repeated_lines(docs)
    assert learned == {"site": frozenset({"本网站由市政府信息中心维护"})}
    text, removed = remove_lines("标题\n各位代表：\n正文。\n本网站由市政府信息中心维护", learned["site"])
    assert text == "标题\n各位代表：\n正文。" and removed == [("本网站由市政府信息中心维护", "repeated-line")]


def test_versions_of_one_document_do_not_vote_their_body_out():
    docs = [SourceDocument("site", ["同一个标题", "2020年1月1日", f"第{i}版正文。"]) for i in range(5)]
    assert repeated_lines(docs) == {}


@pytest.mark.slow
def test_record_files_become_documents(prefect_harness, tmp_path):
    from flows.pipeline import gongwen_run

    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    _write_records(inp)
    result = gongwen_run(input_dir=str(inp), output_dir=str(out), id_column="id")
    docs = {r["source_path"]: r for r in warehouse.read_table(out, "documents").to_pylist()}
    assert set(docs) == {"pages.jsonl#p0", "pages.jsonl#p1", "pages.jsonl#p2", "pages.csv#p3", "pages.parquet#p4"}
    assert docs["pages.csv#p3"]["input_format"] == "csv" and docs["pages.csv#p3"]["encoding"] == "gb18030"
    assert docs["pages.parquet#p4"]["url"] == "http://www.example.gov.cn/4.html"
    assert docs["pages.jsonl#p1"]["title"] == "在区政府党组班子主题党日上的讲话"
    rejects = {r["source_path"]: r["reason"] for r in warehouse.read_table(out, "rejects").to_pylist()}
    assert rejects == {"pages.jsonl#line4": "bad-record", "notext.jsonl": "bad-record-file"}
    assert result["files_seen"] == result["documents_added"] + result["documents_unchanged"] + result["rejects"] == 7


@pytest.mark.slow
def test_incremental_run_adds_only_new_file_and_changed_file_supersedes(prefect_harness, tmp_path):
    from flows.pipeline import gongwen_run

    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    paths = seed_paths()
    for p in paths[:3]:
        shutil.copy(p, inp / p.name)
    gongwen_run(input_dir=str(inp), output_dir=str(out))
    shutil.copy(paths[3], inp / paths[3].name)
    second = gongwen_run(input_dir=str(inp), output_dir=str(out))
    assert (second["documents_added"], second["documents_unchanged"]) == (1, 3)

    changed = inp / paths[0].name
    old_id = next(r["doc_id"] for r in warehouse.read_table(out, "documents").to_pylist() if r["source_path"] == paths[0].name)
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附：本决定自印发之日起施行。\n", encoding="utf-8")
    third = gongwen_run(input_dir=str(inp), output_dir=str(out))
    assert (third["documents_added"], third["documents_unchanged"]) == (1, 3)
    docs = warehouse.read_table(out, "documents").to_pylist()
    versions = [d for d in docs if d["source_path"] == paths[0].name]
    assert len(versions) == 2
    new = next(d for d in versions if d["doc_id"] != old_id)
    old = next(d for d in versions if d["doc_id"] == old_id)
    assert old["superseded_by"] == new["doc_id"] and new["superseded_by"] is None
    assert sum(d["superseded_by"] is None for d in docs) == 4  # analysts filter to current versions
