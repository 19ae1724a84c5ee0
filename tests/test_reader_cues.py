"""Heading and paragraph cues of the PDF-text reader, on fixtures written for them.

PDF text as pdftotext writes it: single spaced, no trailing spaces, so no line shows where a
paragraph ends. The fixtures are our own Swedish prose, about 70 characters a line.
"""

from __future__ import annotations

from reportdiff.ingest.text import read_text
from reportdiff.text.hyphenation import SpellingEvidence, join_hyphenated

BODY = [
    "Arbetet med den nya planeringen av sommarens bemanning har fortsatt under",
    "perioden och flera verksamheter har redan lämnat sina underlag till staben.",
    "Samtidigt har rekryteringen av sjuksköterskor gått bättre än under förra",
    "året, framför allt inom slutenvården och på de mindre sjukhusen i länet.",
]


def _read(lines: list[str]):  # type: ignore[no-untyped-def]
    return read_text("\n".join(["Ekonomi och personal", *BODY, *lines, "Uppföljning", *BODY]) + "\n")


def _headings(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [section.heading for section in report.sections()]


def test_a_short_line_before_a_word_that_would_not_fit_is_wrapping_not_a_heading() -> None:
    report = _read(
        [
            "Under perioden från januari till och med mars har fyra lex",
            "Maria-anmälningarna skickats till tillsynsmyndigheten och två av dem",
            "gäller brister i uppföljningen av provsvar inom primärvården i länet.",
        ]
    )
    assert not any(h.startswith("Under perioden") for h in _headings(report))
    assert any(
        block.text.startswith("Under perioden från januari till och med mars har fyra lex Maria-")
        for block in report.blocks()
    )


def test_a_heading_after_a_full_line_may_wrap_into_lower_case() -> None:
    report = _read(
        [
            "Besök från en vänort och studier av hur vården fungerar på",
            "landsbygden",
            "En grupp på åtta personer från vänorten besökte regionen under mars och",
            "tog del av arbetet på två hälsocentraler och ett av de mindre sjukhusen.",
        ]
    )
    assert "Besök från en vänort och studier av hur vården fungerar på landsbygden" in _headings(report)


def test_a_full_line_followed_by_a_short_sentence_start_stays_one_paragraph() -> None:
    """The control: a short line that ends a sentence is body text, whatever follows."""
    report = _read(["Det blev bra.", "Nästa steg är att samla in synpunkter från alla verksamheter i länet."])
    assert "Det blev bra." not in _headings(report)


def test_a_conjunction_after_the_break_joins_when_the_text_writes_the_word_whole() -> None:
    evidence = SpellingEvidence.from_lines(["arbetet sker gemensamt med kommunerna"])
    assert join_hyphenated("arbetet sker gemen-", "samt med länet", evidence) == "arbetet sker gemensamt med länet"
    assert join_hyphenated("hälso-", "och sjukvård", evidence) == "hälso- och sjukvård"


def test_a_report_without_a_cover_date_gets_the_estimate_every_command_uses() -> None:
    """No cover, no publication block, no attachments, no monthly heading: the month the text speaks of."""
    import json

    from reportdiff.comparison import compare
    from reportdiff.render.json import render_json

    text = (
        "Inledning\n\nUnder mars 2025 och april 2025 har arbetet fortsatt enligt planen.\n\n"
        "Ekonomi\n\nResultatet för april 2025 är bättre än budget.\n"
    )
    report = read_text(text)
    assert report.date is not None and report.date.isoformat() == "2025-04-01"
    assert report.date_source.startswith("estimated: the dates its text mentions")
    assert report.display_date() == "≈ 2025-04"
    data = json.loads(render_json(compare(report, read_text(text))))
    assert data["old"]["date"] == "2025-04-01" and data["old"]["date_source"] == report.date_source
