"""`reportdiff trend` on a long series, whole process: cold (empty cache), warm (cache filled), no cache.

    python bench/bench_trend.py                 # 60 reports made from the snapshots, 3 runs each
    python bench/bench_trend.py --count 120 --runs 5
    python bench/bench_trend.py --check         # exit 1 when over budget (cold 5 s, warm 1 s, 500 MB)

The reports come from ``bench/make_series.py`` (one a month, dates and figures varied, shuffled file
names) in a temporary folder. Every run is its own process; wall time is measured around it, and
CPU time and peak memory (max RSS) are read from ``os.wait4`` for that process and the workers it
waited for. The machine's load average is printed too: on a busy machine, wall time is CPU time
divided by the share of the CPUs the run got.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_series import make_series  # noqa: E402

BUDGET_COLD = 5.0
BUDGET_WARM = 1.0
BUDGET_MB = 500.0


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    status: int


def measure(command: list[str], env: dict[str, str]) -> Run:
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=devnull, stderr=devnull, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="json", choices=["text", "json", "html", "csv"])
    parser.add_argument("--check", action="store_true", help="exit 1 when a median is over budget")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "series"
        make_series(folder, args.count)
        command = [sys.executable, "-m", "reportdiff", "trend", str(folder), "--format", args.format, "-o", os.devnull]
        results: dict[str, list[Run]] = {"cold": [], "warm": [], "no cache": []}
        for attempt in range(args.runs):
            env = dict(os.environ, REPORTDIFF_CACHE_DIR=str(Path(tmp) / f"cache-{attempt}"))
            results["cold"].append(measure(command, env))
            entries = len(list((Path(tmp) / f"cache-{attempt}").rglob("*.json")))
            results["warm"].append(measure(command, env))
            if attempt == 0:
                print(f"cache after the cold run: {entries} entries", file=sys.stderr)
            results["no cache"].append(measure([*command, "--no-cache"], env))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"reportdiff trend: {args.count} reports, --format {args.format}, {args.runs} runs,", end=" ")
        print(f"{os.cpu_count()} CPUs, load average {load:.1f}")
        print(f"{'case':<10} {'median s':>9} {'min s':>7} {'cpu s':>7} {'peak MB':>8}  budget")
        over = False
        for case, runs in results.items():
            if any(run.status != 0 for run in runs):
                print(f"{case:<10} failed (exit {[run.status for run in runs]})")
                over = True
                continue
            wall = statistics.median(run.wall for run in runs)
            budget = {"cold": BUDGET_COLD, "warm": BUDGET_WARM}.get(case)
            peak = max(run.peak_mb for run in runs)
            verdict = "" if budget is None else ("ok" if wall <= budget else "OVER") + f" (≤ {budget:g} s)"
            over |= budget is not None and wall > budget or peak > BUDGET_MB
            print(
                f"{case:<10} {wall:>9.2f} {min(run.wall for run in runs):>7.2f}"
                f" {statistics.median(run.cpu for run in runs):>7.2f} {peak:>8.1f}  {verdict}"
            )
    return 1 if args.check and over else 0


if __name__ == "__main__":
    raise SystemExit(main())
