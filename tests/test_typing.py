"""The package type-checks (mypy), passes the linter (ruff, with its complexity rule) and is formatted as configured
in pyproject.toml: run as tests, so the README's one test command is also the CI's type and lint check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, cwd=ROOT, check=False)


def test_mypy_finds_no_errors_in_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy is in the dev extras")
    result = _run("mypy", "--no-incremental", "reportdiff")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_ruff_finds_nothing_including_functions_too_complex_to_read() -> None:
    pytest.importorskip("ruff", reason="ruff is in the dev extras")
    result = _run("ruff", "check", "--no-cache", "reportdiff", "tests", "bench")
    assert result.returncode == 0, result.stdout[-4000:]


def test_the_code_is_formatted_as_ruff_format_writes_it() -> None:
    """One layout for everyone: a change shows what it changes, not a re-indent."""
    pytest.importorskip("ruff", reason="ruff is in the dev extras")
    result = _run("ruff", "format", "--check", "--no-cache", "reportdiff", "tests", "bench")
    assert result.returncode == 0, result.stdout[-4000:]
