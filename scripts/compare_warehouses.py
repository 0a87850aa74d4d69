"""Compare two warehouses table by table, row by row on each table's key.

usage: python scripts/compare_warehouses.py A B [--examples N] [--table NAME ...] [--ignore COL ...]

A and B are output folders (the Delta tables under A/warehouse, as `gongwen run --output A` and
`scripts/score_dev.py CORPUS --keep A` lay them out) or warehouse folders themselves. For every
table schemas/tables.py declares, rows are matched on the table's key (Table.key) and compared
column by column, ignoring the columns that differ from run to run (RUN_SPECIFIC_COLUMNS: run
ids, clock times, stage timings, the pipeline version, the input folder). The runs table is keyed
by run_id, which is run-specific: its rows are matched by their order of start instead.

Prints, per table: rows in A and B, rows only in A, rows only in B, rows whose columns differ
(per column, with up to --examples examples). Exit status 0 when the warehouses hold the same
rows, 1 when they differ, 2 on bad arguments.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from schemas import TABLES  # noqa: E402

# Columns whose values belong to one run, not to the documents: never compared.
RUN_SPECIFIC_COLUMNS = frozenset((
    "run_id", "processed_at", "started_at", "finished_at", "pipeline_version", "stages", "input_dir",
))
EXAMPLE_CHARS = 160  # a value is shown cut to this many characters
CHANGE_CHARS = 40    # a column whose differing values are all this short gets a summary of its changes


def warehouse_root(path: Path) -> Path:
    return path / "warehouse" if (path / "warehouse").is_dir() else path


def read_rows(root: Path, name: str) -> list[dict] | None:
    """The table's rows as dicts, or None when the folder holds no such Delta table."""
    from deltalake import DeltaTable

    where = root / name
    if not DeltaTable.is_deltatable(str(where)):
        return None
    return DeltaTable(str(where)).to_pyarrow_dataset().to_table().to_pylist()


def keyed(name: str, rows: list[dict]) -> dict[tuple, dict]:
    """key -> row; the runs table by order of start; a key seen twice gets a counter after it."""
    key = TABLES[name].key
    if set(key) <= RUN_SPECIFIC_COLUMNS:
        rows = sorted(rows, key=lambda r: (r.get("started_at") is None, r.get("started_at")))
        return {(f"#{i}",): r for i, r in enumerate(rows)}
    out: dict[tuple, dict] = {}
    seen: Counter = Counter()
    for r in rows:
        k = tuple(r.get(c) for c in key)
        seen[k] += 1
        out[k if seen[k] == 1 else k + (f"dup{seen[k]}",)] = r
    return out


def show(value) -> str:
    s = repr(value)
    return s if len(s) <= EXAMPLE_CHARS else s[:EXAMPLE_CHARS] + "…"


def show_key(name: str, k: tuple) -> str:
    names = TABLES[name].key if not k[0:1] or not str(k[0]).startswith("#") else ("run",)
    return ", ".join(f"{c}={v}" for c, v in zip(tuple(names) + ("",) * len(k), k))


def compare_table(name: str, a: list[dict], b: list[dict], ignore: frozenset, examples: int) -> bool:
    """Print the table's differences; True when it holds the same rows in A and B."""
    ka, kb = keyed(name, a), keyed(name, b)
    only_a = [k for k in ka if k not in kb]
    only_b = [k for k in kb if k not in ka]
    by_column: dict[str, list[tuple]] = {}
    differing = 0
    for k in ka.keys() & kb.keys():
        ra, rb = ka[k], kb[k]
        cols = [c for c in dict.fromkeys(list(ra) + list(rb)) if c not in ignore and ra.get(c) != rb.get(c)]
        if cols:
            differing += 1
            for c in cols:
                by_column.setdefault(c, []).append((k, ra.get(c), rb.get(c)))
    same = not (only_a or only_b or differing)
    key = ", ".join(TABLES[name].key)
    print(f"{name} (key {key}): A {len(a)} rows, B {len(b)} rows; only in A {len(only_a)}, "
          f"only in B {len(only_b)}, differing {differing}" + ("  = same" if same else ""))
    for label, keys, rows in (("only in A", only_a, ka), ("only in B", only_b, kb)):
        for k in sorted(keys, key=str)[:examples]:
            r = rows[k]
            brief = {c: v for c, v in r.items() if c not in ignore and c not in TABLES[name].key}
            print(f"  {label}: {show_key(name, k)}: {show(brief)}")
    for c, diffs in sorted(by_column.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        print(f"  column {c}: {len(diffs)} rows differ")
        if all(isinstance(v, (str, type(None))) and len(v or "") <= CHANGE_CHARS for _, va, vb in diffs for v in (va, vb)):
            changes = Counter((va, vb) for _, va, vb in diffs).most_common()
            print("    changes: " + ", ".join(f"{va!r} -> {vb!r} x{n}" for (va, vb), n in changes))
        for k, va, vb in sorted(diffs, key=lambda d: str(d[0]))[:examples]:
            print(f"    {show_key(name, k)}: A {show(va)}")
            print(f"    {' ' * len(show_key(name, k))}  B {show(vb)}")
    return same


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--examples", type=int, default=3, help="examples shown per kind of difference (default 3)")
    ap.add_argument("--table", action="append", help="compare only this table (repeatable)")
    ap.add_argument("--ignore", action="append", default=[], help="another column not to compare (repeatable)")
    args = ap.parse_args(argv)
    roots = [warehouse_root(Path(p)) for p in (args.a, args.b)]
    for p, root in zip((args.a, args.b), roots):
        if not root.is_dir():
            print(f"not a folder: {p}", file=sys.stderr)
            return 2
    names = args.table or list(TABLES)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        print(f"unknown table(s): {', '.join(unknown)}; tables: {', '.join(TABLES)}", file=sys.stderr)
        return 2
    ignore = RUN_SPECIFIC_COLUMNS | set(args.ignore)
    print(f"A = {roots[0]}\nB = {roots[1]}\nignored columns: {', '.join(sorted(ignore))}")
    all_same = True
    for name in names:
        a, b = (read_rows(root, name) for root in roots)
        if a is None and b is None:
            print(f"{name}: in neither warehouse")
            continue
        if a is None or b is None:
            print(f"{name}: only in {'B' if a is None else 'A'} ({len(a or b)} rows)")
            all_same = False
            continue
        all_same &= compare_table(name, a, b, ignore, args.examples)
    print("same rows" if all_same else "the warehouses differ")
    return 0 if all_same else 1


if __name__ == "__main__":
    sys.exit(main())
