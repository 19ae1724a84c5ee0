"""Each rule of `reportdiff check`: a case that fires and a case that must not."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff.check import check, exit_status
from reportdiff.check.config import CheckConfig, parse_check_config
from reportdiff.check.registry import RULES
from reportdiff.errors import ConfigError
from reportdiff.ingest import read_markdown
from reportdiff.model import Finding, Report, Section, Severity, Span, TocEntry

# Made-up report text, long enough (>= 40 words a section) for the stale-text rule.
LONG_A = (
    "Arbetet med den nya vårdplatsplaneringen fortsätter enligt plan och samtliga verksamhetsområden har "
    "lämnat underlag. Underlaget sammanställs nu av ekonomiavdelningen och presenteras för ledningsgruppen "
    "under våren. Målet är att antalet överbeläggningar ska minska och att patienterna ska få vård på rätt "
    "nivå, samtidigt som medarbetarnas arbetsmiljö förbättras genom en jämnare belastning över året."
)
LONG_B = (
    "Verksamheten har under månaden haft en fortsatt hög belastning på akutmottagningarna i länet. Flera "
    "åtgärder har vidtagits för att korta väntetiderna, bland annat en ny triageringsmodell och förstärkt "
    "bemanning under kvällar och helger. Uppföljningen visar att ledtiderna har kortats, men arbetet "
    "behöver fortsätta för att resultatet ska hålla över tid och i alla delar av länet."
)
LONG_C = (
    "Regionen har tecknat ett nytt avtal om laboratorieanalyser som gäller från årsskiftet. Avtalet omfattar "
    "samtliga sjukhus och hälsocentraler och ger lägre kostnader per analys än tidigare. Införandet sker "
    "stegvis och följs upp av en särskild arbetsgrupp som rapporterar till divisionsledningen varje månad, "
    "med särskilt fokus på svarstider och kvalitet i provhanteringen."
)


def report(body: str, date: str = "13 maj 2025") -> tuple[Report, str]:
    text = f"Regiondirektörens rapport\n\n{date}\n\n{body}"
    return read_markdown(text, "draft.md"), text


def run(
    draft: str,
    previous: str | None = None,
    config: CheckConfig | None = None,
    draft_date: str = "13 maj 2025",
    previous_date: str = "15 april 2025",
    lang: str = "en",
) -> list[Finding]:
    draft_report, text = report(draft, draft_date)
    previous_report = report(previous, previous_date)[0] if previous is not None else None
    return check(draft_report, previous_report, config or CheckConfig(), text, lang=lang)


def codes(findings: list[Finding]) -> list[str]:
    return [finding.code for finding in findings]


def test_registry_codes_are_unique_and_documented() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert code == rule.code and code.startswith("RD") and len(code) == 5
        assert rule.description.endswith(".")


# --- RD101 / RD102 stale text -----------------------------------------------------------------


def test_stale_section_fires_on_a_copied_section() -> None:
    previous = f"# Inledning\n\n{LONG_A}\n\n# Ekonomi\n\n{LONG_B}\n"
    draft = f"# Inledning\n\n{LONG_C}\n\n# Ekonomi\n\n{LONG_B}\n"
    findings = run(draft, previous)
    assert codes(findings) == ["RD101"]
    assert findings[0].line == 9  # the "# Ekonomi" heading: cover (1, 3), Inledning (5), its text (7)
    assert "'Ekonomi'" in findings[0].message and findings[0].severity == Severity.WARNING


def test_stale_section_found_by_text_even_under_a_new_heading() -> None:
    previous = f"# Inledning\n\n{LONG_A}\n\n# Ekonomi\n\n{LONG_B}\n"
    draft = f"# Inledning\n\n{LONG_C}\n\n# Ekonomi och finansiering\n\n{LONG_B}\n"
    assert [(f.code, f.line) for f in run(draft, previous)] == [("RD101", 9)]


def test_stale_section_quiet_when_one_word_changed_or_text_short() -> None:
    previous = f"# Inledning\n\n{LONG_A}\n\n# Ekonomi\n\n{LONG_B}\n\n# Kort\n\nEn kort rad som står kvar.\n"
    edited = LONG_B.replace("hög belastning", "mycket hög belastning")
    draft = f"# Inledning\n\n{LONG_C}\n\n# Ekonomi\n\n{edited}\n\n# Kort\n\nEn kort rad som står kvar.\n"
    assert codes(run(draft, previous)) == []


def test_stale_introduction_is_an_error() -> None:
    previous = f"# Inledning\n\n{LONG_A}\n\n# Ekonomi\n\n{LONG_B}\n"
    draft = f"# Inledning\n\n{LONG_A}\n\n# Ekonomi\n\n{LONG_C}\n"
    findings = run(draft, previous)
    assert codes(findings) == ["RD102"]
    assert findings[0].severity == Severity.ERROR and exit_status(findings) == 1


def test_standing_text_by_configured_heading_pattern_and_by_marker() -> None:
    previous = f"# Inledning\n\n{LONG_A}\n\n# Lex Maria\n\n{LONG_B}\n\n# Bilagor\n\n{LONG_C}\n"
    new_introduction = LONG_A.replace("under våren", "under hösten")
    draft = f"# Inledning\n\n{new_introduction}\n\n# Lex Maria\n\n{LONG_B}\n\n# Bilagor\n\n{LONG_C}\n"
    assert codes(run(draft, previous)) == ["RD101", "RD101"]
    configured = parse_check_config({"standing": ["lex maria*", "Bilagor"]})
    assert codes(run(draft, previous, configured)) == []
    marked = draft.replace("# Bilagor\n\n", "# Bilagor\n\n<!-- reportdiff: standing -->\n\n")
    assert [f.message.split("'")[1] for f in run(marked, previous)] == ["Lex Maria"]


# --- RD201..RD204 table of contents ------------------------------------------------------------

TOC_BODY = (
    "# Innehållsförteckning\n\n- Inledning\n- Aktuella händelser\n- Information från verksamheten\n"
    "- Division Nära\n- Bilagor\n\n"
    f"# Inledning\n\n{LONG_A}\n\n# Aktuella händelser\n\n{LONG_B}\n\n# Information från verksamheten\n\n"
    f"## Division Nära\n\n{LONG_C}\n\n# Bilagor\n\nBilaga 1.\n"
)


def test_toc_matching_headings_is_quiet() -> None:
    assert codes(run(TOC_BODY)) == []


def test_toc_missing_heading() -> None:
    draft = TOC_BODY.replace("- Aktuella händelser\n", "")
    findings = run(draft)
    assert codes(findings) == ["RD201"]
    assert "Aktuella händelser" in findings[0].message
    assert findings[0].line == draft.count("\n", 0, draft.index("# Aktuella")) + 5  # 4 cover lines + 1-based


def test_toc_extra_entry() -> None:
    findings = run(TOC_BODY.replace("- Bilagor\n", "- Bilagor\n- Ordlista\n"))
    assert codes(findings) == ["RD202"] and "Ordlista" in findings[0].message


def test_toc_entry_renamed_is_matched_fuzzily() -> None:
    draft = TOC_BODY.replace("## Division Nära\n", "## Division Nära vård och psykiatri\n")
    findings = run(draft)
    assert codes(findings) == ["RD203"]
    assert "'Division Nära'" in findings[0].message and "Division Nära vård och psykiatri" in findings[0].message


@pytest.mark.parametrize(
    ("listed", "heading"),
    [
        ("Aktuella händelser", "Aktuella händelser – lägesbild"),
        ("Bilagor", "Bilagor och underlag"),
        ("Aktuella händelser", "Aktuellt"),
    ],
)
def test_toc_entry_that_is_not_the_headings_text_names_both(listed: str, heading: str) -> None:
    """The contents keep the old name while the heading was renamed in the body: RD203 naming both."""
    draft = TOC_BODY.replace(f"- {listed}\n", f"- {listed}\n", 1).replace(f"# {listed}\n", f"# {heading}\n")
    findings = run(draft)
    if heading == "Aktuellt":  # not the same words at all: an extra entry and a missing heading
        assert sorted(codes(findings)) == ["RD201", "RD202"]
        return
    assert codes(findings) == ["RD203"]
    assert f"'{listed}'" in findings[0].message and f"'{heading}'" in findings[0].message


def test_toc_short_entry_grown_in_the_body() -> None:
    draft = TOC_BODY.replace("- Division Nära\n", "- VO\n").replace("## Division Nära\n", "## VO – Division Nära\n")
    findings = run(draft)
    assert codes(findings) == ["RD203"] and "'VO'" in findings[0].message


def test_toc_out_of_order() -> None:
    draft = TOC_BODY.replace("- Inledning\n- Aktuella händelser\n", "- Aktuella händelser\n- Inledning\n")
    findings = run(draft)
    assert codes(findings) == ["RD204"]


def test_toc_from_the_reader_word_style() -> None:
    root = Section("", 0, Span(1, 20))
    for line, heading in ((5, "Inledning"), (9, "Ekonomi"), (13, "Bilagor")):
        root.children.append(Section(heading, 1, Span(line, line + 3)))
    toc = [TocEntry("Inledning", None, 3, 2), TocEntry("Ekonomi", None, 4, 3)]
    draft = Report(source="word.txt", root=root, toc=toc)
    findings = check(draft, None)
    assert [(f.code, f.line) for f in findings] == [("RD201", 13)]
    draft.toc.append(TocEntry("Bilagor", None, 5, 4))
    assert check(draft, None) == []


# --- RD301 one figure, two values ----------------------------------------------------------


def test_figure_conflict_in_the_summary_parts() -> None:
    draft = (
        "# Inledning\n\nSjukfrånvaron låg till och med mars på 6,6 procent.\n\n"
        "# Månadsrapport mars\n\n## Personal\n\nSjukfrånvaron ackumulerat till och med mars är 6,9 procent.\n"
    )
    findings = run(draft)
    assert codes(findings) == ["RD301"]
    assert "6,9 procent" in findings[0].message and "6,6 procent" in findings[0].message


def test_figure_same_value_or_vague_label_is_quiet() -> None:
    same = (
        "# Inledning\n\nSjukfrånvaron låg till och med mars på 6,6 procent.\n\n"
        "# Månadsrapport mars\n\n## Personal\n\nSjukfrånvaron ackumulerat till och med mars är 6,6 procent.\n"
    )
    assert codes(run(same)) == []
    vague = "# Ekonomi\n\nAndelen är 58 procent.\n\nAndelen är 49 procent.\n"
    assert codes(run(vague)) == []


# --- RD401 / RD402 dates -------------------------------------------------------------------


def test_past_date_written_as_future() -> None:
    sentence = "Bygget av den nya entrén kommer att starta i mars."
    findings = run(f"# Aktuella händelser\n\n{sentence}\n")
    assert codes(findings) == ["RD401"]
    assert "kommer att starta i mars" in findings[0].message and "13 maj 2025" in findings[0].message
    assert (findings[0].line, findings[0].col) == (7, sentence.index("kommer") + 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "Bygget av den nya entrén kommer att starta i juni.",  # still ahead
        "Bygget av den nya entrén startade i mars.",  # past tense
        "Bygget kommer att starta i januari.",  # four months back: may mean next January
        "Division Planerad vård bildades den 1 maj.",  # a name, not a verb
    ],
)
def test_past_as_future_quiet(sentence: str) -> None:
    assert codes(run(f"# Aktuella händelser\n\n{sentence}\n")) == []


def test_report_date_older_than_previous() -> None:
    body = f"# Inledning\n\n{LONG_A}\n"
    findings = run(body, f"# Inledning\n\n{LONG_B}\n", draft_date="14 april 2025", previous_date="13 maj 2025")
    assert codes(findings) == ["RD402"] and findings[0].line == 3
    assert codes(run(body, f"# Inledning\n\n{LONG_B}\n")) == []


# --- RD501 / RD502 parts gone --------------------------------------------------------------


def test_standard_part_missing() -> None:
    previous = f"# Inledning\n\n{LONG_A}\n\n# Ekonomi\n\n{LONG_B}\n\n# Bilagor\n\nBilaga 1. Protokoll.\n"
    draft = f"# Inledning\n\n{LONG_C}\n\n# Ekonomi\n\n{LONG_B.replace('hög', 'låg')}\n"
    findings = run(draft, previous)
    assert codes(findings) == ["RD501"] and "'Bilagor'" in findings[0].message
    kept = draft + "\n# Bilagor\n\nBilaga 1. Protokoll.\n"
    assert codes(run(kept, previous)) == []


def test_part_dissolved_into_others_is_info() -> None:
    previous = (
        f"# Verksamheten\n\n## Division Nära\n\n### VO Rehabilitering\n\n{LONG_A}\n\n### VO Hälsocentraler\n\n"
        f"{LONG_B}\n\n## Division Psykiatri\n\n### VO Rättspsykiatri\n\n{LONG_C}\n"
    )
    draft = (
        "# Verksamheten\n\n## Division Nära vård och psykiatri\n\n"
        f"### VO Rehabilitering\n\n{LONG_A.replace('plan', 'tidplan')}\n\n"
        f"### VO Hälsocentraler\n\n{LONG_B.replace('hög', 'låg')}\n\n"
        f"### VO Rättspsykiatri\n\n{LONG_C.replace('nytt', 'förnyat')}\n"
    )
    findings = run(draft, previous)
    assert "RD501" not in codes(findings)
    dissolved = [f for f in findings if f.code == "RD502"]
    assert len(dissolved) == 1 and dissolved[0].severity == Severity.INFO
    assert exit_status(findings) == 0


# --- RD601..RD604 leftovers ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, code",
    [
        ("Verksamheten har utma- nade mål för året.", "RD601"),
        ("Vi vill att att alla deltar.", "RD602"),
        ("Kostnaden uppgick till XX miljoner kronor.", "RD603"),
        ("TODO skriv om stycket.", "RD603"),
        ("TODO: skriv om stycket.", "RD603"),
        ("Siffran ska kontrolleras (FIXME: källa).", "RD603"),
        ("Resultatet TBD: väntar på bokslutet.", "RD603"),
        ("Resultatet blev ??? jämfört med budget.", "RD603"),
        ("Antalet var [xx] under perioden.", "RD603"),
        ("Mötet leddes av NN från förvaltningen.", "RD603"),
        ("Arbetet (som startade i fjol fortsätter.", "RD604"),
        ("Temat var ”Framtidens vård i länet.", "RD604"),
    ],
)
def test_leftover_fires(sentence: str, code: str) -> None:
    assert codes(run(f"# Text\n\n{sentence}\n")) == [code]


@pytest.mark.parametrize(
    "sentence",
    [
        "Regionens hälso- och sjukvård samt barn- eller ungdomsmedicin.",
        "Det det handlar om är tillgänglighet.",
        "XXL och Nordnet är företag, och vi har 20 XXX-liknande koder?",
        "Åtgärderna är a) fler platser och b) kortare köer (se bilaga).",
        'Temat var ”Framtidens vård” och "Nära vård".',
    ],
)
def test_leftover_quiet(sentence: str) -> None:
    assert codes(run(f"# Text\n\n{sentence}\n")) == []


def test_split_word_column_points_at_the_word() -> None:
    findings = run("# Text\n\nVerksamheten har utma-\nnade mål för året.\n")
    assert [(f.code, f.line, f.col) for f in findings] == [("RD601", 7, 18)]


# --- directives, selection, severities ------------------------------------------------------


def test_ignore_directive_on_the_line_before_and_on_the_same_line() -> None:
    before = "# Text\n\n<!-- reportdiff: ignore RD602 -->\nVi vill att att alla deltar.\n"
    assert codes(run(before)) == []
    same = "# Text\n\nVi vill att att alla deltar. <!-- reportdiff: ignore RD602 -->\n"
    assert codes(run(same)) == []
    other_code = "# Text\n\n<!-- reportdiff: ignore RD601 -->\nVi vill att att alla deltar.\n"
    assert codes(run(other_code)) == ["RD602"]
    all_codes = "# Text\n\n<!-- reportdiff: ignore -->\nVi vill att att alla deltar med XX.\n"
    assert codes(run(all_codes)) == []


def test_inline_directive_covers_its_whole_paragraph() -> None:
    draft = "# Text\n\nVi vill att att alla\ndeltar i arbetet. <!-- reportdiff: ignore RD602 -->\n\natt att igen.\n"
    assert [(f.code, f.line) for f in run(draft)] == [("RD602", 10)]


def test_ignore_directive_reaches_only_the_next_block() -> None:
    draft = "# Text\n\n<!-- reportdiff: ignore RD602 -->\n\nFörsta stycket.\n\nVi vill att att alla deltar.\n"
    assert codes(run(draft)) == ["RD602"]


def test_plain_text_directive_without_source_text() -> None:
    from reportdiff.ingest.tree import RawBlock, build_tree

    blocks = [
        RawBlock("Text", Span(1, 1), level=1),
        RawBlock("reportdiff: ignore RD602", Span(3, 3)),
        RawBlock("Vi vill att att alla deltar.", Span(5, 5)),
        RawBlock("Vi vill att att alla deltar.", Span(7, 7)),
    ]
    findings = check(Report(source="draft.txt", root=build_tree(blocks)), None)
    assert [(f.code, f.line) for f in findings] == [("RD602", 7)]


def test_select_ignore_and_severity_overrides() -> None:
    draft = "# Text\n\nVi vill att att alla deltar med XX kronor.\n"
    assert codes(run(draft)) == ["RD602", "RD603"]  # sorted by column on the same line
    assert codes(run(draft, config=parse_check_config({"select": ["RD60"], "ignore": ["RD603"]}))) == ["RD602"]
    assert codes(run(draft, config=CheckConfig().with_flags(["RD602"], None))) == ["RD602"]
    upgraded = run(draft, config=parse_check_config({"severity": {"RD602": "error"}, "ignore": ["RD603"]}))
    assert upgraded[0].severity == Severity.ERROR and exit_status(upgraded) == 1
    assert exit_status(run(draft, config=parse_check_config({"ignore": ["RD603"]}))) == 0


@pytest.mark.parametrize(
    "table, words",
    [
        ({"select": ["RD9"]}, "unknown rule code"),
        ({"severity": {"RD601": "fatal"}}, "must be error, warning or info"),
        ({"severity": {"RD999": "error"}}, "unknown rule"),
        ({"standing": 3}, "list of strings"),
        ({"min_words": 0}, "positive"),
    ],
)
def test_bad_configuration_is_a_config_error(table: dict, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        parse_check_config(table)


def test_findings_sorted_and_deterministic() -> None:
    draft = "# Text\n\nVi vill att att alla deltar med XX kronor.\n\nArbetet (som startade.\n\nutma- nade ord.\n"
    first, second = run(draft), run(draft)
    assert first == second
    assert [(f.line, f.col) for f in first] == sorted((f.line, f.col) for f in first)


def test_report_date_read_from_cover_when_reader_left_it() -> None:
    from reportdiff.check.context import report_date

    draft, _ = report("# Text\n\nStycke.\n", "3 februari 2025")
    assert report_date(draft) == dt.date(2025, 2, 3)


_TOKENS = [
    "# Inledning\n\n", "## Division Nära\n\n", "- punkt\n", "\n\n", "ord", " ", "att", "(", ")", "[", "]", '"', "”",
    "utma-", " nade", "XX", "???", "kommer att starta i mars", "6,6 procent", "Sjukfrånvaron var", ".",
    "<!-- reportdiff: ignore -->", "<!-- reportdiff: standing -->", "reportdiff: ignore RD6", "\t", "1)",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=60), st.lists(st.sampled_from(_TOKENS), max_size=60))
def test_check_never_fails_and_findings_point_into_the_draft(draft_tokens: list[str], old_tokens: list[str]) -> None:
    body = "".join(draft_tokens)
    draft_report, text = report(body)
    previous = report("".join(old_tokens), "15 april 2025")[0]
    findings = check(draft_report, previous, CheckConfig(), text)
    line_count = max(1, len(text.splitlines()))
    keys = [(f.line, f.col, f.code, f.message) for f in findings]
    assert keys == sorted(set(keys))
    for finding in findings:
        assert 1 <= finding.line <= line_count and finding.col >= 1 and finding.code in RULES


# --- messages in Swedish ---------------------------------------------------------------------

SWEDISH_CASES = [
    # (draft, previous, draft date, previous date): together they fire every rule
    (f"# Inledning\n\n{LONG_A}\n\n# Lex Maria\n\n{LONG_B}\n", f"# Inledning\n\n{LONG_A}\n\n# Lex Maria\n\n{LONG_B}\n"),
    (TOC_BODY.replace("- Aktuella händelser\n", "").replace("- Bilagor\n", "- Bilagor\n- Ordlista\n"), None),
    (TOC_BODY.replace("## Division Nära\n", "## Division Nära – lägesbild\n"), None),
    (TOC_BODY.replace("- Inledning\n- Aktuella händelser\n", "- Aktuella händelser\n- Inledning\n"), None),
    (
        "# Inledning\n\nSjukfrånvaron låg till och med mars på 6,6 procent.\n\n# Månadsrapport mars\n\n"
        "## Personal\n\nSjukfrånvaron ackumulerat till och med mars är 6,9 procent.\n",
        None,
    ),
    ("# Text\n\nUtbildningen kommer att hållas den 3 maj.\n", None),
    (
        "# Text\n\nVerksamheten har utma- nade mål. Vi vill att att alla deltar. TODO: XX.\n\n"
        "Arbetet (som startade i fjol fortsätter.\n\nTemat var ”Framtidens vård.\n\nSlut ) här.\n",
        None,
    ),
    (f"# Inledning\n\n{LONG_B}\n", f"# Inledning\n\n{LONG_C}\n\n# Division Nära\n\n{LONG_A}\n"),
]


@pytest.mark.parametrize(("draft", "previous"), SWEDISH_CASES)
def test_swedish_messages_for_the_same_findings(draft: str, previous: str | None) -> None:
    """``--lang sv``: the same findings at the same places, every message in Swedish."""
    english = run(draft, previous)
    swedish = run(draft, previous, lang="sv")
    assert english, "the case must fire"
    assert [(f.code, f.line, f.col) for f in swedish] == [(f.code, f.line, f.col) for f in english]
    for en, sv in zip(english, swedish, strict=True):
        assert sv.message != en.message, sv
        assert not re.search(r"\b(?:the|is|of|in the|which|heading|report)\b", sv.message), sv.message


def test_every_rule_has_a_swedish_case() -> None:
    fired = {f.code for draft, previous in SWEDISH_CASES for f in run(draft, previous)}
    fired |= {f.code for f in run("# Inledning\n\nText.\n", "# Inledning\n\nText.\n", draft_date="1 april 2025")}
    assert fired >= set(RULES) - {"RD502"}, set(RULES) - fired


def test_unknown_key_is_a_warning_naming_it() -> None:
    """An unknown key is named in a warning and does not stop the check; command settings are known."""
    table = {"colour": "red", "format": "json", "lang": "sv", "ignore": ["RD602"]}
    config = parse_check_config(table, "pyproject.toml")
    assert config.warnings == ["pyproject.toml: unknown key 'colour' in the check table (ignored)"]
    assert config.ignore == ["RD602"]


@pytest.mark.parametrize(
    ("ignored", "selected", "enabled"),
    [
        (["RD101"], ["RD101"], True),  # the flag names the rule: it runs
        (["RD1"], ["RD101"], True),  # more precisely than the file's ignore: it runs
        (["RD101"], ["RD1"], False),  # less precisely: the file's exception stands
        (["RD101"], [], False),  # no flag: the file decides
    ],
)
def test_select_flag_beats_a_configured_ignore(ignored: list[str], selected: list[str], enabled: bool) -> None:
    config = parse_check_config({"ignore": ignored}).with_flags(selected, None)
    assert config.enabled("RD101") is enabled
