#!/usr/bin/env python3
"""Benchmark gongwen on a corpus (made by scripts/bench_corpus.py) and compare it with floors.

    .venv/bin/python scripts/bench.py --corpus /tmp/corpus [--workers 2] [--tokenizer jieba]
                                      [--repeat 1] [--quick] [--stage-sample 500] [--profile]

Measures (each full measurement --repeat times; medians reported, ratios taken within one repeat):
  gongwen     `gongwen run` on the corpus into a fresh output, a subprocess timed end to end, with the
              flow's own "completed in X s" (process wall minus flow = imports + Prefect server);
              documents/s, input MB/s, peak RSS of the process tree (sampled) and of its largest process
  prefect     a trivial Prefect flow in a fresh process: the fixed cost of Prefect's ephemeral server
  stages      time share of each stage of transforms.document.STAGES, in this process, on a sample
              of the corpus (the stage clock every run records in runs.stages)
  floor       the corpus through a bare loop of only the libraries' work (read, bytes.decode chain,
              lxml text of HTML pages, OpenCC tw2s, the same tokenizer engine's cut), in a
              multiprocessing.Pool of --workers processes; ratio gongwen / floor (throughput)
  no-op       `gongwen run` again on the same output (nothing changed); ratio to the full run
  scaling     --workers 1 vs --workers N full runs on fresh outputs (skipped by --quick)
  overhead    the --workers 1 flow vs process_batch called directly, in a fresh process, over the
              same batches with the same Delta writes and link step (skipped by --quick)
  links       on the warehouse of the first full run, against the corpus' hidden answers
              (.manifest.tsv story / repost_of, .citations.tsv): precision and recall of
              documents.duplicate_of (a document -> its cluster head is right when the head is
              the original or another copy of it) and of references.cited_doc_id; how similar
              documents of different stories are (LSH candidate pairs, sampled similarities);
              documents.doc_number against the header's 发文字号
  cost        the link step's seconds (runs.stages link-duplicates, link-references) as a share
              of the run, the new stages' shares (targets, references, near-duplicates,
              formulations), and a full run without them and without the link step (switched off
              inside the benchmark's processes only: a sitecustomize hook on their PYTHONPATH):
              extra run time of the new work (skipped by --no-without)
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT  # source tree benchmarked (--src): imported here, PYTHONPATH of the subprocesses


def use_source(src: str | Path) -> None:
    global SRC
    SRC = Path(src).resolve()
    sys.path.insert(0, str(SRC))


def sub_env() -> dict:
    """Environment of the subprocesses: the benchmarked tree first on the path, Prefect defaults."""
    env = {**os.environ, **{k: os.environ.get(k, v) for k, v in PREFECT_ENV.items()}}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(SRC), os.environ.get("PYTHONPATH"))))
    return env

PREFECT_ENV = {  # what flows/cli.py sets before importing Prefect
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_LOGGING_LEVEL": "INFO",
}
TARGETS = {  # the owners' targets
    "dup_precision": 0.98,   # documents.duplicate_of
    "dup_recall": 0.95,
    "cite_precision": 0.98,  # references.cited_doc_id
    "new_work_extra": 0.15,  # targets, references, near-duplicates, formulations + link: <= 15% extra run time
    "floor_ratio": 0.7,      # gongwen >= 0.7x floor throughput
    "scaling": 1.7,          # 2 workers >= 1.7x 1 worker
    "peak_rss_mb": 1536,     # <= 1.5 GB
    "noop_share": 0.05,      # no-op re-run <= 5% of full run
    "prefect_overhead": 0.05,
}
COMPLETED = re.compile(r"gongwen run (\w+) in ([\d.]+) s")
BATCH_LINE = re.compile(r"batch (\d+)/(\d+): (\d+) files.*?\(([\d.]+) s elapsed\)")
SERVER_LINE = "Starting temporary server"
COUNT_LINE = re.compile(r"^\s+([a-z ]+?)\s{2,}([\d,]+)$", re.M)


# --- machine and corpus --------------------------------------------------------------------

def machine_info() -> dict:
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = next(int(ln.split()[1]) for ln in open("/proc/meminfo") if ln.startswith("MemTotal")) / 2**20
    except OSError:
        mem = 0.0
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "ram_gb": round(mem, 1), "python": platform.python_version(), "load": os.getloadavg()}


def corpus_files(corpus: str):
    from flows.inputs import discover

    files = list(discover(corpus))
    return files, sum(f.size or 0 for f in files)


# --- process-tree memory sampling ----------------------------------------------------------

def _is_server(cmdline: str) -> bool:
    return "uvicorn" in cmdline or "prefect server" in cmdline or "prefect.server" in cmdline


def _kind(pid: int, root: int, cmdline: str) -> str:
    return "server" if _is_server(cmdline) else "main" if pid == root else "worker"


def _tree_rss(root: int, cpu: dict | None = None) -> tuple[int, int, int]:
    """(sum, max, sum of Prefect API servers) resident bytes of `root` and all its descendants.
    With `cpu`, also records pid -> (kind, CPU seconds so far) of each process of the tree."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        try:
            procs = [psutil.Process(root)]
            procs += procs[0].children(recursive=True)
        except psutil.Error:
            return 0, 0, 0
        sizes = []
        for p in procs:
            try:
                cmd = " ".join(p.cmdline())
                sizes.append((p.memory_info().rss, _is_server(cmd)))
                if cpu is not None:
                    t = p.cpu_times()
                    cpu[p.pid] = (_kind(p.pid, root, cmd), t.user + t.system)
            except psutil.Error:
                pass
    else:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    stat = fh.read()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        page = os.sysconf("SC_PAGE_SIZE")
        todo, sizes = [root], []
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            try:
                with open(f"/proc/{pid}/statm", "rb") as fh:
                    resident = int(fh.read().split()[1]) * page
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
                sizes.append((resident, _is_server(cmd)))
                if cpu is not None:
                    with open(f"/proc/{pid}/stat", "rb") as fh:
                        fields = fh.read().rsplit(b")", 1)[1].split()
                    cpu[pid] = (_kind(pid, root, cmd), (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
            except (OSError, IndexError, ValueError):
                pass
    return (sum(r for r, _ in sizes), max((r for r, _ in sizes), default=0),
            sum(r for r, server in sizes if server))


class RssSampler(threading.Thread):
    def __init__(self, pid: int, every: float = 0.5):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_sum = self.peak_one = self.peak_servers = self.peak_rest = 0
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds last seen)
        self.stop = threading.Event()

    def cpu_by_kind(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for kind, seconds in self.cpu.values():
            out[kind] = out.get(kind, 0.0) + seconds
        return out

    def run(self) -> None:
        while not self.stop.is_set():
            total, one, servers = _tree_rss(self.pid, self.cpu)
            self.peak_sum, self.peak_one = max(self.peak_sum, total), max(self.peak_one, one)
            self.peak_servers = max(self.peak_servers, servers)
            self.peak_rest = max(self.peak_rest, total - servers)
            self.stop.wait(self.every)


def timed_subprocess(cmd: list[str], log: Path, env: dict | None = None) -> dict:
    """Run cmd, stdout+stderr to log; wall seconds and peak RSS of its process tree."""
    load0 = os.getloadavg()[0]
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env or sub_env(), cwd=SRC)
        sampler = RssSampler(proc.pid)
        sampler.start()
        rc = proc.wait()
    wall = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    text = log.read_text(encoding="utf-8", errors="replace")
    if rc != 0:
        raise SystemExit(f"{' '.join(cmd)} failed with exit code {rc}; last lines of {log}:\n" + "\n".join(text.splitlines()[-20:]))
    return {"wall": wall, "peak_tree_mb": sampler.peak_sum / 2**20, "peak_proc_mb": sampler.peak_one / 2**20,
            "peak_servers_mb": sampler.peak_servers / 2**20, "peak_rest_mb": sampler.peak_rest / 2**20,
            "cpu": sampler.cpu_by_kind(), "load": (load0, os.getloadavg()[0]), "log": text}


def gongwen_bin() -> str:
    local = Path(sys.executable).parent / "gongwen"
    return str(local) if local.exists() else "gongwen"


def run_gongwen(corpus: str, output: str, workers: int, tokenizer: str, log: Path, env: dict | None = None) -> dict:
    env = env or sub_env()
    cmd = [gongwen_bin(), "run", "--input", corpus, "--output", output, "--workers", str(workers), "--tokenizer", tokenizer]
    r = timed_subprocess(cmd, log, env)
    m = COMPLETED.search(r["log"])
    if not m or m.group(1) != "completed":
        raise SystemExit(f"gongwen run did not complete; see {log}")
    r["flow"] = float(m.group(2))
    r["counts"] = {k.strip(): int(v.replace(",", "")) for k, v in COUNT_LINE.findall(r["log"][m.start():])}
    batches = [(int(f), float(e)) for _, _, f, e in BATCH_LINE.findall(r["log"])]
    # files/s between the first and the last batch result: the rate once workers are up, without
    # server start-up, worker spawn and the final write
    if len(batches) >= 3 and batches[-1][1] > batches[0][1]:
        r["steady"] = sum(f for f, _ in batches[1:]) / (batches[-1][1] - batches[0][1])
    r["first_batch_s"] = batches[0][1] if batches else None
    r["servers_started"] = r["log"].count(SERVER_LINE)
    del r["log"]
    r.update(run_record(output))
    return r


def run_record(output: str) -> dict:
    """The last runs row of the warehouse: its stage clock (seconds summed over worker processes;
    the run's own steps: discover, write, link-duplicates, link-references on the driver)."""
    from flows import warehouse

    runs = warehouse.read_table(output, "runs", ["started_at", "stages"]).to_pylist()
    last = max(runs, key=lambda r: r["started_at"])
    return {"stages": {row["stage"]: row["seconds"] for row in last["stages"] or []}}


NEW_STAGES = ("targets", "references", "near-duplicates", "formulations")
STAGE_NAMES: tuple[str, ...] = ()   # transforms.document.STAGES of the benchmarked tree (set in main)
LINK_STEPS = ("link-duplicates", "link-references")
# Imported first by every Python process of a "without" run (main, Prefect server, forkserver and
# workers): it drops NEW_STAGES from transforms.document's finish stages and makes flows.links.link
# a no-op, as the modules are imported. Nothing of it reaches gongwen's own options.
WITHOUT_HOOK = '''"""scripts/bench.py: a gongwen run without some stages and without the link step."""
import os
import sys

_SKIP = set(filter(None, os.environ.get("GONGWEN_BENCH_WITHOUT", "").split(",")))


def _patch(module):
    if module.__name__ == "transforms.document":
        module.FINISH_STAGES = tuple(s for s in module.FINISH_STAGES if s.name not in _SKIP)
        module.STAGES = tuple(s for s in module.STAGES if s.name not in _SKIP)
    elif module.__name__ == "flows.links" and "link" in _SKIP:
        def link(output_dir, doc_ids):
            return {"pairs": 0, "duplicates": 0, "resolved": 0, "open": 0, "seconds": {}}

        def cluster_duplicates(output_dir, doc_ids):
            return {"pairs": 0, "duplicates": 0}, module.DuplicateWrites({}, [], set())
        module.link = link
        module.cluster_duplicates = cluster_duplicates


if _SKIP:
    import importlib.abc

    class _Loader(importlib.abc.Loader):
        def __init__(self, inner):
            self.inner = inner

        def create_module(self, spec):
            return self.inner.create_module(spec)

        def exec_module(self, module):
            self.inner.exec_module(module)
            _patch(module)

    class _Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name not in ("transforms.document", "flows.links"):
                return None
            for finder in sys.meta_path:
                if finder is self or not hasattr(finder, "find_spec"):
                    continue
                spec = finder.find_spec(name, path, target)
                if spec is not None:
                    spec.loader = _Loader(spec.loader)
                    return spec
            return None

    sys.meta_path.insert(0, _Finder())
'''


def without_env(work: Path) -> dict:
    """sub_env() for a run without NEW_STAGES and the link step."""
    hook = work / "without-hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(WITHOUT_HOOK)
    env = sub_env()
    env["PYTHONPATH"] = os.pathsep.join((str(hook), env["PYTHONPATH"]))
    env["GONGWEN_BENCH_WITHOUT"] = ",".join(NEW_STAGES + ("link",))
    return env


def run_trivial_flow(log: Path) -> dict:
    code = "from prefect import flow\n@flow\ndef noop():\n    return 1\nnoop()\n"
    r = timed_subprocess([sys.executable, "-c", code], log, sub_env())
    del r["log"]
    return r


# --- stage shares and profile --------------------------------------------------------------

def sample_of(files, n: int):
    files = [f for f in files if not f.problem]
    step = max(1, len(files) // n)
    return files[::step][:n]


def stage_times(sample, tokenizer: str) -> dict:
    """Seconds per stage of transforms.document.STAGES over the sample (one batch of it, as a batch
    task runs it: the stage clock is the one every run records in runs.stages), plus
    process_document over the same files for the total."""
    from flows.batch import BatchOptions, process_batch
    from transforms import normalize, tokens
    from transforms.document import StageOptions, process_document

    tokens.count_terms("预热分词器", tokenizer)  # load the dictionary outside the timings
    normalize.normalize_text("預熱")
    result = process_batch(sample, BatchOptions("stages", "bench", frozenset(), StageOptions(tokenizer)))
    acc = {row["stage"]: row["seconds"] for row in result.clock.rows()}
    raws = [(f.rel, open(f.path, "rb").read()) for f in sample]
    t = time.perf_counter()
    for rel, raw in raws:
        process_document(raw, rel, tokenizer=tokenizer)
    acc["process_document"] = time.perf_counter() - t
    return acc


def inprocess_ratio(sample, tokenizer: str, rounds: int = 3) -> dict:
    """Per-document seconds of the floor's work and of process_document, one core, same process,
    alternating file by file so machine noise hits both alike."""
    from transforms.document import process_document

    _floor_init(tokenizer)
    raws = [(f.rel, f.path, open(f.path, "rb").read()) for f in sample]
    floor_s, doc_s = [], []
    for _ in range(rounds):
        a = b = 0.0
        for rel, path, raw in raws:
            t = time.perf_counter()
            _floor_one(path)
            t2 = time.perf_counter()
            process_document(raw, rel, tokenizer=tokenizer)
            t3 = time.perf_counter()
            a, b = a + t2 - t, b + t3 - t2
        floor_s.append(a / len(raws))
        doc_s.append(b / len(raws))
    return {"floor_ms": 1000 * statistics.median(floor_s), "doc_ms": 1000 * statistics.median(doc_s),
            "ratio": statistics.median(f / d for f, d in zip(floor_s, doc_s))}


def profile_batch(sample, tokenizer: str, top: int = 30) -> str:
    from flows.batch import BatchOptions, process_batch
    from transforms import tokens
    from transforms.document import StageOptions

    tokens.tokenizer(tokenizer)
    prof = cProfile.Profile()
    prof.enable()
    process_batch(sample, BatchOptions("bench", "bench", frozenset(), StageOptions(tokenizer)))
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- floor ---------------------------------------------------------------------------------

_floor_state: dict = {}


def _floor_init(tokenizer: str) -> None:
    import lxml.html
    import opencc
    from lxml import etree

    from transforms.tokens import tokenizer as engine

    _floor_state.update(cut=engine(tokenizer), cc=opencc.OpenCC("tw2s"), lxml=lxml.html, etree=etree)
    list(_floor_state["cut"]("预热"))


def _floor_decode(raw: bytes) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw.decode("utf-8-sig", errors="replace")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16", errors="replace")
    if not raw.strip() or b"\x00" in raw[:4000] or raw.startswith(b"\x89PNG"):
        return None
    for codec in ("utf-8", "gb18030", "big5"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    return raw.decode("gb18030", errors="replace")


def _floor_one(path: str) -> int:
    with open(path, "rb") as fh:
        raw = fh.read()
    text = _floor_decode(raw)
    if text is None:
        return 0
    if "<html" in text[:4000].lower():
        try:
            root = _floor_state["lxml"].fromstring(text.encode("utf-8"))
            _floor_state["etree"].strip_elements(root, "script", "style", "noscript", "template", with_tail=False)
            text = root.text_content()
        except Exception:  # noqa: BLE001 - floor: skip unparsable pages
            return 0
    text = _floor_state["cc"].convert(text)
    return len(list(_floor_state["cut"](text)))


def run_floor(paths: list[str], workers: int, tokenizer: str) -> dict:
    import multiprocessing as mp

    t0 = time.perf_counter()
    ctx = mp.get_context("spawn")  # fresh workers that load the dictionary, as gongwen's do
    with ctx.Pool(workers, initializer=_floor_init, initargs=(tokenizer,)) as pool:
        tokens = sum(pool.imap_unordered(_floor_one, paths, chunksize=16))
    return {"wall": time.perf_counter() - t0, "tokens": tokens}


# --- direct (no Prefect) -------------------------------------------------------------------

def direct_run(corpus: str, output: str, tokenizer: str) -> dict:
    """What the flow does with --workers 1, without Prefect: same batches, same Delta writes."""
    t0 = time.perf_counter()
    from importlib.metadata import version

    from flows import warehouse
    from flows.batch import process_batch
    from flows.options import RunOptions
    from flows.runstate import RunState
    from transforms.document import RULES_REVISION

    pv = f"{version('gongwen')}+rules{RULES_REVISION}"
    t_imports = time.perf_counter() - t0
    t_proc = 0.0
    options = RunOptions(input_dir=corpus, output_dir=output, tokenizer=tokenizer)
    with warehouse.exclusive_lock(output):
        warehouse.ensure_tables(output)
        state = RunState(output, options.commit_every)  # the flow's repairs, buffering and commits
        batches, batch_options = state.begin(options, "direct", pv)
        for batch in batches:
            t = time.perf_counter()
            result = process_batch(batch, batch_options)
            t_proc += time.perf_counter() - t
            state.take(result)  # flushes when full
        state.flush()
        state.link("direct")   # as the flow does after its last commit
        t_write = state.clock.seconds["write"]
        t_link = sum(state.clock.seconds[step] for step in LINK_STEPS)
    return {"inside": time.perf_counter() - t0, "imports": t_imports, "process": t_proc, "write": t_write,
            "link": t_link, "batches": len(batches)}


def run_direct(corpus: str, output: str, tokenizer: str, log: Path) -> dict:
    r = timed_subprocess([sys.executable, str(Path(__file__).resolve()), "--direct-output", output,
                          "--corpus", corpus, "--tokenizer", tokenizer, "--src", str(SRC)], log)
    r.update(json.loads(r.pop("log").strip().splitlines()[-1]))
    return r


# --- link quality: the warehouse against the corpus' answers ---------------------------------

def _tsv(path: Path) -> list[dict] | None:
    if not path.exists():
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    keys = lines[0].split("\t")
    return [dict(zip(keys, ln.split("\t"))) for ln in lines[1:]]


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def link_quality(corpus: str, output: str, sample_pairs: int = 20000) -> dict | None:
    """duplicate_of and cited_doc_id of the warehouse judged by the corpus' hidden answers
    (scripts/bench_corpus.py); None for a corpus without them."""
    import random
    from collections import Counter, defaultdict

    from flows import warehouse
    from transforms import near_duplicates as nd

    manifest = _tsv(Path(corpus) / ".manifest.tsv")
    citations = _tsv(Path(corpus) / ".citations.tsv")
    if not manifest or "story" not in manifest[0] or citations is None:
        return None
    row_of = {r["path"]: r for r in manifest}
    docs = [d for d in warehouse.read_table(output, "documents", ["doc_id", "source_path", "duplicate_of", "doc_number",
                                                                   "superseded_by", "minhash"]).to_pylist()
            if d["superseded_by"] is None and d["source_path"] in row_of]
    story = {d["doc_id"]: row_of[d["source_path"]]["story"] for d in docs}
    head = {d["doc_id"]: d["duplicate_of"] or d["doc_id"] for d in docs}
    q: dict = {"documents": len(docs)}

    # duplicate_of: one prediction per document that has one; right when the head is of its story
    predicted = [d for d in docs if d["duplicate_of"]]
    right = [d for d in predicted if story.get(d["duplicate_of"]) == story[d["doc_id"]]]
    sizes = Counter(story.values())
    expected = sum(k - 1 for k in sizes.values())
    q["dup"] = {"predicted": len(predicted), "right": len(right), "expected": expected,
                "precision": _ratio(len(right), len(predicted)), "recall": _ratio(len(right), expected),
                "clusters": sum(k > 1 for k in sizes.values())}
    wrong = [(d["source_path"], row_of[d["source_path"]]["kind"]) for d in predicted if d not in right]
    q["dup"]["wrong_examples"] = wrong[:5]
    # per sort of copy: the copy and its original end in one predicted cluster
    doc_of = {d["source_path"]: d["doc_id"] for d in docs}
    by_how: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in manifest:
        if r["kind"] == "repost" and r["path"] in doc_of and r["repost_of"] in doc_of:
            key = f"repost {r['repost_how']}"
        elif r["kind"] == "page" and r["path"] in doc_of:
            key = "page crawls"
        else:
            continue
        mine = doc_of[r["path"]]
        others = [d for d, s in story.items() if s == story[mine] and d != mine] if key == "page crawls" else [doc_of[r["repost_of"]]]
        if not others:
            continue
        by_how[key][1] += 1
        by_how[key][0] += head[mine] == head[others[0]]
    q["dup"]["by_how"] = dict(sorted(by_how.items()))

    # documents of different stories: LSH candidate pairs and their similarity; a random sample of pairs
    sig = {d["doc_id"]: d["minhash"] or b"" for d in docs}
    bands = warehouse.read_table(output, "lsh_bands", ["doc_id", "band_key"])
    buckets = bands.group_by("band_key").aggregate([("doc_id", "list")]).column("doc_id_list").to_pylist()
    cand: set = set()
    wide = 0
    for members in buckets:
        members = [m for m in members if m in story]
        if len(members) > 500:
            wide += 1
            continue
        cand.update((a, b) if a < b else (b, a) for i, a in enumerate(members) for b in members[i + 1:])
    cross = [p for p in cand if story[p[0]] != story[p[1]]]
    n = len(docs)
    independent = n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in sizes.values())
    cross_sims = sorted(nd.similarity(sig[a], sig[b]) for a, b in cross)
    rng = random.Random(0)
    ids = [d["doc_id"] for d in docs if sig[d["doc_id"]]]
    sims = []
    while len(sims) < min(sample_pairs, independent) and len(ids) > 1:
        a, b = rng.sample(ids, 2)
        if story[a] != story[b]:
            sims.append(nd.similarity(sig[a], sig[b]))
    sims.sort()
    pct = lambda v, f: v[min(len(v) - 1, int(f * len(v)))] if v else None  # noqa: E731
    q["negatives"] = {"pairs": independent, "candidates": len(cross), "share": _ratio(len(cross), independent),
                      "candidate_max": cross_sims[-1] if cross_sims else None,
                      "at_threshold": sum(x >= nd.DUPLICATE_THRESHOLD for x in cross_sims), "wide_buckets": wide,
                      "sample": len(sims), "p50": pct(sims, 0.5), "p99": pct(sims, 0.99), "max": sims[-1] if sims else None}

    # cited_doc_id: a resolved row is right when the cited document is of a story its file cites
    truth: dict[str, list[dict]] = defaultdict(list)
    for c in citations:
        truth[c["path"]].append(c)
    stories_in = set(story.values())
    refs = warehouse.read_table(output, "references", ["doc_id", "cited_doc_id", "cited_doc_number", "cited_title"]).to_pylist()
    path_of = {d["doc_id"]: d["source_path"] for d in docs}
    refs = [r for r in refs if r["doc_id"] in path_of]
    resolved = [r for r in refs if r["cited_doc_id"]]
    cites_of = {p: {row_of[c["cited"]]["story"] for c in cs if c["cited"]} for p, cs in truth.items()}
    ok = [r for r in resolved if story.get(r["cited_doc_id"]) in cites_of.get(path_of[r["doc_id"]], ())]
    externals = {(c["cited_title"], c["cited_number"]) for c in citations if c["form"] == "external"}
    ext_titles = {t for t, _ in externals}
    ext_numbers = {n for _, n in externals if n}
    wrong = [r for r in resolved if r not in ok]
    wrong_self = sum(story.get(r["cited_doc_id"]) == story[r["doc_id"]] for r in wrong)
    found_by_form: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    got = defaultdict(set)
    for r in resolved:
        got[r["doc_id"]].add(story.get(r["cited_doc_id"]))
    for d in docs:
        for c in truth.get(d["source_path"], ()):
            if c["form"] == "external":
                hit = any(r["doc_id"] == d["doc_id"] and r["cited_doc_id"] and
                          (r["cited_title"] == c["cited_title"] or (c["cited_number"] and r["cited_doc_number"] == c["cited_number"]))
                          for r in resolved)
                found_by_form["external (must stay null)"][0] += hit
                found_by_form["external (must stay null)"][1] += 1
                continue
            s = row_of[c["cited"]]["story"]
            if s not in stories_in:
                continue   # the cited file is no document (not expected of the pipeline)
            found_by_form[c["form"]][1] += 1
            found_by_form[c["form"]][0] += s in got[d["doc_id"]]
    found = sum(v[0] for k, v in found_by_form.items() if not k.startswith("external"))
    expected = sum(v[1] for k, v in found_by_form.items() if not k.startswith("external"))
    q["cite"] = {"rows": len(refs), "resolved": len(resolved), "right": len(ok), "precision": _ratio(len(ok), len(resolved)),
                 "expected": expected, "found": found, "recall": _ratio(found, expected), "by_form": dict(found_by_form),
                 "wrong_self": wrong_self, "wrong_external": sum(r["cited_title"] in ext_titles or r["cited_doc_number"] in ext_numbers for r in wrong),
                 "wrong_examples": [(path_of[r["doc_id"]], r["cited_title"], r["cited_doc_number"],
                                     path_of.get(r["cited_doc_id"])) for r in wrong[:5]]}

    # documents.doc_number against the 发文字号 the header carries
    numbers: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in docs:
        want = row_of[d["source_path"]].get("doc_number")
        if want:
            key = Path(d["source_path"]).suffix.lstrip(".")
            numbers[key][1] += 1
            numbers[key][0] += d["doc_number"] == want
    q["doc_number"] = dict(sorted(numbers.items()))
    return q


def print_link_quality(q: dict) -> None:
    d, c, neg = q["dup"], q["cite"], q["negatives"]
    print(f"\nlinks ({q['documents']:,} documents of the first full run against the corpus' answers):")
    print(f"  duplicate_of: {d['predicted']:,} set, {d['right']:,} right; {d['expected']:,} expected in {d['clusters']:,} "
          f"clusters of one story")
    print("    copy and original in one cluster: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in d["by_how"].items()))
    if d["wrong_examples"]:
        print(f"    wrong (first 5): {d['wrong_examples']}")
    print(f"  documents of different stories: {neg['pairs']:,} pairs, {neg['candidates']:,} LSH candidate pairs "
          f"({100 * (neg['share'] or 0):.4f}%), of them {neg['at_threshold']} at or over the duplicate threshold, most similar "
          f"{fmt(neg['candidate_max'], '.3f')}; {neg['sample']:,} random pairs: similarity median {fmt(neg['p50'], '.3f')}, "
          f"p99 {fmt(neg['p99'], '.3f')}, max {fmt(neg['max'], '.3f')}" + (f"; {neg['wide_buckets']} band keys with over 500 "
                                                                            "documents skipped" if neg["wide_buckets"] else ""))
    print(f"  cited_doc_id: {c['rows']:,} references rows, {c['resolved']:,} resolved, {c['right']:,} right "
          f"(of the {c['resolved'] - c['right']} wrong: {c['wrong_self']} to a copy of the citing document itself, "
          f"{c['wrong_external']} to a document not in the corpus); {c['found']:,} of {c['expected']:,} "
          "citations of corpus documents found")
    print("    by form (found / cited): " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(c["by_form"].items())))
    if c["wrong_examples"]:
        print(f"    wrong (first 5: citing file, cited title, number, resolved to): {c['wrong_examples']}")
    print("  doc_number = the header's 发文字号: " + ", ".join(f"{k} {a:,}/{b:,}" for k, (a, b) in q["doc_number"].items()))


# --- report --------------------------------------------------------------------------------

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, spec=".2f"):
    return "n/a" if v is None else format(v, spec)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--tokenizer", default="rjieba", choices=["jieba", "rjieba"])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="only gongwen, floor, no-op (and the stage shares)")
    ap.add_argument("--stage-sample", type=int, default=500, help="files for the stage shares (0: skip)")
    ap.add_argument("--profile", action="store_true", help="cProfile process_batch over the stage sample")
    ap.add_argument("--keep", action="store_true", help="keep the temporary outputs and logs")
    ap.add_argument("--no-without", action="store_true",
                    help="skip the full run without the new stages and the link step (the cost comparison)")
    ap.add_argument("--src", default=str(ROOT),
                    help="source tree to benchmark (default: this repo's work tree), e.g. an export of a commit")
    ap.add_argument("--direct-output", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    use_source(args.src)

    if args.direct_output:
        print(json.dumps(direct_run(args.corpus, args.direct_output, args.tokenizer)))
        return 0

    global STAGE_NAMES
    from transforms.document import STAGES

    STAGE_NAMES = tuple(st.name for st in STAGES)
    info = machine_info()
    files, nbytes = corpus_files(args.corpus)
    n, mb = len(files), nbytes / 2**20
    print(f"machine: {info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), {info['ram_gb']} GB RAM, "
          f"Python {info['python']}, load {' '.join(f'{x:.2f}' for x in info['load'])}")
    print(f"source:  {SRC}")
    print(f"corpus:  {args.corpus}: {n:,} files, {mb:.1f} MB; workers {args.workers}, tokenizer {args.tokenizer}, "
          f"repeat {args.repeat}{', quick' if args.quick else ''}", flush=True)
    work = Path(tempfile.mkdtemp(prefix="gongwen-bench-"))
    paths = [f.path for f in files if not f.problem]
    runs: dict[str, list] = {k: [] for k in ("full", "noop", "without", "floor", "w1", "direct", "trivial")}
    quality = None

    def step(label: str) -> None:
        print(f"  [{time.strftime('%H:%M:%S')}] {label} ...", flush=True)

    for rep in range(args.repeat):
        print(f"repeat {rep + 1}/{args.repeat}", flush=True)
        step("trivial Prefect flow")
        runs["trivial"].append(run_trivial_flow(work / f"trivial-{rep}.log"))
        out = str(work / f"out-w{args.workers}-{rep}")
        step(f"gongwen run --workers {args.workers} (fresh output)")
        runs["full"].append(run_gongwen(args.corpus, out, args.workers, args.tokenizer, work / f"full-{rep}.log"))
        step("gongwen run again (no-op)")
        runs["noop"].append(run_gongwen(args.corpus, out, args.workers, args.tokenizer, work / f"noop-{rep}.log"))
        if rep == 0:
            step("links against the corpus' answers")
            quality = link_quality(args.corpus, out)
            if quality is None:
                print("    the corpus has no answers (.manifest.tsv story, .citations.tsv): made by an older "
                      "scripts/bench_corpus.py? links not judged", flush=True)
        if not args.no_without:
            step(f"gongwen run --workers {args.workers} without {', '.join(NEW_STAGES)} and the link step (fresh output)")
            r = run_gongwen(args.corpus, str(work / f"out-without-{rep}"), args.workers, args.tokenizer,
                            work / f"without-{rep}.log", env=without_env(work))
            left = [k for k in NEW_STAGES + LINK_STEPS if k in r["stages"]]
            if left:
                raise SystemExit(f"the run without the new work still ran {left}: the hook did not apply")
            runs["without"].append(r)
        step(f"floor, {args.workers} processes")
        runs["floor"].append(run_floor(paths, args.workers, args.tokenizer))
        if not args.quick:
            step("gongwen run --workers 1 (fresh output)")
            runs["w1"].append(run_gongwen(args.corpus, str(work / f"out-w1-{rep}"), 1, args.tokenizer, work / f"w1-{rep}.log"))
            step("process_batch directly, 1 process (fresh output)")
            runs["direct"].append(run_direct(args.corpus, str(work / f"out-direct-{rep}"), args.tokenizer, work / f"direct-{rep}.log"))
        if not args.keep:
            for p in work.glob("out-*"):
                shutil.rmtree(p, ignore_errors=True)
        for key in ("full", "noop", "without", "w1", "direct", "floor", "trivial"):
            if len(runs[key]) == rep + 1:
                r = runs[key][-1]
                extra = f", flow {r['flow']:.1f} s" if "flow" in r else ""
                extra += (f", inside {r['inside']:.1f} s (process {r['process']:.1f}, write {r['write']:.1f}, "
                          f"link {r['link']:.1f})") if "inside" in r else ""
                link_s = sum(r.get("stages", {}).get(k, 0.0) for k in LINK_STEPS)
                extra += f", link {link_s:.2f} s" if link_s else ""
                extra += f", steady {r['steady']:.1f} files/s" if r.get("steady") else ""
                extra += f", first batch at {r['first_batch_s']:.1f} s" if r.get("first_batch_s") else ""
                extra += f", {r['servers_started']} Prefect servers" if "servers_started" in r else ""
                extra += (f", peak tree RSS {r['peak_tree_mb']:.0f} MB (Prefect servers {r['peak_servers_mb']:.0f}, "
                          f"largest process {r['peak_proc_mb']:.0f})") if "peak_tree_mb" in r else ""
                extra += f", load {r['load'][0]:.1f}->{r['load'][1]:.1f}" if "load" in r else ""
                extra += ("; CPU s " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(r["cpu"].items()))) if r.get("cpu") else ""
                print(f"    {key:<8} wall {r['wall']:8.1f} s{extra}", flush=True)

    stages = inproc = None
    if args.stage_sample:
        sample = sample_of(files, args.stage_sample)
        step(f"stage shares on {len(sample)} files")
        stages = stage_times(sample, args.tokenizer)
        step(f"floor vs process_document in this process on {len(sample)} files")
        inproc = inprocess_ratio(sample, args.tokenizer)
        if args.profile:
            step(f"cProfile of process_batch on {len(sample)} files")
            text = profile_batch(sample, args.tokenizer)
            (work / "process_batch.prof.txt").write_text(text)
            print(text)

    # --- figures (medians; ratios per repeat, then median) ---
    full, noop, floor = runs["full"], runs["noop"], runs["floor"]
    fig = {
        "full_wall": med([r["wall"] for r in full]),
        "full_flow": med([r["flow"] for r in full]),
        "noop_wall": med([r["wall"] for r in noop]),
        "noop_flow": med([r["flow"] for r in noop]),
        "floor_wall": med([r["wall"] for r in floor]),
        "trivial_wall": med([r["wall"] for r in runs["trivial"]]),
        "peak_tree_mb": max(r["peak_tree_mb"] for r in full + noop + runs["w1"]),
        "peak_proc_mb": max(r["peak_proc_mb"] for r in full + noop + runs["w1"]),
        "peak_rest_mb": max(r["peak_rest_mb"] for r in full + noop + runs["w1"]),
        "peak_servers_mb": max(r["peak_servers_mb"] for r in full + noop + runs["w1"]),
        "floor_ratio": med([f["wall"] / g["wall"] for g, f in zip(full, floor)]),
        "floor_ratio_flow": med([f["wall"] / g["flow"] for g, f in zip(full, floor)]),
        "noop_share": med([b["wall"] / a["wall"] for a, b in zip(full, noop)]),
        "noop_share_flow": med([b["flow"] / a["flow"] for a, b in zip(full, noop)]),
    }
    link_of = lambda r: sum(r["stages"].get(k, 0.0) for k in LINK_STEPS)  # noqa: E731
    fig["link_s"] = med([link_of(r) for r in full])
    fig["link_share"] = med([link_of(r) / r["flow"] for r in full])
    fig["noop_link_s"] = med([link_of(r) for r in noop])
    fig["new_stage_share_run"] = med([sum(r["stages"].get(k, 0.0) for k in NEW_STAGES) / sum(r["stages"].get(k, 0.0) for k in STAGE_NAMES)
                                      for r in full])
    fig["new_stage_shares_run"] = {k: med([r["stages"].get(k, 0.0) / sum(r["stages"].get(n, 0.0) for n in STAGE_NAMES) for r in full])
                                   for k in NEW_STAGES}
    # the run's own clock: the new stages' seconds (summed over the workers) spread over the workers, plus the link
    fig["new_work_estimate"] = med([(sum(r["stages"].get(k, 0.0) for k in NEW_STAGES) / args.workers + link_of(r))
                                    / (r["flow"] - sum(r["stages"].get(k, 0.0) for k in NEW_STAGES) / args.workers - link_of(r))
                                    for r in full])
    if runs["without"]:
        fig["without_wall"] = med([r["wall"] for r in runs["without"]])
        fig["without_flow"] = med([r["flow"] for r in runs["without"]])
        fig["new_work_extra"] = med([a["wall"] / b["wall"] - 1 for a, b in zip(full, runs["without"])])
        fig["new_work_extra_flow"] = med([a["flow"] / b["flow"] - 1 for a, b in zip(full, runs["without"])])
        # CPU seconds of gongwen's own processes (main and workers, not the Prefect server): what a busy
        # machine disturbs least
        own_cpu = lambda r: r["cpu"].get("main", 0.0) + r["cpu"].get("worker", 0.0)  # noqa: E731
        fig["new_work_extra_cpu"] = med([own_cpu(a) / own_cpu(b) - 1 for a, b in zip(full, runs["without"]) if own_cpu(b)])
    if runs["w1"]:
        fig["w1_wall"] = med([r["wall"] for r in runs["w1"]])
        fig["w1_flow"] = med([r["flow"] for r in runs["w1"]])
        fig["scaling"] = med([a["wall"] / b["wall"] for a, b in zip(runs["w1"], full)])
        fig["scaling_flow"] = med([a["flow"] / b["flow"] for a, b in zip(runs["w1"], full)])
        fig["scaling_steady"] = med([b["steady"] / a["steady"] for a, b in zip(runs["w1"], full) if a.get("steady") and b.get("steady")])
        fig["direct_wall"] = med([r["wall"] for r in runs["direct"]])
        fig["direct_inside"] = med([r["inside"] for r in runs["direct"]])
        fig["prefect_overhead"] = med([a["wall"] / d["wall"] - 1 for a, d in zip(runs["w1"], runs["direct"])])
        fig["prefect_overhead_flow"] = med([a["flow"] / d["inside"] - 1 for a, d in zip(runs["w1"], runs["direct"])])

    if quality:
        print_link_quality(quality)
    if stages:
        names = list(STAGE_NAMES)
        total = sum(stages.get(n, 0.0) for n in names)
        print(f"\nstage shares ({len(sample)} files; stages sum {1000 * total / len(sample):.1f} ms/file, "
              f"process_document {1000 * stages['process_document'] / len(sample):.1f} ms/file):")
        print("  " + "  ".join(f"{n} {100 * stages.get(n, 0.0) / total:.1f}%" for n in names))
        print("  new stages: " + ", ".join(f"{n} {100 * stages.get(n, 0.0) / total:.1f}%" for n in NEW_STAGES)
              + f"; together {100 * sum(stages.get(n, 0.0) for n in NEW_STAGES) / total:.1f}% "
              f"({1000 * sum(stages.get(n, 0.0) for n in NEW_STAGES) / len(sample):.1f} ms/file)")
        print(f"one core, same process, alternating: floor {inproc['floor_ms']:.1f} ms/file, process_document "
              f"{inproc['doc_ms']:.1f} ms/file: process_document runs at {inproc['ratio']:.2f}x the floor's speed")

    def ok(key, good) -> str:
        v = fig.get(key)
        return "n/a" if v is None else ("MET" if good(v) else "MISSED")

    last = full[-1]["counts"]
    print(f"\nresults: {n:,} files, {mb:.1f} MB (documents added {last.get('documents added', 0):,}, "
          f"rejects {last.get('rejects', 0):,}); medians of {args.repeat} repeat(s)")
    rows = [
        ("gongwen full run, wall / flow", f"{fmt(fig['full_wall'], '.1f')} s / {fmt(fig['full_flow'], '.1f')} s", "", ""),
        ("  documents/s (wall / flow)", f"{n / fig['full_wall']:.1f} / {n / fig['full_flow']:.1f}", "", ""),
        ("  input MB/s (wall / flow)", f"{mb / fig['full_wall']:.2f} / {mb / fig['full_flow']:.2f}", "", ""),
        ("  peak RSS, process tree (largest process)", f"{fig['peak_tree_mb']:.0f} MB ({fig['peak_proc_mb']:.0f} MB)",
         "<= 1536 MB", ok("peak_tree_mb", lambda v: v <= TARGETS["peak_rss_mb"])),
        ("  of it: Prefect API servers / the rest", f"{fig['peak_servers_mb']:.0f} MB / {fig['peak_rest_mb']:.0f} MB", "", ""),
        ("Prefect fixed cost (trivial flow, wall)", f"{fmt(fig['trivial_wall'], '.1f')} s", "", ""),
        ("floor, wall; documents/s", f"{fig['floor_wall']:.1f} s; {n / fig['floor_wall']:.1f}", "", ""),
        ("gongwen / floor throughput (wall; flow)", f"{fig['floor_ratio']:.2f}x; {fig['floor_ratio_flow']:.2f}x",
         ">= 0.7x", ok("floor_ratio", lambda v: v >= TARGETS["floor_ratio"])),
        ("  per document, 1 core in-process", "n/a" if not inproc else f"{inproc['ratio']:.2f}x", "", ""),
        ("no-op re-run, wall / flow", f"{fig['noop_wall']:.1f} s / {fig['noop_flow']:.1f} s", "", ""),
        ("no-op / full run (wall; flow)", f"{100 * fig['noop_share']:.1f}%; {100 * fig['noop_share_flow']:.1f}%",
         "<= 5%", ok("noop_share", lambda v: v <= TARGETS["noop_share"])),
        ("link step, full run (share of flow); no-op", f"{fig['link_s']:.2f} s ({100 * fig['link_share']:.1f}%); "
         f"{fig['noop_link_s']:.2f} s", "", ""),
        ("new stages' share of stage time (full run)", f"{100 * fig['new_stage_share_run']:.1f}% ("
         + ", ".join(f"{k} {100 * v:.1f}%" for k, v in fig["new_stage_shares_run"].items()) + ")", "", ""),
    ]
    if "new_work_extra" in fig:
        rows += [
            ("run without new stages + link, wall / flow", f"{fig['without_wall']:.1f} s / {fig['without_flow']:.1f} s", "", ""),
            ("new work: extra run time (wall; flow)", f"{100 * fig['new_work_extra']:+.1f}%; {100 * fig['new_work_extra_flow']:+.1f}%",
             "<= 15%", ok("new_work_extra", lambda v: v <= TARGETS["new_work_extra"])),
            ("  extra CPU s of gongwen's processes", f"{fmt(None if fig['new_work_extra_cpu'] is None else 100 * fig['new_work_extra_cpu'], '+.1f')}%",
             "", ""),
        ]
    rows.append(("  estimate from the run's stage clock", f"{100 * fig['new_work_estimate']:+.1f}%", "", ""))
    if quality:
        d, c = quality["dup"], quality["cite"]
        fig.update(dup_precision=d["precision"], dup_recall=d["recall"], cite_precision=c["precision"], cite_recall=c["recall"])
        rows += [
            ("duplicate_of precision", f"{fmt(d['precision'], '.4f')} ({d['right']}/{d['predicted']})",
             ">= 0.98", ok("dup_precision", lambda v: v >= TARGETS["dup_precision"])),
            ("duplicate_of recall", f"{fmt(d['recall'], '.4f')} ({d['right']}/{d['expected']})",
             ">= 0.95", ok("dup_recall", lambda v: v >= TARGETS["dup_recall"])),
            ("cited_doc_id precision", f"{fmt(c['precision'], '.4f')} ({c['right']}/{c['resolved']})",
             ">= 0.98", ok("cite_precision", lambda v: v >= TARGETS["cite_precision"])),
            ("cited_doc_id recall", f"{fmt(c['recall'], '.4f')} ({c['found']}/{c['expected']})", "", ""),
        ]
    if "scaling" in fig:
        rows += [
            ("--workers 1 run, wall / flow", f"{fig['w1_wall']:.1f} s / {fig['w1_flow']:.1f} s", "", ""),
            (f"scaling {args.workers} vs 1 worker (wall; flow; steady)",
             f"{fig['scaling']:.2f}x; {fig['scaling_flow']:.2f}x; {fmt(fig['scaling_steady'])}x",
             ">= 1.7x", ok("scaling", lambda v: v >= TARGETS["scaling"])),
            ("direct process_batch, wall / inside", f"{fig['direct_wall']:.1f} s / {fig['direct_inside']:.1f} s", "", ""),
            ("Prefect overhead, 1 worker (wall; flow)",
             f"{100 * fig['prefect_overhead']:+.1f}%; {100 * fig['prefect_overhead_flow']:+.1f}%",
             "<= 5%", ok("prefect_overhead", lambda v: v <= TARGETS["prefect_overhead"])),
        ]
    width = max(len(r[0]) for r in rows) + 2
    for label, value, target, verdict in rows:
        print(f"  {label:<{width}}{value:<26}{target:<12}{verdict}")
    print(f"machine: {info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB, Python {info['python']}; "
          f"load at end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    (work / "figures.json").write_text(json.dumps({"machine": info, "files": n, "mb": mb, "figures": fig, "links": quality,
                                                   "runs": runs, "stages": stages, "inprocess": inproc}, indent=1, default=str))
    print(f"raw figures and logs: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
