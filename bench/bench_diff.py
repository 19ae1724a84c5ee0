"""Time and memory of compare() on real report pairs and on 10× / 100× scaled copies of them.

    python bench/bench_diff.py             # seed pairs 002→000 and 000→004 (or snapshots), 1× 10× 100×
    python bench/bench_diff.py --quick     # 1× and 10× only
    python bench/bench_diff.py --snapshots # the snapshot pairs instead of the seeds

A scaled report is the report's top-level sections repeated, each copy's headings renamed
("Del 7: Inledning"), so a 100× pair of the seeds is about 5 MB of text a side. Every
measurement runs in its own process: the time of compare() alone, the reports already loaded
(wall clock by time.perf_counter and CPU time by time.process_time; the budgets are checked
on CPU time, which stays meaningful on a busy machine; "diff s" is the CPU time of the text
diff alone, without the figure and event summary), and the process's peak resident
memory (resource.getrusage), which includes the loaded reports.
Budgets: 10× ≤ 12 × the 1× time; 100× ≤ 20 s and ≤ 1 GB.
The exit status is 1 when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import copy
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

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


def scaled(report, factor: int):  # type: ignore[no-untyped-def]
    """``report`` with its body repeated ``factor`` times; every copy's top headings renamed."""
    if factor == 1:
        return report
    big = copy.deepcopy(report)
    big.root.children = []
    extra_blocks = []
    for number in range(1, factor + 1):
        for child in report.root.children:
            clone = copy.deepcopy(child)
            clone.heading = f"Del {number}: {clone.heading}"
            big.root.children.append(clone)
        if not report.root.children and number > 1:  # a report without headings: repeat its text
            extra_blocks += copy.deepcopy(report.root.blocks)
    big.root.blocks += extra_blocks
    return big


def text_size(report) -> int:  # type: ignore[no-untyped-def]
    return sum(len(s.heading.encode()) + 1 for s in report.sections()) + sum(
        len(b.text.encode()) + 1 for b in report.blocks()
    )


def child(old_path: str, new_path: str, factor: int, repeat: int) -> None:
    """One measurement, in this process: print JSON."""
    from reportdiff.classify import summarise
    from reportdiff.comparison import diff_reports
    from reportdiff.ingest import load

    old, new = scaled(load(old_path), factor), scaled(load(new_path), factor)
    times, cpu_times, engine_times = [], [], []
    for _ in range(repeat):
        # compare() is diff_reports() then summarise(); timed in two parts to show the engine's share
        start, cpu_start = time.perf_counter(), time.process_time()
        diff = diff_reports(old, new)
        engine_times.append(time.process_time() - cpu_start)
        diff.summary = summarise(diff)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "seconds": statistics.median(times),
                "cpu_seconds": statistics.median(cpu_times),
                "engine_cpu_seconds": statistics.median(engine_times),
                "peak_mb": peak_kb / 1024,
                "old_mb": text_size(old) / 1e6,
                "new_mb": text_size(new) / 1e6,
                "sections": len(list(new.sections())),
                "notes": diff.notes,
            }
        )
    )


def measure(old: Path, new: Path, factor: int, repeat: int) -> dict:
    command = [sys.executable, __file__, "--child", str(old), str(new), str(factor), str(repeat)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"measurement failed for {old.name} → {new.name} ×{factor}:\n{result.stderr}")
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1× and 10× only")
    parser.add_argument("--snapshots", action="store_true", help="use the snapshot reports, not the seeds")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        old, new, factor, repeat = args.child
        child(old, new, int(factor), int(repeat))
        return 0
    pairs = (
        SEED_PAIRS
        if not args.snapshots and all(p.exists() for _, a, b in SEED_PAIRS for p in (a, b))
        else SNAPSHOT_PAIRS
    )
    factors = (1, 10) if args.quick else (1, 10, 100)
    repeats = {1: 9, 10: 3, 100: 1}
    ok = True
    print(
        f"{'pair':12} {'scale':>5} {'MB old/new':>12} {'sections':>8} {'wall s':>8} {'cpu s':>8}"
        f" {'diff s':>8} {'peak MB':>8}"
        "  budget (cpu)"
    )
    for name, old, new in pairs:
        base = None
        for factor in factors:
            m = measure(old, new, factor, repeats[factor])
            verdict = ""
            if factor == 1:
                base = m["cpu_seconds"]
            elif factor == 10 and base:
                ratio = m["cpu_seconds"] / base
                verdict = f"{ratio:.1f}× the 1× time (≤ 12)"
                ok &= ratio <= 12
            elif factor == 100:
                verdict = "≤ 20 s and ≤ 1024 MB: " + (
                    "met" if m["cpu_seconds"] <= 20 and m["peak_mb"] <= 1024 else "NOT MET"
                )
                ok &= m["cpu_seconds"] <= 20 and m["peak_mb"] <= 1024
            sizes = f"{m['old_mb']:.2f}/{m['new_mb']:.2f}"
            print(
                f"{name:12} {factor:>4}× {sizes:>12} {m['sections']:>8} {m['seconds']:>8.3f} {m['cpu_seconds']:>8.3f}"
                f" {m['engine_cpu_seconds']:>8.3f}"
                f" {m['peak_mb']:>8.0f}  {verdict}"
            )
            for note in m["notes"][:3]:
                print(f"{'':19} note: {note}")
    print("all budgets met" if ok else "A BUDGET WAS EXCEEDED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
