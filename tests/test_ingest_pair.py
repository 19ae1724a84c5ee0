"""load_pair: a report is read a second time only when the other report's headings can change it."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportdiff.ingest as ingest
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


def _outline(text: str, known: frozenset[str] = frozenset()) -> list[tuple[str, int, list[str]]]:
    report = read_text(text, known=known)
    return [(s.heading, s.level, [b.text for b in s.blocks]) for s in report.sections()]


def test_word_style_text_reads_the_same_with_the_other_reports_headings() -> None:
    assert read_text(WORD).style == "word"
    known = frozenset({"ekonomi", "personal", "ekonomi i", "balans"})
    assert _outline(WORD, known) == _outline(WORD)


def test_a_word_style_report_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "old.txt").write_text(WORD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(OTHER, encoding="utf-8")
    reread: list[str] = []
    original = ingest._reread
    monkeypatch.setattr(ingest, "_reread", lambda read, known: reread.append(read[1]) or original(read, known))
    old, new = load_pair(tmp_path / "old.txt", tmp_path / "new.txt")
    assert "Ekonomi i balans" in [s.heading for s in old.sections()]  # "ekonomi" of NEW starts it
    assert reread == []


def test_a_pdf_text_read_again_reads_as_if_read_afresh() -> None:
    """The second reading reuses the first one's layout; what the first reading changed must not show."""
    from conftest import snapshot_paths

    from reportdiff.ingest import load
    from reportdiff.ingest.text import forget_layouts
    from tests.rewrap import to_pdf

    pdf = to_pdf(load(snapshot_paths()[0]), "double", 60, marks=True)
    known = frozenset(heading_key(section.heading) for section in load(snapshot_paths()[1]).sections())
    forget_layouts()
    assert read_text(pdf).style == "pdf-double"
    alone, again = _outline(pdf), _outline(pdf)
    with_known = _outline(pdf, known)
    forget_layouts()
    assert again == alone
    assert with_known == _outline(pdf, known)
    forget_layouts()
    assert _outline(pdf) == alone
