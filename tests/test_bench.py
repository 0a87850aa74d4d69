"""scripts/bench.py: the links judged against the corpus' answers, and the run without the new work."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def bench():
    return _load("bench")


@pytest.fixture(scope="module")
def judged(tmp_path_factory):
    """A small corpus through the pipeline (the flow's work without Prefect), with its answers."""
    from flows.options import RunOptions
    from flows.runstate import run_direct

    corpus_mod = _load("bench_corpus")
    tmp = tmp_path_factory.mktemp("bench-links")
    corpus, output = tmp / "corpus", tmp / "out"
    corpus_mod.build(corpus, 150, 3)
    run_direct(RunOptions(input_dir=str(corpus), output_dir=str(output)))
    return corpus, output, corpus_mod


def test_link_quality_counts_what_the_answers_expect(bench, judged):
    from flows import warehouse

    corpus, output, corpus_mod = judged
    q = bench.link_quality(str(corpus), str(output))
    # an exact copy of a file is the same document: one of the two paths is its source_path
    paths = set(warehouse.read_table(str(output), "documents", ["source_path"]).column("source_path").to_pylist())
    internal = [c for c in corpus_mod.read_citations(corpus) if c["cited"] and c["path"] in paths]
    rows = corpus_mod.read_manifest(corpus)
    reposts = [r for r in rows if r["kind"] == "repost"]
    pages = [r for r in rows if r["kind"] == "page"]
    # every repost and every crawl but the first of a page is one document too many
    assert q["dup"]["expected"] == len(reposts) + len(pages) - len({r["story"] for r in pages})
    crawled_again = [r for r in pages if sum(p["story"] == r["story"] for p in pages) > 1]
    assert sum(b for _, b in q["dup"]["by_how"].values()) == len(reposts) + len(crawled_again)
    assert q["cite"]["expected"] == len(internal) > 5
    assert q["cite"]["by_form"]["external (must stay null)"][1] == \
        sum(c["form"] == "external" and c["path"] in paths for c in corpus_mod.read_citations(corpus))
    assert q["negatives"]["pairs"] > 5000
    # what the pipeline gets right on this corpus (see the report of scripts/bench.py)
    assert q["dup"]["precision"] == 1.0 and q["dup"]["recall"] == 1.0
    assert q["cite"]["recall"] == 1.0
    assert q["negatives"]["at_threshold"] == 0


def test_a_wrong_duplicate_of_and_a_wrong_citation_are_counted_wrong(bench, judged, tmp_path):
    import shutil

    from flows import warehouse

    corpus, output, _ = judged
    out = tmp_path / "out"
    shutil.copytree(output, out)
    before = bench.link_quality(str(corpus), str(out))
    docs = warehouse.read_table(str(out), "documents", ["doc_id", "duplicate_of"]).to_pylist()
    heads = [d["doc_id"] for d in docs if d["duplicate_of"] is None]
    unique, other = heads[0], heads[1]
    warehouse.set_column(str(out), "documents", "doc_id", "duplicate_of", {unique: other})
    refs = warehouse.read_table(str(out), "references", ["reference_id", "cited_doc_id"]).to_pylist()
    open_ref = next(r["reference_id"] for r in refs if r["cited_doc_id"] is None)
    warehouse.set_column(str(out), "references", "reference_id", "cited_doc_id", {open_ref: other})
    after = bench.link_quality(str(corpus), str(out))
    assert after["dup"]["predicted"] == before["dup"]["predicted"] + 1
    assert after["dup"]["right"] == before["dup"]["right"]
    assert after["cite"]["resolved"] == before["cite"]["resolved"] + 1
    assert after["cite"]["right"] <= before["cite"]["right"] + 1  # right only if `other` is what that row cites
    assert after["cite"]["precision"] < 1.0


def test_the_without_hook_drops_the_new_stages_and_the_link_step_in_every_process(bench, tmp_path):
    env = bench.without_env(tmp_path)
    code = ("import multiprocessing as mp\n"
            "def names():\n"
            "    import transforms.document as d, flows.links as l\n"
            "    return [s.name for s in d.FINISH_STAGES], l.link('x', set()), "
            "l.cluster_duplicates('x', {'a'})[1].rows\n"
            "if __name__ == '__main__':\n"
            "    with mp.get_context('forkserver').Pool(1) as pool:\n"
            "        print(names(), pool.apply(names))\n")
    script = tmp_path / "stages.py"   # a file: forkserver workers import the functions of __main__ from it
    script.write_text(code)
    out = subprocess.run([sys.executable, str(script)], env=env, cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120).stdout
    for name in bench.NEW_STAGES:
        assert f"'{name}'" not in out
    assert out.count("'terms'") == 2 and out.count("'pairs': 0") == 2 and out.count("[])") == 2
    plain = subprocess.run([sys.executable, str(script)], env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
                           capture_output=True, text=True, check=True, timeout=120).stdout
    assert plain.count("'near-duplicates'") == 2
