"""Leave-one-out: how far the heading rules generalise beyond the report each was tuned on.

    python bench/leave_one_out.py          # needs ../shared/seeds and ../shared/truth beside the clone

An accuracy measurement, not a speed one, and not a test: it prints a table for docs/parsing.md.
For each seed, every organisation word of ``reportdiff/text/heading_words.py`` (report parts,
divisions, care areas, departments) that matches a heading of that
seed and of no other seed is switched off, as if the rules had been written from the other two
seeds alone; then the seed is read and scored against its hand-checked outline (heading F1, and
the share of headings with the right level and parent). The seed is also read with every such
pattern off (no organisation words at all), and as a one-line-a-paragraph relayout without its
contents, to see which cues carry the outline.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportdiff.ingest import load  # noqa: E402
from reportdiff.ingest.text import read_text  # noqa: E402
from reportdiff.text.heading_words import HeadingWords  # noqa: E402
from reportdiff.text.normalize import heading_key  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
TRUTH = ROOT.parent / "shared" / "truth"
FILES = {"002": "002_3aa0ed4a4691eb71.txt", "000": "000_3c54bab172f95413.txt", "004": "004_c4cf9f70ac1c3c54.txt"}


def truth(name: str) -> dict[tuple[int, str], tuple[int, str | None]]:
    stack: list[tuple[str, int]] = []
    out = {}
    for item in json.loads((TRUTH / f"outline-{name}.json").read_text(encoding="utf-8"))["headings"]:
        while stack and stack[-1][1] >= item["level"]:
            stack.pop()
        out[(item["line"], heading_key(item["text"]))] = (item["level"], heading_key(stack[-1][0]) if stack else None)
        stack.append((item["text"], item["level"]))
    return out


def score(name: str, report) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    expected = truth(name)
    got = {}
    for path, section in report.root.walk_with_path():
        if section.level > 0:
            parent = heading_key(path[-2]) if len(path) > 1 else None
            got[(section.span.start, heading_key(section.heading))] = (section.level, parent)
    matched = set(expected) & set(got)
    precision, recall = len(matched) / max(1, len(got)), len(matched) / len(expected)
    f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
    return f1, sum(got[key] == expected[key] for key in matched) / len(expected)


FIELDS = ("parts", "divisions", "care_areas", "departments")


def patterns() -> list[tuple[str, str]]:
    """(field, word or pattern) for every organisation word of the built-in ``HeadingWords``."""
    defaults = HeadingWords()
    return [(name, item) for name in FIELDS for item in getattr(defaults, name)]


def matcher(field: str, item: str) -> re.Pattern[str]:
    only = HeadingWords(**{name: ((item,) if name == field else ()) for name in FIELDS})
    return {
        "parts": lambda: only.part_patterns[0],
        "divisions": lambda: only.division_pattern,
        "care_areas": lambda: only.care_area_pattern,
        "departments": lambda: only.department_pattern,
    }[field]()


def without(chosen: list[tuple[str, str]]) -> HeadingWords:
    defaults = HeadingWords()
    return HeadingWords(
        **{name: tuple(item for item in getattr(defaults, name) if (name, item) not in chosen) for name in FIELDS}
    )


def _uses(report, field: str, item: str) -> bool:  # type: ignore[no-untyped-def]
    pattern = matcher(field, item)
    if field == "departments":
        return any(
            section.heading.split() and pattern.search(section.heading.split()[-1]) for section in report.sections()
        )
    return any(pattern.search(section.heading) for section in report.sections())


def main() -> None:
    if not SEEDS.exists() or not TRUTH.exists():
        sys.exit(f"needs {SEEDS} and {TRUTH}")
    texts = {name: load(SEEDS / file) for name, file in FILES.items()}
    all_patterns = patterns()
    matches = {name: {entry for entry in all_patterns if _uses(report, *entry)} for name, report in texts.items()}
    print("| seed | as is | own-only words off | which | all organisation words off |")
    print("| --- | --- | --- | --- | --- |")
    for name, file in FILES.items():
        text = (SEEDS / file).read_text(encoding="utf-8")
        base = score(name, load(SEEDS / file))
        others = set().union(*(matches[o] for o in FILES if o != name))
        own_only = [entry for entry in all_patterns if entry in matches[name] and entry not in others]
        left_out = score(name, read_text(text, str(SEEDS / file), words=without(own_only)))
        bare = score(name, read_text(text, str(SEEDS / file), words=without(all_patterns)))
        which = ", ".join(f"`{item}`" for _, item in own_only) or "none"
        print(
            f"| {name} | F1 {base[0]:.3f}, parent {base[1]:.3f} | F1 {left_out[0]:.3f}, parent {left_out[1]:.3f} "
            f"| {which} | F1 {bare[0]:.3f}, parent {bare[1]:.3f} |"
        )


if __name__ == "__main__":
    main()
