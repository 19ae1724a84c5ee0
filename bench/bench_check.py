"""How long `reportdiff check` takes as a whole process: what an author waits for at `git commit`.

    python bench/bench_check.py            # 7 runs each, medians
    python bench/bench_check.py --runs 15

Wall time is measured with time.perf_counter around each subprocess; CPU time (user + system)
of that child is read from os.wait4, which matters on a busy machine where wall time also
counts waiting for a core. The bare interpreter start (`python -c pass`) is printed for
reference. Target: 0.5 s for a seed-sized report. Nothing here fails on timing: it reports.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SNAPSHOTS = ROOT / "snapshots"
SEED_004 = SEEDS / "004_c4cf9f70ac1c3c54.txt"
SEED_000 = SEEDS / "000_3c54bab172f95413.txt"
TARGET = 0.5


def measure(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def cases() -> list[tuple[str, list[str]]]:
    check = [sys.executable, "-m", "reportdiff", "check"]
    found: list[tuple[str, list[str]]] = [("python -c pass (interpreter start)", [sys.executable, "-c", "pass"])]
    if SEED_004.exists():
        found.append(("check 004 (seed, 38 kB, Word-style text)", check + [str(SEED_004)]))
        found.append(("check 004 --previous 000 (seeds)", check + [str(SEED_004), "--previous", str(SEED_000)]))
    snapshots = sorted(SNAPSHOTS.glob("20*.md"))
    if len(snapshots) >= 2:
        found.append((f"check {snapshots[-1].name}", check + [str(snapshots[-1])]))
        found.append(
            (
                f"check {snapshots[-1].name} --previous {snapshots[-2].name}",
                check + [str(snapshots[-1]), "--previous", str(snapshots[-2])],
            )
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'case':<58} {'wall median':>12} {'wall min':>9} {'cpu median':>11}")
    for name, command in cases():
        measure(command)  # warm the file cache and the bytecode cache
        results = [measure(command) for _ in range(args.runs)]
        walls = [wall for wall, _ in results]
        cpus = [cpu for _, cpu in results]
        wall_median, cpu_median = statistics.median(walls), statistics.median(cpus)
        flag = "" if name.startswith("python") or wall_median <= TARGET else f"  over {TARGET} s"
        print(f"{name:<58} {wall_median:>11.3f}s {min(walls):>8.3f}s {cpu_median:>10.3f}s{flag}")


if __name__ == "__main__":
    main()
