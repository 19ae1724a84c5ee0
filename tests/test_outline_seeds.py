"""Heading precision, recall and parent accuracy of the text reader on the real reports.

The expected outlines in tests/data/outlines/*.json were checked by hand against the seeds;
a heading matches when its first line and its normalised text match, and it has the correct
parent when, in addition, its level and its parent's heading match.
"""

from __future__ import annotations

import json

import pytest
from conftest import DATA, seed_path

from reportdiff.ingest import load
from reportdiff.text.normalize import heading_key

pytestmark = pytest.mark.corpus

THRESHOLD = 0.95


def measure(name: str, blank_out: tuple[int, int] | None = None) -> tuple[float, float, float]:
    """Precision, recall and correct-parent share; ``blank_out`` (1-based lines) hides a contents list or outline."""
    expected_path = DATA / "outlines" / f"{name}.json"
    if not expected_path.exists():
        pytest.skip(f"no expected outline at {expected_path}")
    expected = {
        (item["line"], heading_key(item["heading"])): item
        for item in json.loads(expected_path.read_text(encoding="utf-8"))["headings"]
    }
    if blank_out is None:
        report = load(seed_path(name))
    else:
        from reportdiff.ingest.text import read_text

        lines = seed_path(name).read_text(encoding="utf-8").split("\n")
        end = blank_out[1] if blank_out[1] > 0 else len(lines)
        lines[blank_out[0] - 1 : end] = [""] * (end - blank_out[0] + 1)
        report = read_text("\n".join(lines))
    got = {}
    for path, section in report.root.walk_with_path():
        if section.level > 0:
            parent = heading_key(path[-2]) if len(path) > 1 else None
            got[(section.span.start, heading_key(section.heading))] = (section.level, parent)
    matched = set(expected) & set(got)
    right_parent = sum(
        1
        for key in matched
        if got[key][0] == expected[key]["level"]
        and got[key][1] == (heading_key(expected[key]["parent"]) if expected[key]["parent"] else None)
    )
    return len(matched) / max(1, len(got)), len(matched) / len(expected), right_parent / len(expected)


@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_headings_match_the_hand_checked_outline(name: str) -> None:
    precision, recall, parent = measure(name)
    assert precision >= THRESHOLD, f"{name}: heading precision {precision:.3f}"
    assert recall >= THRESHOLD, f"{name}: heading recall {recall:.3f}"
    assert parent >= THRESHOLD, f"{name}: correct level and parent for {parent:.3f} of the headings"


@pytest.mark.parametrize(("name", "hidden"), [("004", (9, 37)), ("000", (1474, 0))])
def test_headings_without_the_contents_or_outline(name: str, hidden: tuple[int, int]) -> None:
    """The contents (004) and the bookmark outline (000) help, but the reader must not depend on them."""
    precision, recall, parent = measure(name, blank_out=hidden)
    assert min(precision, recall, parent) >= THRESHOLD, (precision, recall, parent)


@pytest.mark.parametrize("name", ["002", "000"])
def test_single_spaced_pdf_text_gives_the_same_outline(name: str) -> None:
    """pdftotext-style text (no blank line between physical lines) reads like the double-spaced one."""
    from reportdiff.ingest.text import read_text

    source = seed_path(name).read_text(encoding="utf-8")
    kept = [line for line in source.split("\n") if line.strip() or line.startswith(" ")]
    single = read_text("\n".join(kept))
    double = load(seed_path(name))
    assert single.style == "pdf-single" and double.style == "pdf-double"
    assert [(s.heading, s.level) for s in single.sections()] == [(s.heading, s.level) for s in double.sections()]
    assert [b.text for b in single.blocks()] == [b.text for b in double.blocks()]
