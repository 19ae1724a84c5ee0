"""How the HTML page and the e-mail show moved figures and passed dates: numbers that never wrap,
no percentage of a negative base, colours by meaning, dates as people write them."""

from __future__ import annotations

import re

import pytest

from reportdiff.figures.polarity import polarity, tone
from reportdiff.model import ChangeSummary, DocumentDiff, Event, EventKind, Figure, FigureShift
from reportdiff.render.dispatch import render
from reportdiff.render.figure_chart import bars
from reportdiff.render.html import format_change, nobreak_numbers
from reportdiff.render.labels import labels
from reportdiff.render.wording import written_date
from tests.test_render_html import sample_diff

PATH = ("Ekonomi",)


def figure(value: float, raw: str, label: str = "periodens resultat", unit: str = "mnkr") -> Figure:
    return Figure(value, unit, label, raw, f"Det var {raw}.", PATH, 3)


def shift(old: float, new: float, label: str = "periodens resultat", unit: str = "mnkr") -> FigureShift:
    change = new - old
    relative = change / abs(old) if old else None
    direction = "up" if change > 0 else "down" if change < 0 else "same"
    return FigureShift(label, unit, PATH, figure(old, f"{old:g} {unit}", label, unit),
                       figure(new, f"{new:g} {unit}", label, unit), change, relative, direction)  # fmt: skip


@pytest.mark.parametrize(("old", "new"), [(-61, 14), (0, 14), (-10, -4)])
def test_no_percentage_on_a_negative_or_zero_base(old: float, new: float) -> None:
    text = format_change(shift(old, new), "sv")
    assert "%" not in text and text.startswith("+") and "mnkr" in text


def test_percentage_on_a_positive_base() -> None:
    assert format_change(shift(50, 75), "sv") == "+25 mnkr (+50\u00a0%)"


def test_thousands_never_wrap_apart() -> None:
    assert (
        nobreak_numbers("7 436 besök och 12 mnkr, 1 234 567 kronor")
        == "7\u00a0436 besök och 12 mnkr, 1\u00a0234\u00a0567 kronor"
    )
    assert nobreak_numbers("år 2024 12 st") == "år 2024 12 st"  # "2024 12": not a thousands group
    diff = sample_diff(old_intro="302 000", new_intro="303 500")
    for fmt in ("html", "email-html"):
        page = render(diff, fmt)
        assert "303\u00a0500" in page and "303 500 " not in page.split("<main", 1)[-1].split("</table>", 1)[0], fmt


@pytest.mark.parametrize(
    ("label", "direction", "expected"),
    [
        ("sjukfrånvaro", "down", "good"),
        ("sjukfrånvaro (fg år)", "up", "bad"),
        ("väntetid till operation", "down", "good"),
        ("kostnad för inhyrd personal", "up", "bad"),
        ("periodens resultat", "up", "good"),
        ("periodens resultat", "down", "bad"),
        ("anställda", "up", ""),  # unknown: neutral
        ("invånare", "down", ""),
        ("sjukfrånvaro", "appeared", ""),
    ],
)
def test_direction_tone_follows_meaning(label: str, direction: str, expected: str) -> None:
    assert tone(label, direction) == expected


def test_a_label_with_both_kinds_is_neutral() -> None:
    assert polarity("kostnad per resultat") == 0


def test_page_and_email_colour_by_tone_and_say_it_in_words() -> None:
    diff = sample_diff()  # sjukfrånvaro fell: good news, "down" but green
    page = render(diff, "html")
    assert 'class="dir down good"' in page and "minskning, bättre" in page
    assert 'class="dir up"' in page  # invånare rose: neutral, no tone
    mail = render(diff, "email-html")
    insert_colour = mail.split("minskning, bättre", 1)[0].rsplit("color:", 1)[1].split(";", 1)[0]
    neutral = mail.split("ökning:", 1)[0].rsplit("color:", 1)[1].split(";", 1)[0]
    assert neutral == "#1a1a1a" and insert_colour != neutral


def test_passed_dates_read_as_people_write_them() -> None:
    assert written_date("2025-05-01", labels("sv")["month_names"]) == "1 maj 2025"
    assert written_date("2025-05-01", labels("en")["month_names"]) == "1 May 2025"
    assert written_date("i vår", labels("sv")["month_names"]) == "i vår"
    diff = sample_diff()
    event = Event(EventKind.DATE_PASSED, "Inledning: 1 maj", "", ("Inledning",), 7, "date.passed", side="old",
                  old_status="2025-05-01", new_status="2025-05-13")  # fmt: skip
    diff = DocumentDiff(diff.old, diff.new, diff.pairs, stats=diff.stats, summary=ChangeSummary(events=[event]))
    for fmt in ("html", "email-html"):
        page = render(diff, fmt)
        assert "1 maj 2025 – passerat" in page and "2025-05-01 →" not in page, fmt


def test_the_page_draws_each_moved_figure_with_its_values() -> None:
    diff = sample_diff(old_intro="302 000", new_intro="303 500")
    page = render(diff, "html")
    charts = re.findall(r'<svg class="slope[^"]*"[^>]*aria-label="([^"]*)"[^>]*>(.*?)</svg>', page)
    assert len(charts) == 2  # invånare and sjukfrånvaro: both sides known
    labels_, bodies = zip(*charts, strict=True)
    assert "302\u00a0000 → 303\u00a0500" in labels_[0]
    assert ">302000<" in bodies[0] and ">303500<" in bodies[0]
    # new above old when the figure rose: a smaller y is higher up
    y_old, y_new = (float(value) for value in re.findall(r'<circle cx="[^"]+" cy="([^"]+)"', bodies[0]))
    assert y_new < y_old


def test_the_email_draws_bars_of_table_cells_not_svg() -> None:
    diff = sample_diff()
    mail = render(diff, "email-html")
    assert "<svg" not in mail  # Gmail and Outlook drop SVG
    widths = re.findall(r'<table role="presentation" width="(\d+)%"[^>]*><tr><td height="5" bgcolor', mail)
    assert len(widths) == 4 and all(2 <= int(width) <= 100 for width in widths)
    assert "100" in widths[:2] and "100" in widths[2:]  # the larger value of each pair is the full width


def test_bars_scale_to_the_larger_magnitude() -> None:
    bars_ = bars(shift(-61, 14), "−61", "+14")
    assert [bar.percent for bar in bars_] == [100, 23] and [bar.new for bar in bars_] == [False, True]
    assert bars(FigureShift("x", "st", PATH, None, figure(3, "3 st"), None, None, "appeared"), "–", "3") == []
