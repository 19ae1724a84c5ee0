"""The same report laid out as Word-style text and as PDF text reads back to the same tree.

Each report (every seed, every snapshot) is read, laid out again by tests/rewrap.py as Word-style
text and as PDF text (wrapped, hyphenated, paginated, with ``Sida N (M)`` furniture; double and
single spacing), and the three readings must agree on headings, levels and block texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_FILES, seed_path, snapshot_paths

from reportdiff.ingest import load
from reportdiff.ingest.text import read_text
from reportdiff.model import AsideKind, Report
from tests.rewrap import syllable_split, to_pdf, to_word, wrap


def _sources() -> list[pytest.param]:
    params = [pytest.param(name, id=f"seed-{name}") for name in SEED_FILES]
    params += [pytest.param(path, id=path.stem) for path in snapshot_paths()]
    return params


def _load_source(source: str | Path) -> Report:
    return load(seed_path(source) if isinstance(source, str) else source)


def _shape(report: Report) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    return [(s.heading, s.level) for s in report.sections()], [(b.kind.value, b.text) for b in report.blocks()]


@pytest.mark.parametrize("source", _sources())
@pytest.mark.parametrize("spacing", ["double", "single"])
def test_word_and_pdf_layouts_read_the_same(source: str | Path, spacing: str) -> None:
    original = _load_source(source)
    word = read_text(to_word(original))
    pdf_text = to_pdf(original, spacing)
    pdf = read_text(pdf_text)
    assert word.style == "word"
    assert pdf.style == f"pdf-{spacing}"
    assert any(line.endswith("-") for line in pdf_text.split("\n")), "the layout should split some words"
    word_headings, word_blocks = _shape(word)
    pdf_headings, pdf_blocks = _shape(pdf)
    assert pdf_headings == word_headings
    assert pdf_blocks == word_blocks
    assert [a.text for a in pdf.asides if a.kind is AsideKind.FURNITURE and a.text.startswith("Sida")]
    assert (pdf.author, pdf.author_role, pdf.date) == (word.author, word.author_role, word.date)


@pytest.mark.parametrize("source", _sources())
def test_word_layout_keeps_the_original_headings(source: str | Path) -> None:
    """Read back from Word-style text, the headings (text and order) are the original ones."""
    original = _load_source(source)
    word = read_text(to_word(original))
    original_headings = [s.heading for s in original.sections()]
    word_headings = [s.heading for s in word.sections()]
    found = sum(1 for heading in original_headings if heading in word_headings)
    assert found >= 0.95 * len(original_headings)


def test_wrap_splits_at_a_syllable_and_keeps_the_width() -> None:
    assert syllable_split("utmanade", 10) == ("utma", "nade")
    assert syllable_split("e-tjänster", 10) is None  # a word with a hyphen is never split again
    lines = wrap("Ett två tre verksamheterna", 20)
    assert lines == ["Ett två tre verksam-", "heterna "]
    lines = wrap("Det innebär en utmaning att schemalägga verksamheterna " * 6, 40)
    assert all(len(line.rstrip()) <= 40 for line in lines)
