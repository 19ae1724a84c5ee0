"""Make a long series of reports from the eight snapshots: one a month, dates and figures varied.

    python bench/make_series.py /tmp/series            # 60 reports, 2021-01 … 2025-12
    python bench/make_series.py /tmp/series --count 24

Report ``n`` is snapshot ``n mod 8`` with its cover date moved to month ``n`` (same day of the
month, clipped to 28) and every figure of the Månadsrapport part nudged by a small deterministic
amount, so that figure timelines have something to follow. File names are shuffled on purpose
(``r-<hash>.md``): the series must be ordered by the reports' own dates.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "snapshots"
MONTHS = "januari februari mars april maj juni juli augusti september oktober november december".split()
_COVER_DATE = re.compile(r"^(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})$", re.MULTILINE)
_NUMBER = re.compile(r"(?<![\d,])(\d{1,3}(?: \d{3})+|\d+)(,\d+)?(?= (?:procent|anställda|miljoner|mnkr|fler))")


def vary(text: str, month: int, rng: random.Random) -> str:
    """Move the cover date to ``month`` (0 = January 2021) and nudge the Månadsrapport figures."""
    year, month_index = 2021 + month // 12, month % 12

    def cover(match: re.Match[str]) -> str:
        return f"{min(int(match.group(1)), 28)} {MONTHS[month_index]} {year}"

    text = _COVER_DATE.sub(cover, text, count=1)
    head, part, rest = text.partition("\n# Aktuella händelser")

    def nudge(match: re.Match[str]) -> str:
        whole = int(match.group(1).replace(" ", "")) * rng.uniform(0.9, 1.1)
        if match.group(2):
            return f"{whole:.1f}".replace(".", ",")
        value = round(whole)
        return f"{value:,}".replace(",", " ") if value >= 1000 else str(value)

    return _NUMBER.sub(nudge, head) + part + rest


def make_series(target: Path, count: int = 60, seed: int = 1) -> list[Path]:
    snapshots = sorted(SNAPSHOTS.glob("20*.md"))
    if not snapshots:
        raise SystemExit(f"no snapshots in {SNAPSHOTS}")
    texts = [path.read_text(encoding="utf-8") for path in snapshots]
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for month in range(count):
        text = vary(texts[month % len(texts)], month, rng)
        name = "r-" + hashlib.sha256(f"{seed}:{month}".encode()).hexdigest()[:10] + ".md"
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = make_series(args.target, args.count, args.seed)
    print(f"wrote {len(paths)} reports to {args.target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
