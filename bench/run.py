"""One benchmark for everything: reportdiff against the usual tools, whole process, on real and scaled pairs.

    python bench/run.py              # seed pairs (if ../shared/seeds is there) or snapshots, 1x 10x 100x
    python bench/run.py --runs 3     # fewer runs on a busy machine
    python bench/run.py --quick      # one run each, one small pair: proves the benchmark still works (CI)

Each command runs as its own process; wall time is measured around it, and CPU time (user + system)
and peak memory (max RSS) are read from ``os.wait4`` for that very process. Medians over ``--runs``
runs are printed, with the ratio of each tool's median wall time to reportdiff's on the same input.
A tool that runs out of time at one scale is not tried at the larger ones. Nothing here fails on
timing: it reports, and prints the project's targets with a yes/no at the end (not in --quick).

Peers (each skipped with a note when it is not installed):
  git diff --no-index --word-diff, GNU wdiff, difflib.HtmlDiff, diff-match-patch, redlines.
Besides the pairs (not in --quick, or with --pairs-only): a small report against one of 100 000
Markdown headings in each output format, and `reportdiff trend` over 60 reports, cold and warm.
"""

from __future__ import annotations

import argparse
import os
import platform
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
REFERENCE = "reportdiff (json)"
TERMINAL = "reportdiff (colour)"
FLOOR = "import floor"  # what any rich + click + rapidfuzz program pays before doing anything
FLOOR_CODE = "import rich, click, rapidfuzz"
HEADINGS = "100 000 headings"
TREND = "trend, 60 reports"

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
    cpu: float
    peak_mb: float
    status: int


@dataclass
class Row:
    """The medians of one tool on one pair at one scale; ``wall`` None when it ran out of time."""

    pair: str
    scale: int
    tool: str
    wall: float | None = None
    cpu: float | None = None
    peak_mb: float | None = None
    note: str = ""


def measure(
    command: list[str], timeout: float, cwd: Path | None = None, extra_env: dict[str, str] | None = None
) -> Measure | None:
    """Run ``command`` once in ``cwd``, output to /dev/null; None when it ran out of time.

    The benchmark runs every tool in its own empty folder, as a user runs reportdiff among their
    reports: from this repository, reportdiff would also read the project's pyproject.toml (it
    looks for a [tool.reportdiff] table), which no user's folder of reports holds.
    """
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.update(extra_env or {})
    with open(os.devnull, "wb") as devnull:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=devnull, stderr=devnull, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                wall = time.perf_counter() - start
                process.returncode = os.waitstatus_to_exitcode(status)
                return Measure(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)
            if time.perf_counter() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                process.returncode = -9
                return None
            time.sleep(0.002)


def compile_package() -> None:
    """Write reportdiff's .pyc files, as ``pip install`` does for an installed package. Without them
    (``PYTHONDONTWRITEBYTECODE=1``, or a checkout whose files just changed) every measured run would
    compile the modules it imports from source, which is not what a user's run does."""
    import compileall

    compileall.compile_dir(ROOT / "reportdiff", quiet=1)


def tools(old: Path, new: Path, factor: int = 1) -> dict[str, list[str] | None]:
    """The commands to compare, each on the pair (old, new); None when the tool is missing."""
    reportdiff = [PY, "-m", "reportdiff", "diff", str(old), str(new)]
    git = shutil.which("git")
    wdiff = shutil.which("wdiff")
    floor = {FLOOR: [PY, "-c", FLOOR_CODE]} if factor == 1 else {}
    return {
        REFERENCE: reportdiff + ["--format", "json"],
        TERMINAL: reportdiff + ["--color", "always", "--no-pager"],
        "reportdiff (text)": reportdiff + ["--color", "never", "--no-pager"],
        **floor,
        "git diff --word-diff": [git, "diff", "--no-index", "--word-diff", str(old), str(new)] if git else None,
        "wdiff": [wdiff, str(old), str(new)] if wdiff else None,
        "difflib.HtmlDiff": [PY, "-c", DIFFLIB_HTML, str(old), str(new)],
        "diff-match-patch": [PY, "-c", DMP, str(old), str(new)] if _importable("diff_match_patch") else None,
        "redlines": [PY, "-c", REDLINES, str(old), str(new)] if _importable("redlines") else None,
    }


def _importable(module: str) -> bool:
    return subprocess.run([PY, "-c", f"import {module}"], capture_output=True).returncode == 0


def base_pairs(quick: bool = False) -> list[tuple[str, Path, Path]]:
    """The real seed pairs when they are beside the repository, else two snapshot pairs.

    ``quick`` takes one small pair only: the snapshots when present, else the smaller seed pair.
    """
    snaps = sorted(SNAPSHOTS.glob("20*.md"))
    snapshot_pairs = [(f"{a.stem}→{b.stem}", a, b) for a, b in zip(snaps[3:5], snaps[4:6], strict=False)]
    if quick and snapshot_pairs:
        return snapshot_pairs[:1]
    seeds = {path.name[:3]: path for path in SEEDS.glob("*.txt")}
    if {"002", "000", "004"} <= set(seeds):
        pairs = [("002→000", seeds["002"], seeds["000"]), ("000→004", seeds["000"], seeds["004"])]
        return pairs[1:] if quick else pairs
    return snapshot_pairs


def scaled(path: Path, factor: int, folder: Path) -> Path:
    """``factor`` copies of a report, each copy's level-1 headings numbered so that they stay distinct."""
    if factor == 1:
        return path
    text = path.read_text(encoding="utf-8")
    target = folder / f"{path.stem}.x{factor}{path.suffix}"
    with target.open("w", encoding="utf-8") as out:
        for copy in range(factor):
            out.write(text.replace("\n# ", f"\n# Del {copy + 1}: ") if path.suffix == ".md" else text)
            out.write("\n\n")
    return target


def run_benchmark(
    pairs: list[tuple[str, Path, Path]], scales: list[int], runs: int, timeout: float, warm_up: bool = True
) -> list[Row]:
    """Measure every tool on every pair and scale, printing each row as soon as it is known."""
    rows: list[Row] = []
    header = f"{'pair':<16} {'scale':>5}  {'tool':<22} {'median s':>9} {'cpu s':>7} {'peak MB':>8}"
    print(f"{header} {'ratio':>8} {'cpu ratio':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, old_base, new_base in pairs:
            timed_out: set[str] = set()
            for factor in scales:
                old, new = scaled(old_base, factor, folder), scaled(new_base, factor, folder)
                reference: Row | None = None
                for tool, command in tools(old, new, factor).items():
                    row = Row(name, factor, tool)
                    if command is None:
                        row.note = "not installed"
                    elif tool in timed_out:
                        row.note = "skipped (timed out at a smaller scale)"
                    else:
                        results = []
                        # a warm-up run, not counted: the page cache is then as in daily use
                        warmed = not warm_up or measure(command, timeout, folder) is not None
                        for _ in range(runs if warmed else 0):
                            result = measure(command, timeout, folder)
                            if result is None:
                                break
                            results.append(result)
                        if len(results) < runs:
                            timed_out.add(tool)
                            row.note = f"> {timeout:g} s"
                        else:
                            row.wall = statistics.median(r.wall for r in results)
                            row.cpu = statistics.median(r.cpu for r in results)
                            row.peak_mb = max(r.peak_mb for r in results)
                            if tool == REFERENCE:
                                reference = row
                    rows.append(row)
                    print(format_row(row, reference, timeout), flush=True)
    return rows


def format_row(row: Row, reference: Row | None, timeout: float) -> str:
    """One table line; the ratios divide by reportdiff (json) on the same pair and scale."""
    head = f"{row.pair:<16} {row.scale:>4}x  {row.tool:<22}"
    if row.wall is None:
        ratio = f">{timeout / reference.wall:.0f}x" if reference and reference.wall and row.note.startswith(">") else ""
        return f"{head} {row.note:>9} {'':>7} {'':>8} {ratio:>8}"
    wall_ratio = f"{row.wall / reference.wall:.2f}x" if reference and reference.wall else ""
    cpu_ratio = f"{row.cpu / reference.cpu:.2f}x" if reference and reference.cpu and row.cpu is not None else ""
    return f"{head} {row.wall:>9.3f} {row.cpu:>7.3f} {row.peak_mb:>8.1f} {wall_ratio:>8} {cpu_ratio:>8}"


def many_headings(folder: Path) -> tuple[Path, Path]:
    """A short report and one of 100 000 Markdown headings, each with a line of text (2.9 MB)."""
    small, large = folder / "small.md", folder / "headings.md"
    small.write_text("# Inledning\n\nRegionen har 7 419 anställda.\n\n# Ekonomi\n\nResultatet är 12 mnkr.\n")
    large.write_text("\n".join(f"# Rubrik {n}\n\nText {n} om vården.\n" for n in range(100_000)))
    return small, large


def run_extras(runs: int, timeout: float) -> list[Row]:
    """The hostile-size input in every format, and a trend over 60 reports with an empty and a filled cache."""
    sys.path.insert(0, str(ROOT / "bench"))
    from make_series import make_series

    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = many_headings(folder)
        for fmt in ("json", "text", "md", "html"):
            command = [PY, "-m", "reportdiff", "diff", str(small), str(large), "--format", fmt, "--no-pager"]
            if fmt != "text":
                command.remove("--no-pager")
            rows.append(_median_row(HEADINGS, f"reportdiff ({fmt})", [command] * runs, timeout, folder))
            print(format_row(rows[-1], None, timeout), flush=True)
        series = folder / "series"
        make_series(series, 60)
        trend = [PY, "-m", "reportdiff", "trend", str(series), "--format", "json", "-o", os.devnull]
        for case in ("cold", "warm"):
            commands = []
            for attempt in range(runs):
                cache = folder / f"cache-{attempt}"
                env = {"REPORTDIFF_CACHE_DIR": str(cache)}
                commands.append((trend, env, case == "warm"))
            rows.append(_trend_row(case, commands, timeout, folder))
            print(format_row(rows[-1], None, timeout), flush=True)
    return rows


def _median_row(pair: str, tool: str, commands: list[list[str]], timeout: float, cwd: Path) -> Row:
    row = Row(pair, 1, tool)
    results = []
    for command in commands:
        result = measure(command, timeout, cwd)
        if result is None:
            row.note = f"> {timeout:g} s"
            return row
        results.append(result)
    return _medians(row, results)


def _trend_row(case: str, commands: list[tuple[list[str], dict[str, str], bool]], timeout: float, cwd: Path) -> Row:
    """``cold``: each run with a cache folder of its own, still empty; ``warm``: the same folder again."""
    row = Row(TREND, 1, f"reportdiff trend ({case})")
    results = []
    for command, env, warm in commands:
        if not warm:
            shutil.rmtree(env["REPORTDIFF_CACHE_DIR"], ignore_errors=True)
        result = measure(command, timeout, cwd, env)
        if result is None:
            row.note = f"> {timeout:g} s"
            return row
        results.append(result)
    return _medians(row, results)


def _medians(row: Row, results: list[Measure]) -> Row:
    """The row with the median wall and CPU time of ``results`` and their largest peak memory."""
    row.wall = statistics.median(r.wall for r in results)
    row.cpu = statistics.median(r.cpu for r in results)
    row.peak_mb = max(r.peak_mb for r in results)
    return row


def check_targets(rows: list[Row], timeout: float) -> list[str]:  # noqa: C901  (one branch per target)
    """The targets of docs/benchmarks.md, each with the measured ratio or value and yes/NO."""

    def find(pair: str, scale: int, tool: str) -> Row | None:
        return next((r for r in rows if r.pair == pair and r.scale == scale and r.tool == tool and r.wall), None)

    lines = []
    pairs = sorted({r.pair for r in rows if r.scale == 1 and r.pair not in (HEADINGS, TREND)})
    for pair in pairs:
        floor = find(pair, 1, FLOOR)
        for tool in (TERMINAL, "reportdiff (text)"):
            mine, redlines = (
                find(pair, 1, tool),
                next((r for r in rows if r.pair == pair and r.scale == 1 and r.tool == "redlines"), None),
            )
            if mine and redlines and redlines.wall:
                ratio = mine.wall / redlines.wall
                detail = _ratio_detail(mine, redlines)
                lines.append(_verdict(f"{pair} {tool} ≤ 0.5× redlines", ratio <= 0.5, detail))
            elif mine and redlines and redlines.note.startswith(">"):
                lines.append(_verdict(f"{pair} {tool} ≤ 0.5× redlines", True, "redlines timed out"))
            if mine and floor:
                ratio = mine.wall / floor.wall
                detail = _ratio_detail(mine, floor)
                lines.append(_verdict(f"{pair} {tool} ≤ 2.5× the import floor", ratio <= 2.5, detail))
        json_row = find(pair, 1, REFERENCE)
        if json_row and floor:
            ratio = json_row.wall / floor.wall
            detail = _ratio_detail(json_row, floor)
            lines.append(_verdict(f"{pair} JSON ≤ 2× the import floor", ratio <= 2.0, detail))
        htmldiff = next((r for r in rows if r.pair == pair and r.scale == 1 and r.tool == "difflib.HtmlDiff"), None)
        if json_row and htmldiff and pair == "002→000":
            ratio = (htmldiff.wall or timeout) / json_row.wall
            more = "> " if htmldiff.wall is None else ""
            target = f"{pair} JSON ≥ 50× faster than difflib.HtmlDiff"
            lines.append(_verdict(target, ratio >= 50, f"{more}{ratio:.0f}×"))
    for pair in pairs:
        for tool, limit in ((TERMINAL, 8.0), (REFERENCE, 5.0)):
            big = next((r for r in rows if r.pair == pair and r.scale == 100 and r.tool == tool), None)
            if big is None:
                continue
            ok = big.wall is not None and big.wall <= limit and (big.peak_mb or 0) <= 500
            detail = f"{big.wall:.1f} s, {big.peak_mb:.0f} MB" if big.wall is not None else big.note
            lines.append(_verdict(f"100× {pair} {tool} ≤ {limit:g} s and ≤ 500 MB", ok, detail))
        for tool in (REFERENCE, TERMINAL):
            ten, hundred = find(pair, 10, tool), find(pair, 100, tool)
            if ten and hundred and ten.cpu and hundred.cpu:
                ratio = hundred.cpu / ten.cpu
                lines.append(_verdict(f"{pair} {tool} 100× ≤ 11× the time of 10×", ratio <= 11, f"{ratio:.1f}× (CPU)"))
    for row in rows:
        if row.pair == HEADINGS:
            ok = row.wall is not None and row.wall <= 10 and (row.peak_mb or 0) <= 1024
            detail = f"{row.wall:.1f} s, {row.peak_mb:.0f} MB" if row.wall is not None else row.note
            lines.append(_verdict(f"{HEADINGS}, {row.tool} ≤ 10 s and ≤ 1 GB", ok, detail))
        if row.pair == TREND:
            limit = 3.0 if "cold" in row.tool else 0.5
            ok = row.wall is not None and row.wall <= limit
            detail = f"{row.wall:.2f} s, {row.peak_mb:.0f} MB" if row.wall is not None else row.note
            lines.append(_verdict(f"{row.tool} ≤ {limit:g} s", ok, detail))
    return lines


def _ratio_detail(mine: Row, other: Row) -> str:
    """The wall-time ratio the verdict is on, its seconds, and the CPU-time ratio beside it."""
    assert mine.wall and other.wall
    cpu = f", CPU {mine.cpu / other.cpu:.2f}×" if mine.cpu and other.cpu else ""
    return f"{mine.wall / other.wall:.2f}× ({mine.wall:.3f} s / {other.wall:.3f} s{cpu})"


def _verdict(target: str, ok: bool, detail: str) -> str:
    return f"  [{'yes' if ok else 'NO '}] {target}: {detail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="one run, one small pair at 1x, short time-outs")
    parser.add_argument("--scales", default="1,10,100")
    parser.add_argument("--timeout", type=float, default=120.0, help="per command and run, seconds")
    parser.add_argument("--pairs-only", action="store_true", help="skip the 100 000 headings and the trend")
    args = parser.parse_args(argv)
    runs = 1 if args.quick else max(1, args.runs)
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    timeout = 10.0 if args.quick else args.timeout

    print(
        f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load {os.getloadavg()[0]:.1f}; {runs} run(s) per cell{'' if args.quick else ' after a warm-up run'}; "
        f"time-out {timeout:g} s"
    )
    compile_package()
    rows = run_benchmark(base_pairs(args.quick), scales, runs, timeout, warm_up=not args.quick)
    if not (args.quick or args.pairs_only):
        rows += run_extras(runs, timeout)
    print("ratio = the tool's median wall time / reportdiff (json)'s on the same pair and scale; cpu ratio likewise")
    print("for CPU time (user + system), which a busy machine disturbs less. Whole process, incl. start-up.")
    if not args.quick:
        print("targets:")
        for line in check_targets(rows, timeout):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
