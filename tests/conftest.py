"""Shared fixtures: where the snapshots and the real seed reports are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests run a fixed set of examples (the same on every run), so a red CI always
# means a change broke something, never that a new random example was drawn. Locally they explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "snapshots"
SEEDS = ROOT.parent / "shared" / "seeds"
DATA = Path(__file__).resolve().parent / "data"

SEED_FILES = {
    "002": "002_3aa0ed4a4691eb71.txt",
    "000": "000_3c54bab172f95413.txt",
    "004": "004_c4cf9f70ac1c3c54.txt",
}


def in_ci() -> bool:
    """``CI`` set to anything but empty, 0 or false, as CI services set it (``CI=true``)."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def seed_path(name: str) -> Path:
    """The path of a real seed report; skips the test when ../shared/seeds is not beside the clone.

    In CI their absence is a failure, not a skip: a green CI must mean that the tests on real
    reports ran.
    """
    path = SEEDS / SEED_FILES[name]
    if not path.exists():
        message = f"real reports not available: {path} is absent (they live beside the repository)"
        if in_ci():
            pytest.fail(f"{message}; CI is set, so the tests on real reports must run", pytrace=False)
        pytest.skip(message)
    return path


def snapshot_paths() -> list[Path]:
    return sorted(SNAPSHOTS.glob("20*.md"))  # the reports; snapshots/README.md describes them


GOLDEN = DATA / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/data/golden/ from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
