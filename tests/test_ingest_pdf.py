"""The PDF reader: real PDFs laid out with reportlab from a Markdown report."""

from __future__ import annotations

import io
import re

import pytest
from docbuild import (
    SAMPLE_REPORT,
    TWO_COLUMN_HEADING,
    build_docx,
    build_image_pdf,
    build_pdf,
    build_pdf_flowing,
    flatten,
    markdown_model,
)
from hostile import assert_refused

from reportdiff.ingest import load_bytes
from reportdiff.ingest.pdf import read_pdf
from reportdiff.model import AsideKind, BlockKind


def _raw_lines(data: bytes) -> list[list[str]]:
    """Each page's text lines as pypdf extracts them (an independent witness of the layout)."""
    from pypdf import PdfReader

    return [(page.extract_text() or "").splitlines() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture(scope="module")
def expected() -> list[tuple[str, str]]:
    return flatten(markdown_model(SAMPLE_REPORT))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"outline": False},
        {"two_column_at": TWO_COLUMN_HEADING},
        {"two_column_at": TWO_COLUMN_HEADING, "outline": False},
        {"two_column_at": TWO_COLUMN_HEADING, "interleave": True},
        {"footer": False, "header": False, "hyphenate": False},
    ],
    ids=["outline", "fonts", "two-column", "two-column-fonts", "interleaved-columns", "bare"],
)
def test_same_outline_and_blocks_as_the_markdown(options: dict[str, object], expected) -> None:  # type: ignore[no-untyped-def]
    report = read_pdf(build_pdf(SAMPLE_REPORT, **options), "rapport.pdf")  # type: ignore[arg-type]
    assert flatten(report) == expected
    assert report.style == "pdf"
    assert (report.title, str(report.date)) == ("Regiondirektörens rapport", "2025-02-12")


def test_a_second_producer_justified_text_and_default_tables(expected) -> None:  # type: ignore[no-untyped-def]
    """reportlab's flowing layout: justified lines, other heading sizes, padded table cells, no bookmarks."""
    data = build_pdf_flowing(SAMPLE_REPORT)
    assert not list(__import__("pypdfium2").PdfDocument(data).get_toc())
    assert flatten(read_pdf(data, "rapport.pdf")) == expected


def test_two_column_page_is_really_two_columns_and_read_in_order() -> None:
    data = build_pdf(SAMPLE_REPORT, two_column_at=TWO_COLUMN_HEADING, interleave=True)
    # The witness: pypdf follows the content stream, which here runs across both columns.
    page_two = " ".join(_raw_lines(data)[1])
    assert "Division Diagnostik" in page_two and "Vårdcentralerna har infört" in page_two
    report = read_pdf(data, "rapport.pdf")
    primary = next(block for block in report.blocks() if block.text.startswith("Vårdcentralerna"))
    assert primary.text.endswith("med digitaliseringsprojekten.")
    assert primary.span.page == 2
    headings = [section.heading for section in report.sections()]
    assert headings.index("Division Psykiatri") < headings.index("Division Diagnostik")


def test_line_end_hyphenation_undone_and_real_compounds_kept() -> None:
    data = build_pdf(SAMPLE_REPORT)
    lines = [line.rstrip() for page in _raw_lines(data) for line in page]
    split = [line for line in lines if re.search(r"[a-zåäö]-$", line) and not line.endswith("hälso-")]
    assert len(split) >= 3  # the fixture really has words split at line ends ...
    assert any(line.endswith("hälso-") for line in lines)  # ... and a compound hyphen at a line end
    report = read_pdf(data, "rapport.pdf")
    body = " ".join(block.text for block in report.blocks())
    assert "hälso- och sjukvården" in body
    for line in split:
        head = line.split()[-1][:-1]
        assert f"{head}-" not in body and f"{head} " not in body, head


def test_running_header_footer_and_page_numbers_are_furniture() -> None:
    data = build_pdf(SAMPLE_REPORT, two_column_at=TWO_COLUMN_HEADING)
    report = read_pdf(data, "rapport.pdf")
    pages = len(_raw_lines(data))
    furniture = [aside for aside in report.asides if aside.kind is AsideKind.FURNITURE]
    footers = [aside for aside in furniture if aside.text.endswith(f"Sida {aside.span.page}")]
    headers = [aside for aside in furniture if aside.text.startswith("Exempelregionen")]
    assert len(footers) == pages and len(headers) == pages - 1
    words = set(report.words())
    assert "Sida" not in words and "Exempelregionen" not in words


def test_spans_are_page_and_line_in_reading_order() -> None:
    report = read_pdf(build_pdf(SAMPLE_REPORT, two_column_at=TWO_COLUMN_HEADING), "rapport.pdf")
    first = next(report.sections())
    # Page 1 reads: title (line 1), date (line 2), "Inledning" (line 3).
    assert (first.heading, first.span.page, first.span.start) == ("Inledning", 1, 3)
    cover = [aside.span.start for aside in report.asides if aside.kind is AsideKind.COVER]
    assert cover == [1, 2]
    opening = first.blocks[0]
    assert opening.span.page == 1 and opening.span.start == 4 and opening.span.end > opening.span.start
    footer = next(aside for aside in report.asides if aside.text.endswith("Sida 1"))
    last_body_line = max(block.span.end for block in report.blocks() if block.span.page == 1)
    assert footer.span.start > last_body_line
    assert report.outline[0].line == 3 and report.outline[0].page == 1


def test_outline_levels_and_a_skipped_level_comes_back_from_the_fonts() -> None:
    report = read_pdf(build_pdf(SAMPLE_REPORT), "rapport.pdf")
    assert [entry.level for entry in report.outline][:3] == [1, 1, 2]
    levels = {section.heading: section.level for section in report.sections()}
    assert levels["Samverkan med kommunerna"] == 4  # the bookmark tree has it at 3: it cannot skip a level
    assert max(entry.level or 0 for entry in report.outline) == 3


def test_contents_page_goes_to_toc_not_body() -> None:
    report = read_pdf(build_pdf(SAMPLE_REPORT, toc=True, outline=False), "rapport.pdf")
    headings = [(section.heading, section.level) for section in report.sections() if section.level <= 3]
    assert [(entry.heading, entry.level) for entry in report.toc] == headings
    assert all(entry.page == 2 + number // 5 for number, entry in enumerate(report.toc))
    toc_asides = [aside for aside in report.asides if aside.kind is AsideKind.TOC]
    assert toc_asides[0].text == "Innehållsförteckning" and len(toc_asides) == len(report.toc) + 1
    assert "Innehållsförteckning" not in report.words()
    assert flatten(report) == flatten(markdown_model(SAMPLE_REPORT))


def test_tables_are_rows_of_cells() -> None:
    report = read_pdf(build_pdf(SAMPLE_REPORT), "rapport.pdf")
    rows = [block.text for block in report.blocks() if block.kind is BlockKind.TABLE_ROW]
    assert rows == [
        "Mått | Januari | December",
        "Sjukfrånvaro | 6,1 % | 6,4 %",
        "Väntande till operation | 2 310 | 2 455",
    ]


def test_list_items_and_markers() -> None:
    report = read_pdf(build_pdf(SAMPLE_REPORT), "rapport.pdf")
    items = [(block.marker, block.text) for block in report.blocks() if block.kind is BlockKind.LIST_ITEM]
    assert [marker for marker, _ in items] == ["-", "-", "-", "1.", "2."]
    assert items[1][1] == "Pensionskostnaderna blev 21 miljoner kronor högre än budget."


def test_paragraph_split_by_a_page_break_is_joined() -> None:
    """Several copies make page breaks fall inside paragraphs; every paragraph must come back whole."""
    from docbuild import sample_report

    markdown = sample_report(3)
    data = build_pdf(markdown)
    report = read_pdf(data, "rapport.pdf")
    assert flatten(report) == flatten(markdown_model(markdown))
    pages = [" ".join(lines) for lines in _raw_lines(data)]
    crossing = [
        block
        for block in report.blocks()
        if block.span.page is not None
        and block.span.page < len(pages)
        and " ".join(block.text.split()[:3]) in pages[block.span.page - 1]
        and " ".join(block.text.split()[-3:]) in pages[block.span.page]
        and " ".join(block.text.split()[-3:]) not in pages[block.span.page - 1]
    ]
    assert crossing  # the fixture really has paragraphs that run on to the next page


# ------------------------------------------------------------------------------------- bad files


def _bad_files() -> dict[str, bytes]:
    good = build_pdf(SAMPLE_REPORT)
    return {
        "encrypted.pdf": build_pdf(SAMPLE_REPORT, encrypt="hemligt"),
        "scanned.pdf": build_image_pdf(),
        "truncated.pdf": good[: len(good) // 2],
        "truncated-with-eof.pdf": good[: len(good) // 3] + b"\n%%EOF\n",
        "garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
        "really-text.pdf": "Regiondirektörens rapport\n\nBara text.\n".encode(),
        "really-docx.pdf": build_docx("# Rubrik\n\nText.\n"),
    }


EXPECTED = {
    "encrypted.pdf": "the PDF is encrypted",
    "scanned.pdf": "no text layer (scanned?)",
    "truncated.pdf": "corrupt or truncated PDF",
    "truncated-with-eof.pdf": "corrupt or truncated PDF",
    "garbage.pdf": "corrupt or truncated PDF",
    "really-text.pdf": "the name says PDF but the content is not",
    "really-docx.pdf": "the name says PDF but the content is a ZIP archive",
}


@pytest.fixture(scope="module")
def bad_files() -> dict[str, bytes]:
    return _bad_files()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_pdf_is_a_one_line_input_error_in_bounded_time(tmp_path, capsys, bad_files, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bad_files[name])
    assert_refused(path, EXPECTED[name], capsys)


def test_encrypted_pdf_really_needs_a_password(bad_files) -> None:
    from pypdf import PdfReader

    assert PdfReader(io.BytesIO(bad_files["encrypted.pdf"])).is_encrypted


def test_owner_password_only_pdf_is_read() -> None:
    """Permissions-only encryption (empty user password) does not stop a reader: neither do we."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf(SAMPLE_REPORT))))
    writer.encrypt(user_password="", owner_password="ägare", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    report = load_bytes(buffer.getvalue(), "skyddad.pdf")
    assert [section.heading for section in report.sections()][:2] == ["Inledning", "Månadsrapport"]
