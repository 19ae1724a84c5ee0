"""Figure extraction on the real reports, against the hand-checked samples in tests/data/figures/.

Each fixture lists figures (line, value, high, unit) read by hand from a seed, and things that
look like numbers but are not figures (dates, years, ward numbers, names, attachment numbers).
Agreement = share of fixture figures found on the same line with the same value, range and unit.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import DATA, seed_path

from reportdiff.figures import extract_figures, parse_number
from reportdiff.ingest import load
from reportdiff.model import Figure

pytestmark = pytest.mark.corpus

AGREEMENT = 0.98


def _fixture(name: str) -> dict:  # type: ignore[type-arg]
    path = DATA / "figures" / f"{name}.json"
    if not path.exists():
        pytest.skip(f"hand-checked sample {path.name} not written yet")
    return json.loads(path.read_text(encoding="utf-8"))


def _extracted(name: str) -> list[Figure]:
    path = seed_path(name)
    return extract_figures(load(path), path.read_text(encoding="utf-8"))


def _same(figure: Figure, expected: dict) -> bool:  # type: ignore[type-arg]
    high = expected.get("high")
    return (
        figure.line == expected["line"]
        and figure.value == pytest.approx(expected["value"])
        and (figure.high is None if high is None else figure.high == pytest.approx(high))
        and figure.unit == expected["unit"]
    )


@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_fixture_figures_are_found_with_value_and_unit(name: str) -> None:
    fixture = _fixture(name)
    found = _extracted(name)
    expected = fixture["figures"]
    missing = [item for item in expected if not any(_same(figure, item) for figure in found)]
    agreement = 1 - len(missing) / len(expected)
    print(
        f"\nseed {name}: {len(expected) - len(missing)}/{len(expected)} fixture figures agree ({agreement:.1%}); "
        f"{len(found)} extracted in all"
    )
    for item in missing:
        print(f"  missing: line {item['line']} {item['raw']!r} = {item['value']} {item['unit']}")
    assert agreement >= AGREEMENT, missing


@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_no_fixture_non_figure_is_extracted(name: str) -> None:
    fixture = _fixture(name)
    found = _extracted(name)
    wrong: list[tuple[dict, Figure]] = []  # type: ignore[type-arg]
    for item in fixture["not_figures"]:
        for number in re.findall(r"\d+(?:,\d+)?", item["raw"]):
            value = parse_number(number)
            wrong.extend(
                (item, figure)
                for figure in found
                if abs(figure.line - item["line"]) <= 1
                and abs(figure.value) == pytest.approx(value)
                and not any(_same(figure, real) for real in fixture["figures"])
            )
    print(f"\nseed {name}: {len(fixture['not_figures'])} non-figures checked, {len(wrong)} extracted")
    assert wrong == []


@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_extraction_is_deterministic(name: str) -> None:
    first = [(f.line, f.value, f.unit, f.label) for f in _extracted(name)]
    second = [(f.line, f.value, f.unit, f.label) for f in _extracted(name)]
    assert first == second


def test_labels_of_known_figures() -> None:
    """What a figure measures, for figures that recur across issues (tests/data/facts.json)."""
    found = _extracted("000")
    by_line = {(f.line, f.value): f for f in found}
    assert by_line[(73, 7419)].label == "anställda"
    assert by_line[(81, 5.7)].label == "sjukfrånvaro"
    assert by_line[(97, 425)].label == "periodens resultat"
    assert by_line[(127, 461)].label == "finansnetto"
    assert by_line[(89, 21.1)].label.startswith("övertid")
