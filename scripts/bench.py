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
              same batches with the same Delta writes (skipped by --quick)
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


def run_gongwen(corpus: str, output: str, workers: int, tokenizer: str, log: Path) -> dict:
    env = sub_env()
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
    return r


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
        t_write = state.clock.seconds["write"]
    return {"inside": time.perf_counter() - t0, "imports": t_imports, "process": t_proc, "write": t_write, "batches": len(batches)}


def run_direct(corpus: str, output: str, tokenizer: str, log: Path) -> dict:
    r = timed_subprocess([sys.executable, str(Path(__file__).resolve()), "--direct-output", output,
                          "--corpus", corpus, "--tokenizer", tokenizer, "--src", str(SRC)], log)
    r.update(json.loads(r.pop("log").strip().splitlines()[-1]))
    return r


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
    ap.add_argument("--src", default=str(ROOT),
                    help="source tree to benchmark (default: this repo's work tree), e.g. an export of a commit")
    ap.add_argument("--direct-output", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    use_source(args.src)

    if args.direct_output:
        print(json.dumps(direct_run(args.corpus, args.direct_output, args.tokenizer)))
        return 0

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
    runs: dict[str, list] = {k: [] for k in ("full", "noop", "floor", "w1", "direct", "trivial")}

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
        for key in ("full", "noop", "w1", "direct", "floor", "trivial"):
            if len(runs[key]) == rep + 1:
                r = runs[key][-1]
                extra = f", flow {r['flow']:.1f} s" if "flow" in r else ""
                extra += f", inside {r['inside']:.1f} s (process {r['process']:.1f}, write {r['write']:.1f})" if "inside" in r else ""
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

    if stages:
        from transforms.document import STAGES

        names = [st.name for st in STAGES]
        total = sum(stages.get(n, 0.0) for n in names)
        print(f"\nstage shares ({len(sample)} files; stages sum {1000 * total / len(sample):.1f} ms/file, "
              f"process_document {1000 * stages['process_document'] / len(sample):.1f} ms/file):")
        print("  " + "  ".join(f"{n} {100 * stages.get(n, 0.0) / total:.1f}%" for n in names))
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
    (work / "figures.json").write_text(json.dumps({"machine": info, "files": n, "mb": mb, "figures": fig,
                                                   "runs": runs, "stages": stages, "inprocess": inproc}, indent=1, default=str))
    print(f"raw figures and logs: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
