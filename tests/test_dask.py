"""Scale-out: local worker processes and a dask.distributed cluster give the same warehouse as one process."""
from __future__ import annotations

import pytest

from flows import warehouse
from schemas import CHILD_TABLES, DERIVED_TABLES, key_columns

pytestmark = pytest.mark.slow


def keys(out, name):
    data = warehouse.read_table(out, name, key_columns(name))
    return sorted(zip(*(data.column(k).to_pylist() for k in key_columns(name))))


def with_links(seed_input):
    """The seeds plus a repost of the decision and a notice citing it: the link step has work."""
    from test_links import CITING_NOTICE, DECISION

    (seed_input / "site-b").mkdir()
    (seed_input / "site-b" / "repost.txt").write_text("当前位置：首页 > 政策文件\n" + DECISION.read_text(encoding="utf-8")
                                                     + "\n扫一扫在手机打开当前页\n", encoding="utf-8")
    (seed_input / "site-b" / "notice.txt").write_text(CITING_NOTICE, encoding="utf-8")
    return seed_input


def links_of(out):
    """What the link step decided, by path: duplicate_of and the resolved citations."""
    docs = warehouse.read_table(out, "documents").to_pylist()
    path = {d["doc_id"]: d["source_path"] for d in docs}
    dups = sorted((d["source_path"], path.get(d["duplicate_of"])) for d in docs)
    refs = sorted((path[r["doc_id"]], r["cited_key"], path.get(r["cited_doc_id"]))
                  for r in warehouse.read_table(out, "references").to_pylist())
    return dups, refs


def test_dask_cluster_run_equals_local_run(prefect_harness, seed_input, tmp_path):
    from distributed import LocalCluster

    from flows.pipeline import gongwen_run, task_runner_for

    seed_input = with_links(seed_input)
    local, distributed_out = tmp_path / "local", tmp_path / "dask"
    gongwen_run(input_dir=str(seed_input), output_dir=str(local), batch_mb=0.02)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        flow_ = gongwen_run.with_options(task_runner=task_runner_for(2, "dask", cluster.scheduler_address))
        result = flow_(input_dir=str(seed_input), output_dir=str(distributed_out), batch_mb=0.02, workers=2)
    assert result["documents_added"] == 7
    for name in CHILD_TABLES + DERIVED_TABLES + ("documents",):
        assert keys(distributed_out, name) == keys(local, name), name
    dups, refs = links_of(distributed_out)
    assert ("site-b/repost.txt", "000_b91d5fdc5d2a3594.txt") in dups  # the link step ran on the driver
    assert any(citing == "site-b/notice.txt" and cited == "000_b91d5fdc5d2a3594.txt" for citing, _, cited in refs)
    assert (dups, refs) == links_of(local)
    a = {r["doc_id"]: r["clean_text"] for r in warehouse.read_table(local, "documents").to_pylist()}
    b = {r["doc_id"]: r["clean_text"] for r in warehouse.read_table(distributed_out, "documents").to_pylist()}
    assert a == b


def test_two_local_worker_processes_equal_one(prefect_harness, seed_input, tmp_path):
    from flows.pipeline import gongwen_run, task_runner_for

    one, two = tmp_path / "one", tmp_path / "two"
    gongwen_run(input_dir=str(seed_input), output_dir=str(one), batch_mb=0.02)
    flow_ = gongwen_run.with_options(task_runner=task_runner_for(2))
    result = flow_(input_dir=str(seed_input), output_dir=str(two), batch_mb=0.02, workers=2)
    assert result["documents_added"] == 5
    for name in CHILD_TABLES + ("documents",):
        assert keys(two, name) == keys(one, name), name
