"""Trends across a series: time order, sections through renames and moves, figure and topic timelines."""

from __future__ import annotations

import random

import pytest
from conftest import snapshot_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportdiff
from reportdiff.ingest import load, read_markdown
from reportdiff.model import Report
from reportdiff.model.series import SectionState, SeriesReport
from reportdiff.trend.series import LoadedReport, build_series, mentioned_date, order_series, section_steps, track
from reportdiff.trend.topics import topic_query
from reportdiff.trend.tracks import label_stems

MONTHS = "januari februari mars april maj juni juli augusti september oktober november december".split()


def report(date: str | None, body: str, source: str = "r.md") -> Report:
    """A small Markdown report; ``date`` like "14 januari 2025", or None for no date line."""
    cover = f"Regiondirektörens rapport\n\n{date}\n\n" if date else "Regiondirektörens rapport\n\n"
    return read_markdown(cover + body, source)


def month_report(month: int, staff: int, sick: str, extra: str = "", personal: str = "Personal") -> str:
    return f"""# Inledning

Rapporten för månad {month} år 2025.

# {personal}

Regionen har {staff} anställda vid månadens slut. Sjukfrånvaron är {sick} procent.

# Projekt

## FVIS Cosmic

Arbetet med Cosmic fortsätter enligt plan. {extra}

## Kapitalförvaltning

Kapitalet förvaltas i fem steg.
"""


def series_of(*parts: tuple[str, str]) -> list[Report]:
    return [report(date, body, f"{index}.md") for index, (date, body) in enumerate(parts)]


# -- time order --------------------------------------------------------------------------------------


def test_series_is_ordered_by_report_date_not_by_name() -> None:
    reports = series_of(
        ("11 mars 2025", month_report(3, 7401, "7,2")),
        ("14 januari 2025", month_report(1, 7452, "5,9")),
        ("11 februari 2025", month_report(2, 7438, "6,0")),
    )
    result = track(reports)
    assert [entry.source for entry in result.reports] == ["1.md", "2.md", "0.md"]
    assert [entry.label for entry in result.reports] == ["2025-01-14", "2025-02-11", "2025-03-11"]
    assert result.warnings == []


def test_missing_date_is_warned_and_placed_by_the_dates_the_text_mentions() -> None:
    undated = month_report(2, 7438, "6,0", "Under februari 2025 och mars 2025 pågick utbildningen.")
    reports = series_of(
        ("14 januari 2025", month_report(1, 7452, "5,9", "Planeringen i januari 2025 är klar.")),
        (None, undated),
        ("15 april 2025", month_report(4, 7415, "7,0", "Driften sedan april 2025 är stabil.")),
    )
    result = track(reports)
    assert [entry.source for entry in result.reports] == ["0.md", "1.md", "2.md"]
    # the same estimate that load() gives the report, so diff and e-mail show it too
    assert result.reports[1].date == undated_report_date(undated) and result.reports[1].date_origin == "text"
    assert any("1.md: the report has no date" in warning for warning in result.warnings)


def test_tied_dates_are_warned_and_settled_by_the_text() -> None:
    later = month_report(2, 7438, "6,0", "Läget i maj 2025 och juni 2025 beskrivs här.")
    earlier = month_report(1, 7452, "5,9", "Läget i januari 2025 beskrivs här.")
    reports = series_of(("11 februari 2025", later), ("11 februari 2025", earlier))
    result = track(reports)
    assert [entry.source for entry in result.reports] == ["1.md", "0.md"]
    assert any("the same date 2025-02-11" in warning for warning in result.warnings)


def undated_report_date(text: str):  # type: ignore[no-untyped-def]
    return report(None, text).date


def test_mentioned_date_takes_the_median_year_then_its_median_month() -> None:
    text = month_report(1, 1, "1", "Sedan mars 2023, april 2023 och maj 2023, med sikte på 2030 och 2031.")
    assert mentioned_date(report(None, text)).isoformat() == "2023-04-01"  # type: ignore[union-attr]
    assert mentioned_date(report(None, "# A\n\nInga årtal alls.\n")) is None


# -- sections --------------------------------------------------------------------------------------


def test_grid_follows_a_section_through_a_rename_and_marks_new_gone_and_returning() -> None:
    first = month_report(1, 7452, "5,9")
    second = month_report(2, 7438, "6,0", personal="Personal och bemanning") + "\n## Nyckeltal\n\nEn tabell.\n"
    third = month_report(3, 7401, "7,2", personal="Personal och bemanning")
    fourth = month_report(4, 7415, "7,0", personal="Personal och bemanning") + "\n## Nyckeltal\n\nEn ny tabell.\n"
    result = track(
        series_of(
            ("14 januari 2025", first), ("11 februari 2025", second), ("11 mars 2025", third), ("8 april 2025", fourth)
        )
    )
    rows = {row.heading: row for row in result.sections.rows}
    staff = rows["Personal och bemanning"]
    assert [cell.state for cell in staff.cells] == [
        SectionState.UNCHANGED,
        SectionState.RENAMED,
        SectionState.CHANGED,
        SectionState.CHANGED,
    ]
    assert staff.cells[0].heading == "Personal" and staff.cells[1].renamed
    key_figures = rows["Nyckeltal"]
    assert [cell.state for cell in key_figures.cells] == [
        SectionState.ABSENT,
        SectionState.NEW,
        SectionState.GONE,
        SectionState.NEW,
    ]
    assert rows["Kapitalförvaltning"].present == 4
    assert all(cell.state is SectionState.UNCHANGED for cell in rows["Kapitalförvaltning"].cells)


def test_grid_rows_are_in_the_latest_reports_order_with_gone_rows_after_their_predecessor() -> None:
    first = "# A\n\nEtt.\n\n# B\n\nTvå.\n\n# C\n\nTre.\n"
    second = "# A\n\nEtt.\n\n# C\n\nTre.\n\n# D\n\nFyra.\n"
    result = track(series_of(("1 mars 2025", first), ("1 april 2025", second)))
    assert [row.heading for row in result.sections.rows] == ["A", "B", "C", "D"]


@pytest.mark.parametrize("index", range(7))
def test_section_steps_agree_with_compare_on_the_snapshots(index: int) -> None:
    """The grid uses the alignment compare() uses: renames, moves and changed text must agree."""
    from reportdiff.comparison import compare
    from reportdiff.model import SectionStatus

    paths = snapshot_paths()
    if len(paths) < index + 2:
        pytest.skip("snapshots are not all there yet")
    old, new = load(paths[index]), load(paths[index + 1])
    steps = {(step[0], step[1]): step[2:] for step in section_steps(old, new)}
    diff = compare(old, new)
    pairs = [pair for pair in diff.pairs if pair.old is not None and pair.new is not None and pair.new_index > 0]
    assert len(pairs) == len(steps)
    for pair in pairs:
        renamed, moved, changed = steps[(pair.old_index, pair.new_index)]
        assert (renamed, moved) == (pair.renamed, pair.moved), pair.new_path
        if not changed:
            assert pair.status is SectionStatus.UNCHANGED, pair.new_path


# -- figures ---------------------------------------------------------------------------------------


def test_figures_are_followed_through_rewording_and_a_renamed_section() -> None:
    reports = series_of(
        ("14 januari 2025", month_report(1, 7452, "5,9")),
        ("11 februari 2025", month_report(2, 7438, "6,0", personal="Personal och bemanning")),
        (
            "11 mars 2025",
            month_report(3, 7401, "7,2", personal="Personal och bemanning").replace(
                "Regionen har 7401 anställda vid månadens slut.", "Vid slutet av mars hade regionen 7401 anställda."
            ),
        ),
    )
    result = track(reports)
    tracks = {(t.label, t.unit): t for t in result.figures}
    staff = tracks[("anställda", "st")]
    assert staff.values == [7452, 7438, 7401]
    assert [point.change for point in staff.points] == [None, -14, -37]
    assert staff.change == -51
    sick = next(t for t in result.figures if t.unit == "procent" and "sjukfrånvaro" in t.label)
    assert sick.values == [5.9, 6.0, 7.2]
    assert sick.section_path == ("Personal och bemanning",)


def test_a_generic_label_does_not_jump_to_an_unrelated_section() -> None:
    first = "# Sommar\n\nTill sommarjobben har 120 personer sökt.\n\n# Brott\n\nInget nytt.\n"
    second = "# Sommar\n\nInget nytt i år.\n\n# Brott\n\nPå utbildningsdagen deltog 130 personer på plats.\n"
    result = track(series_of(("1 mars 2025", first), ("1 april 2025", second)))
    people = [t for t in result.figures if t.label == "personer"]
    assert sorted(len(t.points) for t in people) == [1, 1]


def test_label_stems_split_compounds_and_fold_definite_forms() -> None:
    assert label_stems("lex Maria-anmälningar") == label_stems("lex maria anmälningar")
    assert label_stems("Sjukfrånvaron") == label_stems("sjukfrånvaro")


# -- topics ----------------------------------------------------------------------------------------


def test_topic_is_found_stemmed_and_case_insensitive_with_phase_from_the_rule_file() -> None:
    reports = series_of(
        ("14 januari 2025", month_report(1, 7452, "5,9", "Planering och upphandling pågår; tidsplan och avtal klara.")),
        ("11 februari 2025", "# Inledning\n\nInget om systemet.\n"),
        (
            "11 mars 2025",
            month_report(
                3,
                7401,
                "7,2",
                "COSMIC-relaterade ärenden: överlämning till förvaltningen, förvaltningsorganisationen tar över.",
            ),
        ),
    )
    result = track(reports, topic="cosmic")
    assert result.topic_query == "cosmic"
    [topic] = result.topics
    mentions = [point.mentions for point in topic.points]
    assert mentions[1] == 0 and mentions[0] >= 2 and mentions[2] >= 3  # heading + text, and the compound
    assert ("Projekt", "FVIS Cosmic") in topic.points[0].sections
    assert topic.points[0].phase == "planning" and topic.points[0].phase_certain
    assert topic.points[2].phase == "hand-over"
    assert "överlämning" in topic.points[2].status_words
    assert topic.points[1].phase == "" and topic.points[1].words == 0


def test_a_topic_phrase_must_stand_together() -> None:
    query = topic_query("FVIS Cosmic")
    text = report("1 mars 2025", "# A\n\nFVIS Cosmic och Cosmic och FVIS.\n")
    result = track([text], topic="FVIS Cosmic")
    assert query.stems == ("fvis", "cosmic")
    assert result.topics[0].points[0].mentions == 1


def test_an_empty_topic_is_a_user_error() -> None:
    with pytest.raises(reportdiff.InputError):
        track([report("1 mars 2025", "# A\n\nText.\n")], topic="  --  ")


def test_without_topic_the_lasting_and_changing_names_are_listed() -> None:
    reports = series_of(
        ("14 januari 2025", "# A\n\nI Kiruna och i Kiruna bygger vi. Arbetet i Luleå går vidare.\n"),
        ("11 februari 2025", "# A\n\nI Kiruna bygger vi. Även i Luleå och i Luleå och i Luleå.\n"),
        ("11 mars 2025", "# A\n\nI Kiruna bygger vi vidare.\n"),
    )
    result = track(reports)
    assert [topic.topic for topic in result.lasting][:2] == ["Kiruna", "Luleå"]
    assert result.changing[0].topic == "Luleå"
    assert [point.mentions for point in result.changing[0].points] == [1, 3, 0]


# -- the public API and invariants -----------------------------------------------------------------


def test_track_is_exported_and_returns_a_series_report() -> None:
    assert "track" in reportdiff.__all__
    result = reportdiff.track([report("1 mars 2025", month_report(1, 7452, "5,9"))])
    assert isinstance(result, SeriesReport) and len(result.reports) == 1


def test_no_reports_is_a_user_error() -> None:
    with pytest.raises(reportdiff.InputError):
        build_series([])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    staff=st.lists(st.integers(min_value=1000, max_value=9999), min_size=2, max_size=5),
    renames=st.lists(st.booleans(), min_size=5, max_size=5),
    seed=st.integers(min_value=0, max_value=1000),
)
def test_invariants_of_the_grid_and_tracks(staff: list[int], renames: list[bool], seed: int) -> None:
    """Every section of every report sits in exactly one row; any input order gives the same result."""
    reports = [
        report(
            f"{day + 1} {MONTHS[month]} 2025",
            month_report(month + 1, value, "5,9", personal="Personal och bemanning" if renames[month] else "Personal"),
            f"{month}.md",
        )
        for month, (value, day) in enumerate(zip(staff, range(len(staff)), strict=False))
    ]
    shuffled = list(reports)
    random.Random(seed).shuffle(shuffled)
    result = track(shuffled)
    assert result == track(reports)
    for index, item in enumerate(reports):
        present = [
            row
            for row in result.sections.rows
            if row.cells[index].state not in (SectionState.GONE, SectionState.ABSENT)
        ]
        assert len(present) == len(list(item.sections()))
        assert sorted(row.cells[index].heading for row in present) == sorted(s.heading for s in item.sections())
    assert all(len(row.cells) == len(reports) for row in result.sections.rows)
    staff_track = next(t for t in result.figures if t.label == "anställda")
    assert staff_track.values == [float(value) for value in staff]


def test_order_series_keeps_every_report_once() -> None:
    reports = [LoadedReport(report(f"{d} mars 2025", "# A\n\nText.\n", f"{d}.md"), []) for d in (3, 1, 2)]
    ordered, entries, warnings = order_series(reports)
    assert [item.report.source for item in ordered] == ["1.md", "2.md", "3.md"]
    assert [entry.index for entry in entries] == [0, 1, 2] and warnings == []


def test_a_long_series_gets_two_lines_a_figure_in_the_terminal() -> None:
    from reportdiff.render.dispatch import render_trend
    from reportdiff.render.trend_common import TrendOptions

    reports = [
        report(f"{day + 1} mars 2025", f"# Personal\n\nRegionen har {7000 + day * 10} anställda.\n", f"{day}.md")
        for day in range(12)
    ]
    text = render_trend(track(reports), "text", TrendOptions(width=40))
    assert "anställda  Personal" in text
    assert "  ▁▂▂▃▄▄▅▅▆▇▇█  7 000 → 7 010 → 7 020 →" in text  # one bar a report, lowest to highest
    assert "7 000 → 7 010 → 7 020 → 7 030 → 7 040 → 7 050 → 7 060 → 7 070 → 7 080 → 7 090 → 7 100 → 7 110 +110" in (
        " ".join(text.split())
    )
    narrow_table = render_trend(track(reports[:3]), "text", TrendOptions(width=100))
    assert "7 000 → 7 010 → 7 020" in narrow_table and "anställda  Personal" not in narrow_table
