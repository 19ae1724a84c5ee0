"""Score the section alignment of the seed pairs against ../shared/truth/alignment.json.

    python bench/alignment_accuracy.py            # a table per pair
    python bench/alignment_accuracy.py --list     # and every heading we got wrong

The facts give, for every heading of the older report, the heading of the newer report that
covers the same topic or unit (``alt_new_lines``: other acceptable ones, ``null`` = gone is
acceptable too), or ``gone``; and the headings of the newer report that are new. A heading is
matched by its line. We read the pair as ``reportdiff diff`` does (``load_pair``, ``compare``) and
count, per older heading, whether our counterpart is one the facts accept:

- ``right``: the same counterpart, or gone where the facts say gone;
- ``wrong pair``: we paired it with a heading the facts do not accept;
- ``missed``: we call it removed where the facts pair it;
- ``false pair``: we pair it where the facts call it gone.

Precision of pairs = accepted pairs / pairs we made; recall = the facts' pairs we made / all of them. A
section split into several is right when any of its parts is an accepted counterpart; a merge is
read from each older side. The same measure runs in tests/test_alignment_truth.py, with floors.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PAIRS = (("002", "000"), ("000", "004"))


@dataclass
class AlignmentScore:
    headings: int = 0
    right: int = 0
    pairs_made: int = 0  # older headings we paired with a heading of the newer report
    pairs_wanted: int = 0  # older headings the facts pair
    right_pairs: int = 0  # pairs we made that the facts accept
    found_pairs: int = 0  # pairs of the facts that we made
    new_only_wanted: int = 0
    new_only_right: int = 0  # headings of the newer report we also call added
    wrong: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.right / self.headings if self.headings else 1.0

    @property
    def precision(self) -> float:
        return self.right_pairs / self.pairs_made if self.pairs_made else 1.0

    @property
    def recall(self) -> float:
        return self.found_pairs / self.pairs_wanted if self.pairs_wanted else 1.0


def seed(name: str) -> Path:
    return next((SHARED / "seeds").glob(f"{name}_*.txt"))


def our_counterparts(old: Path, new: Path) -> tuple[dict[int, set[int]], set[int]]:
    """Older heading line → the lines of the newer headings we paired it with; and the added ones."""
    from reportdiff.comparison import compare
    from reportdiff.ingest import load_pair
    from reportdiff.render.dispatch import render

    document = json.loads(render(compare(*load_pair(old, new)), "json"))
    counterparts: dict[int, set[int]] = {}
    added: set[int] = set()
    for section in document["sections"]:
        old_side, new_side = section.get("old"), section.get("new")
        if old_side:
            lines = counterparts.setdefault(old_side["line"], set())
            if new_side:
                lines.add(new_side["line"])
        elif new_side:
            added.add(new_side["line"])
    return counterparts, added


def score(counterparts: dict[int, set[int]], added: set[int], facts: dict) -> AlignmentScore:
    result = AlignmentScore()
    for entry in facts["matches"]:
        result.headings += 1
        accepted = {entry["new_line"], *entry.get("alt_new_lines", [])}
        ours = counterparts.get(entry["old_line"], set())
        wanted = entry["new_line"] is not None
        result.pairs_wanted += wanted
        result.pairs_made += bool(ours)
        if ours and ours & accepted:
            result.right += 1
            result.right_pairs += 1
            result.found_pairs += wanted
            continue
        if not ours and None in accepted:
            result.right += 1
            continue
        verdict = "wrong pair" if ours and wanted else "false pair" if ours else "missed"
        result.wrong.append(
            f"{verdict}: {entry['old']!r} (line {entry['old_line']}) → ours {sorted(ours) or 'removed'},"
            f" facts {entry['new']!r} (line {entry['new_line']})"
        )
    for entry in facts["new_only"]:
        result.new_only_wanted += 1
        result.new_only_right += entry["new_line"] in added
    return result


def pair_facts(old: str, new: str) -> dict:
    facts = json.loads((SHARED / "truth" / "alignment.json").read_text(encoding="utf-8"))
    return next(pair for pair in facts["pairs"] if (pair["old"], pair["new"]) == (old, new))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every heading we got wrong")
    args = parser.parse_args(argv)
    if not (SHARED / "truth" / "alignment.json").is_file():
        print(f"no hand-checked alignment at {SHARED / 'truth'}", file=sys.stderr)
        return 2
    print("pair       headings  right  accuracy  pairs made  precision  recall  added found")
    for old, new in PAIRS:
        result = score(*our_counterparts(seed(old), seed(new)), pair_facts(old, new))
        print(
            f"{old} → {new}  {result.headings:8d}  {result.right:5d}  {result.accuracy:8.3f}"
            f"  {result.pairs_made:10d}  {result.precision:9.3f}  {result.recall:6.3f}"
            f"  {result.new_only_right:3d}/{result.new_only_wanted}"
        )
        if args.list:
            for line in result.wrong:
                print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
