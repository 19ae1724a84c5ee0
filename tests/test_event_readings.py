"""How single sentences are read: what states a closing, a trend, a phase, a thing in place, and
what only looks like a cue (an adjective, an occasion, somebody's words, a start long past)."""

from __future__ import annotations

import datetime as dt

from conftest import ROOT, SEED_FILES, seed_path, snapshot_paths
from diff_builder import make_diff
from test_events import BASE, RULES, with_sentence

from reportdiff import compare, load_pair
from reportdiff.classify import summarise
from reportdiff.classify.dates import announced_dates
from reportdiff.classify.sentences import read_sentence
from reportdiff.model import ChangeSummary, EventKind


def summary_of(old: str, new: str, dates: tuple[dt.date, dt.date] | None = None) -> ChangeSummary:
    diff = make_diff(old, new)
    if dates:
        diff.old.date, diff.new.date = dates
    return summarise(diff, RULES)


def told(sentence: str) -> list[tuple[str, str]]:
    """(kind, rule) of the events the summary tells for ``sentence`` added to BASE."""
    return [(e.kind.value, e.rule) for e in summary_of(BASE, with_sentence(sentence)).events]


def test_a_decision_to_end_or_a_closing_named_is_a_stage_not_a_matter_resolved() -> None:
    for sentence in (
        "Styrgruppen har beslutat att avsluta mätningarna.",
        "I rapporten kan ni läsa om avslut för servicekontoret i Byn.",
    ):
        assert told(sentence) == [("status_change", "sentence.stage.closing")], sentence
    # What the text says has ended is still resolved.
    assert told("Utredningen om mottagningen är avslutad.") == [("resolved", "sentence.done")]


def test_a_cue_word_used_as_an_adjective_states_nothing() -> None:
    assert told("Enkäten visar en klar förbättring på alla orter.") == []
    assert told("Enheten arbetar med övriga beslutade uppdrag.") == []


def test_how_an_occasion_opened_or_closed_is_no_start_and_no_end() -> None:
    assert told("Mötet avslutades med en frågestund.") == []
    assert told("Enheten inledde hösten med en utbildningsdag för vikarier.") == []
    assert told("Projektet avslutades 15 augusti med en slutrapport.") == [("resolved", "sentence.done")]


def test_a_start_in_what_somebody_is_said_to_have_said_is_withheld() -> None:
    summary = summary_of(BASE, with_sentence("Kommunen säger också att en ny busslinje har startats."))
    assert summary.events == []
    assert [(e.kind, e.rule) for e in summary.withheld] == [(EventKind.NEW_INITIATIVE, "sentence.start")]
    assert "relays" in summary.withheld[0].why


def test_a_measure_said_to_have_risen_is_a_status_change_with_its_word() -> None:
    (event,) = summary_of(BASE, with_sentence("Tillgängligheten till röntgen har ökat under året.")).events
    assert (event.kind, event.rule, event.new_status) == (EventKind.STATUS_CHANGE, "sentence.trend", "ökat")
    assert event.evidence[0].sentence == "Tillgängligheten till röntgen har ökat under året."
    # With a figure it is the figure table's; without "har" the participle names a state.
    assert told("Antalet besök har minskat med 3 procent.") == []
    assert told("Akutmottagningen ser ett ökat inflöde av patienter.") == []
    assert told("Väntetiderna har inte minskat.") == []


def test_a_matter_moving_into_its_next_phase_is_a_status_change() -> None:
    assert told("Styrgruppen har beslutat att gå vidare in i fasen test.") == [
        ("status_change", "sentence.stage.next_phase")
    ]


SPOKEN_OF = "Upphandling pågår av en mobil röntgenenhet för Byn."


def test_a_thing_now_in_place_that_the_old_report_spoke_of_is_resolved() -> None:
    old = with_sentence(SPOKEN_OF)
    new = old.replace(SPOKEN_OF, f"{SPOKEN_OF} Under mars har en mobil röntgenenhet etablerats i Byn.")
    (event,) = summary_of(old, new).events
    assert (event.kind, event.rule) == (EventKind.RESOLVED, "sentence.in_place")
    assert [(e.side, e.sentence) for e in event.evidence][1] == ("old", SPOKEN_OF)
    # Of a matter the old report never spoke of, the same words are news.
    assert told("Under mars har en ny hörselmottagning etablerats i Kusten.") == [("new_initiative", "sentence.start")]


def test_a_start_dated_before_the_old_report_is_withheld() -> None:
    dates = (dt.date(2024, 9, 19), dt.date(2025, 3, 18))
    long_ago = "Efter sommaren 2024 påbörjades en ny upphandling, eftersom avtalet löpte ut 1 mars 2025."
    summary = summary_of(BASE, with_sentence(long_ago), dates)
    assert summary.events == []
    assert "before the old report" in summary.withheld[0].why
    recent = summary_of(BASE, with_sentence("I januari påbörjades en ny upphandling."), dates)
    assert [(e.kind, e.rule) for e in recent.events] == [(EventKind.NEW_INITIATIVE, "sentence.start")]


def test_a_month_just_before_the_report_is_its_recent_past_not_next_year() -> None:
    written = dt.date(2023, 3, 14)
    assert announced_dates("Under februari pågår arbete inför sommaren.", written) == [
        (dt.date(2023, 2, 28), "februari")
    ]
    assert announced_dates("Start i december.", written) == [(dt.date(2023, 12, 31), "december")]
    assert announced_dates("Start i januari.", dt.date(2024, 11, 2)) == [(dt.date(2025, 1, 31), "januari")]
    # A sentence that tells what happened takes the last such month before the report.
    assert announced_dates("Den 27 november infördes rutinen.", dt.date(2025, 3, 18), told=True) == [
        (dt.date(2024, 11, 27), "27 november")
    ]


def test_a_season_is_due_by_the_end_of_its_last_month() -> None:
    written = dt.date(2023, 3, 14)
    assert announced_dates("Bytet ska ske under våren 2024.", written) == [(dt.date(2024, 6, 30), "våren 2024")]
    assert announced_dates("I höst ska analyserna göras här.", written) == [(dt.date(2023, 12, 31), "I höst")]
    assert announced_dates("Tjänsterna tillsätts från hösten 2023.", written) == [
        (dt.date(2023, 12, 31), "hösten 2023")
    ]


def test_a_sentence_with_two_passed_dates_is_one_announcement_named_by_its_matter() -> None:
    old = with_sentence("Utvärderingen ska vara klar i april och handlingsplanen i juni.")
    summary = summary_of(old, BASE, (dt.date(2025, 1, 10), dt.date(2025, 9, 1)))
    passed = [e for e in summary.events if e.kind is EventKind.DATE_PASSED]
    assert [(e.old_status, e.title) for e in passed] == [
        ("2025-06-30", "Vårdplatser: Utvärderingen ska vara klar i april och handlingsplanen i juni.")
    ]


def test_starts_and_grants_in_words_a_stem_would_miss_or_not_have() -> None:
    # "bildats" stems to "bild" (an image): matched as written.
    assert told("En arbetsgrupp mot bedrägerier har bildats med fyra avdelningar.") == [
        ("new_initiative", "sentence.start")
    ]
    assert told("Regionen har anlitat en konsultfirma för att utreda lokalerna.") == [
        ("new_initiative", "sentence.start")
    ]
    assert told("Bilden har bildat underlag för beslutet.") == []
    assert told("Ansökan om dispens har godkänts av myndigheten.") == [("status_change", "sentence.stage.granted")]


def test_a_capitalised_word_inside_a_sentence_is_a_name_not_a_cue() -> None:
    # "Planerad" in a unit's name is no sign of the future: the start is news, not an announcement.
    reading = read_sentence("Enheten Planerad Omsorg startade ett nytt projekt i maj.", RULES)
    assert reading is not None and reading.rule == "sentence.start"
    reading = read_sentence("Projektet planeras och startades i maj.", RULES)
    assert reading is not None and reading.rule == "sentence.start.planned"  # written small, it is a cue


def test_a_unit_formed_under_its_reorganised_heading_is_the_reorganisation_not_news() -> None:
    old, new = load_pair(ROOT / "snapshots" / "2025-04.md", ROOT / "snapshots" / "2025-05.md")
    summary = summarise(compare(old, new), RULES)
    formed = [e for e in summary.events if e.kind is EventKind.NEW_INITIATIVE and "bildades" in e.text]
    assert formed == []
    assert len([e for e in summary.withheld if "reorganisation tells" in e.why]) == 3
    assert any(e.kind is EventKind.REORGANISATION for e in summary.events)


def test_the_noun_of_a_start_tells_no_start() -> None:
    assert told("Uppstart sker på mottagningen, och patienten kan sedan fortsätta hemma.") == []
    assert told("Mottagningen har startat en ny telefonlinje.") == [("new_initiative", "sentence.start")]


def test_a_recruitment_still_to_come_names_no_one_in_a_role() -> None:
    assert told("Arbetet med att rekrytera divisionschefer har inletts.") == [("new_initiative", "sentence.start")]
    assert told("En ny verksamhetschef är rekryterad och börjar i maj.")[0][0] == "people"


def test_kept_closed_for_a_while_is_paused_and_coping_is_not_done() -> None:
    assert told("Två salar har hållits stängda under fyra veckor.") == [("status_change", "sentence.stage.paused")]
    assert told("Medierna har beskrivit hur vården klarade semesterperioden.") == []


def test_a_start_in_a_clause_of_time_dates_something_else() -> None:
    assert told("Sedan programmet startade har fler patienter fått vård.") == []
    assert told("Programmet startade i maj och har gett fler vårdplatser.") == [("new_initiative", "sentence.start")]


def test_part_of_a_whole_in_place_is_a_stage_reached() -> None:
    assert told("Tre av sex nya kameror är nu i drift.") == [("status_change", "sentence.stage.partial")]
    assert told("Alla sex nya kameror är nu i drift.") == [("resolved", "sentence.done")]


def test_since_a_month_is_a_time_past_not_an_announcement() -> None:
    written = dt.date(2025, 2, 10)
    assert announced_dates("Sedan december har enheten 12 fler platser, och fler planeras.", written) == []
    assert announced_dates("Från maj planeras 12 fler platser.", written) == [(dt.date(2025, 5, 31), "maj")]


STEPS = """# Aktuella händelser

## Driftstart

Inför driftstarten ska journalsystemet prövas.
"""


def test_the_short_points_of_a_new_list_are_one_matter_told_once() -> None:
    points = "\n\nInför driftstarten återstår:\n\n- Kontroll av behörigheter.\n- Migrering av data.\n- Beslut.\n"
    summary = summary_of(STEPS, STEPS + points)
    assert [e.title for e in summary.events if e.rule == "list.added"] == ["Kontroll av behörigheter."]
    assert len([e for e in summary.withheld if "one matter" in e.why]) == 2
    # Points that are sentences of their own are matters each.
    sentences = (
        "\n\nInför hösten:\n\n- Laboratoriet ska under hösten införa en ny metod för analyser av prover.\n"
        "- Mottagningen ska under våren pröva ett nytt sätt att boka tider via appen.\n"
        "- Enheten kommer att börja arbeta med nya rutiner för beställningar av material.\n"
    )
    summary = summary_of(STEPS, STEPS + sentences)
    assert len([e for e in summary.events if e.rule == "list.added"]) == 3


def test_a_long_sentence_is_shortened_around_what_states_the_event() -> None:
    opening = "I rapporten från nämnden kan ni bland annat läsa om " + ", om ".join(
        f"arbetet med fråga nummer {n} inom vården" for n in range(8)
    )
    sentence = f"{opening} samt om avslut för servicekontoret i Byn."
    assert len(sentence) > 300
    (event,) = summary_of(BASE, with_sentence(sentence)).events
    assert event.rule == "sentence.stage.closing"
    assert event.text.startswith("…") and "avslut för servicekontoret i Byn" in event.text
    assert len(event.text) <= 240
    # A cue near the start keeps the cut at the end, as before.
    (early,) = summary_of(BASE, with_sentence(f"Styrgruppen har beslutat att avsluta {opening}.")).events
    assert early.text.startswith("Styrgruppen har beslutat att avsluta") and early.text.endswith("…")


def test_someone_raising_or_cutting_something_by_a_stated_amount_is_a_status_change() -> None:
    assert told(
        "Mottagningen har sedan januari ökat antalet besökstider med 20 procent, vilket motsvarar 40 tider."
    ) == [("status_change", "sentence.trend")]
    assert told("Förvaltningen minskade kostnaderna för hyrläkare med nästan hälften förra året.") == [
        ("status_change", "sentence.trend")
    ]
    # A measure moving by itself, a comparison of periods, levels rather than a size: the figure table's.
    assert told("Antalet besök har minskat med 3 procent.") == []
    assert told("Enheten har ökat kostnaderna med 12 procent jämfört med samma period i fjol.") == []
    assert told("Enheten har ökat bemanningen från 10 till 14 sköterskor.") == []
    # The past tense without an amount is an adjective; a slight change is no change of status.
    assert told("Satsningen gav minskade väntetider för patienterna.") == []
    assert told("Väntelistan till mottagningen har minskat marginellt.") == []
    assert told("Med den nya lagen har det uppstått ett ökat behov av tolkar.") == []


def test_work_under_way_on_a_matter_first_told_is_a_new_initiative() -> None:
    assert told("Arbetet med att upphandla ett nytt journalsystem för tandvården pågår.") == [
        ("new_initiative", "sentence.underway")
    ]
    assert told("Arbetet med att rekrytera barnmorskor till förlossningen fortsätter.") == [
        ("new_initiative", "sentence.underway")
    ]
    # Work on what exists, or work that is not the sentence's subject, is no new matter.
    assert told("Arbetet med att utveckla arbetssättet på mottagningen fortsätter.") == []
    assert told("Avtalet gäller året ut och arbetet med att införa nya scheman pågår.") == []
    # Of a matter the old report's section spoke of, it is the same work going on.
    planned = "Regionen ska upphandla ett nytt journalsystem för tandvården."
    old = with_sentence(planned)
    new = old.replace(planned, f"{planned} Arbetet med att upphandla ett nytt journalsystem för tandvården pågår.")
    assert [e.rule for e in summary_of(old, new).events] == []


def test_a_change_proposed_is_a_matter_for_the_politicians() -> None:
    assert told("Den föreslagna sammanslagningen av två mottagningar har väckt debatt.") == [
        ("new_initiative", "sentence.proposal")
    ]
    assert told("Styrelsen föreslår att jourmottagningen flyttar till sjukhuset.") == [
        ("new_initiative", "sentence.proposal")
    ]
    assert told("Utredaren ska presentera förslag på nya lokaler.") == []
    assert told("Nämnden har inte föreslagit några förändringar.") == []


def test_a_routine_taken_up_is_withheld_not_told_as_a_new_initiative() -> None:
    summary = summary_of(BASE, with_sentence("Mottagningen har infört regelbundna morgonmöten för personalen."))
    assert summary.events == []
    assert [(e.rule, "way of working" in e.why) for e in summary.withheld] == [("sentence.start", True)]
    assert told("Mottagningen har infört digital tidsbokning för patienterna.") == [
        ("new_initiative", "sentence.start")
    ]


def test_a_recurring_occasion_is_no_deadline_that_passes() -> None:
    dates = (dt.date(2025, 1, 10), dt.date(2025, 9, 1))

    def passed(sentence: str) -> list[str]:
        summary = summary_of(with_sentence(sentence), BASE, dates)
        return [e.rule for e in summary.events if e.kind is EventKind.DATE_PASSED]

    assert passed("Enheten ska delta i den årliga mässan i april.") == []
    assert passed("Enheten ska delta i mässan i april.") == ["date.passed"]


def test_a_start_of_a_matter_the_old_section_spoke_of_is_that_matter_moving_on() -> None:
    old = with_sentence("Förberedelserna för robotkirurgi vid tarmcancer pågår i Sunderbyn.")
    new = with_sentence("Arbetet med robotkirurgi vid tarmcancer har inletts i Sunderbyn.")
    (event,) = summary_of(old, new).events
    assert (event.kind, event.rule, event.new_status) == (EventKind.STATUS_CHANGE, "sentence.stage.started", "startat")
    assert [ev.side for ev in event.evidence] == ["new", "old"]
    # words many sections use, or the place alone, do not make the matter known
    new = with_sentence("En pilot med robotstöd för journalföring har inletts i Sunderbyn.")
    assert told_after(old, new) == [("new_initiative", "sentence.start")]
    # a decision on the matter's next step is news of its own
    new = with_sentence("Regionstyrelsen har beslutat att robotkirurgi vid tarmcancer ska införas i hela länet.")
    assert told_after(old, new) == [("new_initiative", "sentence.start")]


def told_after(old: str, new: str) -> list[tuple[str, str]]:
    return [(e.kind.value, e.rule) for e in summary_of(old, new).events]


def test_a_decision_to_pause_stop_or_put_off_is_that_stage() -> None:
    assert told("Regionstyrelsen beslutade den 24 februari att pausa projekteringen av vårdhuset.") == [
        ("status_change", "sentence.stage.paused")
    ]
    assert told("Ledningen har beslutat att inga nya förstudier ska startas under våren.") == [
        ("status_change", "sentence.stage.stopped")
    ]
    put_off = "Styrgruppen beslutade att skjuta upp bygget ett år."
    assert told(put_off) == [("status_change", "sentence.stage.postponed")]


def test_a_clinic_being_prepared_that_opened_is_that_matter_in_place() -> None:
    old = with_sentence("En diabetesmottagning för barn förbereds i Gällivare.")
    new = with_sentence("Diabetesmottagningen för barn i Gällivare öppnade den 12 januari.")
    (event,) = summary_of(old, new).events
    assert (event.kind, event.rule) == (EventKind.RESOLVED, "sentence.in_place")


def test_a_step_that_ends_a_matter_with_a_done_cue_is_the_matter_done() -> None:
    assert told("Upphandlingen av kamerorna har avslutats och avtal har tecknats.") == [("resolved", "sentence.done")]
    assert told("Avtal har tecknats med leverantören av kamerorna.") == [("status_change", "sentence.stage.procured")]
    assert told("Piloten avslutades den 31 mars och har nu utvärderats.") == [("resolved", "sentence.done")]


def test_what_is_wanted_or_needed_states_no_fact() -> None:
    assert told("Regionen vill först ha klart hur utredningen påverkar arbetet.") == []
    assert told("Planerna visar att färre vårdplatser behöver stängas i sommar.") == []


def test_a_new_section_of_current_events_is_news_only_by_what_it_states() -> None:
    old = (
        "# Aktuella händelser\n\n## Vårdplatser\n\nArbetet fortsätter.\n\n"
        "# Patientsäkerhet\n\n## Aktuella tillsynsärenden\n\nInga nya.\n"
    )
    visit = "## Myndighetens besök\n\nMyndigheten besökte regionen den 10 mars för en uppföljning.\n\n"
    case = "### Förlossningsvården i Byn\n\nInspektionen granskar bemanningen på avdelningen.\n\n"
    new = old.replace("# Patientsäkerhet", visit + "# Patientsäkerhet").replace("Inga nya.\n", "Inga nya.\n\n" + case)
    summary = summary_of(old, new)
    assert [(e.kind.value, e.title) for e in summary.events if e.rule == "section.added"] == [
        ("new_initiative", "Förlossningsvården i Byn")  # a case under "tillsynsärenden": a matter told first
    ]
    assert [e.title for e in summary.withheld if e.rule == "section.added"] == ["Myndighetens besök"]


def test_a_start_in_a_relative_clause_describes_a_thing_and_is_no_news() -> None:
    assert told("Kostnaden blev 31 miljoner kronor, inom den budget som styrelsen beslutade om.") == []
    assert told("Styrelsen beslutade om en ny budget för kliniken.") == [("new_initiative", "sentence.start")]


def test_work_taken_up_again_is_resumed() -> None:
    resumed = [("status_change", "sentence.stage.resumed")]
    assert told("Styrelsen beslutade den 21 april att projekteringen av vårdhuset ska återupptas.") == resumed
    assert told("Kliniken i Byn öppnade igen den 7 april, sedan en tandläkare har anställts.") == resumed
    # the bare present is as often a plan
    assert told("Arbetet fortsätter under hösten och återupptas i större omfattning under våren.") == []
    assert told("Kliniken öppnar igen efter sommaren.") == []


def test_a_plan_adopted_is_news_or_of_a_plan_being_written_the_matter_done() -> None:
    assert told("Fullmäktige antog i februari en ny policy för resor.") == [("new_initiative", "sentence.start")]
    old = with_sentence("Arbetet med den nya regionala utvecklingsstrategin pågår.")
    new = with_sentence("Fullmäktige antog i februari den nya regionala utvecklingsstrategin.")
    assert told_after(old, new) == [("resolved", "sentence.in_place")]


def test_largely_done_is_a_stage_and_a_yearly_edition_done_is_routine() -> None:
    assert told("Behovet av inhyrd personal har i stort sett upphört.") == [("status_change", "sentence.stage.partial")]
    summary = summary_of(BASE, with_sentence("Bokslutet för 2025 är klart."))
    assert summary.events == []
    assert [(e.kind, e.confident) for e in summary.withheld] == [(EventKind.RESOLVED, False)]
    assert told("Flytten av lagret är klar.") == [("resolved", "sentence.done")]


def test_a_rise_in_the_monthly_part_or_in_what_a_survey_shows_is_withheld() -> None:
    monthly = "# Månadsrapport mars\n\n## Tillgänglighet\n\nBesöken följer planen.\n"
    summary = summary_of(monthly, monthly.replace("planen.", "planen. Överbeläggningarna har ökat under vintern."))
    assert summary.events == []
    assert [e.rule for e in summary.withheld] == ["sentence.trend"]
    summary = summary_of(BASE, with_sentence("Enkäten visar att förtroendet för vården har ökat."))
    assert summary.events == [] and [e.rule for e in summary.withheld] == ["sentence.trend"]
    assert told("Tillgängligheten till röntgen har ökat under året.") == [("status_change", "sentence.trend")]


def test_a_sentence_without_any_cue_a_reading_starts_from_reads_as_nothing() -> None:
    """``read_sentence`` returns at once when a sentence holds none of ``Rules.sentence_stems`` and
    ``sentence_words``; read in full (the sets widened to the sentence's own words), every such
    sentence of the seeds and the snapshots states nothing either."""
    from reportdiff import load
    from reportdiff.classify.rules import literal_tokens
    from reportdiff.figures import split_sentences

    files = [seed_path(name) for name in SEED_FILES] + snapshot_paths()
    stems, words = RULES.sentence_stems, RULES.sentence_words
    skipped = 0
    try:
        for path in files:
            for section in load(path).root.walk():
                for block in section.blocks:
                    for _, sentence in split_sentences(block.text):
                        tokens, lowered = RULES.tokens(sentence), literal_tokens(sentence)
                        if not (stems.isdisjoint(tokens) and words.isdisjoint(lowered)):
                            continue
                        skipped += 1
                        RULES.sentence_stems, RULES.sentence_words = stems | set(tokens), words | set(lowered)
                        assert read_sentence(sentence, RULES) is None, sentence
                        RULES.sentence_stems, RULES.sentence_words = stems, words
    finally:
        RULES.sentence_stems, RULES.sentence_words = stems, words
    assert skipped > 500


def test_a_role_changing_hands_is_read_in_the_ways_reports_say_it() -> None:
    for sentence in (
        "Från den 1 april är Anna Berg ny förvaltningschef för Förvaltning Nord.",
        "Per Ek har anställts som sektorchef för Sektor Syd.",
        "Regionstyrelsen har utsett Karin Ek till hälso- och sjukvårdsdirektör.",
        "Johan Sjöberg tillträdde den 1 februari som divisionschef.",
        "Anders Ström lämnar sin tjänst som ekonomidirektör vid månadsskiftet.",
    ):
        assert told(sentence) == [("people", "people.role")], sentence
    assert told("Sara Holm är sedan den 1 mars tillförordnad områdeschef.") == [("people", "people.acting")]
    # many managers, a plan made by one, a recruitment still going on: no role changed hands
    for sentence in (
        "Artiklarna handlade om de tre nya divisionscheferna och deras uppdrag.",
        "Chefen för kirurgkliniken har presenterat en ny plan för sommaren.",
        "Rekryteringen av en ny verksamhetschef pågår.",
    ):
        assert [kind for kind, _ in told(sentence)] != ["people"], sentence


def test_more_ways_reports_state_a_stage() -> None:
    stage = {
        "Avdelning 14 stängdes tillfälligt den 2 februari på grund av bemanningen.": "sentence.stage.paused",
        "Styrelsen beslutade att införandet ska gå före all annan digital utveckling.": "sentence.stage.prioritised",
        "Ledningen har beslutat att teamet permanentas efter utvärderingen.": "sentence.stage.permanent",
        "Byggstarten senareläggs till hösten på grund av tjälen.": "sentence.stage.postponed",
    }
    for sentence, rule in stage.items():
        assert told(sentence) == [("status_change", rule)], sentence
    assert told("Servicepunkten i Byn lades ned den 27 februari.") == [("resolved", "sentence.done")]


def test_begun_and_running_is_a_start_and_a_consequence_is_no_trend() -> None:
    assert told("Piloten startade den 2 februari på tre hälsocentraler och är nu i drift.") == [
        ("new_initiative", "sentence.start")
    ]
    assert told("Ett verktyg för beställningar är infört och i drift.") == [("resolved", "sentence.done")]
    assert told("Kliniken har infört ett nytt schema, vilket har minskat sjukfrånvaron.") == [
        ("new_initiative", "sentence.start")
    ]


def test_a_date_announced_in_the_introduction_may_be_told_anywhere() -> None:
    old = (
        "# Inledning\n\nI början av februari börjar tre hälsocentraler pröva AI-stödd triage.\n\n"
        "# Aktuella ärenden\n\n## Vårdplatser\n\nArbetet fortsätter.\n"
    )
    new = (
        "# Inledning\n\nVintern har varit kall.\n\n# Aktuella ärenden\n\n## Vårdplatser\n\nArbetet fortsätter.\n\n"
        "## Triage\n\nDen AI-stödda triagen prövas sedan den 2 februari på tre hälsocentraler.\n"
    )
    summary = summary_of(old, new, (dt.date(2026, 1, 20), dt.date(2026, 3, 17)))
    assert [e.kind for e in summary.events] != [EventKind.DATE_PASSED]
    (held,) = [e for e in summary.withheld if e.kind is EventKind.DATE_PASSED]
    assert held.evidence[-1].section_path == ("Aktuella ärenden", "Triage")


def test_a_start_as_planned_is_a_known_matter_moving_on() -> None:
    old = with_sentence("Hälsocentralerna förbereder ett nytt arbetssätt.")
    new = with_sentence("Piloten med AI-stöd startade som planerat den 2 februari.")
    (event,) = summary_of(old, new).events
    assert (event.kind, event.rule) == (EventKind.STATUS_CHANGE, "sentence.stage.started")
    assert "startade som planerat" in event.title  # the title is the sentence, cut around what states it


def test_one_matter_told_in_the_introduction_and_its_own_section_is_one_claim() -> None:
    old = "# Inledning\n\nText.\n\n# Aktuella ärenden\n\n## Vårdhuset\n\nProjekteringen pågår.\n"
    new = (
        "# Inledning\n\nRegionstyrelsen beslutade i februari att pausa projekteringen av vårdhuset i Norrby.\n\n"
        "# Aktuella ärenden\n\n## Vårdhuset\n\n"
        "Regionstyrelsen beslutade den 24 februari att pausa projekteringen av vårdhuset i Norrby.\n"
    )
    summary = summary_of(old, new)
    (told_once,) = summary.events
    assert (told_once.rule, told_once.section_path) == ("sentence.stage.paused", ("Aktuella ärenden", "Vårdhuset"))
    assert [said.section_path for said in told_once.evidence] == [("Aktuella ärenden", "Vårdhuset"), ("Inledning",)]
    assert [e.section_path for e in summary.withheld] == [("Inledning",)]
    assert "the same matter" in summary.withheld[0].why


def test_a_name_told_twice_is_one_person_event_and_a_region_is_no_name() -> None:
    old = "# Inledning\n\nText.\n\n# Division Kirurgi\n\nText om kirurgin.\n"
    new = (
        "# Inledning\n\nJag välkomnar Johan Sjöberg, som tillträdde som divisionschef i februari.\n\n"
        "# Division Kirurgi\n\nJohan Sjöberg tillträdde den 1 februari som divisionschef.\n\n"
        "Region Norrland har utsett Eva Lund till ny kulturchef.\n"
    )
    summary = summary_of(old, new)
    people = sorted(e.evidence[0].sentence for e in summary.events if e.kind is EventKind.PEOPLE)
    assert [sentence.split()[0] for sentence in people] == ["Johan", "Region"]
    assert people[0].startswith("Johan Sjöberg tillträdde den 1 februari")  # the unit's, not the introduction's


def test_a_proposal_a_survey_is_said_to_show_is_relayed() -> None:
    summary = summary_of(
        BASE, with_sentence("Kartläggningen visar att reservkraften behöver byggas ut och en investering föreslås.")
    )
    assert summary.events == [] and [e.rule for e in summary.withheld] == ["sentence.proposal"]
    assert told("Styrelsen föreslår att reservkraften byggs ut.") == [("new_initiative", "sentence.proposal")]
