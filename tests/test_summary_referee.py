"""The change summary of the seed pairs, scored by the truth's own referee (../shared/tools/score_changes.py).

Our scorer (bench/score_summary.py, floors in tests/test_summary_truth.py) reads a claim's evidence
too; the referee reads only what a reader sees (title, text, section, lines). A claim true for one
and false for the other once slipped through (a text cut before the cue it reports), so both hold
here: no false claim of any kind, and every figure shift true, on what ``reportdiff diff`` prints.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, seed_path

pytestmark = pytest.mark.corpus

SHARED = ROOT.parent / "shared"
REFEREE = SHARED / "tools" / "score_changes.py"
# "kind  claims  true  false  unknown  precision  recall", one row per kind
COUNTS = ("claims", "true", "false")
ROW = re.compile(r"^(?P<kind>[a-z_]+|figure shifts)\s+" + r"\s+".join(rf"(?P<{name}>\d+)" for name in COUNTS))


def _referee(old: str, new: str, tmp_path: Path) -> dict[str, dict[str, int]]:
    if not REFEREE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{REFEREE} is absent: in CI the truth's tools must be beside the clone")
        pytest.skip(f"the truth's referee is not available: {REFEREE} is absent")
    diff = tmp_path / "diff.json"
    command = [sys.executable, "-m", "reportdiff", "diff", "--format", "json", "-o", str(diff)]
    done = subprocess.run([*command, str(seed_path(old)), str(seed_path(new))], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # 1: the reports differ
    truth = SHARED / "truth" / f"changes-{old}-{new}.json"
    scored = subprocess.run([sys.executable, str(REFEREE), str(diff), str(truth)], capture_output=True, text=True)
    assert scored.returncode == 0, scored.stderr
    rows = {}
    for line in scored.stdout.splitlines():
        match = ROW.match(line)
        if match:
            rows[match["kind"]] = {key: int(match[key]) for key in COUNTS}
    assert rows, scored.stdout
    return rows


@pytest.mark.parametrize("pair", [("002", "000"), ("000", "004")], ids=lambda pair: "→".join(pair))
def test_the_referee_finds_no_false_claim(pair: tuple[str, str], tmp_path: Path) -> None:
    rows = _referee(*pair, tmp_path)
    assert {kind: row["false"] for kind, row in rows.items() if row["false"]} == {}
    shifts = rows.get("figure shifts", {"claims": 0, "true": 0})
    assert shifts["true"] == shifts["claims"], shifts
