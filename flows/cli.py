"""`gongwen` command line."""
from __future__ import annotations

import argparse
import os
import sys

# Prefect reads its settings at import: set offline-friendly defaults before importing it.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",          # otherwise it tries DNS on an offline box
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",  # the temporary server takes 15-22 s on 2 busy cores
    "PREFECT_LOGGING_LEVEL": "INFO",
}


def _prefect_env() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongwen", description="Scraped Chinese government documents in, typed warehouse out.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline over every file under --input")
    run.add_argument("--input", required=True, help="folder of scraped files (searched recursively)")
    run.add_argument("--output", required=True, help="output folder; tables go to OUTPUT/warehouse/<table>/")
    run.add_argument("--batch-mb", type=float, default=4.0, help="input megabytes per batch task (default 4)")
    run.add_argument("--workers", type=int, default=1, help="worker processes for batch tasks (default 1)")
    run.add_argument("--tokenizer", choices=["jieba", "rjieba"], default="jieba", help="tokenizer engine (default jieba)")
    run.add_argument("--full-refresh", action="store_true", help="re-process every file, replacing its rows")
    run.add_argument("--max-file-mb", type=float, default=50.0, help="files larger than this are rejected (default 50)")
    return parser


def _print_summary(result: dict) -> None:
    print(f"gongwen run {result['status']} in {result['seconds']} s  (run {result['run_id']})")
    for key in ("files_seen", "documents_added", "documents_unchanged", "rejects", "sections_added", "directives_added"):
        print(f"  {key.replace('_', ' '):<22}{result[key]:>10,}")
    for reason, n in result.get("top_reject_reasons", {}).items():
        print(f"  rejected as {reason:<17}{n:>10,}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _prefect_env()
    if args.command == "run":
        if not os.path.isdir(args.input):
            print(f"gongwen: input folder not found: {args.input}", file=sys.stderr)
            return 2
        from .pipeline import gongwen_run, task_runner_for
        from .warehouse import WarehouseBusy

        flow_ = gongwen_run.with_options(task_runner=task_runner_for(args.workers))
        try:
            result = flow_(input_dir=args.input, output_dir=args.output, batch_mb=args.batch_mb,
                           tokenizer=args.tokenizer, full_refresh=args.full_refresh,
                           max_file_mb=args.max_file_mb, workers=args.workers)
        except WarehouseBusy as err:
            print(f"gongwen: {err}", file=sys.stderr)
            return 3
        _print_summary(result)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
