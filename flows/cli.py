"""`gongwen` command line."""
from __future__ import annotations

import argparse
import os
import sys

from .storage import is_dir

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
    run.add_argument("--input", required=True, help="folder or s3://bucket/prefix of scraped files (searched recursively)")
    run.add_argument("--output", required=True,
                     help="output folder or s3://bucket/prefix; tables go to OUTPUT/warehouse/<table>/")
    run.add_argument("--batch-mb", type=float, default=4.0, help="input megabytes per batch task (default 4)")
    run.add_argument("--workers", type=int, default=1, help="worker processes for batch tasks (default 1)")
    run.add_argument("--task-runner", choices=["process", "dask"], default="process",
                     help="process: local worker processes (default); dask: a dask.distributed cluster")
    run.add_argument("--dask-address", help="scheduler of an existing dask cluster, e.g. tcp://host:8786 "
                     "(default with --task-runner dask: a local cluster of --workers processes)")
    run.add_argument("--tokenizer", choices=["rjieba", "jieba"], default="rjieba",
                     help="tokenizer engine: rjieba (jieba-rs, default) or jieba; same tokens, rjieba ~20x faster")
    run.add_argument("--full-refresh", action="store_true", help="re-process every file, replacing its rows")
    run.add_argument("--max-file-mb", type=float, default=50.0, help="files larger than this are rejected (default 50)")
    run.add_argument("--commit-every", type=int, default=1000, help="documents buffered per Delta commit (default 1000)")
    run.add_argument("--wait", action="store_true", help="wait for another run on the same output instead of exiting with status 3")
    records = run.add_argument_group("record files (.jsonl, .csv, .parquet: one page per row)")
    records.add_argument("--text-column", help="column holding the page text (default: text, content or full_text)")
    records.add_argument("--html-column", help="column holding the page HTML (default: html)")
    records.add_argument("--url-column", help="column holding the page URL (default: url)")
    records.add_argument("--id-column", help="column identifying the row (default: row number); source_path is file#id")

    serve = sub.add_parser("serve", help="register a cron-scheduled deployment and run its flow runs until stopped "
                           "(needs a Prefect server: PREFECT_API_URL)")
    serve.add_argument("--input", required=True, help="folder of scraped files")
    serve.add_argument("--output", required=True, help="output folder")
    serve.add_argument("--cron", default="0 2 * * *", help='cron schedule (default "0 2 * * *")')
    serve.add_argument("--timezone", default="Asia/Shanghai", help="time zone of the cron schedule (default Asia/Shanghai)")
    serve.add_argument("--batch-mb", type=float, default=4.0, help="input megabytes per batch task (default 4)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes for batch tasks (default 1)")
    serve.add_argument("--name", default="gongwen-scheduled", help="deployment name (default gongwen-scheduled)")

    query = sub.add_parser("query", help="run DuckDB SQL over the warehouse tables (registered by name)")
    query.add_argument("sql", help='e.g. "select genre, count(*) from documents group by genre"')
    query.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")
    query.add_argument("--out", help="write the result to a .csv or .parquet file instead of printing it")
    query.add_argument("--max-rows", type=int, default=50, help="rows to print (default 50)")

    tables = sub.add_parser("tables", help="list the warehouse tables, their row counts and columns")
    tables.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")

    compact = sub.add_parser("compact", help="Delta optimize + vacuum every table")
    compact.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")
    compact.add_argument("--retention-hours", type=int, default=168, help="time travel kept by vacuum (default 168 = 7 days)")
    return parser


def _print_table(table, max_rows: int) -> None:
    import polars as pl

    with pl.Config(tbl_rows=max_rows, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200):
        print(pl.from_arrow(table))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _prefect_env()
    if args.command == "run":
        if not is_dir(args.input):
            print(f"gongwen: input folder not found: {args.input}", file=sys.stderr)
            return 2
        from .pipeline import BatchesFailed, gongwen_run, task_runner_for
        from .report import format_summary
        from .warehouse import WarehouseBusy

        flow_ = gongwen_run.with_options(task_runner=task_runner_for(args.workers, args.task_runner, args.dask_address))
        try:
            result = flow_(input_dir=args.input, output_dir=args.output, batch_mb=args.batch_mb,
                           tokenizer=args.tokenizer, full_refresh=args.full_refresh,
                           max_file_mb=args.max_file_mb, workers=args.workers,
                           text_column=args.text_column, html_column=args.html_column,
                           url_column=args.url_column, id_column=args.id_column,
                           commit_every=args.commit_every, wait_for_lock=args.wait)
        except WarehouseBusy as err:
            print(f"gongwen: {err}", file=sys.stderr)
            return 3
        except BatchesFailed as err:
            print(f"gongwen: run failed: {err} (the other batches were written; see the runs table)", file=sys.stderr)
            return 1
        print(format_summary(result, result.get("top_reject_reasons", {})))
        return 0
    if args.command == "serve":
        if not is_dir(args.input):
            print(f"gongwen: input folder not found: {args.input}", file=sys.stderr)
            return 2
        from .deploy import ServeError, serve

        try:
            serve(args.input, args.output, cron=args.cron, batch_mb=args.batch_mb, workers=args.workers,
                  timezone=args.timezone, name=args.name)
        except ServeError as err:
            print(f"gongwen: {err}", file=sys.stderr)
            return 2
        return 0

    from . import query as q
    from .warehouse import warehouse_dir

    if not is_dir(warehouse_dir(args.output)):
        print(f"gongwen: no warehouse under {args.output} (run `gongwen run --output {args.output}` first)", file=sys.stderr)
        return 2
    if args.command == "query":
        import duckdb

        try:
            table = q.run_query(args.output, args.sql)
        except duckdb.Error as err:
            print(f"gongwen: query failed: {err}", file=sys.stderr)
            return 1
        if args.out:
            q.write_result(table, args.out)
            print(f"wrote {table.num_rows} rows to {args.out}")
        else:
            _print_table(table, args.max_rows)
        return 0
    if args.command == "tables":
        for row in q.describe_tables(args.output):
            rows = "missing" if row["rows"] is None else f"{row['rows']:,} rows, version {row['version']}"
            print(f"{row['table']} ({rows})\n    {row['columns']}")
        return 0
    if args.command == "compact":
        for row in q.compact(args.output, args.retention_hours):
            print(f"{row['table']}: {row['files_removed']} files compacted into {row['files_added']}, "
                  f"{row['vacuumed']} old files vacuumed (retention {row['retention']})")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
