"""A series reads each text report with its neighbours' headings, as ``load_pair`` reads a pair.

The fixture is our own: a care area whose heading a narrow PDF layout wraps before a capitalised
word. Read alone, the wrapped line cannot be told from a heading and its first sub-heading; the
reports before and after it in time have the heading whole.
"""

from __future__ import annotations

from pathlib import Path

from reportdiff.ingest.text import read_text
from reportdiff.trend.series import build_series, newest_pair, read_series
from tests.rewrap import to_pdf

AREA = "Verksamhetsområde Länsgemensam Rättspsykiatrisk vård"


def _word(month: str, day: str, extra: str) -> str:
    return (
        "\n\n".join(
            (
                "Regiondirektörens rapport",
                f"{day} {month} 2025",
                "Inledning",
                f"Rapporten beskriver läget i regionens verksamheter under {month}.",
                "Information från verksamheten",
                "Division Psykiatri",
                "Verksamhetsområde Vuxenpsykiatri",
                "Vuxenpsykiatrin har minskat väntetiden till första besök under månaden.",
                AREA,
                f"Rättspsykiatrin har tagit emot två nya patienter. {extra}",
                "Division Regionstöd",
                "Upphandlingen av ny telefoni är klar och införandet börjar i vår.",
            )
        )
        + "\n"
    )


def _series(tmp_path: Path) -> list[Path]:
    march = read_text(_word("mars", "18", "Bemanningen är fortsatt god."))
    narrow = to_pdf(march, "single", 60, marks=False)
    assert [s.heading for s in read_text(narrow).sections()][-3:] == [
        "Verksamhetsområde Länsgemensam",
        "Rättspsykiatrisk vård",
        "Division Regionstöd",
    ]
    files = {
        "2025-02.txt": _word("februari", "11", "Vårdtiderna är oförändrade."),
        "2025-03.txt": narrow,
        "2025-04.txt": _word("april", "15", "Två sjuksköterskor har anställts."),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [tmp_path / name for name in files]


def test_trend_reads_a_report_with_the_headings_of_the_reports_before_and_after_it(tmp_path: Path) -> None:
    loaded, _ = read_series(_series(tmp_path))
    result = build_series(loaded)
    march = next(item.report for item in loaded if item.report.source.endswith("2025-03.txt"))
    assert AREA in [section.heading for section in march.sections()]
    assert "Rättspsykiatrisk vård" not in [section.heading for section in march.sections()]
    assert any("the other report: 'Verksamhetsområde Länsgemensam Rättspsykiatrisk vård'" in w for w in result.warnings)
    assert any("heading of the other report" in why for why in march.explanations)


def test_the_newest_pair_of_a_series_is_read_as_load_pair_reads_it(tmp_path: Path) -> None:
    paths = _series(tmp_path)[:2]  # February (Word text) and March (narrow PDF text)
    old, new, _ = newest_pair(paths)
    assert AREA in [section.heading for section in new.report.sections()]
    assert new.key.count("+") == 1  # the evidence is part of the key: no cached alignment of the lone reading


def test_outline_other_explains_the_heading_it_joined(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reportdiff.cli import run

    february, march, _ = _series(tmp_path)
    assert run(["outline", str(march), "--explain"]) == 0
    alone = capsys.readouterr().out
    assert run(["outline", str(march), "--other", str(february), "--explain"]) == 0
    joined = capsys.readouterr()
    assert "heading of the other report" in joined.out and "heading of the other report" not in alone
    assert AREA in joined.out and AREA not in alone
