"""The whole-process benchmark still runs: ``bench/run.py --quick`` prints rows for us and for a peer.

Timings are not asserted (the machine may be busy); the benchmark only has to work.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# pair, scale, tool (words separated by single spaces), then the median wall time
TIMED_ROW = re.compile(r"^\S+\s+\d+x\s+(?P<tool>\S+(?: \S+)*)\s+(?P<median>\d+\.\d+)\s+\d+\.\d+\s+\d+\.\d+")


def test_quick_benchmark_prints_a_table() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    timed = [match["tool"] for line in result.stdout.splitlines() if (match := TIMED_ROW.match(line))]
    assert "reportdiff (json)" in timed, result.stdout
    peers = [tool for tool in timed if not tool.startswith("reportdiff")]
    assert peers, f"no peer produced a timing:\n{result.stdout}"
