"""Input and output on object storage (s3://), against a local S3 server (moto).

moto runs in a child process: an in-process server thread can starve, since some deltalake calls
keep the GIL while they wait for its answer."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import seed_paths

pytest.importorskip("moto")

from flows import query, storage, warehouse  # noqa: E402
from schemas import BATCH_TABLES  # noqa: E402

pytestmark = pytest.mark.slow
GONGWEN = str(Path(sys.executable).parent / "gongwen")
COMPARED = ("doc_id", "source_path", "title", "clean_text")


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    """A moto S3 server with bucket `bucket`, the AWS variables pointing at it, and the seeds
    uploaded under s3://bucket/in/."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2)
            break
        except OSError:
            if time.time() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the moto server did not start") from None
            time.sleep(0.2)
    with pytest.MonkeyPatch.context() as env:
        for name, value in {"AWS_ENDPOINT_URL": endpoint, "AWS_ACCESS_KEY_ID": "testing",
                            "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
                            "GONGWEN_LOCK_DIR": str(tmp_path_factory.mktemp("locks"))}.items():
            env.setenv(name, value)
        from pyarrow import fs

        admin = fs.S3FileSystem(endpoint_override=f"127.0.0.1:{port}", scheme="http", access_key="testing",
                                secret_key="testing", region="us-east-1", allow_bucket_creation=True)
        admin.create_dir("bucket")
        for p in seed_paths():
            with admin.open_output_stream(f"bucket/in/{p.name}") as out:
                out.write(p.read_bytes())
        try:
            yield admin
        finally:
            server.terminate()
            server.wait(timeout=30)


def documents(output: str | Path):
    """The documents table read straight with deltalake (storage options, no gongwen code path)."""
    from deltalake import DeltaTable

    uri = str(warehouse.table_path(output, "documents"))
    data = DeltaTable(uri, storage_options=storage.delta_storage_options(uri)).to_pyarrow_dataset().to_table()
    return sorted(data.select(list(COMPARED)).to_pylist(), key=lambda r: r["doc_id"])


def row_counts(output) -> dict[str, int]:
    return {name: warehouse.read_table(output, name).num_rows for name in BATCH_TABLES}


@pytest.fixture(scope="module")
def runs(s3, tmp_path_factory, prefect_harness):
    import shutil

    from flows.pipeline import gongwen_run

    root = tmp_path_factory.mktemp("objects")
    local_in = root / "in"
    local_in.mkdir()
    for p in seed_paths():
        shutil.copy(p, local_in / p.name)
    result = {"local": gongwen_run(input_dir=str(local_in), output_dir=str(root / "local"))}
    result["s3"] = gongwen_run(input_dir="s3://bucket/in", output_dir="s3://bucket/out")
    result["counts"] = row_counts("s3://bucket/out")
    result["s3_again"] = gongwen_run(input_dir="s3://bucket/in", output_dir="s3://bucket/out")
    result["local_to_s3"] = gongwen_run(input_dir=str(local_in), output_dir="s3://bucket/from-local")
    result["s3_to_local"] = gongwen_run(input_dir="s3://bucket/in", output_dir=str(root / "from-s3"))
    result["root"] = root
    return result


def test_s3_run_equals_local_run(runs):
    assert runs["s3"]["status"] == "completed"
    assert runs["s3"]["files_seen"] == 5 and runs["s3"]["documents_added"] == 5 and runs["s3"]["rejects"] == 0
    expected = documents(runs["root"] / "local")
    assert len(expected) == 5
    assert documents("s3://bucket/out") == expected
    assert row_counts("s3://bucket/out") == row_counts(runs["root"] / "local")


def test_s3_rerun_adds_no_rows(runs):
    again = runs["s3_again"]
    assert again["documents_added"] == 0 and again["documents_unchanged"] == 5
    assert row_counts("s3://bucket/out") == runs["counts"]
    assert warehouse.read_table("s3://bucket/out", "runs").num_rows == 2
    assert not storage.exists("s3://bucket/out/warehouse/_inflight.json")


def test_mixed_local_and_s3(runs):
    expected = documents(runs["root"] / "local")
    assert documents("s3://bucket/from-local") == expected
    assert documents(runs["root"] / "from-s3") == expected


def test_query_and_polars_on_s3(runs):
    import polars as pl

    assert query.run_query("s3://bucket/out", "select count(*) n from documents").column("n").to_pylist() == [5]
    uri = "s3://bucket/out/warehouse/documents"
    assert pl.read_delta(uri, storage_options=storage.delta_storage_options(uri)).height == 5


def test_discover_lists_objects_like_a_folder(s3):
    from flows.inputs import discover

    for key in ("nested/b/2.txt", "nested/a.txt", "nested/.hidden/x.txt", "nested/.DS_Store", "nested/b/1.txt",
                "nested/out/warehouse/t.json"):
        with s3.open_output_stream(f"bucket/{key}") as out:
            out.write(b"x")
    files = list(discover("s3://bucket/nested", exclude=("s3://bucket/nested/out",)))
    assert [(f.rel, f.size) for f in files] == [("a.txt", 1), ("b/1.txt", 1), ("b/2.txt", 1)]
    assert files[0].path == "s3://bucket/nested/a.txt"


def test_cli_on_s3_with_worker_processes(s3, prefect_harness):
    """`gongwen run` with two worker processes reading S3, then `compact`, `tables`, `query` on S3."""
    from prefect.settings import PREFECT_API_URL

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_LOGGING_LEVEL": "WARNING"}
    out = "s3://bucket/cli"

    def gongwen(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([GONGWEN, *args], env=env, capture_output=True, text=True, timeout=600)

    proc = gongwen("run", "--input", "s3://bucket/in", "--output", out, "--workers", "2", "--batch-mb", "0.01",
                   "--commit-every", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    compact = gongwen("compact", "--output", out, "--retention-hours", "0")
    assert compact.returncode == 0 and "sections:" in compact.stdout, compact.stdout + compact.stderr
    tables = gongwen("tables", "--output", out)
    assert tables.returncode == 0 and "documents (5 rows" in tables.stdout, tables.stdout + tables.stderr
    answer = gongwen("query", "select count(*) as n from documents", "--output", out)
    assert answer.returncode == 0 and "5" in answer.stdout, answer.stdout + answer.stderr
    missing = gongwen("tables", "--output", "s3://bucket/nowhere")
    assert missing.returncode == 2 and "no warehouse" in missing.stderr


def test_s3_warehouse_lock_is_a_local_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GONGWEN_LOCK_DIR", str(tmp_path))
    with warehouse.exclusive_lock("s3://bucket/out"):
        with pytest.raises(warehouse.WarehouseBusy, match="s3://bucket/out/warehouse is being written by pid"):
            with warehouse.exclusive_lock("s3://bucket/out"):
                pass
        with warehouse.exclusive_lock("s3://bucket/other"):
            pass
    assert len(list(tmp_path.glob("*.lock"))) == 2


def test_recover_undoes_a_half_written_commit_on_s3(runs):
    """`_inflight.json` on S3: the next run's recover deletes the rows of the documents it names."""
    from flows.pipeline import gongwen_run

    out = "s3://bucket/recover"
    gongwen_run(input_dir="s3://bucket/in", output_dir=out)
    victim = warehouse.read_table(out, "documents", ["doc_id"]).column("doc_id")[0].as_py()
    warehouse._write_inflight(warehouse._inflight_path(out), [victim])
    assert warehouse.recover(out) == [victim]
    assert victim not in warehouse.read_table(out, "documents", ["doc_id"]).column("doc_id").to_pylist()
    assert victim not in warehouse.read_table(out, "sections", ["doc_id"]).column("doc_id").to_pylist()
    assert not storage.exists(f"{out}/warehouse/_inflight.json")
    again = gongwen_run(input_dir="s3://bucket/in", output_dir=out)
    assert again["documents_added"] == 1 and row_counts(out) == runs["counts"]
