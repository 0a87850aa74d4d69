"""Shared fixtures. Prefect settings are set before anything imports prefect."""
from __future__ import annotations

import os
import shutil
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
HTML_PAGES = FIXTURES / "html"
SCORER = FIXTURES / "score_seeds.py"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for every flow test (it takes ~10-20 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def seed_input(tmp_path: Path) -> Path:
    """A fresh input folder holding the five seed documents."""
    folder = tmp_path / "input"
    folder.mkdir()
    for path in seed_paths():
        shutil.copy(path, folder / path.name)
    return folder


EXPECTED = sorted((SEEDS / "expected").glob("*.yaml"))


@lru_cache(maxsize=None)
def clean_seed(name: str) -> str:
    """A seed's text through normalize and chrome: the input of the analysis stages."""
    from transforms.chrome import strip_chrome
    from transforms.normalize import normalize_text

    return strip_chrome(normalize_text((SEEDS / name).read_text(encoding="utf-8")).text).text


def norm(s: str | None) -> str:
    """As tests/fixtures/score_seeds.py compares strings: NFKC, no whitespace."""
    return "".join(unicodedata.normalize("NFKC", s or "").split())
