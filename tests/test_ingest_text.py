"""Unit tests of the plain-text reader: de-hyphenation, encodings, contents, lists, furniture,
page breaks, metadata; and checks on the real reports by line number and short values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import seed_path

from reportdiff.ingest import load
from reportdiff.ingest.metadata import estimate_date, is_name_line, is_role_line, month_report_month, parse_date
from reportdiff.ingest.text import detect_style, read_text
from reportdiff.model import AsideKind, BlockKind, Report
from reportdiff.text.hyphenation import SpellingEvidence, join_hyphenated
from reportdiff.text.normalize import clean_text, heading_key

# --- de-hyphenation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("det var utma-", "nade tider", "det var utmanade tider"),  # a syllable break: rejoined
        ("inom hälso-", "och sjukvården", "inom hälso- och sjukvården"),  # shared ending before "och"
        ("barn-", "eller ungdomspsykiatri", "barn- eller ungdomspsykiatri"),
        ("digitala e-", "tjänster", "digitala e-tjänster"),  # one letter before the hyphen: a compound
        ("en KUM-", "enhet etableras", "en KUM-enhet etableras"),  # an acronym before the hyphen
        ("under 2020-", "2021 skedde", "under 2020-2021 skedde"),  # a range
        ("40-, 50-", "Division", "40-, 50- Division"),  # a capital after the break: a word ends there
    ],
)
def test_join_hyphenated(left: str, right: str, expected: str) -> None:
    assert join_hyphenated(left, right) == expected


def test_a_space_after_the_hyphen_in_the_source_keeps_the_words_apart() -> None:
    assert join_hyphenated("Covid 19-", "vaccinering", spaced=True) == "Covid 19- vaccinering"


def test_the_document_decides_between_hyphenated_and_joined_spellings() -> None:
    hyphenated_elsewhere = SpellingEvidence.from_lines(["vi erbjuder arbets-miljö i regionen"])
    joined_elsewhere = SpellingEvidence.from_lines(["arbets-miljö och arbetsmiljö"])
    assert join_hyphenated("god arbets-", "miljö", hyphenated_elsewhere) == "god arbets-miljö"
    assert join_hyphenated("god arbets-", "miljö", joined_elsewhere) == "god arbetsmiljö"
    assert join_hyphenated("god arbets-", "miljö") == "god arbetsmiljö"


def test_clean_text_strips_emphasis_and_collapses_whitespace() -> None:
    assert clean_text("startade  *Picrino*   forskningsstudie") == "startade Picrino forskningsstudie"
    assert clean_text("**fet** och _kursiv_ men 5*3 stannar") == "fet och kursiv men 5*3 stannar"
    assert heading_key("Region gemensamt") == heading_key("Regiongemensamt")


# --- encodings, through load() ----------------------------------------------------------------

SAMPLE = (
    "Inledning\n\nVårdplatserna på Sunderby sjukhus ökar, även i Gällivare och Älvsbyn.\n\nBilagor\n\n1. Åtgärder\n"
)


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        SAMPLE.encode("cp1252"),
        SAMPLE.encode("latin-1"),
        SAMPLE.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "cp1252", "latin-1", "cp1252-crlf"],
)
def test_encodings_decode_to_the_same_report(tmp_path: Path, encoded: bytes) -> None:
    path = tmp_path / "rapport.txt"
    path.write_bytes(encoded)
    report = load(path)
    assert [s.heading for s in report.sections()] == ["Inledning", "Bilagor"]
    assert next(report.blocks()).text.endswith("även i Gällivare och Älvsbyn.")
    assert report.style == "word"


# --- table of contents, lists, furniture, page breaks ---------------------------------------

WORD_WITH_TOC = """Regiondirektörens rapport

4 februari 2026

Innehållsförteckning

Inledning\t3
Information från verksamheten.....\t4
Division Exempel\t4
Bilagor\t9

Inledning

Det här är en inledning som slutar med punkt.

Anna Exempelsson

Regiondirektör

Information från verksamheten

Division Exempel

Arbetsmiljö

Arbetet med arbetsmiljön pågår och vi ser en tydlig förbättring under året, både på sjukhusen och på
hälsocentralerna, där många medarbetare i Kajiado

County har deltagit i utbildningen.

Övrigt

- Första punkten utan punkt
- *Andra* punkten.
• Tredje punkten

Bilagor

1. Månadsrapport januari 2026
2. Hälso- och sjukvårdsdirektörens rapport 20 januari 2026
"""


def test_word_style_with_toc_cover_signature_lists_and_split_paragraph() -> None:
    report = read_text(WORD_WITH_TOC)
    assert report.style == "word"
    assert [(e.heading, e.page) for e in report.toc][:2] == [("Inledning", 3), ("Information från verksamheten", 4)]
    assert [(s.heading, s.level) for s in report.sections()] == [
        ("Inledning", 1),
        ("Information från verksamheten", 1),
        ("Division Exempel", 2),
        ("Arbetsmiljö", 3),
        ("Övrigt", 3),
        ("Bilagor", 1),
    ]
    assert (report.title, report.date, report.date_text) == (
        "Regiondirektörens rapport",
        dt.date(2026, 2, 4),
        "4 februari 2026",
    )
    assert (report.author, report.author_role) == ("Anna Exempelsson", "Regiondirektör")
    kinds = {aside.kind for aside in report.asides}
    assert {AsideKind.TOC, AsideKind.COVER, AsideKind.SIGNATURE} <= kinds
    blocks = list(report.blocks())
    split = next(block for block in blocks if "Kajiado County har" in block.text)
    assert split.kind is BlockKind.PARAGRAPH and split.text.endswith("utbildningen.")
    items = [(b.marker, b.text) for b in blocks if b.kind is BlockKind.LIST_ITEM]
    assert items[:3] == [("-", "Första punkten utan punkt"), ("-", "Andra punkten."), ("•", "Tredje punkten")]
    assert [marker for marker, _ in items[3:]] == ["1.", "2."]
    assert not any("\t" in block.text or "Innehållsförteckning" in block.text for block in blocks)


# The layout of the seeds: a space after every line but a split word's, two where a paragraph ends.
PDF_TEXT = "\n".join(
    [
        " Inledning ",
        "",
        "Verksamheten har under perioden haft en hög belastning och det har varit utma-",
        "",
        "nande att bemanna alla enheter inom hälso- ",
        "",
        "och sjukvården under sommaren. Läget är nu bättre.  ",
        "",
        "Uppföljning ",
        "",
        "Arbetet med att följa upp de åtgärder som beslutades i våras fortsätter och ",
        "",
        " Sida 3 (12) ",
        "",
        "GÄLLER FÖR VERKSAMHET  DOKUMENT-ID VERSION ",
        "",
        " ABC123-456 1.0 ",
        "",
        "en rapport lämnas i juni. Därefter tar förvaltningen över ansvaret helt.  ",
        "",
        "Division Exempel ",
        "",
        "Tillgängligheten har förbättrats jämfört med föregående år och köerna har ",
        "",
        "minskat tydligt vid samtliga sjukhus i länet.  ",
        "",
    ]
)


@pytest.mark.parametrize("spacing", ["double", "single"])
def test_pdf_text_joins_lines_rejoins_words_and_sets_furniture_aside(spacing: str) -> None:
    text = PDF_TEXT if spacing == "double" else "\n".join(line for line in PDF_TEXT.split("\n") if line.strip())
    report = read_text(text)
    assert report.style == f"pdf-{spacing}"
    assert [s.heading for s in report.sections()] == ["Inledning", "Uppföljning", "Division Exempel"]
    first = next(report.blocks())
    assert "utmanande att bemanna" in first.text and "hälso- och sjukvården" in first.text
    across = list(report.blocks())[1]
    assert across.text.endswith(
        "fortsätter och en rapport lämnas i juni. Därefter tar förvaltningen över ansvaret helt."
    )
    furniture = [a.text for a in report.asides if a.kind is AsideKind.FURNITURE]
    assert furniture == ["Sida 3 (12)", "GÄLLER FÖR VERKSAMHET  DOKUMENT-ID VERSION", "ABC123-456 1.0"]
    assert all("Sida" not in block.text for block in report.blocks())


def test_flattened_table_becomes_table_rows() -> None:
    text = (
        "Rangordningen ser ut så här.\n\nSjukhus Placering Poäng\nKiruna 4 5,55\nGällivare 26 5\nPiteå 38 4,67\n\n"
        "Texten fortsätter här.\n"
    )
    report = read_text(text)
    rows = [b.text for b in report.blocks() if b.kind is BlockKind.TABLE_ROW]
    assert rows == ["Sjukhus Placering Poäng", "Kiruna 4 5,55", "Gällivare 26 5", "Piteå 38 4,67"]


def test_no_headings_degrades_to_one_section_with_a_warning() -> None:
    report = read_text("Bara text utan rubriker, med en hel mening.\n\nOch en rad till, också den en mening.\n")
    assert list(report.sections()) == []
    assert len(list(report.blocks())) == 2
    assert any("no headings" in warning for warning in report.warnings)


def test_style_detection_on_tiny_inputs_never_crashes() -> None:
    assert detect_style(["", "   ", ""]) == "word"
    assert read_text(" \n").root.blocks == []


# --- metadata ----------------------------------------------------------------------------------


def test_dates_names_and_roles() -> None:
    assert parse_date("Luleå 18 mars 2025") == dt.date(2025, 3, 18)
    assert parse_date("2023-03-14 Ulf Bergman") == dt.date(2023, 3, 14)
    assert parse_date("31 februari 2025") is None
    assert is_role_line("Tf Regiondirektör") and is_role_line("Regiondirektör")
    assert not is_role_line("Regiondirektören har beslutat")
    assert is_name_line("Ulrika Sundquist") and not is_name_line("Division Nära har")
    assert is_role_line("Regiondirektör, Region Norrbotten") and is_name_line("Anna af Klint")
    assert month_report_month("Månadsrapport per februari 2025") == 2


def test_date_estimated_from_the_monthly_report_heading() -> None:
    report = read_text("Månadsrapport oktober 2025\n\nResultatet är bättre än budget.\n\nBilagor\n\n1. Underlag\n")
    assert isinstance(report, Report)
    assert report.date == dt.date(2025, 11, 15)
    assert "Månadsrapport oktober 2025" in report.date_source and report.date_text == ""
    assert report.display_date() == "≈ 2025-11"  # an estimate to the month: the day is not in the text
    assert estimate_date(read_text("Bara en rad text.\n")) == (None, "")


# --- the real reports (values checked by reading them) ----------------------------------------

pytestmark_corpus = pytest.mark.corpus


@pytest.mark.corpus
def test_seed_004_metadata_toc_and_page_split_paragraphs() -> None:
    report = load(seed_path("004"))
    assert report.style == "word"
    assert (report.title, report.date, report.date_text) == (
        "Regiondirektörens rapport",
        dt.date(2025, 3, 18),
        "18 mars 2025",
    )
    assert report.date_source == "cover" and report.display_date() == "18 mars 2025"
    assert (report.author, report.author_role) == ("Ulrika Sundquist", "Regiondirektör")
    assert len(report.toc) == 27 and report.toc[0].line == 11 and report.toc[-1].line == 37
    spans = {(block.span.start, block.span.end) for block in report.blocks()}
    for start, end in [(73, 75), (115, 117), (141, 143), (165, 167), (243, 245), (348, 350), (376, 378)]:
        assert (start, end) in spans, f"lines {start}-{end} should be one paragraph"
    words = " ".join(block.text for block in report.blocks()).split()
    assert "medarbetare" in words and "kunskapsstyrning" in words  # rejoined across the page breaks
    assert not any("*" in block.text for block in report.blocks())


@pytest.mark.corpus
def test_seed_002_metadata_furniture_and_lists() -> None:
    report = load(seed_path("002"))
    assert report.style == "pdf-double"
    assert (report.author, report.author_role) == ("Ulf Bergman", "Tf Regiondirektör")
    assert report.date == dt.date(2023, 3, 14) and "publication" in report.date_source
    furniture = {aside.span.start: aside.text for aside in report.asides if aside.kind is AsideKind.FURNITURE}
    assert furniture[1632] == "Sida 24 (32)" and {1639, 1641, 1643, 1645} <= set(furniture)
    across = next(block for block in report.blocks() if block.span.start <= 1628 <= block.span.end)
    assert across.span.end >= 1647  # the paragraph continues after the furniture
    numbered = [b.marker for b in report.blocks() if b.kind is BlockKind.LIST_ITEM and b.marker[:1].isdigit()]
    assert numbered == ["1.", "2.", "1.", "2."]
    words = " ".join(block.text for block in report.blocks()).split()
    assert "utmaning" in words and "hälso-" in words  # utma-/ning rejoined, "hälso- och" kept


@pytest.mark.corpus
def test_seed_000_outline_and_estimated_date() -> None:
    report = load(seed_path("000"))
    assert report.style == "pdf-double"
    assert (report.author, report.author_role) == ("Ulrika Sundquist", "Regiondirektör")
    source_lines = seed_path("000").read_text(encoding="utf-8").split("\n")
    assert len(report.outline) == sum(1 for line in source_lines if line.startswith("\t"))
    assert report.title == "Regiondirektörens rapport" == report.outline[0].heading
    assert report.date is not None and (report.date.year, report.date.month) == (2024, 9)  # the README's month
    assert "29 augusti" in report.date_source and report.display_date().startswith("≈ 2024-09")
    rows = [block.text for block in report.blocks() if block.kind is BlockKind.TABLE_ROW]
    assert "Kiruna 4 4 5,55" in rows and "18 % 3,6 % 6,8 % 6,6 %" in rows


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["002", "000", "004"])
def test_seeds_lose_no_words(name: str) -> None:
    """Every word of the source is in a block, heading or aside (a rejoined split word counts once)."""
    source = seed_path(name).read_text(encoding="utf-8")
    report = load(seed_path(name))
    found = report.words() + [word for aside in report.asides for word in aside.text.split()]
    found += [block.marker for block in report.blocks() if block.marker]
    source_words = source.split()
    splits = sum(1 for line in source.split("\n") if line.rstrip(" ").endswith("-") and line.rstrip()[-2:-1].isalnum())
    glyphs = sum(1 for word in source_words if word in ("\uf0b7", "•"))
    lost_bullets = sum(1 for block in report.blocks() if block.marker == "•") - glyphs  # 002 lost its glyphs
    expected = len(source_words) - splits + lost_bullets
    assert abs(len(found) - expected) <= splits // 20 + 2  # a few compounds keep their hyphen


def test_a_page_number_at_the_foot_of_a_page_is_furniture() -> None:
    text = "\n".join(
        [
            "Inledning ",
            "",
            "Det här är en text som fortsätter över sidan och den är lång nog att ",
            "",
            "3 ",
            "",
            " vara en hel rad i en PDF och slutar med punkt.  ",
            "",
        ]
    )
    report = read_text(text)
    assert [a.text for a in report.asides if a.kind is AsideKind.FURNITURE] == ["3"]
    (block,) = report.blocks()
    assert block.text.endswith("lång nog att vara en hel rad i en PDF och slutar med punkt.")
    assert block.span.page == 1


def test_figure_captions_are_kept_as_captions() -> None:
    report = read_text(
        "Ekonomi\n\nDiagram 2. Nettokostnadsutveckling per månad\n\nKälla: Regionens ekonomisystem\n\nTexten.\n"
    )
    kinds = [(b.kind, b.text[:7]) for b in report.blocks()]
    assert kinds == [(BlockKind.CAPTION, "Diagram"), (BlockKind.CAPTION, "Källa: "), (BlockKind.PARAGRAPH, "Texten.")]
    assert [s.heading for s in report.sections()] == ["Ekonomi"]


def test_a_contents_entry_missing_from_the_body_is_reported() -> None:
    text = WORD_WITH_TOC.replace("Bilagor\t9", "Bilagor\t9\nRubrik som saknas\t9")
    report = read_text(text)
    assert any("Rubrik som saknas" in warning for warning in report.warnings)
    assert not any("not found" in warning for warning in read_text(WORD_WITH_TOC).warnings)


def test_a_contents_entry_matches_a_heading_spelled_slightly_differently() -> None:
    text = WORD_WITH_TOC.replace(
        "Information från verksamheten\n\nDivision", "Information från verksamhetn\n\nDivision"
    )
    report = read_text(text)
    assert "Information från verksamhetn" in [s.heading for s in report.sections()]
    assert not any("not found" in warning for warning in report.warnings)


def test_a_unit_copy_keeps_every_field_and_owns_its_lines() -> None:
    """``Unit.copy`` names the fields one by one (``dataclasses.replace`` was too slow): a field added
    later and not copied fails here."""
    import dataclasses

    from reportdiff.ingest.units import Line, Unit

    values: dict[str, object] = {"lines": [Line(3, "Rubrik"), Line(4, "fortsätter")], "kind": BlockKind.LIST_ITEM}
    for field in dataclasses.fields(Unit):
        if field.name in values:
            continue
        if isinstance(field.default, bool):
            values[field.name] = not field.default
        elif isinstance(field.default, int):
            values[field.name] = field.default + 7
        else:
            values[field.name] = f"{field.name}!"
    unit = Unit(**values)  # type: ignore[arg-type]
    copy = unit.copy()
    assert copy == unit
    assert copy.lines is not unit.lines
