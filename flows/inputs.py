"""Find input files and group them into batches sized by bytes."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from . import storage

SKIPPED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class InputFile:
    path: str           # absolute path (may hold surrogate escapes for non-UTF-8 names) or object URI
    rel: str            # path relative to the input folder, printable
    size: int | None    # None when stat failed
    problem: str | None = None  # a reason this file cannot be read, found during discovery


def printable(path: str) -> str:
    """A file name as valid UTF-8: undecodable bytes shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def special_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "a special file"


def discover(input_dir: str | Path, exclude: tuple = ()) -> Iterator[InputFile]:
    """Every regular file under input_dir, recursively, in a stable order, except under `exclude`
    (the warehouse folder, wherever it is). Never raises for one bad entry: FIFOs, sockets and
    devices are listed with the problem not-a-file."""
    if storage.is_remote(input_dir):
        yield from _discover_remote(str(input_dir), exclude)
        return
    root = os.path.abspath(os.fspath(input_dir))
    skip = {os.path.realpath(os.fspath(e)) for e in exclude if not storage.is_remote(e)}
    seen_dirs: set[tuple[int, int]] = set()
    problems: list[InputFile] = []

    def on_error(err: OSError) -> None:
        rel = os.path.relpath(err.filename, root) if err.filename else "?"
        problems.append(InputFile(err.filename or "", printable(rel), None, f"unreadable:{err.strerror}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=True):
        try:
            st = os.stat(dirpath)
            ident = (st.st_dev, st.st_ino)
        except OSError:
            continue
        if ident in seen_dirs:  # a symlink loop or a second link to the same folder
            rel = os.path.relpath(dirpath, root)
            problems.append(InputFile(dirpath, printable(rel), None, "symlink-loop:folder already visited through another link"))
            dirnames[:] = []
            continue
        seen_dirs.add(ident)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and os.path.realpath(os.path.join(dirpath, d)) not in skip)
        for name in sorted(filenames):
            if name in SKIPPED_NAMES or name.startswith("."):
                continue
            full = os.path.join(dirpath, name)
            rel = printable(os.path.relpath(full, root))
            try:
                st = os.stat(full)
            except OSError as err:
                kind = "symlink-loop" if err.errno == 40 else "unreadable"
                yield InputFile(full, rel, None, f"{kind}:{err.strerror}")
                continue
            if not stat.S_ISREG(st.st_mode):  # reading a FIFO or a device would block forever
                yield InputFile(full, rel, None, f"not-a-file:{special_kind(st.st_mode)}, not a regular file")
                continue
            yield InputFile(full, rel, st.st_size)
    yield from problems


def _discover_remote(uri: str, exclude: tuple) -> Iterator[InputFile]:
    """discover() on object storage: every object under the prefix, in the same order as a local
    walk (folder by folder, hidden names skipped); path is the object's full URI."""
    from pyarrow.fs import FileSelector, FileType

    handle, prefix = storage.filesystem(uri)
    scheme = uri.split("://", 1)[0]
    skip = tuple(storage.filesystem(e)[1] + "/" for e in exclude if storage.is_remote(e))
    try:
        listing = handle.get_file_info(FileSelector(prefix, recursive=True))
    except OSError as err:
        yield InputFile(uri, ".", None, f"unreadable:{err}")
        return
    found = []
    for info in listing:
        rel = info.path[len(prefix) + 1:]
        parts = rel.split("/")
        if (info.type != FileType.File or any(p.startswith(".") for p in parts) or parts[-1] in SKIPPED_NAMES
                or (skip and (info.path + "/").startswith(skip))):
            continue
        found.append(([(1, d) for d in parts[:-1]] + [(0, parts[-1])], rel, info))
    found.sort(key=lambda item: item[0])  # as os.walk: a folder's files, then its sub-folders, each sorted
    for _, rel, info in found:
        yield InputFile(f"{scheme}://{info.path}", rel, info.size)


def batches_by_bytes(files, batch_bytes: int, max_files: int = 2000):
    """Group files into lists of about batch_bytes (a big file gets a batch of its own)."""
    batch: list[InputFile] = []
    size = 0
    for f in files:
        fsize = f.size or 0
        if batch and (size + fsize > batch_bytes or len(batch) >= max_files):
            yield batch
            batch, size = [], 0
        batch.append(f)
        size += fsize
    if batch:
        yield batch
