"""Leave-one-out: how far the heading rules generalise beyond the report each was tuned on.

    python bench/leave_one_out.py          # needs ../shared/seeds and ../shared/truth beside the clone

An accuracy measurement, not a speed one, and not a test: it prints a table for docs/parsing.md.
For each seed, every organisation-word pattern of ``reportdiff/text/headings.py`` (report parts,
divisions, care areas, departments, the patient-safety children) that matches a heading of that
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
from reportdiff.text import headings  # noqa: E402
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


def patterns() -> list[tuple[str, int | None, re.Pattern[str]]]:
    """(holder, index in the holder's list or None, pattern) for every organisation-word pattern."""
    found: list[tuple[str, int | None, re.Pattern[str]]] = [("_PARTS", i, p) for i, p in enumerate(headings._PARTS)]
    found += [(name, None, getattr(headings, name)) for name in ("_DIVISION", "_CARE_AREA", "_SAFETY_CHILDREN")]
    return found


NEVER = re.compile(r"(?!x)x")  # matches nothing


def switch_off(chosen: list[tuple[str, int | None, re.Pattern[str]]]) -> dict:  # type: ignore[type-arg]
    saved = {"_PARTS": list(headings._PARTS)}
    for holder, index, _ in chosen:
        if index is None:
            saved.setdefault(holder, getattr(headings, holder))
            setattr(headings, holder, NEVER)
        else:
            headings._PARTS[index] = NEVER
    headings.pattern_kind.cache_clear()
    return saved


def restore(saved: dict) -> None:  # type: ignore[type-arg]
    for holder, value in saved.items():
        if holder == "_PARTS":
            headings._PARTS[:] = value
        else:
            setattr(headings, holder, value)
    headings.pattern_kind.cache_clear()


def main() -> None:
    if not SEEDS.exists() or not TRUTH.exists():
        sys.exit(f"needs {SEEDS} and {TRUTH}")
    texts = {name: load(SEEDS / file) for name, file in FILES.items()}
    all_patterns = patterns()
    matches = {
        name: {id(p) for _, _, p in all_patterns if any(p.search(s.heading) for s in report.sections())}
        for name, report in texts.items()
    }
    print("| seed | as is | own-only patterns off | which | all organisation patterns off |")
    print("| --- | --- | --- | --- | --- |")
    for name, file in FILES.items():
        base = score(name, load(SEEDS / file))
        others = set().union(*(matches[o] for o in FILES if o != name))
        own_only = [entry for entry in all_patterns if id(entry[2]) in matches[name] and id(entry[2]) not in others]
        saved = switch_off(own_only)
        left_out = score(name, read_text((SEEDS / file).read_text(encoding="utf-8"), str(SEEDS / file)))
        restore(saved)
        saved = switch_off(all_patterns)
        bare = score(name, read_text((SEEDS / file).read_text(encoding="utf-8"), str(SEEDS / file)))
        restore(saved)
        which = ", ".join(f"`{p.pattern}`" for _, _, p in own_only) or "none"
        print(
            f"| {name} | F1 {base[0]:.3f}, parent {base[1]:.3f} | F1 {left_out[0]:.3f}, parent {left_out[1]:.3f} "
            f"| {which} | F1 {bare[0]:.3f}, parent {bare[1]:.3f} |"
        )


if __name__ == "__main__":
    main()
