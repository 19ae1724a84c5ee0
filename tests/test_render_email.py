"""The e-mail HTML: only what Outlook, Gmail and Apple Mail all keep; escaped; small; deterministic."""

from __future__ import annotations

import re

import pytest
from test_render_html import PAYLOADS, assert_inert, check_golden, hostile_diff, parse, sample_diff

from reportdiff.errors import ReportdiffError
from reportdiff.model import (
    Block,
    BlockChange,
    BlockKind,
    BlockOp,
    ChangeSummary,
    DocumentDiff,
    Event,
    EventKind,
    Evidence,
    SectionPair,
    SectionStatus,
    Span,
)
from reportdiff.render.dispatch import render
from reportdiff.render.email_html import SIZE_LIMIT, render_email_text
from reportdiff.render.email_mime import body_size
from reportdiff.render.options import RenderOptions

LINK = "https://intranet.example.org/rapporter/2025-05-diff.html"
MARKS = ("{+", "[-")


def email_problems(html: str, link: str | None = None) -> list[str]:
    """What a strict mail client would drop or break; empty when the markup is safe to send."""
    problems = []
    page = parse(html)
    for tag in ("style", "script", "link", "ins", "del", "img", "iframe", "form", "input", "video", "object"):
        if page.named(tag):
            problems.append(f"<{tag}> present")
    urls = set(re.findall(r"(?:https?:)?//[^\s\"'<>)]+", html))
    if urls - {link}:
        problems.append(f"external URLs: {sorted(urls - {link})}")
    for tag, attrs in page.tags:
        if "class" in attrs and "style" not in attrs:
            problems.append(f"<{tag} class=…> without style")
        if tag == "table" and attrs.get("role") != "presentation" and "th" not in html:
            problems.append("layout table without role=presentation")
    # every change mark sits in a span with its own colours, around a span with its own decoration
    for match in re.finditer(r"\{\+|\[-", html):
        opening = html.rfind("<span", 0, match.start())
        outer = html[opening : html.index(">", opening) + 1]
        if html.rfind("</span>", opening, match.start()) != -1 or html.index(">", opening) + 1 != match.start():
            problems.append(f"mark not at the start of a span at {match.start()}")
            continue
        if "color:" not in outer or "background-color:" not in outer:
            problems.append(f"mark without inline colours: {outer}")
        decoration = "underline" if match.group() == "{+" else "line-through"
        inner = html[match.end() : html.index(">", match.end()) + 1]
        if inner != f'<span style="text-decoration:{decoration};">':
            problems.append(f"marked text without its own {decoration}: {inner}")
        closing = "+}" if match.group() == "{+" else "-]"
        after = html.index("</span>", match.end()) + len("</span>")
        if not html.startswith(closing + "</span>", after):
            problems.append(f"mark not closed at {after}")
    if len(html.encode("utf-8")) >= 100_000:
        problems.append(f"{len(html.encode('utf-8'))} bytes")
    if "max-width:600px" not in html:
        problems.append("no 600px column")
    return problems


def test_email_markup_is_mail_safe() -> None:
    html = render(sample_diff(), "email-html", full_report_link=LINK)
    assert email_problems(html, LINK) == []
    assert html.count("{+") >= 2 and html.count("[-") >= 2
    assert f'<a href="{LINK}"' in html
    tables = parse(html).named("table")
    layout = [attrs for attrs in tables if attrs.get("role") == "presentation"]
    charts = 2 * len(sample_diff().summary.figure_shifts)  # two bars a figure: the chart's table fallback
    # two layout tables, the figure table, and the bars of the figure chart
    assert len(layout) == 2 + charts and len(tables) == 3 + charts


def test_checker_catches_what_it_should() -> None:
    """The checker is itself tested: each kind of problem is found."""
    good = render(sample_diff(), "email-html", full_report_link=LINK)
    assert email_problems(good.replace("<head>", "<head><style>p{}</style>"), LINK)
    assert email_problems(good.replace('<p style="margin:0;', '<p class="x" data-x="'), LINK)
    assert email_problems(good, None)  # the link is now an unexpected URL
    assert email_problems(good.replace('[-<span style="text-decoration:line-through;">', "[-<span>"), LINK)
    assert email_problems(good.replace(';background-color:#fbe0e0;">[-', ';">[-'), LINK)
    assert email_problems(good.replace("max-width:600px", "max-width:900px"), LINK)


def test_summary_content_in_the_email() -> None:
    html = render(sample_diff(), "email-html")
    for text in ("Det viktigaste", "förvaltning → överlämnat", "Siffror som ändrats"):
        assert text in html
    assert "5,7 procent" in html and "−0,5 procentenheter" in html
    assert "<b>Tillagt:</b> " in html
    assert "tidigare rubrik: Division Primärvård" in html
    assert "Hela jämförelsen med alla ändringar finns hos avsändaren." in html  # no link given
    assert "Ett stycke som inte ändras alls" not in html  # no unchanged text in a mail
    assert html.startswith('<!DOCTYPE html>\n<html lang="sv">')


def test_english_email() -> None:
    html = render(sample_diff(), "email-html", lang="en")
    assert '<html lang="en">' in html and "Most important" in html and "Sammanfattning" not in html


def _claims(count: int, kind: EventKind) -> list[Event]:
    path = ("Aktuella händelser",)
    return [
        Event(
            kind,
            f"Sak {n}",
            f"Meningen om sak {n}.",
            path,
            10 + n,
            "sentence.start",
            evidence=[Evidence("new", 10 + n, path, f"Meningen om sak {n}.")],
        )
        for n in range(count)
    ]


def test_first_screen_holds_ten_items_the_rest_follow_grouped_and_absence_comes_last() -> None:
    from diff_builder import make_diff

    md = "# Aktuella händelser\n\nText.\n"
    events = _claims(12, EventKind.NEW_INITIATIVE)
    gone = Event(
        EventKind.NOT_IN_REPORT,
        "Gammalt avsnitt",
        "Text.",
        ("Gammalt avsnitt",),
        3,
        "section.absent",
        side="old",
        evidence=[Evidence("old", 3, ("Gammalt avsnitt",), "Gammalt avsnitt")],
    )
    diff = make_diff(md, md.replace("Text.", "Ny text."), summary=ChangeSummary(events=[*events, gone]))
    text = render_email_text(diff, RenderOptions())
    first, rest = text.split("Det viktigaste", 1)[1].split("Nytt denna månad", 1)
    assert [f"Sak {n}" in first for n in range(12)] == [True] * 10 + [False] * 2
    assert "Sak 10" in rest and "Sak 11" in rest
    assert "“Meningen om sak 0.”" in first  # each item quotes the sentence that states it
    assert "Gammalt avsnitt" not in first
    assert rest.index("Inte med i denna rapport: Gammalt avsnitt") > rest.index("Sak 11")
    html = render(diff, "email-html")
    assert html.index("Gammalt avsnitt") > html.index("Sak 11") > html.index("Sak 9")


def test_payloads_stay_text_in_the_email() -> None:
    html = render(hostile_diff(), "email-html", full_report_link=LINK)
    assert_inert(html, own_scripts=0)
    assert email_problems(html, LINK) == []
    text = render_email_text(hostile_diff(), RenderOptions())
    assert all(payload in text for payload in PAYLOADS)


def test_bad_link_is_refused() -> None:
    with pytest.raises(ReportdiffError):
        render(sample_diff(), "email-html", full_report_link="javascript:alert(1)")
    with pytest.raises(ReportdiffError):
        render(sample_diff(), "email-html", full_report_link='https://x.org/"onmouseover=alert(1)')


def big_diff(sections: int, words_per_block: int = 120) -> DocumentDiff:
    """Many added sections, each with long inserted paragraphs: far more than a mail can hold."""
    diff = sample_diff()
    for number in range(sections):
        text = " ".join(f"ord{number}x{index}" for index in range(words_per_block))
        blocks = [BlockChange(BlockOp.INSERT, None, Block(BlockKind.PARAGRAPH, text, Span(1, 1))) for _ in range(3)]
        diff.pairs.append(
            SectionPair(SectionStatus.ADDED, None, None, (), ("Bilagor", f"Bilaga {number}"), blocks=blocks)
        )
    return diff


def test_long_diffs_are_cut_with_a_count() -> None:
    diff = big_diff(120)
    html = render(diff, "email-html", full_report_link=LINK)
    text = render_email_text(diff, RenderOptions(full_report_link=LINK))
    size = body_size(text, html)  # both parts as the message carries them
    assert SIZE_LIMIT * 0.95 < size <= SIZE_LIMIT
    shown = sum(f">Bilaga {number} <" in html for number in range(120))
    changed_sections = 2 + 120  # Inledning and Division Nära vård, plus the appendices (Akut has only notes)
    hidden = 120 - shown
    assert 0 < shown < 120
    assert f"Brevet är förkortat: {hidden} avsnitt med ändringar visas inte här." in html
    assert email_problems(html, LINK) == []
    assert changed_sections - hidden == shown + 2
    assert f"{hidden} avsnitt med ändringar" in text
    assert sum(f"Bilaga {number} (" in text for number in range(120)) == shown


def test_short_diffs_are_not_cut() -> None:
    html = render(big_diff(3), "email-html")
    assert "förkortat" not in html and ">Bilaga 2 <" in html


def test_plain_text_twin() -> None:
    text = render_email_text(sample_diff(), RenderOptions(full_report_link=LINK))
    assert "Regionen har [-302 000-] {+303 500+} invånare" in text
    assert "* Tillagt: {+Ett helt nytt stycke om vårdplatser.+}" in text
    assert f"Läs hela jämförelsen: {LINK}" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_email_is_deterministic_and_golden(update_goldens: bool) -> None:
    first = render(sample_diff(), "email-html", full_report_link=LINK)
    assert render(sample_diff(), "email-html", full_report_link=LINK) == first
    check_golden("email-sample.html", first, update_goldens)


def test_snapshot_pair_email_is_mail_safe_small_and_golden(update_goldens: bool) -> None:
    from test_render_html import snapshot_diff

    html = render(snapshot_diff(), "email-html", full_report_link=LINK)
    assert email_problems(html, LINK) == []
    assert len(html.encode("utf-8")) < 100_000
    check_golden("email-2025-04-2025-05.html", html, update_goldens)


def test_a_huge_summary_is_cut_too() -> None:
    from reportdiff.model import Event, EventKind

    diff = sample_diff()
    template = diff.summary.events[0]
    diff.summary.events = [
        Event(EventKind.NEW_INITIATIVE, f"Initiativ nummer {number} " + "ord " * 30, "", template.section_path, 1, "r")
        for number in range(1500)
    ]
    diff.summary.figure_shifts = diff.summary.figure_shifts * 400
    html = render(diff, "email-html")
    assert len(html.encode("utf-8")) <= SIZE_LIMIT
    assert email_problems(html) == []
    shown = html.count("Initiativ nummer")
    assert 0 < shown < 1500
    assert f"… och {1500 - shown} till" in html
    rows = html.count('<td valign="top"') // 2
    assert f"… och {800 - rows} till" in html
    text = render_email_text(diff, RenderOptions())
    assert text.count("Initiativ nummer") == shown


def test_an_item_with_no_section_names_only_its_line() -> None:
    """The signing director stands in no section: no empty place before the line ("[, rad 50")."""
    from diff_builder import make_diff

    md = "# Inledning\n\nText.\n"
    director = Event(
        EventKind.PEOPLE,
        "Anna Ek, Regiondirektör → Bo Berg, Tf Regiondirektör",
        "Bo Berg Tf Regiondirektör",
        (),
        50,
        "people.director",
        evidence=[Evidence("new", 50, (), "Bo Berg Tf Regiondirektör")],
    )
    diff = make_diff(md, md, summary=ChangeSummary(events=[director]))
    text = " ".join(render_email_text(diff, RenderOptions()).split())
    assert "[rad 50 i nya rapporten]" in text and "[," not in text
    for fmt in ("email-html", "html"):
        assert ">rad 50 i nya rapporten" in render(diff, fmt) and "> · rad 50" not in render(diff, fmt), fmt
