"""The kinds of reading error seen on reports the rules were not tuned on, each on our own fixture.

1. a contents entry and the heading under it on one line; 2. headings below the contents' depth;
3. a title over 100 characters; 4. a dated attachment list under Bilagor; 5. in PDF text without
contents, a heading directly followed by another heading (the first is the parent); 6. no cover
date (tests/test_reader_cues.py); 7. layout (tests/test_style_invariance.py, tests/test_regroup.py).
"""

from __future__ import annotations

from reportdiff.ingest.text import read_text


def _outline(text: str) -> list[tuple[str, int]]:
    return [(section.heading, section.level) for section in read_text(text).sections()]


def _word(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


COVER = ("Regiondirektörens rapport", "12 november 2025")
CONTENTS = (
    "Innehållsförteckning",
    "Inledning\t2\nDivision Närsjukvård\t3\nDivision Specialistvård\t4\nBilagor\t5",
)
KIND_1_AND_2 = _word(
    *COVER,
    *CONTENTS,
    "Inledning",
    "Rapporten beskriver läget i regionens verksamheter under oktober månad.",
    "Division Närsjukvård Verksamhetsområde Primärvård",
    "Hälsocentralerna har haft ett högt tryck under hösten och väntetiderna har ökat något.",
    "Verksamhetsområde Rehabilitering",
    "Rehabiliteringen har infört digitala besök för fler patientgrupper under månaden.",
    "Division Specialistvård",
    "Operationsverksamheten har kortat köerna till de flesta ingreppen under hösten.",
    "Verksamhetsområde Kirurgi",
    "Kirurgin har rekryterat två nya specialistläkare som börjar i januari.",
    "Bilagor",
    "Delårsrapport januari–augusti 2025, daterad 2025-09-30\nUppföljning av vårdgarantin, 15 oktober 2025",
)


def test_a_contents_entry_and_the_heading_under_it_on_one_line_are_two_headings() -> None:
    outline = _outline(KIND_1_AND_2)
    division = outline.index(("Division Närsjukvård", 2))
    # the rest of the line is the first care area, a sibling of the one that follows (kind 2:
    # a level the contents does not list, under the division, not under the previous one)
    assert outline[division + 1 : division + 3] == [
        ("Verksamhetsområde Primärvård", 3),
        ("Verksamhetsområde Rehabilitering", 3),
    ]
    assert ("Division Specialistvård", 2) in outline and ("Verksamhetsområde Kirurgi", 3) in outline


def test_a_dated_attachment_list_is_not_a_run_of_headings() -> None:
    outline = _outline(KIND_1_AND_2)
    assert outline[-1] == ("Bilagor", 1)
    report = read_text(KIND_1_AND_2)
    assert [b.text[:12] for b in list(report.sections())[-1].blocks] == [
        "Delårsrappor",
        "Uppföljning ",
    ]


def test_a_title_over_100_characters_followed_by_text_is_a_heading() -> None:
    title = (
        "Regionens arbete med att utveckla den nära vården tillsammans med länets kommuner "
        "och civilsamhällets organisationer"
    )
    assert len(title) > 100
    outline = _outline(
        _word(
            *COVER,
            "Aktuella händelser",
            "Ett urval av det som hänt under perioden redovisas nedan.",
            title,
            "Under hösten har regionen och kommunerna tagit fram en gemensam plan för vården.",
            "Ny upphandling av ambulansflyg",
            "Upphandlingen har avslutats och ett nytt avtal gäller från årsskiftet.",
        )
    )
    assert outline == [("Aktuella händelser", 1), (title, 2), ("Ny upphandling av ambulansflyg", 2)]


def test_a_long_paragraph_split_by_a_page_break_is_still_rejoined() -> None:
    """The control for the title rule: several sentences, no final stop, then the rest."""
    first = (
        "Besöket omfattade flera hälsocentraler. Gruppen träffade också personal från "
        "ambulanssjukvården och från länets största kommun Kiruna"
    )
    report = read_text(_word(*COVER, "Inledning", first, "Kommun var värd för den sista dagen.", "Ekonomi", "Text."))
    assert [b.text for b in report.blocks()][0] == f"{first} Kommun var värd för den sista dagen."


def test_in_pdf_text_a_heading_followed_at_once_by_a_heading_is_its_parent() -> None:
    text = "\n".join(
        [
            "Inledning",
            "Arbetet med den nya planeringen av sommarens bemanning har fortsatt under",
            "perioden och flera verksamheter har redan lämnat sina underlag till staben.",
            "Kvalitet",
            "Uppdrag till regionen om uppföljning av vårdskador",
            "Inspektionen har gett regionen i uppdrag att redovisa hur vårdskador följs",
            "upp och vilka åtgärder som vidtagits under det senaste året i verksamheten.",
            "Läkemedelsgenomgångar i särskilt boende",
            "Under hösten har fler läkemedelsgenomgångar genomförts än under samma tid",
            "förra året, och arbetet fortsätter enligt den plan som beslutades i våras.",
        ]
    )
    outline = _outline(text + "\n")
    kvalitet = outline.index(next(item for item in outline if item[0] == "Kvalitet"))
    level = outline[kvalitet][1]
    assert outline[kvalitet + 1 :] == [
        ("Uppdrag till regionen om uppföljning av vårdskador", level + 1),
        ("Läkemedelsgenomgångar i särskilt boende", level + 1),
    ]


def test_the_other_report_of_a_pair_settles_a_heading_wrapped_before_a_capital(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from reportdiff.ingest import load_pair

    body = [
        "Arbetet med den nya planeringen av sommarens bemanning har fortsatt under",
        "perioden och flera verksamheter har redan lämnat sina underlag till staben.",
    ]
    pdf = ["Division Närsjukvård", *body, "Verksamhetsområde Norra länsdelen", "Rehabilitering", *body]
    word = _word(
        "Division Närsjukvård", " ".join(body), "Verksamhetsområde Norra länsdelen Rehabilitering", " ".join(body)
    )
    (tmp_path / "old.txt").write_text(word, encoding="utf-8")
    (tmp_path / "new.txt").write_text("\n".join(pdf) + "\n", encoding="utf-8")
    alone = read_text("\n".join(pdf) + "\n")
    assert "Rehabilitering" in [s.heading for s in alone.sections()]  # alone: a heading and its child
    old, new = load_pair(tmp_path / "old.txt", tmp_path / "new.txt")
    assert [s.heading for s in new.sections()] == [s.heading for s in old.sections()]
    assert any("'Verksamhetsområde Norra länsdelen Rehabilitering'" in w for w in new.warnings)
    assert not any(w.startswith("the other report") for w in old.warnings)
