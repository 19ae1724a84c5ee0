"""Properties: report text never acts on a terminal or a spreadsheet, whatever it holds.

Every text output of the one-report commands (``text``, ``outline`` and ``figures`` in each of
their formats) is free of C0/C1 control characters and bidirectional overrides (JSON may carry
them, escaped as ``\\uXXXX``); every CSV cell that holds report text is never read as a formula.
The reports are Markdown built from Swedish words, figures and hostile characters.
"""

from __future__ import annotations

import csv
import io
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reportdiff.check.textconv import report_text
from reportdiff.figures import extract_figures
from reportdiff.ingest import read_markdown
from reportdiff.model.series import FigureTrack, SeriesReport
from reportdiff.render.csvtext import CsvStyle, cell_text, csv_table
from reportdiff.render.figures import format_figures
from reportdiff.render.outline import render_outline

# What must never reach a terminal: C0 controls but line end and tab, DEL, C1, the bidi overrides,
# isolates and marks, and the Unicode line separators.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE = [
    "\x1b[31m", "\x1b]0;titel\x07", "\x9b2J", "\x85", "\x90", "\u202e", "\u202d", "\u2066", "\u2069", "\u200f",
    "\x07", "\x7f", "\u2028", "\x0b", "=SUMMA(A1)", "+46", "-1+2", "@cmd", "=", "\t",
]  # fmt: skip
WORDS = ["Väntetiden", "ökade", "till", "7 436", "patienter", "5,9", "procent", "mnkr", "−61", "Luleå", "och"]

pieces = st.lists(st.sampled_from(HOSTILE + WORDS), min_size=1, max_size=12).map(" ".join)
hostile_reports = st.builds(
    lambda title, heading, body, item: (
        f"{title}\n\n14 mars 2025\n\n# {heading}\n\n{body} var 12 procent.\n\n- {item} 40 mnkr\n\n# Bilagor\n\nSlut.\n"
    ),
    pieces,
    pieces,
    pieces,
    pieces,
)


def _outputs(markdown: str) -> dict[str, str]:
    report = read_markdown(markdown, "rapport.md")  # as read: past the binary-file sniffing of the bytes
    figures = extract_figures(report, markdown)
    return {
        "text": report_text(report),
        "outline": render_outline(report, "text"),
        "outline-json": render_outline(report, "json"),
        "figures": format_figures(report, figures, "text"),
        "figures-json": format_figures(report, figures, "json"),
        "figures-csv": format_figures(report, figures, "csv"),
        "figures-csv-comma": format_figures(report, figures, "csv", decimal_comma=True),
    }


@settings(max_examples=60, deadline=None)
@given(hostile_reports)
def test_no_control_or_bidi_character_reaches_the_output(markdown: str) -> None:
    for name, output in _outputs(markdown).items():
        found = UNSAFE.search(output)
        assert found is None, (
            f"{name} passes {found.group()!r}: {output[max(0, found.start() - 40) : found.end() + 40]!r}"
        )
        if name.endswith("json"):
            json.loads(output)  # the escapes keep it JSON


@settings(max_examples=60, deadline=None)
@given(hostile_reports)
def test_no_csv_text_cell_is_a_formula(markdown: str) -> None:
    outputs = _outputs(markdown)
    for name in ("figures-csv", "figures-csv-comma"):
        delimiter = ";" if name.endswith("comma") else ","
        rows = list(csv.reader(io.StringIO(outputs[name]), delimiter=delimiter))
        for row in rows[1:]:
            text_cells = [row[1], row[2], row[3], row[6], row[7]]  # section, label, noun, unit, raw
            assert not [cell for cell in text_cells if cell.startswith(("=", "+", "-", "@"))], row
            for number in (row[4], row[5]):  # value, high: numbers a spreadsheet reads as numbers
                assert number == "" or re.fullmatch(r"-?\d+([.,]\d+)?", number), row
                assert ("." not in number) if name.endswith("comma") else ("," not in number), row


@given(st.text(max_size=40))
def test_cell_text_never_starts_a_formula(text: str) -> None:
    cell = cell_text(text)
    assert not cell.startswith(("=", "+", "-", "@")) and UNSAFE.search(cell) is None


def test_the_trend_csv_goes_through_the_same_writer() -> None:
    """A figure label that starts a formula is neutralised in trend's CSV too; negative numbers stay numbers."""
    from reportdiff.model.series import FigurePoint, SeriesEntry
    from reportdiff.render.trend_csv import render_trend_csv

    def point(report: int, value: float) -> FigurePoint:
        return FigurePoint(report, value, str(value), "x", (), 1, "")

    track = FigureTrack(
        id="f1",
        label='=HYPERLINK("http://x")',
        unit="@mnkr",
        section_path=("-Ekonomi",),
        points=[point(0, -61.0), point(1, 14.5)],
    )
    entries = [SeriesEntry(n, f"{n}.md", "", None, "", "report", label=f"2025-0{n + 1}") for n in range(2)]
    text = render_trend_csv(SeriesReport(reports=entries, figures=[track]))
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1][:4] == ["f1", '\'=HYPERLINK("http://x")', "'@mnkr", "'-Ekonomi"]
    assert rows[1][4:6] == ["-61", "14.5"]


def test_csv_table_numbers_and_text() -> None:
    text = csv_table(["a", "b"], [[-5, "-5"], [5.25, None]], CsvStyle(delimiter=";", decimal_comma=True, excel=True))
    assert text == "\ufeffa;b\r\n-5;'-5\r\n5,25;\r\n"
