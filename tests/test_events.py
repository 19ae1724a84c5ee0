"""Events on hand-built diffs: initiatives, resolved items, status changes, dates passed, people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from diff_builder import make_diff

from reportdiff.classify import load_rules, summarise
from reportdiff.classify.common import item_name
from reportdiff.classify.dates import announced_dates
from reportdiff.classify.events import find_events
from reportdiff.classify.scoring import tier
from reportdiff.classify.topics import phase_of
from reportdiff.errors import ConfigError
from reportdiff.model import DocumentDiff, Event, EventKind

RULES = load_rules()


def events(diff: DocumentDiff) -> list[Event]:
    return summarise(diff, RULES).events


def kinds(diff: DocumentDiff) -> list[tuple[str, str, str]]:
    return sorted((e.kind.value, e.rule, e.title) for e in events(diff))


BASE = """# Aktuella händelser

## Vårdplatser

Arbetet med vårdplatser fortsätter som tidigare.

# Regiongemensamt

## IT-avdelningen

Aktuella förstudier:

- Säker e-post – förstudien pågår.
- Mobila enheter – förstudien pågår.

Aktuella pågående projekt:

- Kritiska larm – projektet pågår.
"""


def with_sentence(sentence: str) -> str:
    """BASE with ``sentence`` added to its first paragraph: inserted text for the sentence rules."""
    return BASE.replace("som tidigare.", f"som tidigare. {sentence}")


def test_identical_reports_have_no_events() -> None:
    assert events(make_diff(BASE, BASE)) == []


def test_new_section_is_an_initiative_and_a_missing_one_is_not_in_the_report() -> None:
    """Absence is not evidence: a section the new report lacks is "not in this report", never resolved."""
    new = BASE.replace("## Vårdplatser\n\nArbetet med vårdplatser fortsätter som tidigare.\n", "") + (
        "\n## Nytt kompetenscentrum\n\nEtt kompetenscentrum för våld i nära relationer byggs upp.\n"
    )
    got = kinds(make_diff(BASE, new))
    assert ("new_initiative", "section.added", "Nytt kompetenscentrum") in got
    assert ("not_in_report", "section.absent", "Vårdplatser") in got
    assert not [kind for kind in got if kind[0] == "resolved"]


def test_only_the_top_of_an_added_subtree_is_reported() -> None:
    new = BASE + "\n# Nytt beredskapslager\n\nLagret byggs upp under året.\n\n## Lagret i Luleå\n\nLuleå är först.\n"
    got = [e for e in events(make_diff(BASE, new)) if e.rule == "section.added"]
    assert [e.title for e in got] == ["Nytt beredskapslager"]


def test_a_new_topic_under_a_unit_without_a_start_statement_is_withheld() -> None:
    """A heading first seen under a unit is a topic area as often as a new matter: not told as news
    unless a sentence states a start, but kept with its reason for --explain."""
    new = BASE + "\n# Division Nära\n\n## Sjukresor\n\nSjukresorna planeras av en central enhet.\n"
    diff = make_diff(BASE, new)
    assert [e for e in events(diff) if e.rule == "section.added"] == []
    withheld = [e for e in summarise(diff, RULES).withheld if e.rule == "section.added"]
    assert [e.title for e in withheld] == ["Sjukresor"]
    assert "no sentence states a start" in withheld[0].why


def test_a_unit_heading_is_structure_and_its_sentences_are_news() -> None:
    new = BASE + "\n# Ekonomiavdelningen\n\nEn ny finanspolicy har beslutats av fullmäktige.\n"
    got = kinds(make_diff(BASE, new))
    assert [kind for kind in got if kind[1] == "section.added"] == []
    assert [kind[:2] for kind in got if kind[2].startswith("Ekonomiavdelningen")] == [
        ("new_initiative", "sentence.start")
    ]


def test_list_items_inserted_and_removed() -> None:
    new = BASE.replace("- Mobila enheter – förstudien pågår.\n", "- Virtuell vårdavdelning – förstudie pågår.\n")
    got = kinds(make_diff(BASE, new))
    assert ("new_initiative", "list.added", "Virtuell vårdavdelning") in got
    assert ("not_in_report", "list.absent", "Mobila enheter") in got


def test_item_reworded_in_its_own_list_is_neither_new_nor_resolved() -> None:
    """The same project with its status sentence rewritten, so that the engine does not pair the two
    items as a rewording (few words shared): still not an initiative plus a resolved item."""
    from reportdiff.comparison import diff_reports
    from reportdiff.ingest.markdown import read_markdown

    def engine_events(old: str, new: str) -> list[Event]:
        return summarise(diff_reports(read_markdown(old, "old.md"), read_markdown(new, "new.md")), RULES).events

    reworded = BASE.replace(
        "- Kritiska larm – projektet pågår.\n",
        "- Kritiska larm – leverantören har levererat en första version som nu testas av två enheter.\n",
    )
    assert [e for e in engine_events(BASE, reworded) if e.rule in ("list.added", "list.removed")] == []
    # a different item in its place is still news
    other = BASE.replace("- Kritiska larm – projektet pågår.\n", "- Digital triage – projektet pågår.\n")
    got = sorted((e.kind.value, e.rule, e.title) for e in engine_events(BASE, other))
    assert ("new_initiative", "list.added", "Digital triage") in got
    assert ("not_in_report", "list.absent", "Kritiska larm") in got


def test_item_that_moves_from_feasibility_to_project_moved_on() -> None:
    new = BASE.replace("- Säker e-post – förstudien pågår.\n", "").replace(
        "- Kritiska larm – projektet pågår.\n",
        "- Kritiska larm – projektet pågår.\n- Säker e-post – projektet har startat.\n",
    )
    got = [e for e in events(make_diff(BASE, new)) if e.topic == "Säker e-post"]
    assert len(got) == 1
    assert got[0].rule == "list.promoted"
    assert (got[0].old_status, got[0].new_status) == ("förstudie", "projekt")


def test_item_that_moves_to_maintenance_is_resolved() -> None:
    old = BASE + "\nI förvaltning:\n\n- Journalen – i drift.\n"
    new = old.replace("- Kritiska larm – projektet pågår.\n", "").replace(
        "- Journalen – i drift.\n", "- Journalen – i drift.\n- Kritiska larm – överlämnat.\n"
    )
    (event,) = [e for e in events(make_diff(old, new)) if e.topic == "Kritiska larm"]
    assert event.kind is EventKind.RESOLVED
    assert (event.old_status, event.new_status) == ("projekt", "förvaltning")


def test_sentences_that_announce_a_start_or_completion() -> None:
    new = BASE.replace(
        "Arbetet med vårdplatser fortsätter som tidigare.",
        "Arbetet med vårdplatser fortsätter som tidigare. En ny vårdavdelning har öppnats i Kalix. "
        "Ombyggnaden av akuten är nu slutförd.",
    )
    got = {(e.kind.value, e.rule) for e in events(make_diff(BASE, new))}
    assert ("new_initiative", "sentence.start") in got
    assert ("resolved", "sentence.done") in got


def test_inflections_are_caught_by_stemming() -> None:
    for verb in ("påbörjats", "påbörjades", "påbörjat"):
        new = with_sentence(f"Ett utvecklingsarbete har {verb} i Boden.")
        assert any(e.rule == "sentence.start" for e in events(make_diff(BASE, new))), verb


def test_negated_cue_is_not_an_event() -> None:
    new = with_sentence("Arbetet har ännu inte påbörjats.")
    assert [e for e in events(make_diff(BASE, new)) if e.rule.startswith("sentence.")] == []


def test_unchanged_sentences_with_cues_are_not_events() -> None:
    old = with_sentence("En ny enhet har startats.")
    new = old.replace("## IT-avdelningen", "## IT-avdelningen\n\nEn rad utan signal.")
    assert [e for e in events(make_diff(old, new)) if e.rule.startswith("sentence.")] == []


def test_a_count_of_things_done_is_a_figure_not_a_resolved_matter() -> None:
    done = [
        "Per den 6 maj har 104 undersökningar genomförts.",
        "Under veckan genomfördes 18 undersökningar.",
        "Under samma period har 5 händelseanalyser avslutats.",
    ]
    for sentence in done:
        new = with_sentence(sentence)
        assert [e for e in events(make_diff(BASE, new)) if e.rule == "sentence.done"] == [], sentence
    # A date or a year beside the cue is no count: these are matters done.
    for sentence in (
        "Natten mot den 5 april driftsattes journalsystemet.",
        "Flytten genomfördes 2024 i Luleå.",
        "Under 2024 har flytten genomförts.",
        "Projektet avslutades 15 augusti med en slutrapport.",
    ):
        new = with_sentence(sentence)
        assert [e.rule for e in events(make_diff(BASE, new))] == ["sentence.done"], sentence


def test_a_sentence_that_only_changed_its_figures_is_no_news() -> None:
    old = with_sentence("Andelen besök som genomförts i tid är 60 procent i mars.")
    new = old.replace("60 procent i mars", "58 procent i april")
    assert [e for e in events(make_diff(old, new)) if e.rule.startswith("sentence.")] == []
    reworded = old.replace("Andelen besök som genomförts i tid", "Ombyggnaden av akuten är genomförd och andelen")
    assert [e.rule for e in events(make_diff(old, reworded)) if e.rule.startswith("sentence.")] == ["sentence.done"]


def test_present_and_infinitive_forms_do_not_announce_completion() -> None:
    for sentence in ("Rättningar levereras varje vecka.", "Programvaran installeras under månaden."):
        new = with_sentence(sentence)
        assert [e for e in events(make_diff(BASE, new)) if e.rule == "sentence.done"] == [], sentence
    new = with_sentence("Programvaran har installerats.")
    assert [e.rule for e in events(make_diff(BASE, new))] == ["sentence.done"]


def test_inför_announces_what_is_ahead_and_only_itself() -> None:
    ahead = with_sentence("Resurserna stöttar förvaltningen inför projektavslutet i augusti.")
    assert [e for e in events(make_diff(BASE, ahead)) if e.rule == "sentence.done"] == []
    begun = with_sentence("Förberedelserna inför överlämningen har påbörjats.")
    assert [e.rule for e in events(make_diff(BASE, begun))] == ["sentence.start"]
    # ... and a date it announces is one to check once it has passed.
    old = with_sentence("Lokalerna ställs i ordning inför mässan i början av april.")
    diff = make_diff(old, BASE)
    diff.old.date, diff.new.date = dt.date(2025, 2, 10), dt.date(2025, 5, 12)
    (event,) = [e for e in events(diff) if e.kind is EventKind.DATE_PASSED]
    assert (event.side, event.rule, event.old_status) == ("old", "date.passed", "2025-04-30")
    # The title names the matter, not a bare month.
    assert event.title == "Vårdplatser: Lokalerna ställs i ordning inför mässan i början av april."


def test_a_state_or_a_named_decision_announces_no_start() -> None:
    for sentence in ("Det finns 412 öppna felärenden.", "Styrgruppen fattar beslut om driftstart i maj."):
        new = with_sentence(sentence)
        assert [e for e in events(make_diff(BASE, new)) if e.rule.startswith("sentence.start")] == [], sentence
    for sentence in ("En ny mottagning öppnades i Luleå.", "Styrgruppen har beslutat om driftstart."):
        new = with_sentence(sentence)
        assert [e.rule for e in events(make_diff(BASE, new))] == ["sentence.start"], sentence


OLD_TOPIC = """# Avrapportering

## Journalsystemet

Regionen följer tidsplanen för införandet. Driftstart förbereds och migrering av data pågår.
Utbildningsinsatser förbereds inför driftstart.
"""

NEW_TOPIC = """# Avrapportering

## Journalsystemet

Systemet är i drift sedan november. Överlämning till förvaltningsorganisationen är genomförd och
förvaltning tar över; projektavslut sker i mars.
"""


def test_status_change_of_a_running_topic() -> None:
    (event,) = [e for e in events(make_diff(OLD_TOPIC, NEW_TOPIC)) if e.kind is EventKind.STATUS_CHANGE]
    assert event.topic == "Journalsystemet"
    assert (event.old_status, event.new_status) == ("go-live", "hand-over")
    assert event.rule == "status.hand-over"
    assert event.title == "Journalsystemet: införande → överlämning"


def test_no_status_change_when_the_phase_stays() -> None:
    new = OLD_TOPIC.replace("pågår.", "pågår enligt plan.")
    assert [e for e in events(make_diff(OLD_TOPIC, new)) if e.kind is EventKind.STATUS_CHANGE] == []


def test_phase_needs_enough_cue_words() -> None:
    assert phase_of("Ett möte hölls.", RULES) == ("", 0)
    assert phase_of(NEW_TOPIC, RULES)[0] == "hand-over"


def test_a_compound_that_opens_with_a_cue_word_is_that_cue() -> None:
    # Swedish joins the modifier to the head: an improvement project says improvement.
    text = (
        "Journalsystemet har använts i drift i ett år. Förbättringsprojektet har inlett sitt arbete och "
        "förbättringsarbetet ges företräde framför annan utveckling."
    )
    assert phase_of(text, RULES) == ("improvement", 2)
    assert phase_of("Införandeplanen och migreringsteamet är på plats.", RULES) == ("go-live", 2)
    # a short cue word ("avtal", "avslut") opens too many words to count: "avslutningsvis" is no closing
    assert phase_of("Avslutningsvis vill jag tacka alla. Avtalsfrågorna är lösta.", RULES) == ("", 0)


def test_new_and_acting_director() -> None:
    diff = make_diff(BASE, BASE)
    diff.old.author, diff.old.author_role = "Anna Andersson", "Regiondirektör"
    diff.new.author, diff.new.author_role = "Bertil Berg", "Tf Regiondirektör"
    (event,) = [e for e in events(diff) if e.kind is EventKind.PEOPLE]
    assert event.rule == "people.director"
    assert event.title == "Anna Andersson, Regiondirektör → Bertil Berg, Tf Regiondirektör"
    diff.new.author_role = "Regiondirektör"
    (event,) = [e for e in events(diff) if e.kind is EventKind.PEOPLE]
    assert event.title == "Regiondirektör: Anna Andersson → Bertil Berg"
    diff.new.author, diff.new.author_role = "Anna Andersson", "Tf Regiondirektör"
    (event,) = [e for e in events(diff) if e.kind is EventKind.PEOPLE]
    assert event.rule == "people.acting"
    assert (event.old_status, event.new_status) == ("Regiondirektör", "Tf Regiondirektör")


def test_same_director_is_not_an_event() -> None:
    diff = make_diff(BASE, BASE)
    for report in (diff.old, diff.new):
        report.author, report.author_role = "Anna Andersson", "Regiondirektör"
    assert events(diff) == []


def test_new_person_in_a_role() -> None:
    new = with_sentence("Ny verksamhetschef för kirurgin blir Karin Ek.")
    assert any(e.rule == "people.role" for e in events(make_diff(BASE, new)))
    new = with_sentence("Cheferna diskuterade nya flöden.")
    assert not any(e.kind is EventKind.PEOPLE for e in events(make_diff(BASE, new)))


def test_dates_announced_and_passed() -> None:
    old = with_sentence("Dispensen gäller till och med den 31 december 2024.")
    new = with_sentence("Vi söker en ny dispens.")
    diff = make_diff(old, new)
    diff.old.date, diff.new.date = dt.date(2024, 9, 15), dt.date(2025, 3, 18)
    (event,) = [e for e in events(diff) if e.kind is EventKind.DATE_PASSED]
    assert (event.side, event.rule, event.old_status) == ("old", "date.passed", "2024-12-31")
    diff.new.date = dt.date(2024, 11, 1)
    assert [e for e in events(diff) if e.kind is EventKind.DATE_PASSED] == []
    diff.new.date = None
    assert [e for e in events(diff) if e.kind is EventKind.DATE_PASSED] == []


def test_a_date_announced_twice_in_one_section_is_one_event() -> None:
    old = with_sentence(
        "Avtalet ska vara klart i mars.\n\nEftersom avtalet ska vara klart i mars planeras utbildningar."
    )
    new = with_sentence("Väggarna har målats om.")
    diff = make_diff(old, new)
    diff.old.date, diff.new.date = dt.date(2025, 1, 10), dt.date(2025, 4, 20)
    passed = [e for e in events(diff) if e.kind is EventKind.DATE_PASSED]
    assert [(e.old_status, e.text.startswith("Avtalet")) for e in passed] == [("2025-03-31", True)]


def test_a_date_passed_whose_outcome_the_new_report_may_tell_is_withheld() -> None:
    """The new report speaks of the announced matter again: ask it, do not claim silence."""
    old = with_sentence("Inflyttningen i den nya stationen är planerad till januari.")
    diff = make_diff(old, with_sentence("Inflyttningen i stationen skedde den 19 januari och gick bra."))
    diff.old.date, diff.new.date = dt.date(2025, 10, 1), dt.date(2026, 3, 1)
    summary = summarise(diff, RULES)
    assert [e for e in summary.events if e.kind is EventKind.DATE_PASSED] == []
    (held,) = [e for e in summary.withheld if e.kind is EventKind.DATE_PASSED]
    assert [ev.side for ev in held.evidence] == ["old", "new"]
    assert "19 januari" in held.evidence[1].sentence
    # silent on it: the date passed is claimed
    diff = make_diff(old, with_sentence("Väggarna har målats om."))
    diff.old.date, diff.new.date = dt.date(2025, 10, 1), dt.date(2026, 3, 1)
    assert [e.rule for e in events(diff) if e.kind is EventKind.DATE_PASSED] == ["date.passed"]


def test_a_date_told_in_the_past_tense_is_not_an_announcement() -> None:
    """A past verb right after the date says what happened, even with a future cue further on."""
    told = "I början av februari deltog enheten i en konferens och ska nu ta fram en plan."
    planned = "I början av februari ska enheten delta i en konferens."
    for text, expected in ((told, []), (planned, ["2025-02-28"])):
        assert _passed_when_dropped(text, dt.date(2025, 1, 10), dt.date(2025, 4, 20)) == expected, text


def _passed_when_dropped(sentence: str, old_date: dt.date, new_date: dt.date) -> list[str]:
    """The passed dates when OLD (of ``old_date``) says ``sentence`` and NEW (of ``new_date``) drops it."""
    diff = make_diff(with_sentence(sentence), BASE)
    diff.old.date, diff.new.date = old_date, new_date
    return [e.old_status for e in events(diff) if e.kind is EventKind.DATE_PASSED]


def test_carried_over_announcement_is_stale_in_the_new_report() -> None:
    text = with_sentence("Enheten kommer att öppna i mars.")
    diff = make_diff(text, text)
    diff.old.date, diff.new.date = dt.date(2025, 1, 10), dt.date(2025, 4, 20)
    got = [(e.side, e.rule) for e in events(diff) if e.kind is EventKind.DATE_PASSED]
    assert got == [("new", "date.stale")]  # reported once, where the reader still sees it


def test_announced_dates_resolve_the_year() -> None:
    assert announced_dates("Start i mars.", dt.date(2024, 9, 1)) == [(dt.date(2025, 3, 31), "mars")]
    assert announced_dates("Klart 5 juni 2024.", None) == [(dt.date(2024, 6, 5), "5 juni 2024")]
    assert announced_dates("Start i mars.", None) == []


def test_item_name() -> None:
    assert item_name("Säker e-post – förstudien pågår.") == "Säker e-post"
    assert item_name("Ett verktyg för digitala beställningar är infört och i drift i hela regionen nu") == (
        "Ett verktyg för digitala beställningar är infört och …"
    )


def test_ranking_is_deterministic_and_scored() -> None:
    new = BASE.replace("- Mobila enheter – förstudien pågår.\n", "- Virtuell vårdavdelning – förstudie pågår.\n")
    new += "\n# Ny säkerhetsfunktion\n\nEn beredskapsplan tas fram.\n"
    first = events(make_diff(BASE, new))
    second = events(make_diff(BASE, new))
    assert [(e.title, e.score) for e in first] == [(e.title, e.score) for e in second]
    tiers = [tier(e) for e in first]
    assert tiers == sorted(tiers)
    for a, b in zip(first, first[1:], strict=False):
        assert tier(a) < tier(b) or a.score >= b.score
    top = first[0]
    assert top.rule == "section.added" and top.title == "Ny säkerhetsfunktion"
    # kind weight 0.8 × level weight 1.0 (depth 1) × size (1 + 4 words / 200)
    assert top.score == pytest.approx(0.8 * 1.0 * (1 + 4 / 200), abs=1e-4)
    # what is no longer in the report ranks after everything else
    assert first[-1].kind.value == "not_in_report"


def test_figure_shifts_are_ranked_by_relative_change() -> None:
    old = "# Ekonomi\n\nKostnaden för läkemedel är 100 mnkr. Antalet resor är 50 000 resor.\n"
    new = "# Ekonomi\n\nKostnaden för läkemedel är 150 mnkr. Antalet resor är 51 000 resor.\n"
    shifts = summarise(make_diff(old, new), RULES).figure_shifts
    assert [(s.old.value, s.new.value) for s in shifts if s.old and s.new] == [(100, 150), (50000, 51000)]
    assert shifts[0].score > shifts[1].score


def test_user_rule_file_extends_the_builtin(tmp_path: Path) -> None:
    extra = tmp_path / "rules.toml"
    extra.write_text('[events]\nstart = ["kickat igång"]\n', encoding="utf-8")
    rules = load_rules(extra)
    new = with_sentence("Vi har kickat igång ett nätverk.")
    diff = make_diff(BASE, new)
    assert any(e.rule == "sentence.start" for e in find_events(diff, rules))
    assert not any(e.rule == "sentence.start" for e in find_events(diff, RULES))
    assert rules.start.find(["påbörjat"])  # the builtin words are still there


def test_bad_rule_file_is_a_config_error(tmp_path: Path) -> None:
    extra = tmp_path / "rules.toml"
    extra.write_text("[events\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rules(extra)
    extra.write_text('[events]\nstart = "startat"\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        load_rules(extra)


# --- what one sentence states: the rules of issue 14, each with a case that must not fire --------------


def _stated(sentence: str) -> list[tuple[str, str]]:
    found = summarise(make_diff(BASE, with_sentence(sentence)), RULES)
    return [(e.kind.value, e.rule) for e in found.events]


def _withheld(sentence: str) -> list[tuple[str, str]]:
    return [(e.kind.value, e.rule) for e in summarise(make_diff(BASE, with_sentence(sentence)), RULES).withheld]


def test_every_claim_carries_the_sentence_that_states_it() -> None:
    sentence = "Mottagningen i Arvidsjaur pausades tillfälligt i juli."
    (event,) = events(make_diff(BASE, with_sentence(sentence)))
    assert [(said.side, said.sentence) for said in event.evidence] == [("new", sentence)]
    assert event.evidence[0].section_path == ("Aktuella händelser", "Vårdplatser")
    assert event.line == event.evidence[0].line and event.why


@pytest.mark.parametrize(
    ("sentence", "stage"),
    [
        ("Mottagningen i Arvidsjaur pausades tillfälligt i juli.", "sentence.stage.paused"),
        ("Byggstarten har skjutits upp till nästa år.", "sentence.stage.postponed"),
        ("Övrig utveckling pausas för att ge prioritet åt förbättringsarbetet.", "sentence.stage.paused"),
        ("Medel för nästa steg har beviljats av staten.", "sentence.stage.granted"),
        ("Den första av fyra nya kameror har installerats i Kiruna.", "sentence.stage.partial"),
    ],
)
def test_a_stage_reached_is_a_status_change(sentence: str, stage: str) -> None:
    assert _stated(sentence) == [("status_change", stage)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Besök med störst behov kan prioriteras under våren.",  # a habit, not a stage reached
        "Arbetet utvärderas och förbättras kontinuerligt.",
        "Ärendet har inte pausats.",
    ],
)
def test_present_forms_and_negations_are_no_stage(sentence: str) -> None:
    assert _stated(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Projektet avslutas i maj med en slutrapport.",  # ahead
        "Ombyggnaden är klar i etapp ett och arbetet pågår med etapp två.",  # goes on
        "I våras blev det klart att enheten byter lokaler.",  # it became clear that
        "Projektet har påbörjat planeringen inför projektavslutet.",  # a closing named, not stated
    ],
)
def test_work_that_goes_on_or_lies_ahead_is_not_resolved(sentence: str) -> None:
    assert [kind for kind, _ in _stated(sentence) if kind == "resolved"] == []


def test_an_activity_held_is_withheld_unless_it_names_a_matter_that_ends() -> None:
    assert _stated("Den 3 mars genomfördes ett möte med länets kommuner.") == []
    assert _withheld("Den 3 mars genomfördes ett möte med länets kommuner.") == [("resolved", "sentence.done")]
    assert _stated("Flytten av avdelningen genomfördes i juni.") == [("resolved", "sentence.done")]
    # the matter as the agent ("av projektet") does not make it the thing finished
    assert _stated("En bedömning har genomförts av projektet.") == []


def test_start_verbs_in_the_infinitive_or_present_say_what_is_meant_not_what_began() -> None:
    assert _stated("Förstudien syftar till att etablera ett nytt stöd.") == []
    assert _stated("Under våren påbörjas bygget av den nya parkeringen.") == []
    assert _stated("Två granskningar väntar på uppstart.") == []
    assert _stated("En ny mottagning har öppnats i Kalix.") == [("new_initiative", "sentence.start")]


def test_a_paragraph_tells_one_matter_once() -> None:
    two = "Ett nytt team har startats i Luleå. Teamet har också inlett ett samarbete med skolan."
    summary = summarise(make_diff(BASE, with_sentence(two)), RULES)
    assert [e.rule for e in summary.events] == ["sentence.start"]
    assert [e.rule for e in summary.withheld] == ["sentence.start"]


def test_units_merged_or_renamed_are_one_reorganisation_not_new_and_gone() -> None:
    old = "# Information\n\n## Division Nära\n\nNära vård i hela länet.\n\n## VO Kirurgi\n\nOperationer.\n"
    new = old.replace("Division Nära", "Division Primärvård").replace("VO Kirurgi", "Verksamhetsområde Kirurgi")
    renames = {"Division Primärvård": "Division Nära", "Verksamhetsområde Kirurgi": "VO Kirurgi"}
    diff = make_diff(old, new, renames)
    for pair in diff.pairs:
        pair.renamed = bool(pair.old and pair.new and pair.old.heading != pair.new.heading)
    got = [(e.kind.value, e.title) for e in summarise(diff, RULES).events]
    # "VO" written out is the same unit: no event; a unit with a new name is one
    assert got == [("reorganisation", "Division Nära → Division Primärvård")]


def test_a_start_the_old_report_announced_is_a_status_change_with_both_sentences() -> None:
    old = with_sentence("Bygget av den nya akutmottagningen ska påbörjas under hösten.")
    new = with_sentence("Bygget av den nya akutmottagningen har påbörjats.")
    (event,) = events(make_diff(old, new))
    assert (event.kind.value, event.rule, event.old_status, event.new_status) == (
        "status_change",
        "sentence.stage.started",
        "planerat",
        "startat",
    )
    assert [said.side for said in event.evidence] == ["new", "old"]
    # a start of something else is still a new initiative
    other = with_sentence("Ett nytt nätverk för barnrättsombud har startats.")
    assert [e.rule for e in events(make_diff(old, other))] == ["sentence.start"]


def test_through_a_month_in_a_sentence_with_a_figure_is_its_period_not_a_date_due() -> None:
    figure = "Övertiden till och med oktober är 4,2 procent av arbetad tid."
    due = "Dispensen gäller till och med oktober."
    for text, expected in ((figure, []), (due, ["2025-10-31"])):
        assert _passed_when_dropped(text, dt.date(2025, 9, 10), dt.date(2025, 11, 20)) == expected, text
