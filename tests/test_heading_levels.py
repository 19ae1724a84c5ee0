"""Heading levels from rules that need no report's words: each on a fixture of our own.

The parts ``Inledning`` and ``Information från verksamheten`` and the ``Division``/``VO`` forms come
from the built-in organisation words (``text/heading_words.py``); the structure below them is
what each test is about. Every fixture is Word-style text: the same rules run on the units of
every layout.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, in_ci, seed_path

from reportdiff.ingest import load
from reportdiff.ingest.text import read_text
from reportdiff.text.headings import announces_what_follows, conjuncts
from reportdiff.text.normalize import heading_key

TRUTH = ROOT.parent / "shared" / "truth"


def _outline(*paragraphs: str) -> list[tuple[str, int]]:
    text = "\n\n".join(("Regiondirektörens rapport", "12 november 2025") + paragraphs) + "\n"
    return [(section.heading, section.level) for section in read_text(text).sections()]


def test_headings_after_text_that_announces_them_are_its_children() -> None:
    outline = _outline(
        "Inledning",
        "Rapporten beskriver läget i regionens verksamheter under oktober månad.",
        "Analyser",
        "Länets vårdbarometer",
        "Enkäten besvarades av drygt tretusen invånare i länet under våren.",
        "Resultaten redovisas nedan per nivå.",
        "Länet som helhet",
        "Förtroendet för vården är i stort sett oförändrat jämfört med förra året.",
        "Kommunerna",
        "Skillnaderna mellan kommunerna är större än mellan länsdelarna.",
    )
    assert outline[-3:] == [("Länets vårdbarometer", 3), ("Länet som helhet", 4), ("Kommunerna", 4)]


def test_a_sentence_that_points_at_a_chart_below_announces_no_headings() -> None:
    assert announces_what_follows("Enkäten besvarades av många. Nedan presenteras respektive område.")
    assert announces_what_follows("Resultaten sammanfattas nedan")
    assert not announces_what_follows("Diagrammet nedan visar utvecklingen per månad.")
    assert not announces_what_follows("Se bilaga nedan.")
    assert not announces_what_follows("Nedan följde en lång diskussion. Den avslutades i oktober.")


def test_a_part_titled_a_and_b_holds_sections_named_a_and_b() -> None:
    assert conjuncts("Miljö och hållbarhet") == {"miljö", "hållbarhet"}
    assert conjuncts("Aktuella händelser") == set()
    assert conjuncts("Hälso- och sjukvårdsnämnden") == set()  # one name, a shared ending
    outline = _outline(
        "Inledning",
        "Rapporten beskriver läget i regionens verksamheter under oktober månad.",
        "Patientsäkerhet och vårdhygien",
        "Vårdhygien",
        "Följsamheten till de basala hygienrutinerna har mätts på alla sjukhus.",
        "Mätning av handhygien",
        "Andelen korrekt utförda moment ökade till 82 procent.",
        "Patientsäkerhet",
        "Tre händelser har anmälts till tillsynsmyndigheten under perioden.",
    )
    assert ("Vårdhygien", 2) in outline and ("Patientsäkerhet", 2) in outline
    assert ("Mätning av handhygien", 3) in outline


def test_the_patient_safety_part_titled_alone_is_a_part() -> None:
    """Titled alone, the standing part is level 1 wherever it comes; inside a part titled with it
    ("… och vårdhygien", above) it is a section of that part."""
    outline = _outline(
        "Regiongemensamt",
        "Beredskapsenheten",
        "Enheten har övat krisledning med kommunerna under hösten.",
        "Patientsäkerhet",
        "Lex Maria",
        "Fyra händelser har anmälts till tillsynsmyndigheten under perioden.",
    )
    assert outline[-2:] == [("Patientsäkerhet", 1), ("Lex Maria", 2)]


def test_a_care_area_with_a_long_name_is_a_care_area() -> None:
    long_name = (
        "Verksamhetsområde anestesi, operation och intensivvård med sterilteknisk enhet "
        "och de dagkirurgiska enheterna i Norrby och Söderby"
    )
    outline = _outline(
        "Information från verksamheten",
        "Division Kirurgi",
        "VO Laboratoriemedicin",
        "Laboratoriet har infört nya rutiner för provtagning under hösten.",
        long_name,
        "Operationsverksamheten har haft full bemanning under hela hösten.",
    )
    assert outline[-2:] == [("VO Laboratoriemedicin", 3), (long_name, 3)]


def test_a_unit_named_for_its_task_stands_beside_the_care_areas_of_its_division() -> None:
    outline = _outline(
        "Information från verksamheten",
        "Division Närvård",
        "Verksamhetsområde vuxenpsykiatri",
        "Psykiatrin har samlats i ett länsgemensamt område under våren.",
        "Enheten för digital vård",
        "Enheten inrättades i april och har sex medarbetare.",
    )
    assert outline[-2:] == [("Verksamhetsområde vuxenpsykiatri", 3), ("Enheten för digital vård", 3)]


def test_a_heading_the_contents_lists_is_no_deeper_than_the_contents_goes() -> None:
    text = "\n\n".join(
        (
            "Innehållsförteckning",
            "Regiongemensamt\t2\nHR-avdelningen\t2\nDigitalisering och IT\t3",
            "Regiongemensamt",
            "HR-avdelningen",
            "Medarbetarenkät 2025",
            "Resultatet av den årliga enkäten är nu sammanställt.",
            "Digitalisering och IT",
            "Tre projekt har pausats under våren.",
        )
    )
    outline = [(section.heading, section.level) for section in read_text(text + "\n").sections()]
    assert outline == [
        ("Regiongemensamt", 1),
        ("HR-avdelningen", 2),
        ("Medarbetarenkät 2025", 3),
        ("Digitalisering och IT", 2),
    ]


def test_the_reports_own_unit_word_holds_names_of_five_words() -> None:
    outline = _outline(
        "Information från verksamheten",
        "Sektor Sjukhusvård",
        "Område Akutmottagningar",
        "Väntetiderna har minskat under våren.",
        "Område Ambulanssjukvård",
        "Ambulansstationen i Byn",
        "Ett nytt schema har införts på stationen.",
        "Område Anestesi, operation och intensivvård",
        "Operationskapaciteten har ökat.",
    )
    assert outline[-4:] == [
        ("Område Akutmottagningar", 3),
        ("Område Ambulanssjukvård", 3),
        ("Ambulansstationen i Byn", 4),
        ("Område Anestesi, operation och intensivvård", 3),
    ]


def test_a_name_under_the_cover_title_is_part_of_the_cover() -> None:
    text = "Regiondirektörens rapport\nRegion Mellansjö\n20 januari 2026\nInledning\nDet har varit en kall vinter.\n"
    report = read_text(text)
    assert (report.date and report.date.isoformat(), report.date_source) == ("2026-01-20", "cover")
    assert [section.heading for section in report.sections()] == ["Inledning"]


def test_communicable_disease_control_is_a_part_not_a_child_of_patient_safety() -> None:
    outline = _outline(
        "Patientsäkerhet och vårdhygien",
        "Patientsäkerhet",
        "Avvikelser",
        "Antalet avvikelser har minskat något sedan i somras.",
        "Smittskydd",
        "Influensasäsongen har börjat tidigare än vanligt i länet.",
    )
    assert outline[-1] == ("Smittskydd", 1)


def test_a_heading_with_sub_headings_after_a_divisions_flat_topics_is_the_divisions_sibling() -> None:
    outline = _outline(
        "Hälso- och sjukvårdsnämnden",
        "Division Specialistvård",
        "Ny mottagning",
        "En ny mottagning för långvarig smärta öppnar i december.",
        "Akutvårdsplatser",
        "Fyra akutvårdsplatser har öppnats vid länssjukhuset.",
        "Samverkan med kommunerna",
        "Uppföljning av avtalen",
        "Avtalen med kommunerna följs upp två gånger om året.",
    )
    assert outline[-4:] == [
        ("Ny mottagning", 3),
        ("Akutvårdsplatser", 3),
        ("Samverkan med kommunerna", 2),
        ("Uppföljning av avtalen", 3),
    ]


def test_a_divisions_nested_topics_keep_the_next_nested_topic_inside_it() -> None:
    outline = _outline(
        "Information från verksamheten",
        "Division Närsjukvård",
        "Primärvården",
        "Hälsocentralerna",
        "Väntetiderna har kortats vid de flesta hälsocentraler.",
        "Tandvården",
        "Barntandvården",
        "Kallelserna till barn och unga ligger i fas.",
    )
    assert outline[-4:] == [("Primärvården", 3), ("Hälsocentralerna", 4), ("Tandvården", 3), ("Barntandvården", 4)]


def test_a_topic_after_a_care_area_stands_beside_it_when_the_division_mixes_topics_and_areas() -> None:
    outline = _outline(
        "Information från verksamheten",
        "Division Specialistvård",
        "Laboratoriemedicin",
        "Provsvaren lämnas nu inom ett dygn på alla laboratorier.",
        "VO Kirurgi",
        "Operationsköerna har kortats under hösten.",
        "Vårdplatskoordinering",
        "En länsgemensam funktion för vårdplatser startade i oktober.",
    )
    assert outline[-3:] == [("Laboratoriemedicin", 3), ("VO Kirurgi", 3), ("Vårdplatskoordinering", 3)]


def test_a_care_area_directly_followed_by_a_heading_still_holds_it() -> None:
    outline = _outline(
        "Information från verksamheten",
        "Division Specialistvård",
        "Laboratoriemedicin",
        "Provsvaren lämnas nu inom ett dygn på alla laboratorier.",
        "VO Akut",
        "Akutmottagningarna",
        "Vistelsetiderna har minskat något.",
        "Ambulansen",
        "Två nya ambulanser har tagits i bruk.",
    )
    assert outline[-3:] == [("VO Akut", 3), ("Akutmottagningarna", 4), ("Ambulansen", 4)]


def _truth(name: str) -> dict[tuple[int, str], tuple[int, str | None]]:
    path = TRUTH / f"outline-{name}.json"
    if not path.exists():
        if in_ci():
            pytest.fail(f"{path} is absent: in CI the hand-checked outlines must be beside the clone", pytrace=False)
        pytest.skip(f"hand-checked outlines not available: {path} is absent")
    stack: list[tuple[str, int]] = []
    out = {}
    for item in json.loads(path.read_text(encoding="utf-8"))["headings"]:
        while stack and stack[-1][1] >= item["level"]:
            stack.pop()
        out[(item["line"], heading_key(item["text"]))] = (item["level"], heading_key(stack[-1][0]) if stack else None)
        stack.append((item["text"], item["level"]))
    return out


@pytest.mark.parametrize("name", list(SEED_FILES))
def test_the_seed_outlines_match_the_hand_checked_truth(name: str) -> None:
    expected = _truth(name)
    report = load(seed_path(name))
    got = {}
    for path, section in report.root.walk_with_path():
        if section.level > 0:
            parent = heading_key(path[-2]) if len(path) > 1 else None
            got[(section.span.start, heading_key(section.heading))] = (section.level, parent)
    assert set(got) == set(expected), "heading F1 below 1.000"
    right = sum(got[key] == expected[key] for key in expected)
    assert right / len(expected) >= 0.97, [key for key in expected if got[key] != expected[key]]


def test_fixtures_are_not_the_seeds_words() -> None:
    """The fixtures above are our own sentences (a guard against copying a seed line by accident)."""
    source = Path(__file__).read_text(encoding="utf-8")
    sentences = [line.strip().strip('",') for line in source.splitlines() if line.strip().endswith('.",')]
    for name in SEED_FILES:
        seed = seed_path(name).read_text(encoding="utf-8")
        assert not [sentence for sentence in sentences if sentence in seed], name


FOUR_UNITS = (
    "Inledning",
    "Rapporten beskriver läget i förvaltningarna under oktober månad.",
    "Information från verksamheten",
    "Förvaltning Teknik",
    "Gatubelysning",
    "Ett tusen armaturer har bytts mot lysdioder under hösten.",
    "Snöröjning",
    "Upphandlingen av snöröjning är klar och avtalen gäller från december.",
)


def test_organisation_words_are_data_a_configured_division_word_gives_level_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportdiff.text.heading_words import HeadingWords, heading_words

    text = "\n\n".join(FOUR_UNITS) + "\n"
    built_in = [(section.heading, section.level) for section in read_text(text).sections()]
    assert ("Förvaltning Teknik", 2) in built_in and ("Gatubelysning", 3) in built_in  # its shape and what follows

    # The library reads no configuration: a reportdiff.toml in the current folder changes nothing;
    # the CLI reads it and hands the words on (test_the_cli_reads_heading_words_from_the_configuration).
    (tmp_path / "reportdiff.toml").write_text('[headings]\ndivisions = ["Förvaltning"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert heading_words().divisions == ("Division",)
    words = HeadingWords.from_table({"divisions": ["Förvaltning"]})
    assert words.divisions == ("Division", "Förvaltning")
    report = read_text(text + "\n\nFörvaltning Kultur\n\nBiblioteken har förlängt öppettiderna.\n", words=words)
    outline = [(section.heading, section.level) for section in report.sections()]
    # without the word, the second 'Förvaltning' heading would sit under the first one's topics
    assert ("Förvaltning Kultur", 2) in outline and ("Snöröjning", 3) in outline
    assert "level 2: the form of a division" in "\n".join(report.explanations)


def test_a_configured_part_and_the_names_its_title_joins() -> None:
    from reportdiff.text.heading_words import HeadingWords

    words = HeadingWords.from_table({"parts": ["^miljö och hållbarhet$"]})
    text = "\n\n".join(
        (
            "Inledning",
            "Rapporten beskriver läget i regionens verksamheter under oktober månad.",
            "Miljö och hållbarhet",
            "Miljö",
            "Utsläppen från regionens resor har minskat med en femtedel.",
            "Tjänsteresor",
            "Fler möten hålls på distans än förra året.",
            "Hållbarhet",
            "Regionen har antagit en ny plan för hållbar upphandling.",
        )
    )
    outline = [(section.heading, section.level) for section in read_text(text, words=words).sections()]
    assert outline[1:] == [("Miljö och hållbarhet", 1), ("Miljö", 2), ("Tjänsteresor", 3), ("Hållbarhet", 2)]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"divisions": "Förvaltning"}, "divisions must be a list of words"),
        ({"parts": ["^(oavslutad"]}, "is not a regular expression"),
        ({"units": ["enhet"]}, "unknown key 'units'"),
        ({"replace": "ja"}, "replace must be true or false"),
    ],
)
def test_bad_heading_words_are_a_one_line_configuration_error(table: dict, message: str) -> None:  # type: ignore[type-arg]
    from reportdiff.errors import ConfigError
    from reportdiff.text.heading_words import HeadingWords

    with pytest.raises(ConfigError, match=message):
        HeadingWords.from_table(table)


def test_replace_true_switches_the_built_in_words_off() -> None:
    from reportdiff.text.heading_words import HeadingWords

    words = HeadingWords.from_table({"divisions": [], "care_areas": ["Område"], "replace": True})
    assert words.divisions == () and words.care_areas == ("Område",)
    assert not words.division_pattern.match("Division Nord") and words.care_area_pattern.match("Område Syd")
    assert words.parts == HeadingWords().parts  # a list not given stays as built in


def _levels(sections: list[dict]) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [pair for s in sections for pair in [(s["heading"], s["level"]), *_levels(s["children"])]]


def test_the_cli_reads_heading_words_from_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reportdiff.cli import run
    from reportdiff.text.heading_words import heading_words

    monkeypatch.chdir(tmp_path)
    text = "\n\n".join(FOUR_UNITS) + "\n\nFörvaltning Kultur\n\nBiblioteken har förlängt öppettiderna.\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    (tmp_path / "reportdiff.toml").write_text('[headings]\ndivisions = ["Förvaltning"]\n', encoding="utf-8")
    assert run(["outline", "r.txt", "--format", "json"]) == 0
    captured = capsys.readouterr()
    levels = dict(_levels(json.loads(captured.out)["sections"]))
    assert levels["Förvaltning Kultur"] == 2 and "unknown table" not in captured.err
    assert heading_words().divisions == ("Division",)  # the run's words end with the run
    (tmp_path / "reportdiff.toml").write_text('[headings]\ndivisions = "Förvaltning"\n', encoding="utf-8")
    assert run(["outline", "r.txt"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("reportdiff: error:") and "divisions must be a list" in err and "\n" not in err


def test_a_known_heading_form_on_a_nearly_full_pdf_line_is_not_joined_with_the_text_below() -> None:
    # 45 characters on 60-column lines: the next word would not have fitted, yet a care area's
    # heading ends its line (before, the heading was read as the start of the paragraph).
    text = "\n".join(
        (
            "Division Psykiatri",
            "Verksamhetsområde Vuxenpsykiatri",
            "Vuxenpsykiatrin har minskat väntetiden till första besök",
            "under månaden och fler patienter får sin bedömning i tid.",
            "Verksamhetsområde Länsgemensam Rättspsykiatri",
            "Rättspsykiatrin har tagit emot två nya patienter. Bemannin-",
            "gen är fortsatt god och inga vakanser finns på avdelningen.",
        )
    )
    report = read_text(text + "\n")
    assert report.style == "pdf-single"
    assert [section.heading for section in report.sections()][-1] == "Verksamhetsområde Länsgemensam Rättspsykiatri"
