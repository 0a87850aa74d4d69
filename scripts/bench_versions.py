#!/usr/bin/env python3
"""process_batch per document of two source trees on the same files, in this process, alternating.

    .venv/bin/python scripts/bench_versions.py --corpus bench/corpus-5000 --old /tmp/gongwen-old [--files 1000]
                                               [--rounds 3] [--without targets,references,near-duplicates,formulations]

Each tree runs in its own subprocess (its own imports), over the same sample of the corpus, after
a warm-up batch; medians of --rounds, ratio new / old. --without drops stages of the new tree
(transforms.document.STAGES) to compare like with like: "the architecture change is no slower".
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r'''
import json, sys, time
sys.path.insert(0, sys.argv[1])
files, without, rounds = json.loads(sys.argv[2]), set(json.loads(sys.argv[3])), int(sys.argv[4])
import inspect
from flows import batch as B
from flows.inputs import InputFile
try:
    from transforms import document as D
except ImportError:  # a tree from before transforms/document.py: nothing to leave out
    D = None
if D is not None and hasattr(D, "FINISH_STAGES"):
    if without:  # as scripts/bench.py's hook: finish() iterates FINISH_STAGES
        D.STAGES = tuple(s for s in D.STAGES if s.name not in without)
        D.FINISH_STAGES = tuple(s for s in D.FINISH_STAGES if s.name not in without)
elif without:
    sys.exit("this tree has no STAGES to leave out")
inputs = [InputFile(p, p, __import__("os").path.getsize(p)) for p in files]
params = inspect.signature(B.process_batch).parameters
def run(batch):
    if "options" in params:
        return B.process_batch(batch, B.BatchOptions(run_id="bench", pipeline_version="bench", known=frozenset()))
    return B.process_batch(batch, run_id="bench", pipeline_version="bench", known=frozenset(), tokenizer="rjieba")
run(inputs[:50])  # warm-up: imports, dictionaries, caches
times = []
for _ in range(rounds):
    t0 = time.perf_counter(); result = run(inputs); times.append(time.perf_counter() - t0)
docs = result.tables["documents"].num_rows
print(json.dumps({"seconds": times, "documents": docs}))
'''


def measure(src: str, files: list[str], without: list[str], rounds: int) -> dict:
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", CHILD, src, json.dumps(files), json.dumps(without), str(rounds)],
                         capture_output=True, text=True, env=env, cwd=src, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--old", required=True, help="the other source tree (e.g. a git worktree of an older commit)")
    ap.add_argument("--new", default=str(ROOT))
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--without", default="", help="comma-separated stages of the new tree to leave out")
    args = ap.parse_args(argv)
    files = sorted(str(p) for p in Path(args.corpus).rglob("*") if p.is_file() and not p.name.startswith("."))
    step = max(1, len(files) // args.files)
    sample = files[::step][:args.files]
    without = [s for s in args.without.split(",") if s]
    old = measure(args.old, sample, [], args.rounds)
    new = measure(args.new, sample, without, args.rounds)
    full = measure(args.new, sample, [], args.rounds) if without else new
    om, nm, fm = (statistics.median(r["seconds"]) for r in (old, new, full))
    print(f"files: {len(sample)} of {len(files)}; rounds: {args.rounds} (medians)")
    print(f"old  {args.old}: {om:.2f} s, {1000 * om / max(1, old['documents']):.2f} ms per document ({old['documents']} documents)")
    label = f"new without {','.join(without)}" if without else "new"
    print(f"{label}: {nm:.2f} s, {1000 * nm / max(1, new['documents']):.2f} ms per document ({new['documents']} documents); "
          f"ratio new / old {nm / om:.3f}")
    if without:
        print(f"new, all stages: {fm:.2f} s, {1000 * fm / max(1, full['documents']):.2f} ms per document; "
              f"the left-out stages cost {100 * (fm - nm) / nm:.1f}% of the rest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
