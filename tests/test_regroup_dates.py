"""A re-segmented paragraph is carried-over text for the date rules too: the same events as unsplit."""

from __future__ import annotations

from reportdiff.comparison import compare
from reportdiff.ingest.text import read_text

PLAN = "Utbildningen för alla chefer kommer att genomföras i april 2025 i regionhuset."
SIGN_UP = "Anmälan görs till personalavdelningen senast en vecka innan utbildningen."


def _report(date: str, body: str):  # type: ignore[no-untyped-def]
    return read_text(
        f"Regiondirektörens rapport\n\n{date}\n\nInledning\n\nEn mening som står kvar här.\n\n"
        f"Personal\n\n{body}\n\nEkonomi\n\nResultatet är bra för perioden.\n"
    )


def test_a_passed_date_in_split_or_merged_paragraphs_is_reported_once_as_when_unchanged() -> None:
    split, merged = f"{PLAN}\n\n{SIGN_UP}", f"{PLAN} {SIGN_UP}"
    expected = None
    for old_body, new_body in ((split, split), (split, merged), (merged, split)):
        diff = compare(_report("10 mars 2025", old_body), _report("12 maj 2025", new_body))
        events = [(event.kind.value, event.title, event.text) for event in diff.summary.events]
        assert len(events) == 1 and events[0][0] == "date_passed"
        expected = expected or events
        assert events == expected
