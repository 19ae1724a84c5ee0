"""load_pair: a report is read a second time only when the other report's headings can change it."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportdiff.ingest.text as text_reader
from reportdiff.ingest import load_pair
from reportdiff.ingest.text import read_text
from reportdiff.text.normalize import heading_key

# One paragraph a line (Word-style text): the headings are lines of their own.
WORD = """Månadsrapport

Ekonomi i balans

Resultatet för perioden är 12 mnkr, vilket är bättre än budget.

Personal

Antalet anställda ökade med 40 personer under hösten.
"""
OTHER = """Månadsrapport

Ekonomi

Resultatet för perioden är 9 mnkr, vilket är sämre än budget.

Personal

Antalet anställda minskade med 12 personer under hösten.
"""


def _sections(report) -> list[tuple[str, int, list[str]]]:
    return [(s.heading, s.level, [b.text for b in s.blocks]) for s in report.sections()]


def _outline(text: str, known: frozenset[str] = frozenset()) -> list[tuple[str, int, list[str]]]:
    return _sections(read_text(text, known=known))


def test_word_style_text_reads_the_same_with_the_other_reports_headings() -> None:
    assert read_text(WORD).style == "word"
    known = frozenset({"ekonomi", "personal", "ekonomi i", "balans"})
    assert _outline(WORD, known) == _outline(WORD)


def test_a_word_style_report_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "old.txt").write_text(WORD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(OTHER, encoding="utf-8")
    readings: list[str] = []
    original = text_reader.read_layout

    def counted(layout, source="<string>", known=frozenset()):  # type: ignore[no-untyped-def]
        readings.append(source)
        return original(layout, source, known)

    monkeypatch.setattr(text_reader, "read_layout", counted)
    old, new = load_pair(tmp_path / "old.txt", tmp_path / "new.txt")
    assert "Ekonomi i balans" in [s.heading for s in old.sections()]  # "ekonomi" of NEW starts it
    assert sorted(readings) == sorted([str(tmp_path / "old.txt"), str(tmp_path / "new.txt")])


def test_a_pdf_text_read_again_reads_as_if_read_afresh() -> None:
    """The second reading starts from the first one's layout; what the first reading changed must not show."""
    from conftest import snapshot_paths

    from reportdiff.ingest import load
    from tests.rewrap import to_pdf

    pdf = to_pdf(load(snapshot_paths()[0]), "double", 60, marks=True)
    known = frozenset(heading_key(section.heading) for section in load(snapshot_paths()[1]).sections())
    layout = text_reader.undo_layout(pdf)
    assert layout.style == "pdf-double"
    alone = _sections(text_reader.read_layout(layout))
    assert _sections(text_reader.read_layout(layout)) == alone
    assert _sections(text_reader.read_layout(layout, known=known)) == _outline(pdf, known)
    assert _sections(text_reader.read_layout(layout)) == alone == _outline(pdf)


# A report whose structure is known (Markdown): "Säkerhet" is a part with a sub-heading.
KNOWN = """# Regiongemensamt

## Beredskapsenheten

Enheten har övat under våren och övningen gick enligt plan.

# Säkerhet

## Lex Maria

Sju anmälningar har gjorts under perioden.
"""
# The next report as PDF text without contents: "Säkerhet" followed at once by "Lex Maria" reads
# as a topic of the unit before it.
PDF_NEXT = (
    "Regiongemensamt\n\nBeredskapsenheten\n\nEnheten har övat under hösten och övningen gick enligt\n\n"
    "plan.\n\nSäkerhet\n\nLex Maria\n\nNio anmälningar har gjorts under perioden.\n"
)


def test_a_pdf_text_takes_the_parents_a_report_of_known_structure_gives(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.txt"
    old.write_text(KNOWN, encoding="utf-8")
    new.write_text(PDF_NEXT, encoding="utf-8")
    alone = [(s.heading, s.level) for s in read_text(PDF_NEXT).sections()]
    assert ("Säkerhet", 1) not in alone  # read alone, the layout cannot tell
    pair_new = load_pair(old, new)[1]
    assert [(s.heading, s.level) for s in pair_new.sections()] == [
        ("Regiongemensamt", 1),
        ("Beredskapsenheten", 2),
        ("Säkerhet", 1),
        ("Lex Maria", 2),
    ]
    assert any("parent the other report" in warning for warning in pair_new.warnings)
    # two PDF texts: neither is the better witness, nothing moves
    other = tmp_path / "other.txt"
    other.write_text(PDF_NEXT.replace("Nio", "Tio"), encoding="utf-8")
    assert [(s.heading, s.level) for s in load_pair(other, new)[1].sections()] == alone
