"""The same report as Markdown, DOCX and PDF reads as the same model, and diffs as no change."""

from __future__ import annotations

import pytest
from conftest import SEED_FILES, seed_path, snapshot_paths
from docbuild import (
    SAMPLE_REPORT,
    TWO_COLUMN_HEADING,
    build_docx,
    build_pdf,
    build_pdf_flowing,
    flatten,
    markdown_model,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.ingest import load_bytes


def _three_ways(markdown: str, **pdf_options: object):  # type: ignore[no-untyped-def]
    original = markdown_model(markdown)
    docx = load_bytes(build_docx(markdown), "rapport.docx")
    pdf = load_bytes(build_pdf(markdown, **pdf_options), "rapport.pdf")  # type: ignore[arg-type]
    return original, docx, pdf


def _compare():  # type: ignore[no-untyped-def]
    try:
        from reportdiff.comparison import compare
    except ImportError:  # pragma: no cover - the diff engine lands separately
        pytest.skip("reportdiff.comparison is not there yet")
    return compare


def test_sample_same_headings_and_blocks_everywhere() -> None:
    original, docx, pdf = _three_ways(SAMPLE_REPORT, two_column_at=TWO_COLUMN_HEADING)
    assert flatten(docx) == flatten(original)
    assert flatten(pdf) == flatten(original)
    assert (docx.title, docx.date, pdf.title, pdf.date) == (
        original.title,
        original.date,
        original.title,
        original.date,
    )


def test_sample_diffs_as_no_change_between_formats() -> None:
    compare = _compare()
    original, docx, pdf = _three_ways(SAMPLE_REPORT, two_column_at=TWO_COLUMN_HEADING)
    for old, new in [(original, docx), (original, pdf), (docx, pdf), (pdf, docx)]:
        diff = compare(old, new)
        assert not diff.has_changes, (old.style, new.style)
        assert diff.stats.blocks_changed == diff.stats.blocks_inserted == diff.stats.blocks_deleted == 0


def test_a_real_edit_survives_the_round_trip() -> None:
    """The control: an edited figure in the DOCX is seen against the PDF of the original."""
    compare = _compare()
    edited = SAMPLE_REPORT.replace("6,1 procent i januari", "6,3 procent i januari")
    assert edited != SAMPLE_REPORT
    docx = load_bytes(build_docx(edited), "ny.docx")
    pdf = load_bytes(build_pdf(SAMPLE_REPORT), "gammal.pdf")
    diff = compare(pdf, docx)
    assert diff.has_changes and diff.stats.blocks_changed == 1


@pytest.mark.corpus
@pytest.mark.parametrize("path", snapshot_paths(), ids=lambda path: path.stem)
def test_snapshot_reads_the_same_in_every_format(path) -> None:  # type: ignore[no-untyped-def]
    markdown = path.read_text(encoding="utf-8")
    original, docx, pdf = _three_ways(markdown, two_column_at="Aktuella händelser")
    assert flatten(docx) == flatten(original)
    assert flatten(pdf) == flatten(original)
    assert (docx.author, pdf.author) == (original.author, original.author)
    assert (docx.date, pdf.date) == (original.date, original.date)
    fonts_only = load_bytes(build_pdf(markdown, outline=False), "rapport.pdf")
    assert flatten(fonts_only) == flatten(original)
    flowing = load_bytes(build_pdf_flowing(markdown), "rapport.pdf")
    assert flatten(flowing) == flatten(original)


@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(SEED_FILES))
def test_real_report_round_trips_through_docx_and_pdf(name: str) -> None:
    """A real report, as the text reader reads it, laid out as DOCX and PDF and read back.

    Single-cell "table rows" (tables the text extraction flattened to one cell a line) are left
    out: laid out, they are just short lines, which no reader can tell from a paragraph.
    """
    from reportdiff.ingest import load
    from reportdiff.model import BlockKind

    report = load(seed_path(name))
    for section in report.root.walk():
        section.blocks[:] = [
            block for block in section.blocks if block.kind is not BlockKind.TABLE_ROW or " | " in block.text
        ]
    expected = flatten(report)
    assert len(expected) > 150  # a real report, not an empty read
    builds = {
        "docx": build_docx(report),
        "pdf": build_pdf(report),
        "pdf-fonts": build_pdf(report, outline=False),
        "pdf-two-column": build_pdf(report, two_column_at="Aktuella händelser", interleave=True),
        "pdf-flowing": build_pdf_flowing(report),
    }
    for kind, data in builds.items():
        suffix = "docx" if kind == "docx" else "pdf"
        assert flatten(load_bytes(data, f"{name}.{suffix}")) == expected, kind


def test_snapshots_present_or_skip() -> None:
    if not snapshot_paths():
        pytest.skip("snapshots/*.md not written yet")
    assert all(path.suffix == ".md" for path in snapshot_paths())


# ------------------------------------------------------------------------------ property test

_WORDS = (
    "regionen vården patienter väntetiden personalen budgeten kostnaderna arbetet uppföljningen "
    "sjuksköterskorna vårdcentralerna kommunerna verksamhetsområdet digitaliseringen länssjukhuset "
    "ambulanserna tillgängligheten operationerna läkemedlen kompetensförsörjningen investeringarna "
    "beslutet planen året månaden veckan dagen ökade minskade fortsatte förbättrades har är blev "
    "inom under efter inför mellan med utan för av på i"
).split()
_HEADINGS = "Inledning Ekonomi Personal Primärvård Psykiatri Diagnostik Ambulans Kirurgi Bilagor Samverkan".split()


@st.composite
def _reports(draw) -> str:  # type: ignore[no-untyped-def]
    """Headings whose levels never skip down (1, then at most one deeper), each with one-sentence paragraphs."""
    lines = ["Regiondirektörens rapport", "", "3 mars 2025", ""]
    level = 0
    for number in range(draw(st.integers(1, 7))):
        level = draw(st.integers(1, min(level + 1, 4)))
        title = f"{draw(st.sampled_from(_HEADINGS))} {number + 1}"
        lines += ["#" * level + " " + title, ""]
        for _ in range(draw(st.integers(0, 3))):
            words = draw(st.lists(st.sampled_from(_WORDS), min_size=3, max_size=90))
            lines += [(" ".join(words)).capitalize() + ".", ""]
    return "\n".join(lines)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports())
def test_any_simple_report_reads_the_same_as_docx_and_pdf(markdown: str) -> None:
    """One-sentence paragraphs: where a page break falls after a full stop the PDF cannot say
    whether the paragraph goes on (see docs/formats-docx-pdf.md, tricky cases)."""
    original, docx, pdf = _three_ways(markdown)
    assert flatten(docx) == flatten(original)
    assert flatten(pdf) == flatten(original)
    fonts_only = load_bytes(build_pdf(markdown, outline=False), "rapport.pdf")
    assert flatten(fonts_only) == flatten(original)
    assert flatten(load_bytes(build_pdf_flowing(markdown), "rapport.pdf")) == flatten(original)
