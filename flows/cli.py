"""`gongwen` command line."""
from __future__ import annotations

import argparse
import os
import sys

from . import options
from .storage import is_dir

# Prefect reads its settings at import: set offline-friendly defaults before importing it.
PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",          # otherwise it tries DNS on an offline box
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",  # the temporary server takes 15-22 s on 2 busy cores
    "PREFECT_LOGGING_LEVEL": "INFO",
}


CLI_RUN_TAGS = ("gongwen", "cli")  # flow runs started by `gongwen run`, filterable in the UI


def _prefect_env() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongwen", description="Scraped Chinese government documents in, typed warehouse out.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the pipeline over every file under --input")
    options.add_arguments(run)

    serve = sub.add_parser("serve", help="register a cron-scheduled deployment and run its flow runs until stopped "
                           "(needs a Prefect server: PREFECT_API_URL)")
    options.add_arguments(serve, ["input_dir", "output_dir"])
    serve.add_argument("--cron", default="0 2 * * *", help='cron schedule (default "0 2 * * *")')
    serve.add_argument("--timezone", default="Asia/Shanghai", help="time zone of the cron schedule (default Asia/Shanghai)")
    options.add_arguments(serve, ["batch_mb", "workers"])
    serve.add_argument("--name", default="gongwen-scheduled", help="deployment name (default gongwen-scheduled)")

    query = sub.add_parser("query", help="run DuckDB SQL over the warehouse tables (registered by name)")
    query.add_argument("sql", help='e.g. "select genre, count(*) from documents group by genre"')
    query.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")
    query.add_argument("--out", help="write the result to a .csv or .parquet file instead of printing it")
    query.add_argument("--max-rows", type=int, default=50, help="rows to print (default 50)")

    tables = sub.add_parser("tables", help="list the warehouse tables, their row counts and columns")
    tables.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")
    tables.add_argument("--columns", metavar="TABLE", help="print one table's columns with their documentation")

    check = sub.add_parser("check", help="verify a warehouse: data files present, keys unique, every child row "
                           "has its document, one current version per path; exit 1 on a problem")
    check.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")

    export = sub.add_parser("export", help="write the current version of every table for BI tools and plain "
                            "Parquet readers: a DuckDB database file or a folder of Parquet files")
    export.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")
    export.add_argument("--format", choices=["duckdb", "parquet"], default="duckdb",
                        help="duckdb: one database file (tables, column comments, current_documents view); "
                             "parquet: a folder with one file per table (default duckdb)")
    export.add_argument("--to", required=True, help="the database file or folder to write (replaced when it exists)")

    compact = sub.add_parser("compact", help="Delta optimize + vacuum every table")
    compact.add_argument("--output", default="output", help="output folder holding warehouse/ (default output)")
    compact.add_argument("--retention-hours", type=int, default=168, help="time travel kept by vacuum (default 168 = 7 days)")
    return parser


def _quiet_console_tracebacks() -> None:
    """Prefect's console handlers print the message of an error, not its traceback (the flow run's
    logs on the Prefect server keep it): a disk-full run ends with lines a person can read."""
    import logging

    from .progress import prefect_console_handlers

    def without_traceback(format_):
        def format_record(record: logging.LogRecord) -> str:
            if record.exc_info or record.exc_text:
                record = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
            return format_(record)
        return format_record

    for handler in prefect_console_handlers():
        if not getattr(handler, "_gongwen_quiet", False):
            handler.format = without_traceback(handler.format)
            handler._gongwen_quiet = True


# OS error numbers worth a plain sentence, as the Rust writer and Python spell them.
WRITE_CAUSES = ((28, "ENOSPC", "no space left on device"), (30, "EROFS", "the file system is read-only"),
                (13, "EACCES", "permission denied"), (122, "EDQUOT", "disk quota exceeded"))


def write_failure(err: BaseException) -> str | None:
    """'no space left on device' when `err` (or its cause) is a failed write, else None."""
    while err is not None:
        errno_ = getattr(err, "errno", None)
        text = str(err)
        for number, name, words in WRITE_CAUSES:
            if errno_ == number or f"os error {number})" in text or name in text:
                return words
        err = err.__cause__ or err.__context__
    return None


def _print_table(table, max_rows: int) -> None:
    import polars as pl

    with pl.Config(tbl_rows=max_rows, tbl_cols=-1, fmt_str_lengths=60, tbl_width_chars=200):
        print(pl.from_arrow(table))


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:  # `gongwen tables | head`: the reader left; not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    _prefect_env()
    if args.command == "run":
        try:
            run_options = options.from_arguments(args).validate()
        except options.OptionError as err:
            print(f"gongwen: {err}", file=sys.stderr)
            return 2
        if not is_dir(run_options.input_dir):
            print(f"gongwen: input folder not found: {run_options.input_dir}", file=sys.stderr)
            return 2
        from .pipeline import BatchesFailed, gongwen_run, task_runner_for
        from .report import format_summary
        from .warehouse import WarehouseBusy

        _quiet_console_tracebacks()
        from .orphans import start_temporary_prefect_server

        start_temporary_prefect_server()  # dies with this process, even after a kill -9
        flow_ = gongwen_run.with_options(task_runner=task_runner_for(run_options.workers, run_options.task_runner,
                                                                     run_options.dask_address))
        from prefect import tags

        from .progress import terminal_bar

        try:
            with tags(*CLI_RUN_TAGS), terminal_bar():
                result = flow_(**run_options.flow_parameters())
        except WarehouseBusy as err:
            print(f"gongwen: {err}", file=sys.stderr)
            return 3
        except BatchesFailed as err:
            print(f"gongwen: run failed: {err} (the other batches were written; see the runs table)", file=sys.stderr)
            return 1
        except Exception as err:  # noqa: BLE001 - the run failed: one line for the person at the terminal
            cause = write_failure(err)
            if cause:
                print(f"gongwen: run failed: cannot write {run_options.output_dir}: {cause}; what was committed is "
                      "kept and the next run recovers the rest", file=sys.stderr)
            else:
                from .warehouse import _one_line

                print(f"gongwen: run failed: {type(err).__name__}: {_one_line(err)}", file=sys.stderr)
            return 1
        print(format_summary(result, result.get("top_reject_reasons", {})))
        return 0
    if args.command == "serve":
        if not is_dir(args.input_dir):
            print(f"gongwen: input folder not found: {args.input_dir}", file=sys.stderr)
            return 2
        from .deploy import ServeError, serve

        try:
            serve(args.input_dir, args.output_dir, cron=args.cron, batch_mb=args.batch_mb, workers=args.workers,
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

        if args.out and not args.out.endswith((".csv", ".parquet")):
            print(f"gongwen: --out must end in .csv or .parquet, got {args.out}", file=sys.stderr)
            return 2
        try:
            table = q.run_query(args.output, args.sql)
        except q.QueryRefused as err:
            print(f"gongwen: query refused: {err}", file=sys.stderr)
            return 2
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
            if row["problem"]:
                rows = row["problem"]
            else:
                rows = "missing" if row["rows"] is None else f"{row['rows']:,} rows, version {row['version']}"
            if args.columns and args.columns != row["table"]:
                continue
            print(f"{row['table']} ({rows})")
            if args.columns:
                width = max(len(n) for n, _, _ in row["docs"])
                print("\n".join(f"    {n:<{width}}  {t}: {doc}" for n, t, doc in row["docs"]))
            else:
                print(f"    {row['columns']}")
        return 0
    if args.command == "check":
        from .warehouse import check

        problems = check(args.output)
        for line in problems:
            print(f"problem: {line}")
        print("warehouse ok" if not problems else f"{len(problems)} problems found")
        return 1 if problems else 0
    if args.command == "export":
        from .export import ExportError, export
        from .pipeline import pipeline_version

        try:
            report = export(args.output, args.format, args.to, pipeline_version())
        except ExportError as err:
            print(f"gongwen: {err}", file=sys.stderr)
            return 2
        except OSError as err:
            cause = write_failure(err) or err.strerror or str(err)
            print(f"gongwen: export failed: cannot write {args.to}: {cause}; the previous export is kept", file=sys.stderr)
            return 1
        except Exception as err:  # noqa: BLE001 - one line for the person at the terminal
            from .warehouse import _one_line

            print(f"gongwen: export failed: {type(err).__name__}: {_one_line(err)}; the previous export is kept",
                  file=sys.stderr)
            return 1
        width = max(len(r["table"]) for r in report)
        for row in report:
            version = "view" if row["version"] is None else f"version {row['version']}"
            print(f"  {row['table']:<{width}}  {row['rows']:>10,} rows  ({version})")
        print(f"exported {len(report)} tables and views to {args.to} ({args.format})")
        return 0
    if args.command == "compact":
        for row in q.compact(args.output, args.retention_hours):
            print(f"{row['table']}: {row['files_removed']} files compacted into {row['files_added']}, "
                  f"{row['vacuumed']} old files vacuumed (retention {row['retention']})")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
