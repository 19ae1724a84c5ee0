"""The JSON format reportdiff.diff/1: valid against its shipped schema, deterministic, lossless."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import seed_path, snapshot_paths
from diff_builder import make_diff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.model import ChangeSummary, Event, EventKind, Evidence, Figure, FigureShift
from reportdiff.render.dispatch import render
from reportdiff.render.json import DIFF_SCHEMA

OLD = """# Inledning

Regionen har 7 419 anställda och ett resultat på -1,2 procent.

Ett stycke som står kvar.

# Information från verksamheten

## Division Funktion

### Bild och funktion

Röntgen byter system i mars.

- punkt ett
- punkt två

### Tas bort

Detta avsnitt försvinner.
"""

NEW = """# Inledning

Regionen har 7 500 anställda och ett resultat på -0,9 procent.

Ett stycke som står kvar.

# Information från verksamheten

## Division Diagnostik

### Bild- och funktionsmedicin

Röntgen byter system i april efter en upphandling.

- punkt ett
- punkt två
- punkt tre

### Nytt avsnitt

Helt ny text här.
"""

RENAMES = {"Division Diagnostik": "Division Funktion", "Bild- och funktionsmedicin": "Bild och funktion"}


def schema() -> dict[str, Any]:
    text = resources.files("reportdiff").joinpath("data/diff.schema.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def validate(data: dict[str, Any]) -> None:
    import jsonschema

    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def sample_summary() -> ChangeSummary:
    path = ("Inledning",)
    old = Figure(7419, "antal", "anställda", "7 419", "Regionen har 7 419 anställda", path, 3)
    new = Figure(7500, "antal", "anställda", "7 500", "Regionen har 7 500 anställda", path, 3)
    return ChangeSummary(
        events=[
            Event(
                EventKind.STATUS_CHANGE,
                "Röntgen: mars → april",
                "Röntgen byter system",
                path,
                13,
                "status.x",
                evidence=[Evidence("new", 13, path, "Röntgen byter system")],
            )
        ],
        figure_shifts=[FigureShift("anställda", "antal", path, old, new, 81.0, 81 / 7419, "up", 0.5)],
    )


def rebuild_words(data: dict[str, Any], side: str) -> list[str]:
    """The documented way to get a report's body back from the JSON (docs/formats.md)."""
    headings: dict[int, tuple[int, str]] = {}
    blocks: dict[tuple[int, int], str] = {}
    for pair in data["sections"]:
        section = pair[side]
        if section is not None:
            headings[section["order"]] = (section["level"], section["heading"])
        for change in pair["blocks"]:
            block = change[side]
            if block is not None:
                blocks[(block["section_order"], block["index"])] = block["text"]
    words: list[str] = []
    for order in sorted(headings):
        level, heading = headings[order]
        if level > 0:
            words += heading.split()
        for key in sorted(key for key in blocks if key[0] == order):
            words += blocks[key].split()
    return words


def test_output_validates_against_the_shipped_schema() -> None:
    diff = make_diff(OLD, NEW, RENAMES, summary=sample_summary())
    data = json.loads(render(diff, "json"))
    assert data["schema"] == DIFF_SCHEMA
    validate(data)


def test_schema_rejects_what_it_should() -> None:
    """The schema is not a rubber stamp: a wrong op, a missing field or an extra key fail."""
    import jsonschema

    data = json.loads(render(make_diff(OLD, NEW, RENAMES), "json"))
    broken = json.loads(json.dumps(data))
    broken["sections"][1]["blocks"][0]["op"] = "rewrite"
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    broken = json.loads(json.dumps(data))
    del broken["stats"]["words_inserted"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    with_claim = json.loads(render(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), "json"))
    with_claim["summary"]["events"][0]["evidence"] = []  # no evidence, no claim
    with pytest.raises(jsonschema.ValidationError):
        validate(with_claim)
    broken = json.loads(json.dumps(data))
    broken["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    broken = json.loads(json.dumps(data))
    added = next(pair for pair in broken["sections"] if pair["status"] == "added")
    added["old"] = added["new"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_both_bodies_rebuild_word_for_word() -> None:
    diff = make_diff(OLD, NEW, RENAMES)
    data = json.loads(render(diff, "json"))
    assert rebuild_words(data, "old") == diff.old.words()
    assert rebuild_words(data, "new") == diff.new.words()


def test_word_ops_concatenate_to_the_block_texts() -> None:
    data = json.loads(render(make_diff(OLD, NEW, RENAMES), "json"))
    replaced = [change for pair in data["sections"] for change in pair["blocks"] if change["op"] == "replace"]
    assert len(replaced) == 2
    for change in replaced:
        for side in ("old", "new"):
            joined = " ".join(op[side] for op in change["ops"] if op[side])
            assert joined.split() == change[side]["text"].split()


def test_statuses_flags_and_paths() -> None:
    data = json.loads(render(make_diff(OLD, NEW, RENAMES), "json"))
    by_path = {tuple(pair["path"]): pair for pair in data["sections"]}
    division = by_path[("Information från verksamheten", "Division Diagnostik")]
    assert (division["status"], division["renamed"]) == ("unchanged", True)
    assert division["old"]["heading"] == "Division Funktion"
    removed = by_path[("Information från verksamheten", "Division Funktion", "Tas bort")]
    assert removed["status"] == "removed" and removed["new"] is None and removed["old"]["line"] == 18
    assert [change["op"] for change in removed["blocks"]] == ["delete"]
    added = by_path[("Information från verksamheten", "Division Diagnostik", "Nytt avsnitt")]
    assert added["status"] == "added" and added["old"] is None
    assert data["has_changes"] is True


def test_deterministic_and_unicode_kept() -> None:
    first = render(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), "json")
    second = render(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), "json")
    assert first == second
    assert "Röntgen" in first and "\\u00f6" not in first
    assert first.endswith("}\n") and '\n  "schema"' in first  # indent 2
    assert list(json.loads(first)) == [
        "schema",
        "old",
        "new",
        "filter",
        "has_changes",
        "stats",
        "summary",
        "sections",
        "toc_changes",
        "layout_changes",
        "notes",
    ]


def test_summary_is_carried() -> None:
    data = json.loads(render(make_diff(OLD, NEW, RENAMES, summary=sample_summary()), "json"))
    shift = data["summary"]["figure_shifts"][0]
    moved = (shift["old"]["raw"], shift["new"]["raw"], shift["change"], shift["direction"])
    assert moved == ("7 419", "7 500", 81.0, "up")
    assert data["summary"]["events"][0]["kind"] == "status_change"


def test_section_filter_narrows_sections_and_counts() -> None:
    diff = make_diff(OLD, NEW, RENAMES, summary=sample_summary())
    data = json.loads(render(diff, "json", section_pattern="nytt avsnitt"))
    assert [pair["path"][-1] for pair in data["sections"]] == ["Nytt avsnitt"]
    assert data["filter"] == "nytt avsnitt"
    assert data["stats"]["sections_added"] == 1 and data["stats"]["sections_removed"] == 0
    assert data["stats"]["words_inserted"] == 4
    assert data["summary"]["events"] == []  # the event is in Inledning
    validate(data)


def test_identical_reports_have_no_changes() -> None:
    data = json.loads(render(make_diff(OLD, OLD), "json"))
    assert data["has_changes"] is False
    assert {pair["status"] for pair in data["sections"]} == {"unchanged"}
    assert all(change["op"] == "equal" for pair in data["sections"] for change in pair["blocks"])
    validate(data)


# -- property: any pair of small reports rebuilds exactly ----------------------------------------------

_WORDS = st.sampled_from(["och", "att", "region", "vård", "7 419", "-1,2", "procent", "*", "[x]", "å", "Ö."])
_PARAGRAPH = st.lists(_WORDS, min_size=1, max_size=8).map(" ".join)
_HEADING = st.sampled_from(["Inledning", "Division A", "Division B", "VO Kirurgi", "Bilagor"])


@st.composite
def markdown_report(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        level = draw(st.integers(1, 3))
        parts.append("#" * level + " " + draw(_HEADING))
        parts.extend(draw(st.lists(_PARAGRAPH, max_size=3)))
    return "\n\n".join(parts) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_report(), markdown_report())
def test_property_rebuild_and_schema(old_md: str, new_md: str) -> None:
    diff = make_diff(old_md, new_md)
    data = json.loads(render(diff, "json"))
    validate(data)
    assert rebuild_words(data, "old") == diff.old.words()
    assert rebuild_words(data, "new") == diff.new.words()


# -- the real engine on the snapshot series and the seed reports --------------------------------------


def _compared(old_path: Path, new_path: Path) -> tuple[dict[str, Any], list[str], list[str]]:
    from reportdiff.comparison import compare
    from reportdiff.ingest import load

    old, new = load(old_path), load(new_path)
    data = json.loads(render(compare(old, new), "json"))
    return data, old.words(), new.words()


def _snapshot_pairs() -> list[tuple[Path, Path]]:
    paths = snapshot_paths()
    return list(zip(paths, paths[1:], strict=False))


@pytest.mark.parametrize("old_path, new_path", _snapshot_pairs(), ids=lambda p: p.stem)
def test_snapshot_pairs_rebuild_and_validate(old_path: Path, new_path: Path) -> None:
    data, old_words, new_words = _compared(old_path, new_path)
    validate(data)
    assert rebuild_words(data, "old") == old_words
    assert rebuild_words(data, "new") == new_words


@pytest.mark.corpus
@pytest.mark.parametrize("old_name, new_name", [("002", "000"), ("000", "004")])
def test_seed_pairs_rebuild_and_validate(old_name: str, new_name: str) -> None:
    data, old_words, new_words = _compared(seed_path(old_name), seed_path(new_name))
    validate(data)
    assert rebuild_words(data, "old") == old_words
    assert rebuild_words(data, "new") == new_words
    assert data["has_changes"] is True
