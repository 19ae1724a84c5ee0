"""How long the text reader takes on the real reports: median of repeats, in-process.

    python bench/bench_read.py [--repeats 30]

Uses time.perf_counter around ``read_text`` (decoding excluded) and prints one line per seed
plus the same for the Markdown snapshots' Word-style re-layout when available.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.ingest.text import read_text  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
BUDGET_MS = 50.0


def measure(text: str, repeats: int) -> tuple[float, float, float]:
    """Median and minimum wall time (perf_counter) and median CPU time (process_time), in ms."""
    read_text(text)  # warm the caches and imports
    timings = []
    cpu = []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        read_text(text)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(timings), min(timings), statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        print(f"no seeds in {SEEDS}", file=sys.stderr)
        return 2
    worst = 0.0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        median, fastest, cpu = measure(text, args.repeats)
        single = "\n".join(line for line in text.split("\n") if line.strip() or line.startswith(" "))
        single_median, _, _ = measure(single, args.repeats)
        worst = max(worst, median)
        print(
            f"{path.name}: {len(text.splitlines()):5d} lines  median {median:6.1f} ms  min {fastest:6.1f} ms"
            f"  cpu {cpu:6.1f} ms  (single-spaced: median {single_median:6.1f} ms)"
        )
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall times grow with it; CPU times less so)"
    )
    print(
        f"budget {BUDGET_MS:.0f} ms per report: {'ok' if worst < BUDGET_MS else 'OVER'} (worst median {worst:.1f} ms)"
    )
    return 0 if worst < BUDGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
