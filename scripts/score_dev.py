"""Developer loop: build a warehouse from a gold corpus without Prefect, then score it.

usage: python scripts/score_dev.py CORPUS_DIR [--keep DIR] [--verbose]

CORPUS_DIR holds the input files and an expected/ folder of gold YAML (tests/fixtures/seeds,
tests/fixtures/realworld/govreports). The inputs (everything but expected/) are copied to a
temporary folder, run through the same batches and Delta commits as `gongwen run --workers 1`
(scripts/bench.py's direct mode: no Prefect server, a few seconds), and scored with
tests/fixtures/score_seeds.py. --keep DIR keeps the warehouse in DIR/warehouse.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--keep", help="build the warehouse in this folder and keep it")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    from bench import direct_run
    from transforms.tokens import DEFAULT_TOKENIZER

    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "input"
        shutil.copytree(corpus, inputs, ignore=shutil.ignore_patterns("expected", "*.md"))
        out = Path(args.keep) if args.keep else Path(tmp) / "out"
        if out.exists():
            shutil.rmtree(out)
        direct_run(str(inputs), str(out), DEFAULT_TOKENIZER)
        cmd = [sys.executable, str(ROOT / "tests/fixtures/score_seeds.py"), str(out / "warehouse"), str(corpus / "expected")]
        return subprocess.call(cmd + (["--verbose"] if args.verbose else []))


if __name__ == "__main__":
    sys.exit(main())
