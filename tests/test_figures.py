"""Figures: extraction from Swedish sentences, labels, and pairing across hand-built diffs."""

from __future__ import annotations

import json

import pytest
from diff_builder import make_diff
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.cli import run
from reportdiff.figures import extract_figures, figure_shifts, figures_in_text, parse_number
from reportdiff.ingest.markdown import read_markdown
from reportdiff.model import BlockChange, BlockOp, DocumentDiff, SectionPair, SectionStatus


def figures(text: str) -> list[tuple[float, float | None, str]]:
    return [(f.figure.value, f.figure.high, f.figure.unit) for f in figures_in_text(text)]


def labels(text: str) -> list[str]:
    return [f.figure.label for f in figures_in_text(text)]


# --- numbers and units --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi hade 7 419 anställda i maj.", [(7419, None, "st")]),
        ("Vi hade 7\u00a0419 anställda i maj.", [(7419, None, "st")]),
        ("Vi hade 7\u202f419 anställda i maj.", [(7419, None, "st")]),
        ("Frånvaron var 5,7 procent.", [(5.7, None, "procent")]),
        ("Besöken minskade med -1,2 procent.", [(-1.2, None, "procent")]),
        ("Besöken minskade med \u22123,5 %.", [(-3.5, None, "procent")]),
        ("Resultatet blev +425 miljoner kronor.", [(425, None, "mnkr")]),
        ("Resultatet blev 133 mnkr (- 241 mnkr) i år.", [(133, None, "mnkr"), (-241, None, "mnkr")]),
        ("Avvikelsen är (+ 118 mnkr).", [(118, None, "mnkr")]),
        ("Kostnaden är 1,7 mkr.", [(1.7, None, "mnkr")]),
        ("Budgeten är 2 miljarder kronor.", [(2, None, "mdkr")]),
        ("Avtalet är värt 180 tusen kronor.", [(180, None, "tkr")]),
        ("Avtalet är värt 40 tkr.", [(40, None, "tkr")]),
        ("Ersättningen är 35 kr per prov.", [(35, None, "kronor")]),
        ("Ersättningen är 6 500 kronor per styck.", [(6500, None, "kronor")]),
        ("Andelen sjönk med 4 procentenheter.", [(4, None, "procentenheter")]),
        ("Ökningen väntas bli 6–8 procent.", [(6, 8, "procent")]),
        ("Etableringen kostar 1,5-2 mnkr.", [(1.5, 2, "mnkr")]),
        ("Väntetiden är 5,7 månader.", [(5.7, None, "månader")]),
        ("Kursen pågår i 3 dagar och 2 veckor.", [(3, None, "dagar"), (2, None, "veckor")]),
        ("Passet är 12 timmar och rasten 30 minuter.", [(12, None, "timmar"), (30, None, "minuter")]),
        ("Tjänstgöringen är 2 år.", [(2, None, "år")]),
        ("Det finns 12 vårdplatser på enheten.", [(12, None, "st")]),
        ("Hittills har 28 lex Maria-anmälningar gjorts.", [(28, None, "st")]),
        ("Regionen köper sex nya datortomografer.", [(6, None, "st")]),
        ("Under 2023 utfördes 1912 förlossningar.", [(1912, None, "st")]),
        ("Hela 46 % av de svarande var nöjda.", [(46, None, "procent")]),
    ],
)
def test_quantities(text: str, expected: list[tuple[float, float | None, str]]) -> None:
    assert figures(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Beslutet togs den 18 mars 2025 av styrelsen.",
        "Avtalet gäller från och med 15 september 2022.",
        "Mätningen görs 2024-03-01 på alla enheter.",
        "Mätningen görs vecka 12 på alla enheter.",
        "Patienten flyttades till avdelning 64 i går.",
        "Huset Pelikanen 13 byggs om.",
        "Ring 1177 för rådgivning.",
        "Se bilaga 4 för detaljer.",
        "Under 2024 gick arbetet bra.",
        "Planen gäller 2025–2026 i hela länet.",
        "Sjukhuset kom på 4:e plats i rankingen.",
        "Beslut enligt anslag 2:4 fattades.",
        "Smittan covid-19 minskar nu.",
        "Division Länssjukvård 1 har haft en tuff sommar.",
        "Vi ordnar hälsosamtal för 40-, 50- och 60-åringar.",
        "Mötet hölls den 10–11 september i Luleå.",
        "Inventeringen sker 22/2 i år.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert figures(text) == []


def test_range_keeps_both_ends() -> None:
    (found,) = figures_in_text("Felmarginalen är 4-6 procentenheter.")
    assert (found.figure.value, found.figure.high) == (4, 6)
    assert found.figure.raw == "4-6 procentenheter"


def test_parse_number() -> None:
    assert parse_number("7 419") == 7419
    assert parse_number("5,7") == 5.7
    assert parse_number("\u22121,2") == -1.2
    assert parse_number("12\u202f000,5") == 12000.5


# --- labels: what a figure measures -------------------------------------------------------


def test_labels_name_what_is_measured() -> None:
    assert labels("Sjukfrånvaron till och med maj är 6,3 procent.") == ["sjukfrånvaro"]
    # a change is not a level: "minskade med 11,5 procent" is never paired with "övertid är 11,5 procent"
    assert labels("Övertiden minskade med 11,5 procent.") == ["övertid (förändring)"]
    assert labels("Sjukfrånvaron är 2 procent lägre än i fjol.") == ["sjukfrånvaro (förändring)"]
    assert labels("Övertiden är 11,5 procent av arbetstiden.") == ["övertid"]
    assert labels("Periodens resultat blev 300 mnkr.") == ["periodens resultat"]
    assert labels("I maj fanns 7 500 anställda.") == ["anställda"]


def test_count_after_a_count_keeps_the_noun() -> None:
    found = figures_in_text("Regionen har 7 500 anställda, vilket är 200 fler än förra året.")
    assert [(f.figure.value, f.figure.noun) for f in found] == [(7500, "anställda"), (200, "anställda")]


def test_figure_after_which_inherits_the_label_with_its_comparison() -> None:
    found = figures_in_text("Finansnettot är 400 mnkr, vilket är 500 mnkr bättre än budget.")
    assert [f.figure.label for f in found] == ["finansnetto", "finansnetto (budget)"]


def test_number_words_need_a_noun() -> None:
    assert figures("Fem enheter och sex nya team startar.") == [(5, None, "st"), (6, None, "st")]
    assert figures("Det blev sex av dem som kom.") == []


def test_key_holds_section_label_and_unit() -> None:
    report = read_markdown("# Ekonomi\n\n## Resultat\n\nPeriodens resultat blev 300 mnkr.\n")
    (figure,) = extract_figures(report)
    assert figure.key == (("Ekonomi", "Resultat"), "periodens resultat", "mnkr")
    assert figure.line == 5


def test_lines_inside_a_wrapped_paragraph_come_from_the_source() -> None:
    source = "# Personal\n\nRegionen har 7 500 anställda och\nen sjukfrånvaro på 5,1 procent.\n"
    report = read_markdown(source)
    found = extract_figures(report, source)
    assert [(f.value, f.line) for f in found] == [(7500, 3), (5.1, 4)]


# --- pairing across versions --------------------------------------------------------------

OLD = """# Månadsrapport

## Personal

Regionen har 7 419 anställda. Sjukfrånvaron är 5,7 procent.

## Ekonomi

Periodens resultat uppgår till 425 mnkr, vilket är 608 mnkr bättre än budget.

- Kostnaden för inhyrd personal är 95 mnkr lägre.
"""


def shifts_between(old: str, new: str) -> list[tuple[str, float | None, float | None]]:
    diff = make_diff(old, new)
    return sorted(
        (s.direction, s.old.value if s.old else None, s.new.value if s.new else None) for s in figure_shifts(diff)
    )


def test_identical_reports_have_no_shifts() -> None:
    assert shifts_between(OLD, OLD) == []


def test_changed_numbers_are_shifts_with_old_and_new() -> None:
    new = OLD.replace("7 419", "7 512").replace("608 mnkr", "590 mnkr")
    assert shifts_between(OLD, new) == [("down", 608, 590), ("up", 7419, 7512)]


def test_shift_has_change_relative_and_label() -> None:
    diff = make_diff(OLD, OLD.replace("5,7 procent", "6,2 procent"))
    (shift,) = figure_shifts(diff)
    assert shift.label == "sjukfrånvaro"
    assert shift.unit == "procent"
    assert shift.change == pytest.approx(0.5)
    assert shift.relative == pytest.approx(0.5 / 5.7)
    assert shift.direction == "up"
    assert shift.section_path == ("Månadsrapport", "Personal")


def test_reworded_sentence_pairs_by_position() -> None:
    new = OLD.replace("Regionen har 7 419 anställda.", "Antalet anställda i regionen är nu 7 600.")
    assert ("up", 7419, 7600) in shifts_between(OLD, new)


def test_new_and_removed_paragraphs_give_appeared_and_disappeared() -> None:
    new = OLD.replace("- Kostnaden för inhyrd personal är 95 mnkr lägre.\n", "") + "\nVi har 12 nya vårdplatser.\n"
    assert shifts_between(OLD, new) == [("appeared", None, 12), ("disappeared", 95, None)]


def test_unchanged_numbers_in_a_reworded_sentence_are_not_shifts() -> None:
    new = OLD.replace("Regionen har 7 419 anställda.", "Regionen har nu hela 7 419 anställda.")
    assert shifts_between(OLD, new) == []


def test_moved_unchanged_block_is_not_a_shift() -> None:
    old_report = read_markdown(OLD)
    new_report = read_markdown(OLD)
    old_section = old_report.root.children[0].children[0]
    new_section = new_report.root.children[0].children[0]
    block_old, block_new = old_section.blocks[0], new_section.blocks[0]
    pair = SectionPair(
        SectionStatus.CHANGED,
        old_section,
        new_section,
        old_path=("Månadsrapport", "Personal"),
        new_path=("Månadsrapport", "Personal"),
        blocks=[BlockChange(BlockOp.MOVE, block_old, block_new, moved_from=("Elsewhere",))],
    )
    diff = DocumentDiff(old=old_report, new=new_report, pairs=[pair])
    assert figure_shifts(diff) == []


def test_same_paragraph_deleted_and_inserted_elsewhere_is_not_a_shift() -> None:
    new = OLD.replace(
        "## Ekonomi\n\nPeriodens resultat uppgår till 425 mnkr, vilket är 608 mnkr bättre än budget.\n",
        "## Ekonomi\n\nEn ny mening först.\n\n"
        "Periodens resultat uppgår till 425 mnkr, vilket är 608 mnkr bättre än budget.\n",
    )
    assert shifts_between(OLD, new) == []


# --- properties ---------------------------------------------------------------------------

_NUMBERS = st.integers(min_value=1, max_value=99_999)


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", " ")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(_NUMBERS, min_size=1, max_size=5), edits=st.data())
def test_every_changed_number_is_one_shift(values: list[int], edits: st.DataObject) -> None:
    sentences = [f"Enhet {chr(65 + i)} har {_grouped(v)} patienter i kö." for i, v in enumerate(values)]
    old = "# Köer\n\n" + "\n\n".join(sentences) + "\n"
    changed = edits.draw(st.sets(st.integers(min_value=0, max_value=len(values) - 1)))
    new_values = list(values)
    for index in changed:
        new_values[index] = values[index] + edits.draw(st.integers(min_value=1, max_value=500))
    new_sentences = [f"Enhet {chr(65 + i)} har {_grouped(v)} patienter i kö." for i, v in enumerate(new_values)]
    new = "# Köer\n\n" + "\n\n".join(new_sentences) + "\n"
    got = sorted((s.old.value, s.new.value) for s in figure_shifts(make_diff(old, new)) if s.old and s.new)
    assert got == sorted((values[i], new_values[i]) for i in changed)
    assert all(s.old and s.new for s in figure_shifts(make_diff(old, new)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.lists(_NUMBERS, min_size=1, max_size=6), width=st.integers(min_value=20, max_value=60))
def test_rewrapped_input_has_no_shifts(values: list[int], width: int) -> None:
    import textwrap

    from reportdiff.comparison import compare

    paragraph = " ".join(f"Post {i} kostar {_grouped(v)} kronor och ökar 2,5 procent." for i, v in enumerate(values))
    old = read_markdown("# Kostnader\n\n" + paragraph + "\n")
    new = read_markdown("# Kostnader\n\n" + "\n".join(textwrap.wrap(paragraph, width)) + "\n")
    assert figure_shifts(compare(old, new)) == []
    assert compare(old, new).summary.figure_shifts == []


# --- the figures command ------------------------------------------------------------------


def test_figures_command_json(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.md"
    path.write_text("# Ekonomi\n\nPeriodens resultat blev 300 mnkr och 4,5 procent.\n", encoding="utf-8")
    assert run(["figures", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == "reportdiff.figures/1"
    assert document["count"] == 2
    assert [(f["value"], f["unit"], f["line"]) for f in document["figures"]] == [(300, "mnkr", 3), (4.5, "procent", 3)]
    assert document["figures"][0]["section_path"] == ["Ekonomi"]


def test_figures_command_csv_and_output_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.md"
    path.write_text("# Personal\n\nVi har 12 nya vårdplatser.\n", encoding="utf-8")
    out = tmp_path / "f.csv"
    assert run(["figures", str(path), "--format", "csv", "-o", str(out)]) == 0
    rows = out.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "line,section,label,noun,value,high,unit,raw"
    assert rows[1].startswith("3,Personal,vårdplatser (nya),vårdplatser,12,,st,12")


def test_figures_command_text_and_missing_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "r.md"
    path.write_text("# A\n\nVi har 12 vårdplatser.\n", encoding="utf-8")
    assert run(["figures", str(path)]) == 0
    out = capsys.readouterr().out
    assert "vårdplatser" in out and out.rstrip().endswith("1 figures")
    assert run(["figures", str(tmp_path / "missing.md")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_figures_json_follows_the_shipped_schema(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from importlib import resources

    import jsonschema

    schema = json.loads(resources.files("reportdiff").joinpath("data/figures.schema.json").read_text(encoding="utf-8"))
    path = tmp_path / "r.md"
    path.write_text(
        "# Ekonomi\n\nResultatet blev -1,5 mnkr, kostnaden 6–8 procent och vi har sex nya team.\n", encoding="utf-8"
    )
    assert run(["figures", str(path), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, schema)
    assert document["schema"] == schema["title"]
    assert [f["high"] for f in document["figures"]] == [None, 8, None]


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("Sjukfrånvaron", "sjukfrånvaro"),
        ("Övertiden", "övertid"),
        ("Finansnettot", "finansnetto"),
        ("Antalet", "antal"),
        ("vårdplatserna", "vårdplatser"),
        ("tillgängligheten", "tillgänglighet"),
        ("region", "region"),
        ("person", "person"),
        ("budget", "budget"),
        ("verksamhet", "verksamhet"),
        ("ärenden", "ärenden"),
        ("invånarna", "invånare"),
        ("Medarbetarna", "medarbetare"),
        ("läkarna", "läkare"),
        ("deltagarna", "deltagare"),
        ("bilarna", "bilar"),
        ("dagarna", "dagar"),
        ("vägarna", "vägar"),
        ("användarna", "användare"),
        ("undersökningarna", "undersökningar"),
    ],
)
def test_base_form_folds_only_definite_endings(word: str, base: str) -> None:
    from reportdiff.text.stem import base_form

    assert base_form(word) == base


def test_stems_catch_inflections() -> None:
    from reportdiff.text.stem import stem

    assert stem("påbörjades") == stem("påbörjade")
    assert stem("vårdplatserna") == stem("vårdplatser")


def test_figures_command_reads_a_megabyte_line_in_bounded_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """One 1 MB line without a full stop: each bare number ("12,") once re-read all text before it."""
    import subprocess
    import sys

    chunk = "väntetiden ökade 7 419 besök och 5,7 procent, " + "ord " * 20 + "12, "
    repetitions = 2**20 // len(chunk)
    path = tmp_path / "oneline.txt"
    path.write_text(chunk * repetitions, encoding="utf-8")
    assert "\n" not in path.read_text(encoding="utf-8").strip() and path.stat().st_size > 1_000_000
    done = subprocess.run(
        [sys.executable, "-m", "reportdiff", "figures", str(path)],
        capture_output=True,
        text=True,
        timeout=20,  # generous: about 2 s on a laptop, minutes before the fix
    )
    assert done.returncode == 0, done.stderr
    # Two figures per chunk (7 419 besök, 5,7 procent); the bare "12" counts nothing.
    assert done.stdout.rstrip().endswith(f"\n{2 * repetitions} figures")


def test_an_overlong_sentence_is_never_cut_inside_a_grouped_number() -> None:
    """Text without full stops is cut into pieces for context, but never between 7 and 419."""
    from reportdiff.figures import figures_in_text

    for filler in range(240, 260):
        text = "ord " * filler + "a 7 419 besök"
        values = [found.figure.value for found in figures_in_text(text)]
        assert values == [7419], (filler, values)


def _shift_values(old_md: str, new_md: str) -> list[tuple[str, float, float]]:
    from diff_builder import make_diff

    from reportdiff.figures import figure_shifts

    found = figure_shifts(make_diff(old_md, new_md))
    return sorted((s.label, s.old.value, s.new.value) for s in found if s.old is not None and s.new is not None)


def test_figures_with_different_qualifiers_are_different_measures() -> None:
    old = "# Vård\n\nDet finns 82 pågående ärenden hos enheten.\n"
    new = "# Vård\n\nDet finns 350 avslutade ärenden hos enheten.\n"
    assert _shift_values(old, new) == []
    assert [values[1:] for values in _shift_values(old, new.replace("avslutade", "pågående"))] == [(82.0, 350.0)]


def test_counts_of_different_nouns_are_not_paired() -> None:
    old = "# Bild\n\nTre nya ambulanser köps in.\n"
    new = "# Bild\n\nFyra nya röntgensjuksköterskor anställs.\n"
    assert _shift_values(old, new) == []


def test_a_measure_under_another_heading_is_paired_when_it_is_said_the_same_way() -> None:
    """A renamed monthly part: the same measure, unique in both reports, in sentences that agree."""
    old = "# Resultat februari\n\nSjukfrånvaron ackumulerat till och med januari är 6,1 procent i regionen.\n"
    new = "# Månadsrapport juli\n\nSjukfrånvaron ackumulerat till och med juni är 5,7 procent i regionen.\n"
    assert _shift_values(old, new) == [("sjukfrånvaro", 6.1, 5.7)]
    # said another way (nothing but the label shared): not the same measure for sure
    other = "# Månadsrapport juli\n\nSjukfrånvaron bland chefer är 5,7 procent.\n"
    assert _shift_values(old, other) == []


def test_a_forecast_an_earlier_period_and_a_part_are_not_the_measure_itself() -> None:
    """Beside the figure that moved, a report states its forecast, the earlier period it compares
    with and the parts of a whole: each with the same label and unit. Told apart, the one figure
    of each side that is the measure itself is paired; before, two candidates alike meant none."""
    old = (
        "# Resultat februari\n\nFinansnettot för regionen är positivt och uppgår till 54 mnkr.\n\n"
        "Sjukfrånvaron ackumulerat till och med januari är 6,1 procent i regionen. Det är klart lägre "
        "än samma period 2021 då sjukfrånvaron var 9,8 procent.\n\n"
        "Regionen har per den sista januari 6 807 anställda, varav 6 339 är tillsvidareanställda och "
        "468 är vikarier.\n"
    )
    new = (
        "# Månadsrapport juli\n\nFinansnettot för regionen är positivt med 461 mnkr.\n\n"
        "Sjukfrånvaron ackumulerat till och med juni är 5,7 procent i regionen.\n\n"
        "Regionen har per den sista juni 7 419 anställda.\n\n"
        "## Årsprognos\n\nFinansnettot för regionen beräknas bli positivt med 265 mnkr.\n"
    )
    assert _shift_values(old, new) == [("anställda", 6807, 7419), ("finansnetto", 54, 461), ("sjukfrånvaro", 6.1, 5.7)]


def test_an_outcome_is_never_paired_with_a_forecast() -> None:
    old = "# Resultat februari\n\nVerksamhetens resultat för regionen i sin helhet är 79 mnkr.\n"
    new = "# Månadsrapport juli\n\nVerksamhetens resultat för regionen i sin helhet prognostiseras bli 378 mnkr.\n"
    assert _shift_values(old, new) == []
    assert _shift_values(old, new.replace("prognostiseras bli", "är")) == [("verksamhetens resultat", 79, 378)]


def test_a_figure_said_twice_is_one_figure_and_a_size_class_no_count() -> None:
    """An introduction that repeats a figure of its section leaves one value, not two candidates;
    "företag med 3–49 anställda" is a span, not the number of staff."""
    old = (
        "# Inledning\n\nI rapporten läser vi att 77 procent av invånarna har tillgång till vården de behöver.\n\n"
        "# Barometern 2022\n\nEn klar majoritet av invånarna, 77 procent, har tillgång till vården de behöver.\n\n"
        "# Personal februari\n\nRegionen har per den sista januari 6 807 anställda i regionen.\n\n"
        "# Företagsstöd\n\nFöretag med 3-49 anställda kan söka stödet.\n"
    )
    new = (
        "# Inledning\n\nVälkommen till rapporten.\n\n"
        "# Barometern 2023\n\nEn majoritet av invånarna, 78 procent, uppger att de har tillgång till "
        "vården de behöver.\n\n"
        "# Personal juni\n\nRegionen har per den sista juni 7 419 anställda i regionen.\n"
    )
    assert _shift_values(old, new) == [("anställda", 6807, 7419), ("invånare", 77, 78)]


def test_a_change_noun_without_a_figure_before_it_names_the_measure_of_the_clause_before() -> None:
    assert labels(
        "Regionen minskade kostnaderna för inhyrd personal med en tredjedel, vilket innebär en besparing på 230 mnkr."
    ) == ["kostnader för inhyrd (förändring)"]
    # with a figure before it, the change noun inherits that figure's label, as before
    inherited = labels("Resultatet är 425 mnkr, en förbättring med 241 mnkr jämfört med föregående år.")[1]
    assert inherited.startswith("resultat")


def test_singular_and_plural_of_a_noun_in_nad_are_one_label() -> None:
    old = "# Ekonomi juli\n\nKostnaden för inhyrd bemanning är 95 miljoner kronor lägre.\n"
    new = (
        "# Inledning\n\nVi minskade kostnaderna för inhyrd bemanning, vilket innebär en besparing "
        "på 230 miljoner kronor.\n"
    )
    assert [values[1:] for values in _shift_values(old, new)] == [(95, 230)]


def test_the_monthly_part_under_another_month_needs_one_shared_word_elsewhere_two() -> None:
    """The one top-level heading of each report that names a month is its monthly part, whatever
    else the heading says; so is a heading that names a year, read without it. There a measure
    said with one word in common is the same measure; between unrelated sections it is not."""
    culture = "# Kultur\n\nKonserter för barn hölls i hela länet under vintern.\n"
    old = "# Resultat februari 2023\n\nPensionskostnaderna är 46 mnkr högre jämfört med föregående år.\n\n" + culture
    new = "# Månadsrapport juli\n\nKostnaderna för pensioner är 111 miljoner kronor högre.\n\n" + culture
    assert [values[1:] for values in _shift_values(old, new)] == [(46, 111)]
    unrelated = culture + "\n# Pensioner i regionen\n\nKostnaderna för pensioner är 111 miljoner kronor högre.\n"
    assert _shift_values(old, unrelated) == []
    old_year = "# Barometern 2022\n\nPensionskostnaderna är 46 mnkr högre jämfört med föregående år.\n"
    new_year = "# Barometern 2023\n\nKostnaderna för pensioner är 111 miljoner kronor högre.\n"
    assert [values[1:] for values in _shift_values(old_year, new_year)] == [(46, 111)]


def test_a_generic_head_with_for_is_its_compound() -> None:
    from reportdiff.figures.pairing import pairing_key
    from reportdiff.model import Figure

    def key(label: str) -> str:
        return pairing_key(Figure(value=1, unit="mnkr", label=label, raw="1", sentence="", section_path=(), line=1))[0]

    assert key("kostnader för pensioner (förändring)") == key("pensionskostnader (förändring) (fg år)")
    assert key("intäkter för vård") == key("vårdintäkter")
    assert key("kostnader för pensioner") != key("personalkostnader")
    assert key("kostnader för pensioner (budget)") != key("kostnader för pensioner (förändring)")


def test_a_proportion_in_words_is_a_share_not_a_count() -> None:
    found = figures_in_text("Åtta av tio patienter är nöjda med vården.")
    assert [(f.figure.value, f.figure.unit, f.figure.label) for f in found] == [(80.0, "procent", "andel patienter")]
    # a part of another whole is a count of the part, told apart from the whole
    found = figures_in_text("I 3 av 5 sjukhus finns nu DT.")
    assert [(f.figure.value, f.figure.unit, f.figure.label) for f in found] == [(3.0, "st", "sjukhus (av 5)")]
    # "tre av dessa" refers back: no proportion
    assert [f.figure.unit for f in figures_in_text("Tre av dessa gäller akuten.")] == []


def test_a_label_reads_past_a_word_of_possession_to_the_noun() -> None:
    """Words like "för egen personal", "för sina anställda" say whose, not what: the label goes on to the noun,
    and the noun alone names the measure ("kostnaderna för egen personal" are personnel costs)."""
    assert labels("Kostnaderna för egen personal har ökat med 268 miljoner kronor.") == [
        "kostnader för egen personal (förändring)"
    ]
    culture = "# Kultur\n\nKonserter för barn hölls i hela länet under vintern.\n"
    old = "# Resultat mars 2024\n\nPersonalkostnaderna för egen personal är 52 mnkr högre än förra året.\n\n" + culture
    new = "# Månadsrapport oktober\n\nKostnaderna för egen personal har ökat med 310 miljoner kronor.\n\n" + culture
    assert [values[1:] for values in _shift_values(old, new)] == [(52, 310)]
    # hired staff are not the own staff: the adjective that says which still counts
    hired = new.replace("egen", "inhyrd")
    assert _shift_values(old, hired) == []


def test_cases_where_something_goes_on_count_that_thing() -> None:
    """A count like "14 ärenden där granskning pågår" is 14 reviews going on, as "pågår 19 granskningar" says
    it; a count of anything but cases keeps its noun."""
    found = figures_in_text("Just nu finns 14 ärenden där granskning pågår hos nämnden.")
    assert [(f.figure.value, f.figure.label) for f in found] == [(14.0, "granskning")]
    old = "# Tillsyn\n\nJust nu finns 14 ärenden där granskning pågår hos nämnden.\n"
    new = "# Tillsyn\n\nHos nämnden pågår nu 19 granskningar av verksamheten.\n"
    assert [values[1:] for values in _shift_values(old, new)] == [(14, 19)]
    found = figures_in_text("Det finns 6 kommuner där utbyggnad pågår.")
    assert [f.figure.label for f in found] == ["kommuner"]


def test_a_goal_a_whole_year_and_a_forecast_of_another_year_are_other_measures() -> None:
    """Told apart from the outcome of the period: a goal ("med målet att … 40"), a whole year against
    one month, a forecast of another year, and all who ever took part against those in it now."""
    goal = "# Vård\n\nProgrammet har målet att öppna 40 nya vårdplatser.\n"
    outcome = "# Vård\n\nHittills har 22 nya vårdplatser öppnats.\n"
    assert _shift_values(goal, outcome) == []
    month = "# Produktion\n\nI augusti genomfördes 1 130 operationer i regionen.\n"
    year = "# Produktion\n\nUnder hela 2025 genomfördes 14 900 operationer i regionen.\n"
    assert _shift_values(month, year) == []
    assert _shift_values(month, month.replace("1 130", "1 210").replace("augusti", "september")) == [
        ("operationer", 1130, 1210)
    ]
    forecast = "# Ekonomi\n\nÅrsprognosen för 2025 pekar på ett resultat på -180 miljoner kronor.\n"
    assert _shift_values(forecast, forecast.replace("2025", "2026").replace("-180", "-150")) == []
    assert [v[1:] for v in _shift_values(forecast, forecast.replace("-180", "-120"))] == [(-180, -120)]
    ongoing = "# Pilot\n\nI dag har piloten 64 patienter i pågående monitorering.\n"
    total = "# Pilot\n\nUnder pilotperioden deltog totalt 212 patienter i piloten.\n"
    assert _shift_values(ongoing, total) == []


def test_a_part_of_a_known_whole_is_a_count_a_tenth_a_share_and_a_percent_of_a_noun_a_share() -> None:
    rooms = "# Kirurgi\n\nI Byn är sex av nio operationssalar i drift.\n"
    assert _shift_values(rooms, rooms.replace("sex av nio", "sju av nio")) == [("operationssalar (av 9)", 6, 7)]
    # the part is never paired with the whole
    whole = "# Bild\n\nRegionen köper sex nya datortomografer.\n"
    assert _shift_values(whole, "# Bild\n\nTre av sex nya datortomografer är i drift.\n") == []
    tenths = "# Vård\n\nI december fick sju av tio patienter ett första besök inom 90 dagar.\n"
    percent = "# Vård\n\nI april fick 73 procent av patienterna ett första besök inom 90 dagar.\n"
    assert _shift_values(tenths, percent) == [("andel patienter", 70, 73)]


def test_a_period_noun_is_no_measure() -> None:
    old = "# Ekonomi\n\nPerioden januari–november visar ett resultat på -84 miljoner kronor.\n"
    new = "# Ekonomi\n\nHelåret 2025 visar ett resultat på -121 miljoner kronor.\n"
    assert _shift_values(old, new) == [("resultat", -84, -121)]
