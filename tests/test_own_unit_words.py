"""Levels from the report itself: reports whose units are named with words the reader was never given.

The fixtures in ``tests/data/unit_words`` are our own reports, written as Markdown so that their
``#`` levels are the hand-written expected outline. Their units are ``Sektor …``/``Område …``,
``Förvaltning …``/``Sektion …`` and ``Område 1 …``: none of these is an organisation word of
``text/heading_words.py``. Each is laid out as Word-style text and as PDF text (double spaced with
page marks, single spaced without) by ``tests/rewrap.py`` and read by the text reader, which never
sees the ``#``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, seed_path

from reportdiff.ingest import load
from reportdiff.ingest.text import read_text
from reportdiff.model import Report, TocEntry
from reportdiff.text.heading_words import HeadingWords
from reportdiff.text.headings import repeated_words
from tests.rewrap import to_pdf, to_word

DATA = ROOT / "tests" / "data" / "unit_words"
LAYOUTS = {
    "word": to_word,
    "pdf-double-60": lambda report: to_pdf(report, "double", 60, True),
    "pdf-single-75": lambda report: to_pdf(report, "single", 75, False),
}


def _outline(report: Report) -> list[tuple[str, int]]:
    return [(section.heading, section.level) for section in report.sections()]


def _with_contents(report: Report) -> Report:
    """The report with a flat contents list of its two top levels, as a Word export writes it."""
    report.toc = [
        TocEntry(heading=section.heading, level=None, page=page, line=0)
        for page, section in enumerate(report.sections(), start=2)
        if section.level <= 2
    ]
    return report


SECTORS = [
    ("Inledning", 1),
    ("Information från verksamheten", 1),
    ("Sektor Nord", 2),
    ("Område Kust", 3),
    ("Område Fjäll", 3),
    ("Vinterväghållning", 4),
    ("Sektor Syd", 2),
    ("Område Slätt", 3),
    ("Område Stad", 3),
    ("Parkering", 4),
    ("Sektor Väst", 2),
    ("Område Skog", 3),
    ("Gemensamma frågor", 1),
    ("Lokalförsörjning", 2),
    ("Digitalisering", 2),
    ("Aktuella händelser", 1),
    ("Ny taxa för renhållning", 2),
]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_sectors_and_areas_nest_three_deep_without_contents(layout: str) -> None:
    """``Sektor …`` repeats: siblings; ``Område …`` starts between them: one below; a topic under an area below that."""
    reference = load(DATA / "sektorer.md")
    assert _outline(reference) == SECTORS  # the Markdown says what we mean
    assert _outline(read_text(LAYOUTS[layout](reference), "sektorer.txt")) == SECTORS


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_numbered_areas_stay_siblings_around_a_heading_directly_over_another(layout: str) -> None:
    """``Kvalitet`` inside ``Område 1 …`` has sub-headings of its own, yet ``Område 2 …`` after it is not its child."""
    reference = load(DATA / "omraden.md")
    assert ("Kvalitet", 3) in _outline(reference) and ("Område 2 Inlandet", 2) in _outline(reference)
    assert _outline(read_text(LAYOUTS[layout](reference), "omraden.txt")) == _outline(reference)


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_administrations_listed_again_in_another_part_keep_their_level_with_contents(layout: str) -> None:
    """``Förvaltning …`` under a part no word names, and again under a second one; a flat contents of two levels."""
    reference = _with_contents(load(DATA / "forvaltningar.md"))
    expected = _outline(reference)
    assert expected[1] == ("Läget i förvaltningarna", 1) and expected[-3] == ("Förvaltning Omsorg", 2)
    assert _outline(read_text(LAYOUTS[layout](reference), "forvaltningar.txt")) == expected


def test_without_contents_the_administrations_keep_their_parents() -> None:
    """No contents: the unnamed parts are read one level too deep (a known limit), but every parent is right."""
    report = read_text(to_word(load(DATA / "forvaltningar.md")), "forvaltningar.txt")
    parents = {}
    for path, section in report.root.walk_with_path():
        if section.level > 0:
            parents.setdefault(section.heading, set()).add(path[-2] if len(path) > 1 else "")
    assert parents["Förvaltning Omsorg"] == {"Läget i förvaltningarna", "Uppdrag från styrelsen"}
    assert parents["Sektion Park"] == {"Förvaltning Teknik"} and parents["Bemanning"] == {"Sektion Boende"}


def test_repeated_words_are_learned_only_from_short_named_headings() -> None:
    class Heading:
        def __init__(self, text: str) -> None:
            self.text, self.heading, self.listed, self.level, self.why_level = text, True, False, 0, ""

    units = [
        Heading(text)
        for text in (
            "Sektor Nord",
            "Område Kust",
            "Sektor Syd",
            "Område Stad",
            "Sektor Väst",
            "Område Skog",
            "Region besökte mässan i Stockholm",  # a sentence-like title, five words: not a unit name
            "Region Syd",
            "Division Ett",  # a configured word already: not learned again
            "Division Två",
            "Division Tre",
        )
    ]
    learned = repeated_words(units, HeadingWords())
    words = {position: (member.word, member.inner) for position, (member, _) in learned.items()}
    assert words == {
        0: ("Sektor", False),
        2: ("Sektor", False),
        4: ("Sektor", False),
        1: ("Område", True),
        3: ("Område", True),
        5: ("Område", True),
    }


def test_outline_explain_names_the_repeated_word(tmp_path: Path) -> None:
    path = tmp_path / "sektorer.txt"
    path.write_text(to_word(load(DATA / "sektorer.md")), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reportdiff", "outline", "--explain", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "headings that start with 'Sektor'" in result.stdout
    assert "one below 'Sektor'" in result.stdout


def test_fixtures_use_no_organisation_word_and_no_seed_sentence() -> None:
    words = HeadingWords()
    configured = {word.casefold() for word in words.divisions + words.care_areas}
    for path in DATA.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("#"):
                assert line.lstrip("# ").split()[0].casefold() not in configured, line
        sentences = [line for line in text.splitlines() if line.endswith(".") and len(line) > 40]
        for name in SEED_FILES:
            seed = seed_path(name).read_text(encoding="utf-8")
            assert not [sentence for sentence in sentences if sentence in seed], (path.name, name)


def test_a_listed_heading_is_not_the_child_of_an_unlisted_line_before_it() -> None:
    """A contents lists a listed heading's parent too: the short unlisted line before it is a remark, not its parent."""
    text = "\n\n".join(
        (
            "Innehållsförteckning",
            "Inledning\t2\nLokaler och fastigheter\t3\nUpphandlingar\t4",
            "Inledning",
            "Rapporten beskriver läget i förvaltningarna under hösten.",
            "Mer om budgeten finns i den bifogade sammanställningen",
            "Lokaler och fastigheter",
            "Två skolor har fått nya ventilationsaggregat under sommaren.",
            "Upphandlingar",
            "Avtalet om skolmåltider har förlängts med ett år.",
        )
    )
    outline = _outline(read_text(text + "\n", "lokaler.txt"))
    assert [heading for heading, _ in outline] == ["Inledning", "Lokaler och fastigheter", "Upphandlingar"]
    assert outline[1][1] == outline[2][1]
