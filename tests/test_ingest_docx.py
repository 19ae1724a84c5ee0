"""The DOCX reader: real Word files built with python-docx from a Markdown report."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docbuild import (
    SAMPLE_REPORT,
    build_billion_laughs_docx,
    build_docx,
    build_pdf,
    build_zip_bomb_docx,
    flatten,
    markdown_model,
)
from hostile import assert_refused

from reportdiff.errors import InputError
from reportdiff.ingest import load_bytes
from reportdiff.ingest.docx import read_docx
from reportdiff.ingest.safety import has_dtd
from reportdiff.model import AsideKind, BlockKind


@pytest.fixture(scope="module")
def styled() -> bytes:
    return build_docx(SAMPLE_REPORT, toc=True, footnote="Källa: personalsystemet, uttag i januari.")


def _without_footnotes(report) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(kind, text) for kind, text in flatten(report) if not text.startswith("Källa:")]


def test_heading_styles_give_the_markdown_outline_and_blocks(styled: bytes) -> None:
    report = read_docx(styled, "rapport.docx")
    assert _without_footnotes(report) == flatten(markdown_model(SAMPLE_REPORT))
    assert report.style == "docx"
    assert report.title == "Regiondirektörens rapport"
    assert str(report.date) == "2025-02-12"


def test_direct_formatting_headings_read_by_shape() -> None:
    data = build_docx(SAMPLE_REPORT, styles=False)
    assert "Heading" not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    report = read_docx(data, "rapport.docx")
    assert flatten(report) == flatten(markdown_model(SAMPLE_REPORT))


def test_toc_field_kept_apart_from_the_body(styled: bytes) -> None:
    report = read_docx(styled, "rapport.docx")
    headings = [(section.heading, section.level) for section in report.sections() if section.level <= 3]
    assert [(entry.heading, entry.level) for entry in report.toc] == headings
    assert all(entry.page is not None for entry in report.toc)
    toc_texts = [aside.text for aside in report.asides if aside.kind is AsideKind.TOC]
    assert toc_texts[0] == "Innehållsförteckning"
    assert len(toc_texts) == len(report.toc) + 1
    body = " ".join(block.text for block in report.blocks())
    assert "Innehållsförteckning" not in body


def test_footnote_is_a_block_at_the_end_of_its_section(styled: bytes) -> None:
    report = read_docx(styled, "rapport.docx")
    introduction = next(section for section in report.sections() if section.heading == "Inledning")
    last = introduction.blocks[-1]
    assert (last.text, last.marker, last.kind) == (
        "Källa: personalsystemet, uttag i januari.",
        "[1]",
        BlockKind.PARAGRAPH,
    )
    assert sum(1 for block in report.blocks() if block.marker == "[1]") == 1


def test_lists_tables_and_markers(styled: bytes) -> None:
    report = read_docx(styled, "rapport.docx")
    items = [(block.marker, block.text) for block in report.blocks() if block.kind is BlockKind.LIST_ITEM]
    assert items[0] == ("-", "Läkemedelskostnaderna ökade med 7 procent.")
    assert [marker for marker, _ in items[-2:]] == ["1.", "2."]
    rows = [block.text for block in report.blocks() if block.kind is BlockKind.TABLE_ROW]
    assert rows == [
        "Mått | Januari | December",
        "Sjukfrånvaro | 6,1 % | 6,4 %",
        "Väntande till operation | 2 310 | 2 455",
    ]


def test_spans_are_paragraph_numbers(styled: bytes) -> None:
    """Counted independently: every w:p of the body in document order, 1-based."""
    from docx import Document
    from docx.oxml.ns import qn

    paragraphs = list(Document(io.BytesIO(styled)).element.body.iter(qn("w:p")))
    texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    report = read_docx(styled, "rapport.docx")
    for section in report.sections():
        assert texts[section.span.start - 1] == section.heading
    after_table = next(block for block in report.blocks() if block.text.startswith("Resultatet för perioden"))
    assert texts[after_table.span.start - 1].startswith("Resultatet för perioden")
    row = next(block for block in report.blocks() if block.kind is BlockKind.TABLE_ROW)
    assert (texts[row.span.start - 1], texts[row.span.end - 1]) == ("Mått", "December")


def _document_with(body_xml: str, styles_xml: str = "") -> bytes:
    """A minimal DOCX from python-docx's template with ``body_xml`` as the body."""
    from docx import Document

    base = Document()
    buffer = io.BytesIO()
    base.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                declaration = '<?xml version="1.0" encoding="UTF-8"?>'
                content = f"{declaration}<w:document {namespace}><w:body>{body_xml}</w:body></w:document>".encode()
            elif info.filename == "word/styles.xml" and styles_xml:
                content = content.replace(b"</w:styles>", styles_xml.encode() + b"</w:styles>")
            target.writestr(info, content)
    return out.getvalue()


def _p(text: str, properties: str = "", runs: str = "") -> str:
    return f'<w:p><w:pPr>{properties}</w:pPr>{runs}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def test_outline_levels_swedish_style_names_and_tracked_changes() -> None:
    styles = (
        '<w:style w:type="paragraph" w:styleId="Rubrik1"><w:name w:val="Rubrik 1"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Egen"><w:name w:val="Egen rubrik"/>'
        '<w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
    )
    body = (
        _p("Del ett", '<w:pStyle w:val="Rubrik1"/>')
        + _p("Avsnitt med disposition", '<w:outlineLvl w:val="1"/>')
        + _p("Egen stil", '<w:pStyle w:val="Egen"/>')
        + '<w:p><w:r><w:t xml:space="preserve">Text med </w:t></w:r><w:r><w:rPr><w:b/><w:i/></w:rPr>'
        '<w:t>betoning</w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText> struken</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x"><w:r><w:t xml:space="preserve"> och tillägg</w:t></w:r></w:ins>'
        '<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> dold</w:t></w:r>'
        "<w:r><w:t>.</w:t></w:r></w:p>"
    )
    report = read_docx(_document_with(body, styles), "x.docx")
    assert flatten(report) == [
        ("h1", "Del ett"),
        ("h2", "Avsnitt med disposition"),
        ("h3", "Egen stil"),
        ("paragraph", "Text med betoning och tillägg."),
    ]


def test_toc_content_control_and_toc_styles_without_field() -> None:
    styles = '<w:style w:type="paragraph" w:styleId="Innehll1"><w:name w:val="toc 1"/></w:style>'
    body = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
        f"<w:sdtContent>{_p('Innehåll')}<w:p><w:r><w:t>Första delen</w:t><w:tab/><w:t>3</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
        + _p("Andra delen\t7", '<w:pStyle w:val="Innehll1"/>')
        + _p("Första delen", '<w:pStyle w:val="Heading1"/>')
        + _p("Brödtext.")
    )
    report = read_docx(_document_with(body, styles), "x.docx")
    assert [(entry.heading, entry.page) for entry in report.toc] == [("Första delen", 3), ("Andra delen", 7)]
    assert flatten(report) == [("h1", "Första delen"), ("paragraph", "Brödtext.")]


# ------------------------------------------------------------------------------------- bad files


def _bad_files() -> dict[str, bytes]:
    good = build_docx(SAMPLE_REPORT)
    not_word = io.BytesIO()
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return {
        "truncated.docx": good[: len(good) // 2],
        "corrupt.docx": good[:1500] + bytes(400) + good[1900:],
        "zipbomb.docx": build_zip_bomb_docx(),
        "laughs.docx": build_billion_laughs_docx(),
        "workbook.docx": not_word.getvalue(),
        "really-pdf.docx": build_pdf("# Rubrik\n\nEn mening som är text.\n"),
    }


EXPECTED = {
    "truncated.docx": "corrupt or truncated DOCX",
    "corrupt.docx": "corrupt or truncated DOCX",
    "zipbomb.docx": "zip bomb",
    "laughs.docx": "declares a DTD or entities",
    "workbook.docx": "not a Word document",
    "really-pdf.docx": "the name says DOCX but the content is PDF",
}


@pytest.fixture(scope="module")
def bad_files() -> dict[str, bytes]:
    return _bad_files()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_docx_is_a_one_line_input_error_in_bounded_time(tmp_path, capsys, bad_files, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(bad_files[name])
    assert_refused(path, EXPECTED[name], capsys)


def test_zip_bomb_is_refused_before_inflating(bad_files) -> None:
    bomb = bad_files["zipbomb.docx"]
    assert len(bomb) < 2 * 1024 * 1024  # small on disk ...
    declared = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    assert declared > 200 * 1024 * 1024  # ... huge inflated
    started = time.perf_counter()
    with pytest.raises(InputError):
        load_bytes(bomb, "x.docx")
    assert time.perf_counter() - started < 0.5  # refused from the directory, nothing inflated


def test_dtd_detection_sees_utf16_parts() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    assert has_dtd(text.encode("utf-16"))
    assert has_dtd(text.encode("utf-8"))
    assert not has_dtd(b'<?xml version="1.0"?><w:document>&lt;!DOCTYPE is text here</w:document>')


def test_pdf_named_docx_is_refused_but_unnamed_pdf_bytes_are_read() -> None:
    pdf = build_pdf("# Rubrik\n\nEn mening som är text.\n")
    assert [section.heading for section in load_bytes(pdf, "<bytes>").sections()] == ["Rubrik"]
