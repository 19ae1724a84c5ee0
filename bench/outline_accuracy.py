"""Outline accuracy: heading F1 and parent accuracy of the text reader, and which parents are wrong.

    python bench/outline_accuracy.py            # seeds against ../shared/truth, snapshots re-laid out,
                                                # the held-out reports of tests/data/heldout
    python bench/outline_accuracy.py --list     # also every wrong heading and parent

An accuracy measurement for docs/parsing.md, not a test and not a speed figure. Seeds are scored
against their hand-checked outlines (``../shared/truth/outline-NNN.json``): a heading counts when
its line and text match; its parent is right when its level and the heading above it match too.
Snapshots are Markdown, so their ``#`` levels are the truth: each is laid out again as Word-style
text and as PDF text (``tests/rewrap.py``) and read by the text reader, which never sees the
``#``; the same two scores are taken by heading path. The held-out reports (two chains of three,
written blind to the reader's rules) are scored against their own outlines, read alone and read as
a pair with the report before them (as ``diff`` reads them), with the date each is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from leave_one_out import FILES, SEEDS, TRUTH, truth  # noqa: E402
from score_summary import CHAINS  # noqa: E402

from reportdiff.ingest import load  # noqa: E402
from reportdiff.ingest.text import read_text  # noqa: E402
from reportdiff.model import Report  # noqa: E402
from reportdiff.text.normalize import heading_key  # noqa: E402
from tests.rewrap import to_pdf, to_word  # noqa: E402

LAYOUTS = {
    "word": lambda r: to_word(r),
    "pdf-single-75": lambda r: to_pdf(r, "single", 75, False),
    "pdf-double-60": lambda r: to_pdf(r, "double", 60, True),
}


HELDOUT = ROOT / "tests" / "data" / "heldout"


def outline_truth(path: Path) -> dict[tuple[int, str], tuple[int, str | None]]:
    """(line, heading key) → (level, parent's key) of an outline file of the held-out corpus."""
    import json

    stack: list[tuple[str, int]] = []
    out = {}
    for item in json.loads(path.read_text(encoding="utf-8"))["headings"]:
        while stack and stack[-1][1] >= item["level"]:
            stack.pop()
        out[(item["line"], heading_key(item["text"]))] = (item["level"], heading_key(stack[-1][0]) if stack else None)
        stack.append((item["text"], item["level"]))
    return out


def seed_scores(name: str, report: Report) -> tuple[float, float, list[str]]:
    return scores(truth(name), report)


def scores(expected: dict[tuple[int, str], tuple[int, str | None]], report: Report) -> tuple[float, float, list[str]]:
    """Heading F1 and the share of headings with the right level and parent, and what is wrong."""
    got = {}
    for path, section in report.root.walk_with_path():
        if section.level > 0:
            parent = heading_key(path[-2]) if len(path) > 1 else None
            got[(section.span.start, heading_key(section.heading))] = (section.level, parent, section.heading)
    matched = set(expected) & set(got)
    precision, recall = len(matched) / max(1, len(got)), len(matched) / len(expected)
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    wrong = [
        f"line {key[0]} {got[key][2]!r}: level {got[key][0]} under {got[key][1]}, truth level "
        f"{expected[key][0]} under {expected[key][1]}"
        for key in sorted(matched)
        if got[key][:2] != expected[key]
    ]
    wrong += [f"line {key[0]}: missed" for key in sorted(set(expected) - matched)]
    wrong += [f"line {key[0]} {got[key][2]!r}: not a heading" for key in sorted(set(got) - matched)]
    right = sum(got[key][:2] == expected[key] for key in matched)
    return f1, right / len(expected), wrong


def paths(report: Report) -> list[tuple[str, ...]]:
    return [tuple(heading_key(h) for h in path) for path, section in report.root.walk_with_path() if section.level > 0]


def snapshot_scores(reference: Report, read: Report) -> tuple[float, float, list[str]]:
    want, got = paths(reference), paths(read)
    want_keys, got_keys = [p[-1] for p in want], [p[-1] for p in got]
    matched = sum(min(want_keys.count(k), got_keys.count(k)) for k in set(want_keys))
    precision, recall = matched / max(1, len(got)), matched / max(1, len(want))
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    right = sum(min(want.count(p), got.count(p)) for p in set(want))
    wrong = [" > ".join(p) for p in want if p not in got]
    return f1, right / max(1, len(want)), wrong


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", action="store_true", help="name every wrong heading")
    args = parser.parse_args()
    if not SEEDS.exists() or not TRUTH.exists():
        sys.exit(f"needs {SEEDS} and {TRUTH}")
    print("| document | layout | heading F1 | parent right |")
    print("| --- | --- | --- | --- |")
    for name, file in FILES.items():
        f1, parent, wrong = seed_scores(name, load(SEEDS / file))
        print(f"| seed {name} | as given | {f1:.3f} | {parent:.3f} |")
        for line in wrong if args.list else []:
            print(f"    {line}")
    total = {layout: [0, 0, 0] for layout in LAYOUTS}
    for path in sorted((ROOT / "snapshots").glob("20*.md")):
        reference = load(path)
        for layout, lay_out in LAYOUTS.items():
            read = read_text(lay_out(reference), f"{path.stem}.txt")
            f1, parent, wrong = snapshot_scores(reference, read)
            n = len(paths(reference))
            total[layout][0] += n
            total[layout][1] += round(parent * n)
            total[layout][2] += f1 == 1.0
            for line in wrong if args.list else []:
                print(f"    {path.stem} {layout}: {line}")
    for layout, (n, right, perfect) in total.items():
        print(f"| 8 snapshots | {layout} | {perfect}/8 with F1 1.000 | {right / n:.3f} ({right}/{n}) |")
    heldout(args.list)


def heldout(listing: bool) -> None:
    """The held-out reports, alone and as the NEW report of a pair with the one before them."""
    from reportdiff.ingest import load_pair

    print()
    print("| held-out report | read | heading F1 | parent right | date |")
    print("| --- | --- | --- | --- | --- |")
    for chain in CHAINS:
        reports = sorted((HELDOUT / chain).glob("*-[ABC].txt"))  # none where a chain is not there
        for index, path in enumerate(reports):
            expected = outline_truth(HELDOUT / chain / f"outline-{path.stem[-1]}.json")
            readings = {"alone": load(path)}
            if index:
                readings["with previous"] = load_pair(reports[index - 1], path)[1]
            for how, report in readings.items():
                f1, parent, wrong = scores(expected, report)
                date = f"{report.date.isoformat()} ({report.date_source})" if report.date else "none"
                print(f"| {chain} {path.stem[-1]} | {how} | {f1:.3f} | {parent:.3f} | {date} |")
                for line in wrong if listing else []:
                    print(f"    {line}")


if __name__ == "__main__":
    main()
