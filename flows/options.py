"""The options of a run, defined once: the CLI's flags, the flow's parameters (with their
descriptions in the Prefect UI) and what each batch task gets all come from `RunOptions`."""
from __future__ import annotations

import dataclasses
import math
import os
from dataclasses import dataclass, field
from typing import Any

from transforms.document import StageOptions
from transforms.readers import RecordOptions
from transforms.tokens import DEFAULT_TOKENIZER, TOKENIZERS

TASK_RUNNERS = ("process", "dask")


def _opt(default: Any, help: str, flag: str | None = None, choices: tuple[str, ...] | None = None,
         flow: bool = True):
    """A field with its CLI help; `flow`: also a parameter of the gongwen-run flow."""
    return field(default=default, metadata={"help": help, "flag": flag, "choices": choices, "flow": flow})


class OptionError(ValueError):
    """A bad option value: one line for the user, before anything starts."""


@dataclass(frozen=True)
class RunOptions:
    input_dir: str = _opt("", "folder or s3://bucket/prefix of scraped files (searched recursively)", flag="--input")
    output_dir: str = _opt("", "output folder or s3://bucket/prefix; tables go to OUTPUT/warehouse/<table>/", flag="--output")
    batch_mb: float = _opt(4.0, "input megabytes per batch task (one Prefect task per batch, never per document)")
    workers: int = _opt(1, "worker processes for the batch tasks")
    task_runner: str = _opt("process", "process: local worker processes; dask: a dask.distributed cluster",
                            choices=TASK_RUNNERS, flow=False)
    dask_address: str | None = _opt(None, "scheduler of an existing dask cluster, e.g. tcp://host:8786 "
                                    "(default with --task-runner dask: a local cluster of --workers processes)", flow=False)
    tokenizer: str = _opt(DEFAULT_TOKENIZER, "tokenizer engine: rjieba (jieba-rs, ~20x faster) or jieba; same tokens",
                          choices=TOKENIZERS)
    full_refresh: bool = _opt(False, "re-process every file, replacing its rows")
    max_file_mb: float = _opt(50.0, "larger files are rejected as too-large")
    commit_every: int = _opt(1000, "documents buffered per Delta commit")
    wait_for_lock: bool = _opt(False, "wait for another run on the same output instead of exiting with status 3",
                               flag="--wait")
    text_column: str | None = _opt(None, "record files: column holding the page text (default: text, content, full_text, body, article)")
    html_column: str | None = _opt(None, "record files: column holding the page HTML (default: html, raw_html, page_html)")
    url_column: str | None = _opt(None, "record files: column holding the page URL (default: url, link, href, page_url)")
    id_column: str | None = _opt(None, "record files: column identifying a row (default: the url column, else a hash "
                                 "of the row's text); source_path is file#id")

    def validate(self) -> "RunOptions":
        """Raise OptionError naming the first bad value; return self."""
        if not self.input_dir or not self.output_dir:
            raise OptionError("--input and --output are required")
        for name in ("batch_mb", "max_file_mb"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise OptionError(f"{flag_of(name)} must be a positive number of megabytes, got {value!r}")
        for name in ("workers", "commit_every"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise OptionError(f"{flag_of(name)} must be a whole number of at least 1, got {value!r}")
        if self.tokenizer not in TOKENIZERS:
            raise OptionError(f"--tokenizer must be one of {', '.join(TOKENIZERS)}, got {self.tokenizer!r}")
        if self.task_runner not in TASK_RUNNERS:
            raise OptionError(f"--task-runner must be one of {', '.join(TASK_RUNNERS)}, got {self.task_runner!r}")
        from . import storage

        if not storage.is_remote(self.output_dir) and os.path.exists(self.output_dir) and not os.path.isdir(self.output_dir):
            raise OptionError(f"--output {self.output_dir} is a file, not a folder")
        inp, out = _location(self.input_dir), _location(self.output_dir)
        if inp == out or (inp + "/").startswith(out + "/warehouse/"):
            raise OptionError(f"--input {self.input_dir} is the output folder (or inside its warehouse): the run would "
                              "read its own tables; give the warehouse a folder of its own")
        return self

    @property
    def batch_bytes(self) -> int:
        return int(self.batch_mb * 2**20)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 2**20)

    @property
    def record_options(self) -> RecordOptions:
        return RecordOptions(self.text_column, self.html_column, self.url_column, self.id_column)

    @property
    def stage_options(self) -> StageOptions:
        return StageOptions(tokenizer=self.tokenizer)

    def flow_parameters(self) -> dict[str, Any]:
        """The gongwen-run flow's keyword arguments for these options."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.metadata["flow"]}


def _location(where: str) -> str:
    """A path or URI spelled one way: ./out, out/ and /abs/out are one folder."""
    from . import storage

    if storage.is_remote(where):
        return str(where).rstrip("/")
    return os.path.realpath(os.path.expanduser(where)).rstrip("/") or "/"


DEFAULTS = RunOptions()
FIELDS = {f.name: f for f in dataclasses.fields(RunOptions)}


def flag_of(name: str) -> str:
    return FIELDS[name].metadata["flag"] or "--" + name.replace("_", "-")


def help_of(name: str) -> str:
    return FIELDS[name].metadata["help"]


def add_arguments(parser, names: list[str] | None = None) -> None:
    """argparse flags for RunOptions' fields (all, or `names`), defaults and help from the fields."""
    for f in dataclasses.fields(RunOptions):
        if names is not None and f.name not in names:
            continue
        kwargs: dict[str, Any] = {"dest": f.name, "help": f.metadata["help"]}
        if f.name in ("input_dir", "output_dir"):
            kwargs["required"] = True
        elif isinstance(f.default, bool):
            kwargs["action"] = "store_true"
        else:
            kwargs["default"] = f.default
            kwargs["type"] = type(f.default) if f.default is not None else str
            if f.default is not None:
                kwargs["help"] += f" (default {f.default})"
        if f.metadata["choices"]:
            kwargs["choices"] = list(f.metadata["choices"])
        parser.add_argument(flag_of(f.name), **kwargs)


def from_arguments(args) -> RunOptions:
    return RunOptions(**{name: getattr(args, name) for name in FIELDS if hasattr(args, name)})


def flow_docstring(summary: str) -> str:
    """A Google-style docstring whose Args are the flow parameters' help: Prefect shows them in the
    UI's run form and in the deployment's parameter schema."""
    args = "\n".join(f"    {f.name}: {f.metadata['help']}" for f in dataclasses.fields(RunOptions) if f.metadata["flow"])
    return f"{summary}\n\nArgs:\n{args}\n"
