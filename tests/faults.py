"""Batch functions with injected faults. A module of their own, so worker processes can import
them (the flow hands batches to a process pool, which pickles functions by name)."""
from __future__ import annotations

from pathlib import Path

from flows.batch import process_batch


def fail_on_seed_001(files, options):
    """process_batch, except it raises for the batch holding seed 001. Every call is logged to
    calls.log two folders above the input files (the test's tmp_path)."""
    log = Path(files[0].path).parent.parent / "calls.log"
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(files[0].rel + "\n")
    if any(f.rel.startswith("001_") for f in files):
        raise ZeroDivisionError("a bug in one batch")
    return process_batch(files, options)
