"""Start-up: a diff imports only what it uses (the 000→004 speed target depends on it), and the
configuration lookup does not parse files that cannot hold our table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reportdiff.cli.config import find_config

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"

# Each of these is imported by other commands, never by `diff --format json` of two text reports.
NOT_FOR_A_DIFF = [
    "tomllib",  # the built-in rules are Python data; TOML only for a user's rule file
    "reportdiff.model.series",  # the trend model
    "rich",  # the terminal renderer
    "markdown_it",  # the Markdown reader
    "shutil",  # the terminal width, only when writing to a terminal
    "tempfile",  # atomic writes, only with -o
    "calendar",
    "importlib.resources",
]

PROBE = """
import json, sys
from reportdiff.cli import run
status = run(["diff", sys.argv[1], sys.argv[2], "--format", "json"])
sys.stdout.flush()
print(json.dumps({"status": status, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def test_a_json_diff_of_text_reports_imports_only_what_it_uses(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text((SNAPSHOTS / "2025-04.md").read_text(encoding="utf-8").replace("#", ""), encoding="utf-8")
    new.write_text((SNAPSHOTS / "2025-05.md").read_text(encoding="utf-8").replace("#", ""), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(old), str(new)],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # no pyproject.toml here or above that mentions reportdiff
        check=False,
    )
    probe = json.loads(result.stderr.strip().splitlines()[-1])
    assert probe["status"] == 1, result.stderr
    json.loads(result.stdout)  # the diff itself was written
    imported = [name for name in NOT_FOR_A_DIFF if name in probe["modules"]]
    assert imported == []


def test_a_pyproject_without_our_table_is_not_parsed(tmp_path: Path) -> None:
    # Broken TOML: parsing it would raise. It never mentions reportdiff, so it is not read as ours.
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'other'\n", encoding="utf-8")
    assert find_config(tmp_path) == (None, {})


def test_a_pyproject_with_our_table_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.reportdiff.rules]\nfile = 'x.toml'\n", encoding="utf-8")
    assert find_config(tmp_path) == (tmp_path / "pyproject.toml", {"rules": {"file": "x.toml"}})
