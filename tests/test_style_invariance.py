"""Every seed and snapshot, in every layout, reads to the same outline and diffs as unchanged.

The reference is the report laid out as Word-style text (one paragraph a line). Each style below
lays the same report out again as PDF text: double or single spaced, wrapped at 60, 75 or 78
characters, hyphenated, paginated with page marks and ``Sida N (M)`` furniture, with or without
Word's two-space paragraph mark (``pdftotext`` strips it, so a paragraph whose last line is nearly
full cannot be told from the next one), with the contents kept or dropped. The real reports are
also built as DOCX and as PDF with and without bookmarks. In every case the outline (headings and
levels) must be the same and ``compare`` must find no change: re-wrapping, hyphenation, page
breaks, the contents and paragraph re-segmentation are layout, not change.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, seed_path, snapshot_paths

from reportdiff.comparison import compare
from reportdiff.ingest import load, load_bytes, load_pair
from reportdiff.ingest.text import read_text
from reportdiff.model import BlockKind, Report
from tests.rewrap import to_pdf, to_word

pytestmark = pytest.mark.corpus

# (spacing, width, paragraph marks, contents kept)
STYLES = {
    "pdf-double-75-marks-toc": ("double", 75, True, True),
    "pdf-single-75-bare-notoc": ("single", 75, False, False),
    "pdf-double-78-bare-notoc": ("double", 78, False, False),
    "pdf-single-78-marks-toc": ("single", 78, True, True),
    "pdf-single-60-bare-notoc": ("single", 60, False, False),
    "pdf-double-60-marks-notoc": ("double", 60, True, False),
}
# Read alone, a heading that the 60-column layout wraps before a capitalised word cannot be told
# from a heading followed by its first sub-heading (docs/parsing.md, known limits); read as a pair
# (load_pair), the other report's heading settles it, and the warnings say where.
KNOWN_60 = {"002", "004"}


HELDOUT = ROOT / "tests" / "data" / "heldout"


def _sources() -> list[pytest.param]:
    params = [pytest.param(name, id=f"seed-{name}") for name in SEED_FILES]
    params += [pytest.param(path, id=path.stem) for path in snapshot_paths()]
    # the reports of our own never tuned on (dev chains: read when rules are made)
    return params + [
        pytest.param(path, id=f"{path.parent.name}-{path.stem}")
        for chain in ("dev", "dev2")
        for path in sorted((HELDOUT / chain).glob("report-?.txt"))
    ]


def _load_source(source: str | Path) -> Report:
    return load(seed_path(source) if isinstance(source, str) else source)


def _outline(report: Report) -> list[tuple[str, int]]:
    return [(section.heading, section.level) for section in report.sections()]


def _assert_unchanged(reference: Report, other: Report, label: str) -> None:
    assert _outline(other) == _outline(reference), label
    for old, new in ((reference, other), (other, reference)):
        diff = compare(old, new)
        stats = diff.stats
        counts = (stats.blocks_inserted, stats.blocks_deleted, stats.blocks_changed, stats.blocks_moved)
        assert counts == (0, 0, 0, 0), (label, counts, diff.layout_changes[:3])
        assert not diff.has_changes, label
        assert not diff.summary.events, (label, [event.title for event in diff.summary.events][:3])


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize("source", _sources())
def test_every_text_layout_reads_and_diffs_the_same(source: str | Path, style: str, tmp_path: Path) -> None:
    spacing, width, marks, keep_toc = STYLES[style]
    original = _load_source(source)
    word_text = to_word(original)
    laid_out = original if keep_toc else dataclasses.replace(original, toc=[])
    pdf_text = to_pdf(laid_out, spacing, width, marks=marks)
    known_limit = isinstance(source, str) and width == 60 and source in KNOWN_60
    alone = read_text(pdf_text)
    assert alone.style == f"pdf-{spacing}"
    if known_limit:
        assert _outline(alone) != _outline(read_text(word_text))  # the limit is real; remove it when it is not
    else:  # read alone, against the same report with the same information (no contents where it has none)
        _assert_unchanged(read_text(to_word(laid_out)), alone, style)
    (tmp_path / "word.txt").write_text(word_text, encoding="utf-8")
    (tmp_path / "pdf.txt").write_text(pdf_text, encoding="utf-8")
    reference, other = load_pair(tmp_path / "word.txt", tmp_path / "pdf.txt")
    _assert_unchanged(reference, other, f"{style}, read as a pair")
    assert other.date == reference.date
    if known_limit:
        assert any(warning.startswith("the other report: ") for warning in other.warnings)


@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_real_report_as_docx_and_pdf_diffs_as_unchanged(name: str) -> None:
    """The text reading against DOCX, PDF with bookmarks and PDF without (single-cell table rows
    left out: laid out, they are short lines no reader can tell from paragraphs)."""
    from docbuild import build_docx, build_pdf

    report = load(seed_path(name))
    for section in report.root.walk():
        section.blocks[:] = [b for b in section.blocks if b.kind is not BlockKind.TABLE_ROW or " | " in b.text]
    builds = {
        "docx": ("docx", build_docx(report)),
        "pdf-bookmarks": ("pdf", build_pdf(report)),
        "pdf-no-bookmarks": ("pdf", build_pdf(report, outline=False)),
    }
    for label, (suffix, data) in builds.items():
        _assert_unchanged(report, load_bytes(data, f"{name}.{suffix}"), label)
