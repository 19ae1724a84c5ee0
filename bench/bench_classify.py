"""What figures and events add to the time of a comparison.

    python bench/bench_classify.py            # seed pairs 002→000 and 000→004 (or the snapshot pairs)
    python bench/bench_classify.py --runs 9   # more repetitions (median is reported)

For each pair, with the reports already loaded, in CPU time (time.process_time): a plain compare()
(summarise() replaced by a function that returns an empty summary), and summarise() alone on
the finished diff, which is what figure extraction, figure pairing and the event rules add.
Each is the fastest of --runs repetitions (the least disturbed by other work on the machine).
Budget: summarise ≤ 30 % of the plain compare. Also reported: extract_figures() alone on both
reports. The exit status is 1 when the budget is exceeded.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SNAPSHOTS = ROOT / "snapshots"
sys.path.insert(0, str(ROOT))

SEED_PAIRS = [
    ("002→000", SEEDS / "002_3aa0ed4a4691eb71.txt", SEEDS / "000_3c54bab172f95413.txt"),
    ("000→004", SEEDS / "000_3c54bab172f95413.txt", SEEDS / "004_c4cf9f70ac1c3c54.txt"),
]
SNAPSHOT_PAIRS = [
    ("2025-04→05", SNAPSHOTS / "2025-04.md", SNAPSHOTS / "2025-05.md"),
    ("2025-07→08", SNAPSHOTS / "2025-07.md", SNAPSHOTS / "2025-08.md"),
]
BUDGET = 0.30


def best_time(function: Callable[[], object], runs: int) -> float:
    """The fastest of ``runs`` calls, in CPU seconds of this process (time.process_time).

    CPU time, not wall time: on a busy machine other processes stretch wall time by a varying
    amount, which would make the ratio of two timings meaningless.
    """
    times = []
    for _ in range(runs):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def _extract_both(extract: Callable[[Any], object], old: Any, new: Any) -> None:
    extract(old)
    extract(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)

    import reportdiff.classify as classify
    from reportdiff.comparison import compare
    from reportdiff.figures import extract_figures
    from reportdiff.ingest import load
    from reportdiff.model import ChangeSummary

    pairs = [pair for pair in SEED_PAIRS if pair[1].exists() and pair[2].exists()] or [
        pair for pair in SNAPSHOT_PAIRS if pair[1].exists() and pair[2].exists()
    ]
    if not pairs:
        print("no report pairs found (seeds or snapshots)", file=sys.stderr)
        return 2
    real_summarise = classify.summarise
    worst = 0.0
    print(
        f"{'pair':<12} {'plain compare':>14} {'summarise':>11} {'added':>7} "
        f"{'figures old+new':>16} {'median added':>13}"
    )
    for name, old_path, new_path in pairs:
        old, new = load(old_path), load(new_path)
        diff = compare(old, new)  # also warms caches (stemmer, rules, patterns), as a long-running process would
        plain_times: list[float] = []
        summary_times: list[float] = []
        for _ in range(args.runs):  # interleaved, so that a busy spell on the machine hits both alike
            classify.summarise = lambda diff, rules=None: ChangeSummary()  # type: ignore[assignment]
            try:
                plain_times.append(best_time(partial(compare, old, new), 1))
            finally:
                classify.summarise = real_summarise
            summary_times.append(best_time(partial(real_summarise, diff), 1))
        extract = best_time(partial(_extract_both, extract_figures, old, new), args.runs)
        plain, summary = min(plain_times), min(summary_times)
        added = summary / plain
        typical = statistics.median(summary_times) / statistics.median(plain_times)
        worst = max(worst, added)
        print(
            f"{name:<12} {plain * 1000:>11.1f} ms {summary * 1000:>8.1f} ms {added:>6.1%} "
            f"{extract * 1000:>13.1f} ms {typical:>12.1%}"
        )
    print(f"budget: figures and events add at most {BUDGET:.0%}; worst pair {worst:.1%}")
    return 0 if worst <= BUDGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
