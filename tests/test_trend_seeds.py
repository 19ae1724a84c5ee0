"""The three real reports as a series: order from content alone, Cosmic and figures as read by hand.

Expected values come from tests/data/facts.json (read by hand from the seeds, line by line).
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import DATA, seed_path

from reportdiff.model.series import SeriesReport
from reportdiff.trend.series import LoadedReport, build_series, expand_paths, read_series

pytestmark = pytest.mark.corpus

FACTS = json.loads((DATA / "facts.json").read_text(encoding="utf-8"))
ORDER = ["002", "000", "004"]  # facts.md: 002 (March 2023) → 000 (September 2024) → 004 (18 March 2025)
# Shuffled names that sort the wrong way round, so that only the content can give the order.
NAMES = {"002": "c-report.txt", "000": "a-report.txt", "004": "b-report.txt"}


@pytest.fixture(scope="module")
def seed_series(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[LoadedReport], dict[str, str]]:
    folder = tmp_path_factory.mktemp("seeds")
    for seed, name in NAMES.items():
        shutil.copyfile(seed_path(seed), folder / name)
    loaded, warnings = read_series(expand_paths([str(folder)]))
    assert warnings == []
    return loaded, {str(folder / name): seed for seed, name in NAMES.items()}


@pytest.fixture(scope="module")
def result(seed_series: tuple[list[LoadedReport], dict[str, str]]) -> SeriesReport:
    return build_series(seed_series[0], topic="Cosmic")


def seeds_in_order(result: SeriesReport, names: dict[str, str]) -> list[str]:
    return [names[entry.source] for entry in result.reports]


def test_order_is_found_from_the_reports_own_dates(result: SeriesReport, seed_series) -> None:  # type: ignore[no-untyped-def]
    assert seeds_in_order(result, seed_series[1]) == ORDER
    published = {seed: FACTS["dates"][seed]["published"] for seed in ORDER}
    by_seed = {seed_series[1][entry.source]: entry for entry in result.reports}
    for seed, date in published.items():
        if date:  # 000 has no printed date; facts.md says it reads as September 2024
            assert by_seed[seed].date is not None and by_seed[seed].date.isoformat() == date
    assert (
        by_seed["000"].date is not None
        and by_seed["000"].date.strftime("%Y-%m") == FACTS["dates"]["000"]["report_date"]
    )


def test_order_is_found_from_the_text_alone_when_no_report_has_a_date(seed_series) -> None:  # type: ignore[no-untyped-def]
    loaded, names = seed_series
    undated = [LoadedReport(_without_date(item.report), item.figures, item.key) for item in loaded]
    result = build_series(undated)
    assert seeds_in_order(result, names) == ORDER
    assert all(entry.date_origin == "text" for entry in result.reports)
    assert sum("has no date" in warning for warning in result.warnings) == 3


def _without_date(report):  # type: ignore[no-untyped-def]
    import dataclasses

    return dataclasses.replace(report, date=None, date_text="")


def test_cosmic_is_followed_with_its_headings_and_phases(result: SeriesReport, seed_series) -> None:  # type: ignore[no-untyped-def]
    names = seed_series[1]
    [topic] = result.topics
    by_seed = {names[result.reports[point.report].source]: point for point in topic.points}
    for seed in ORDER:
        point = by_seed[seed]
        assert point.mentions > 0
        headings = {path[-1] for path in point.sections}
        for expected in FACTS["cosmic"][seed]["headings"]:
            assert expected["heading"] in headings, (seed, expected)
    # facts: 002 planning/preparation, 000 preparing go-live, 004 handed over to maintenance
    assert by_seed["002"].phase in ("planning", "go-live")
    assert by_seed["000"].phase == "go-live"
    assert by_seed["004"].phase == "hand-over"
    assert any("förvaltning" in word for word in by_seed["004"].status_words)


FIGURES = [
    "employees (anställda), whole region",
    "accumulated sick leave (sjukfrånvaro)",
    "period result (periodens resultat)",
    "change in number of visits vs previous year",
    "lex Maria reports sent to IVO in the period",
]


@pytest.mark.parametrize("label", FIGURES)
def test_figures_are_followed_across_the_seeds(label: str, result: SeriesReport, seed_series) -> None:  # type: ignore[no-untyped-def]
    """One track holds the hand-read value of every seed that has the figure (line within one)."""
    names = seed_series[1]
    fact = next(item for item in FACTS["figures"] if item["label"] == label)
    wanted = {seed: (value["value"], value["line"]) for seed, value in fact["values"].items()}

    def holds(track) -> bool:  # type: ignore[no-untyped-def]
        points = {names[result.reports[point.report].source]: point for point in track.points}
        return all(
            seed in points and points[seed].value == value and abs(points[seed].line - line) <= 1
            for seed, (value, line) in wanted.items()
        )

    matching = [track for track in result.figures if holds(track)]
    assert matching, f"no track follows {label}: {wanted}"
    assert len(matching[0].points) == len(wanted)  # and nothing else joined it
