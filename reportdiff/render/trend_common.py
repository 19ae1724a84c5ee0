"""What the trend renderers share: options, labels, sparklines, number formats, grid symbols, dispatch.

The words around report text come in Swedish and English like every other view; they live here
(not in ``labels.py``) because only the trend views use them.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportdiff.model.series import FigureTrack, SectionState, SeriesReport
from reportdiff.render.labels import labels
from reportdiff.render.wording import format_number
from reportdiff.text.normalize import safe_text

SPARKS = "▁▂▃▄▅▆▇█"
ABSENT_SPARK = "·"
VALUES_SHOWN = 12  # longer tracks show the first and last few values around an ellipsis


@dataclass(slots=True)
class TrendOptions:
    lang: str = "sv"
    color: bool = False
    width: int = 100
    all_figures: bool = False  # also figures that never change or appear once (text and HTML)
    csv_delimiter: str = ","
    decimal_comma: bool = False  # CSV numbers as 5,9 (Swedish Excel)


# symbol, palette style name, for each state of a section in a report
STATE_MARKS: dict[SectionState, tuple[str, str]] = {
    SectionState.UNCHANGED: ("=", "muted"),
    SectionState.CHANGED: ("~", "event"),
    SectionState.RENAMED: ("R", "rename"),
    SectionState.MOVED: ("M", "move"),
    SectionState.NEW: ("+", "insert"),
    SectionState.GONE: ("×", "delete"),
    SectionState.ABSENT: ("·", "muted"),
}

TREND_LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Trender i {title}",
        "reports": "Rapporter",
        "date": "Datum",
        "source": "Fil",
        "no_date": "utan datum",
        "estimated": "uppskattat ur texten",
        "figures": "Siffror över tid",
        "figures_note": (
            "{shown} av {total} siffror; siffror som aldrig ändras eller bara finns en gång visas med --all-figures."
        ),
        "figure": "Vad",
        "where": "Avsnitt",
        "trend": "Förlopp",
        "values": "Värden",
        "change": "Förändring",
        "in_reports": "I rapporter",
        "no_figures": "Inga siffror att följa.",
        "topic": "Ämne: {topic}",
        "report": "Rapport",
        "mentions": "Omnämnanden",
        "words": "Ord",
        "phase": "Fas",
        "status_words": "Statusord",
        "sections_where": "Avsnitt",
        "lasting": "Ämnen som återkommer längst",
        "changing": "Ämnen som ändras mest",
        "no_topics": "Inga återkommande ämnen hittades.",
        "sections": "Avsnitt över tid",
        "section": "Avsnitt",
        "legend": "Teckenförklaring",
        "state_unchanged": "oförändrat",
        "state_changed": "ändrat",
        "state_renamed": "omdöpt",
        "state_moved": "flyttat",
        "state_new": "nytt",
        "state_gone": "borta",
        "state_absent": "finns inte",
        "warnings": "Varningar",
        "tentative": "trolig",
        "first": "Första",
        "last": "Senaste",
        "report_count": "{count} rapporter",
    },
    "en": {
        "title": "Trends in {title}",
        "reports": "Reports",
        "date": "Date",
        "source": "File",
        "no_date": "no date",
        "estimated": "estimated from the text",
        "figures": "Figures over time",
        "figures_note": (
            "{shown} of {total} figures; figures that never change or appear once are shown with --all-figures."
        ),
        "figure": "What",
        "where": "Section",
        "trend": "Trend",
        "values": "Values",
        "change": "Change",
        "in_reports": "In reports",
        "no_figures": "No figures to follow.",
        "topic": "Topic: {topic}",
        "report": "Report",
        "mentions": "Mentions",
        "words": "Words",
        "phase": "Phase",
        "status_words": "Status words",
        "sections_where": "Sections",
        "lasting": "Topics that last longest",
        "changing": "Topics that change most",
        "no_topics": "No recurring topics found.",
        "sections": "Sections over time",
        "section": "Section",
        "legend": "Key",
        "state_unchanged": "unchanged",
        "state_changed": "changed",
        "state_renamed": "renamed",
        "state_moved": "moved",
        "state_new": "new",
        "state_gone": "gone",
        "state_absent": "not there",
        "warnings": "Warnings",
        "tentative": "likely",
        "first": "First",
        "last": "Latest",
        "report_count": "{count} reports",
    },
}


def trend_labels(lang: str) -> dict[str, str]:
    return labels(lang, TREND_LABELS)


def shown_figures(result: SeriesReport, options: TrendOptions) -> list[FigureTrack]:
    """The tracks a person wants to read: in two reports or more and not constant (all with --all-figures)."""
    if options.all_figures:
        return list(result.figures)
    return [track for track in result.figures if len(track.points) > 1 and track.varies]


def sparkline(track: FigureTrack, reports: int) -> str:
    """One character per report: the value's height between the track's min and max, ``·`` where absent."""
    by_report = {point.report: point.value for point in track.points}
    low, high = min(by_report.values()), max(by_report.values())
    chars = []
    for index in range(reports):
        if index not in by_report:
            chars.append(ABSENT_SPARK)
        elif high == low:
            chars.append(SPARKS[3])
        else:
            chars.append(SPARKS[round((by_report[index] - low) / (high - low) * (len(SPARKS) - 1))])
    return "".join(chars)


def counts_sparkline(counts: list[int]) -> str:
    """Mentions per report as a sparkline; zero is the lowest bar's blank."""
    top = max(counts, default=0)
    if top == 0:
        return ABSENT_SPARK * len(counts)
    return "".join(ABSENT_SPARK if n == 0 else SPARKS[round(n / top * (len(SPARKS) - 1))] for n in counts)


def number(value: float | None, lang: str, signed: bool = False) -> str:
    return format_number(value, lang, signed)


def unit_text(unit: str) -> str:
    return "" if unit in ("st", "antal") else safe_text(unit)


def values_text(track: FigureTrack, lang: str, limit: int = VALUES_SHOWN) -> str:
    values = [number(point.value, lang) for point in track.points]
    if len(values) > limit:
        values = [*values[:3], "…", *values[-3:]]
    return " → ".join(values)


def change_text(track: FigureTrack, lang: str) -> str:
    change = track.change
    if change is None:
        return "–"
    unit = unit_text(track.unit)
    if unit == "procent":
        unit = "procentenheter" if lang == "sv" else "percentage points"
    return f"{number(round(change, 6), lang, signed=True)} {unit}".strip()


def figure_name(track: FigureTrack) -> str:
    unit = unit_text(track.unit)
    return f"{safe_text(track.label)} ({unit})" if unit else safe_text(track.label)


def report_label(result: SeriesReport, index: int) -> str:
    return safe_text(result.reports[index].label)


def series_title(result: SeriesReport) -> str:
    titles = [entry.title for entry in result.reports if entry.title]
    return safe_text(titles[-1]) if titles else "reports"
