"""Scale-out: local worker processes and a dask.distributed cluster give the same warehouse as one process."""
from __future__ import annotations

import pytest

from flows import warehouse
from schemas import CHILD_TABLES, key_columns

pytestmark = pytest.mark.slow


def keys(out, name):
    data = warehouse.read_table(out, name, key_columns(name))
    return sorted(zip(*(data.column(k).to_pylist() for k in key_columns(name))))


def test_dask_cluster_run_equals_local_run(prefect_harness, seed_input, tmp_path):
    from distributed import LocalCluster

    from flows.pipeline import gongwen_run, task_runner_for

    local, distributed_out = tmp_path / "local", tmp_path / "dask"
    gongwen_run(input_dir=str(seed_input), output_dir=str(local), batch_mb=0.02)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        flow_ = gongwen_run.with_options(task_runner=task_runner_for(2, "dask", cluster.scheduler_address))
        result = flow_(input_dir=str(seed_input), output_dir=str(distributed_out), batch_mb=0.02, workers=2)
    assert result["documents_added"] == 5
    for name in CHILD_TABLES + ("documents",):
        assert keys(distributed_out, name) == keys(local, name), name
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
