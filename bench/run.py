"""One benchmark for everything: reportdiff against the usual tools, whole process, on real and scaled pairs.

    python bench/run.py              # seed pairs (if ../shared/seeds is there) or snapshots, 1x 10x 100x
    python bench/run.py --quick      # one run each, small inputs: proves the benchmark still works (CI)

Each command runs as its own process; wall time is measured around it and peak memory (max RSS)
is read from ``os.wait4`` for that very process. Medians over ``--runs`` runs are printed, with the
ratio of each peer to reportdiff on the same input. Nothing here fails on timing: it reports.

Peers (each skipped with a note when it is not installed):
  git diff --no-index --word-diff, GNU wdiff, difflib.HtmlDiff, diff-match-patch, redlines.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SNAPSHOTS = ROOT / "snapshots"
PY = sys.executable

DIFFLIB_HTML = (
    "import difflib,sys;a=open(sys.argv[1],encoding='utf-8').read().splitlines();"
    "b=open(sys.argv[2],encoding='utf-8').read().splitlines();"
    "sys.stdout.write(difflib.HtmlDiff().make_file(a,b))"
)
DMP = (
    "import sys;from diff_match_patch import diff_match_patch as D;d=D();d.Diff_Timeout=0;"
    "a=open(sys.argv[1],encoding='utf-8').read();b=open(sys.argv[2],encoding='utf-8').read();"
    "x=d.diff_main(a,b);d.diff_cleanupSemantic(x);sys.stdout.write(d.diff_prettyHtml(x))"
)
REDLINES = (
    "import sys;from redlines import Redlines;a=open(sys.argv[1],encoding='utf-8').read();"
    "b=open(sys.argv[2],encoding='utf-8').read();sys.stdout.write(Redlines(a,b).output_markdown)"
)


@dataclass
class Measure:
    wall: float
    peak_mb: float
    status: int


def measure(command: list[str], timeout: float) -> Measure | None:
    """Run ``command`` once, output to /dev/null; None when it ran out of time."""
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=devnull, stderr=devnull)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - start
                process.returncode = os.waitstatus_to_exitcode(status)
                return Measure(wall, usage.ru_maxrss / 1024, process.returncode)
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                return None
            time.sleep(0.002)


def tools(old: Path, new: Path) -> dict[str, list[str] | None]:
    """The commands to compare, each on the pair (old, new); None when the tool is missing."""
    reportdiff = [PY, "-m", "reportdiff", "diff", str(old), str(new), "--format", "json", "--color", "never"]
    git = shutil.which("git")
    wdiff = shutil.which("wdiff")
    return {
        "reportdiff (json)": reportdiff,
        "reportdiff (text)": reportdiff[:-4] + ["--color", "never", "--no-pager"],
        "git diff --word-diff": [git, "diff", "--no-index", "--word-diff", str(old), str(new)] if git else None,
        "wdiff": [wdiff, str(old), str(new)] if wdiff else None,
        "difflib.HtmlDiff": [PY, "-c", DIFFLIB_HTML, str(old), str(new)],
        "diff-match-patch": [PY, "-c", DMP, str(old), str(new)] if _importable("diff_match_patch") else None,
        "redlines": [PY, "-c", REDLINES, str(old), str(new)] if _importable("redlines") else None,
    }


def _importable(module: str) -> bool:
    return subprocess.run([PY, "-c", f"import {module}"], capture_output=True).returncode == 0


def base_pairs() -> list[tuple[str, Path, Path]]:
    """The real seed pairs when they are beside the repository, else two snapshot pairs."""
    seeds = {path.name[:3]: path for path in SEEDS.glob("*.txt")}
    if {"002", "000", "004"} <= set(seeds):
        return [("002→000", seeds["002"], seeds["000"]), ("000→004", seeds["000"], seeds["004"])]
    snaps = sorted(SNAPSHOTS.glob("20*.md"))
    return [(f"{a.stem}→{b.stem}", a, b) for a, b in zip(snaps[3:5], snaps[4:6], strict=False)]


def scaled(path: Path, factor: int, folder: Path) -> Path:
    """``factor`` copies of a report, each copy's lines prefixed so headings stay distinct."""
    if factor == 1:
        return path
    text = path.read_text(encoding="utf-8")
    target = folder / f"{path.stem}.x{factor}{path.suffix}"
    with target.open("w", encoding="utf-8") as out:
        for copy in range(factor):
            out.write(text.replace("\n# ", f"\n# Del {copy + 1}: ") if path.suffix == ".md" else text)
            out.write("\n\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one run, 1x only, short time-outs")
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--timeout", type=float, default=120.0, help="per command and run, seconds")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    timeout = 20.0 if args.quick else args.timeout

    print(f"{'pair':<14} {'scale':>5} {'tool':<22} {'median s':>9} {'peak MB':>8} {'ratio':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, old_base, new_base in base_pairs():
            for factor in scales:
                old, new = scaled(old_base, factor, folder), scaled(new_base, factor, folder)
                reference: float | None = None
                for tool, command in tools(old, new).items():
                    if command is None:
                        print(f"{name:<14} {factor:>4}x {tool:<22} {'not installed':>9}")
                        continue
                    walls, peaks = [], []
                    for _ in range(runs):
                        result = measure(command, timeout)
                        if result is None:
                            break
                        walls.append(result.wall)
                        peaks.append(result.peak_mb)
                    if len(walls) < runs:
                        print(f"{name:<14} {factor:>4}x {tool:<22} {'> ' + str(int(timeout)) + ' s':>9}")
                        continue
                    median = statistics.median(walls)
                    reference = reference if reference is not None else median
                    ratio = median / reference if reference else float("nan")
                    print(f"{name:<14} {factor:>4}x {tool:<22} {median:>9.3f} {max(peaks):>8.1f} {ratio:>7.1f}x")
    print("ratio = the tool's median wall time / reportdiff (json) on the same pair; whole process, incl. start-up")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
