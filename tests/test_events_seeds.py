"""The change summary of the real pair 000 (September 2024) → 004 (March 2025).

Checked against the hand-verified facts in tests/data/facts.json ("pair_000_004" and "cosmic"):
each test names the fact it checks. Lines are lines of the seed files.
"""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from conftest import DATA, seed_path

from reportdiff.model import DocumentDiff, Event, EventKind, Report, Section

pytestmark = pytest.mark.corpus


@lru_cache(maxsize=1)
def _diff() -> DocumentDiff:
    from reportdiff.comparison import compare
    from reportdiff.ingest import load

    return compare(load(seed_path("000")), load(seed_path("004")))


@pytest.fixture(scope="module")
def diff() -> DocumentDiff:
    seed_path("000")
    seed_path("004")
    try:
        import reportdiff.comparison  # noqa: F401
    except ImportError:
        pytest.skip("the comparison engine (reportdiff.compare) is not there yet")
    return _diff()


@pytest.fixture(scope="module")
def facts() -> dict:  # type: ignore[type-arg]
    path = DATA / "facts.json"
    if not path.exists():
        pytest.skip("tests/data/facts.json (hand-checked facts) not written yet")
    return json.loads(path.read_text(encoding="utf-8"))


def _fact(facts: dict, kind: str, word: str) -> dict:  # type: ignore[type-arg]
    return next(f for f in facts["pair_000_004"] if f["kind"] == kind and word in f["what"])


def _section_at(report: Report, line: int) -> Section:
    return next(section for section in report.sections() if section.span.start == line)


def _path_at(report: Report, line: int) -> tuple[str, ...]:
    """The section path of the heading on ``line``."""
    for path, section in report.root.walk_with_path():
        if section.level > 0 and section.span.start == line:
            return path
    raise AssertionError(f"no heading on line {line}")


def _covered(events: list[Event], path: tuple[str, ...], rule: str) -> bool:
    """An event of ``rule`` on this section or on a section above it (an added or removed subtree)."""
    return any(e.rule == rule and path[: len(e.section_path)] == e.section_path for e in events)


def test_cosmic_moved_from_go_live_to_hand_over(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    old_heading = facts["cosmic"]["000"]["headings"][0]
    new_heading = facts["cosmic"]["004"]["headings"][0]
    changes = [e for e in diff.summary.events if e.kind is EventKind.STATUS_CHANGE and e.topic == "FVIS Cosmic"]
    assert len(changes) == 1, diff.summary.events[:10]
    (event,) = changes
    assert (event.old_status, event.new_status) == ("go-live", "hand-over")
    assert event.side == "new"
    # The evidence: a sentence of each report's Cosmic section, the new one first.
    new_section = _section_at(diff.new, new_heading["line"])
    old_section = _section_at(diff.old, old_heading["line"])
    assert [said.side for said in event.evidence] == ["new", "old"]
    assert new_section.span.start <= event.evidence[0].line <= new_section.span.end
    assert old_section.span.start <= event.evidence[1].line <= old_section.span.end
    assert event.line == event.evidence[0].line
    assert _path_at(diff.old, old_heading["line"])[-1] == "FVIS Cosmic"
    # The topic's status change is among the first things the summary says.
    assert diff.summary.events.index(event) < 3


def test_new_programme_is_an_initiative(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    lines = set(_fact(facts, "new_initiative", "Tillgängliga")["lines"]["004"])
    assert any(e.kind is EventKind.NEW_INITIATIVE and e.side == "new" and e.line in lines for e in diff.summary.events)


def test_new_study_is_an_initiative(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    lines = _fact(facts, "new_study", "Picrino")["lines"]["004"]
    events = [e for e in diff.summary.events if e.kind is EventKind.NEW_INITIATIVE and e.side == "new"]
    study_section = _section_of_line(diff.new, lines[1])
    assert any(e.line in lines for e in events) or _covered(events, study_section, "section.added")


def _section_of_line(report: Report, line: int) -> tuple[str, ...]:
    best: tuple[str, ...] = ()
    for path, section in report.root.walk_with_path():
        if section.level > 0 and section.span.start <= line <= section.span.end:
            best = path
    return best


def test_sections_only_in_the_old_report_are_not_in_this_report(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    """Absence is not evidence: each is "not in this report", and none is told as resolved."""
    fact = _fact(facts, "section_only_in_000", "Månadsrapport")
    absent = [e for e in diff.summary.events if e.kind is EventKind.NOT_IN_REPORT and e.side == "old"]
    missing = [
        line for line in fact["lines"]["000"] if not _covered(absent, _path_at(diff.old, line), "section.absent")
    ]
    assert missing == []
    assert not [e for e in diff.summary.events if e.kind is EventKind.RESOLVED and e.side == "old"]


def test_every_section_only_in_the_new_report_is_accounted_for(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    """Each is news by what its sentences state, a new initiative, or withheld with its reason:
    never dropped in silence. Departments reporting under a new heading are not initiatives."""
    fact = _fact(facts, "section_only_in_004", "Kenya")
    told = [e for e in diff.summary.events + diff.summary.withheld if e.side == "new"]
    missing = [
        line
        for line in fact["lines"]["004"]
        if not any(_path_at(diff.new, line) == e.section_path[: len(_path_at(diff.new, line))] for e in told)
    ]
    assert len(missing) <= 1, missing  # alignment may reasonably pair one with an old section
    departments = {"Ekonomiavdelningen", "HR-avdelningen", "IT/MT-avdelningen", "Säkerhetsenheten"}
    assert not [e for e in diff.summary.events if e.rule == "section.added" and e.title in departments]


def test_imaging_procurements_delivered(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    """The new report states each step; the old list items, no longer listed, are not resolved."""
    lines = _fact(facts, "resolved", "Imaging")["lines"]
    stated = [e for e in diff.summary.events if e.side == "new" and e.line in lines["004"]]
    assert {e.kind for e in stated} & {EventKind.RESOLVED, EventKind.STATUS_CHANGE}
    first_of_six = next(e for e in stated if e.line == lines["004"][0])
    assert first_of_six.kind is EventKind.STATUS_CHANGE  # one scanner of six: a stage, not the end
    old_items = [e for e in diff.summary.events if e.side == "old" and e.line in lines["000"]]
    assert old_items and {e.kind for e in old_items} == {EventKind.NOT_IN_REPORT}


def test_no_change_of_signatory(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    assert facts["dates"]["000"]["signed_by"] == facts["dates"]["004"]["signed_by"]
    assert not any(e.rule in ("people.director", "people.acting") for e in diff.summary.events)


def test_lex_maria_count_is_reported(diff: DocumentDiff, facts: dict) -> None:  # type: ignore[type-arg]
    fact = _fact(facts, "figure_shift", "Lex Maria")
    (new_line,) = fact["lines"]["004"]
    new_path = _section_of_line(diff.new, new_line)
    pair = next(p for p in diff.pairs if p.new_path == new_path)
    if pair.old is None:
        pytest.skip("the alignment does not pair 'Lex Maria och händelseanalyser' with 'Lex Maria' (renamed) yet")
    shifts = [s for s in diff.summary.figure_shifts if s.new is not None and s.new.line == new_line]
    assert len(shifts) == 1
    (shift,) = shifts
    # 13 reports in June 2024, 26 in the first half of 2024: either is the count it replaces.
    assert shift.new is not None and shift.new.value == 5
    assert shift.old is not None and shift.old.value in (13, 26)
    assert shift.direction == "down"


def test_summary_is_deterministic(diff: DocumentDiff) -> None:
    from reportdiff.classify import summarise

    again = summarise(diff)
    assert [(e.kind, e.title, e.line, e.score) for e in again.events] == [
        (e.kind, e.title, e.line, e.score) for e in diff.summary.events
    ]
    assert [(s.label, s.score) for s in again.figure_shifts] == [(s.label, s.score) for s in diff.summary.figure_shifts]


@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_a_report_against_itself_says_nothing(name: str) -> None:
    from reportdiff.comparison import compare
    from reportdiff.ingest import load

    report = load(seed_path(name))
    summary = compare(report, load(seed_path(name))).summary
    assert summary.events == []
    assert summary.figure_shifts == []


@pytest.mark.parametrize("spacing", ["double", "single"])
@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_a_report_rewrapped_as_pdf_text_says_nothing(name: str, spacing: str) -> None:
    from rewrap import to_pdf

    from reportdiff.comparison import compare
    from reportdiff.ingest import load
    from reportdiff.ingest.text import read_text

    report = load(seed_path(name))
    rewrapped = read_text(to_pdf(report, spacing=spacing), "rewrapped.txt")
    summary = compare(report, rewrapped).summary
    assert summary.figure_shifts == []
    assert summary.events == []
