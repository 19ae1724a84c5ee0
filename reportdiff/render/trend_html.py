"""A series as one standalone HTML page: figure charts as inline SVG, topic bars, the section grid.

No script is needed to read it, it works offline and prints. Like the diff page, it is built in
two steps: :func:`build_trend_page` turns the result into view dataclasses (plain strings and
SVG built here from numbers only; every piece of report text inside an SVG ``<title>`` is
escaped), and ``templates/trend.html.j2`` lays them out with Jinja's autoescaping. Colours come
from the shared palette; states of the grid also carry a letter, so colour is never the only sign.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from markupsafe import Markup, escape

from reportdiff.model.series import FigureTrack, SeriesReport, TopicTrack
from reportdiff.render.palette import PALETTE, html_colors
from reportdiff.render.trend_common import (
    STATE_MARKS,
    TrendOptions,
    change_text,
    figure_name,
    number,
    report_label,
    series_title,
    shown_figures,
    trend_labels,
)
from reportdiff.render.wording import format_path
from reportdiff.text.normalize import safe_text

CHART_WIDTH = 320
CHART_HEIGHT = 64
CHART_PAD = 6
BAR_WIDTH = 14


@dataclass(slots=True)
class FigureView:
    name: str
    where: str
    chart: Markup
    first: str
    last: str
    change: str
    direction: str  # up, down, ""
    points: int


@dataclass(slots=True)
class TopicRowView:
    report: str
    mentions: int
    words: int
    phase: str
    status_words: str
    sections: str


@dataclass(slots=True)
class TopicView:
    title: str
    chart: Markup
    rows: list[TopicRowView] = field(default_factory=list)


class CellView(NamedTuple):
    """One cell of the section grid (a tuple: the template only reads it)."""

    symbol: str
    state: str
    title: str


@dataclass(slots=True)
class GridRowView:
    heading: str
    depth: int
    path: str
    cells: list[CellView]


@dataclass(slots=True)
class ReportRowView:
    number: int
    label: str
    source: str
    note: str


@dataclass(slots=True)
class TrendPage:
    lang: str
    title: str
    reports: list[ReportRowView]
    figures: list[FigureView]
    figures_note: str
    topics: list[TopicView]
    lasting: list[TopicView]
    changing: list[TopicView]
    columns: list[str]
    grid: list[GridRowView]
    legend: list[tuple[str, str, str]]  # symbol, state, label
    warnings: list[str]
    colors: dict[str, tuple[str, str]]


def render_trend_html(result: SeriesReport, options: TrendOptions | None = None) -> str:
    from reportdiff.render.html import render_template

    options = options or TrendOptions()
    page = build_trend_page(result, options)
    return render_template("trend.html.j2", page=page, words=trend_labels(options.lang))


def build_trend_page(result: SeriesReport, options: TrendOptions) -> TrendPage:
    words = trend_labels(options.lang)
    first, last = result.reports[0].label, result.reports[-1].label
    tracks = shown_figures(result, options)
    topics = [_topic_view(result, topic, options, words) for topic in result.topics]
    return TrendPage(
        lang=options.lang,
        title=f"{words['title'].format(title=series_title(result))}: {first} – {last}",
        reports=[
            ReportRowView(
                entry.index + 1,
                safe_text(entry.label),
                safe_text(entry.source),
                "" if entry.date else words["estimated"] if entry.estimated else words["no_date"],
            )
            for entry in result.reports
        ],
        figures=[_figure_view(result, track, options) for track in tracks],
        figures_note=words["figures_note"].format(shown=len(tracks), total=len(result.figures)),
        topics=topics,
        lasting=[_topic_view(result, topic, options, words, table=False) for topic in result.lasting],
        changing=[_topic_view(result, topic, options, words, table=False) for topic in result.changing],
        columns=[report_label(result, index) for index in range(len(result.reports))],
        grid=[
            GridRowView(
                safe_text(row.heading),
                max(1, row.level),
                format_path(row.path),
                [
                    CellView(
                        STATE_MARKS[cell.state][0],
                        cell.state.value,
                        f"{report_label(result, at)}: {words['state_' + cell.state.value]}"
                        + (f" – {safe_text(cell.heading)}" if cell.heading else ""),
                    )
                    for at, cell in enumerate(row.cells)
                ],
            )
            for row in result.sections.rows
        ],
        legend=[(symbol, state.value, words["state_" + state.value]) for state, (symbol, _) in STATE_MARKS.items()],
        warnings=[safe_text(warning) for warning in result.warnings],
        colors={name: html_colors(name) for name in PALETTE},
    )


def _figure_view(result: SeriesReport, track: FigureTrack, options: TrendOptions) -> FigureView:
    change = track.change or 0.0
    return FigureView(
        name=figure_name(track),
        where=format_path(track.section_path),
        chart=line_chart(result, track, options.lang),
        first=number(track.points[0].value, options.lang),
        last=number(track.points[-1].value, options.lang),
        change=change_text(track, options.lang),
        direction="up" if change > 0 else "down" if change < 0 else "",
        points=len(track.points),
    )


def _x(index: int, count: int, width: int) -> float:
    if count == 1:
        return width / 2
    return CHART_PAD + index * (width - 2 * CHART_PAD) / (count - 1)


def line_chart(result: SeriesReport, track: FigureTrack, lang: str) -> Markup:
    """The track's values over the whole series (so charts line up in time); a dot per report it is in."""
    count = len(result.reports)
    values = [point.value for point in track.points]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def y(value: float) -> float:
        if high == low:
            return CHART_HEIGHT / 2
        return CHART_HEIGHT - CHART_PAD - (value - low) / span * (CHART_HEIGHT - 2 * CHART_PAD)

    coordinates = [(_x(point.report, count, CHART_WIDTH), y(point.value)) for point in track.points]
    parts = [
        f'<svg class="chart" viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" width="{CHART_WIDTH}" height="{CHART_HEIGHT}"'
        f' role="img" aria-label="{escape(figure_name(track))}">',
        f'<line x1="0" y1="{CHART_HEIGHT - 1}" x2="{CHART_WIDTH}" y2="{CHART_HEIGHT - 1}" class="axis"/>',
    ]
    if len(coordinates) > 1:
        joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)
        parts.append(f'<polyline points="{joined}" class="line"/>')
    for point, (x, y_) in zip(track.points, coordinates, strict=True):
        label = f"{report_label(result, point.report)}: {number(point.value, lang)} ({safe_text(point.raw)})"
        parts.append(f'<circle cx="{x:.1f}" cy="{y_:.1f}" r="3" class="dot"><title>{escape(label)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(result: SeriesReport, topic: TopicTrack, words: dict[str, str]) -> Markup:
    """Mentions per report as bars; an empty slot where the topic is not mentioned."""
    count = len(topic.points)
    width = max(CHART_WIDTH, count * BAR_WIDTH)
    top = max((point.mentions for point in topic.points), default=0) or 1
    slot = width / max(1, count)
    parts = [
        f'<svg class="chart" viewBox="0 0 {width:.0f} {CHART_HEIGHT}" width="{width:.0f}" height="{CHART_HEIGHT}"'
        f' role="img" aria-label="{escape(topic.topic)}: {escape(words["mentions"])}">',
        f'<line x1="0" y1="{CHART_HEIGHT - 1}" x2="{width:.0f}" y2="{CHART_HEIGHT - 1}" class="axis"/>',
    ]
    for point in topic.points:
        height = point.mentions / top * (CHART_HEIGHT - CHART_PAD)
        x = point.report * slot + slot * 0.15
        label = f"{report_label(result, point.report)}: {point.mentions} {words['mentions'].lower()}"
        parts.append(
            f'<rect x="{x:.1f}" y="{CHART_HEIGHT - 1 - height:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}"'
            f' class="bar"><title>{escape(label)}</title></rect>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _topic_view(
    result: SeriesReport, topic: TopicTrack, options: TrendOptions, words: dict[str, str], table: bool = True
) -> TopicView:
    view = TopicView(safe_text(topic.topic), bar_chart(result, topic, words))
    if not table:
        return view
    for point in topic.points:
        phase = point.phase_label or "–"
        if point.phase and not point.phase_certain:
            phase = f"{phase} ({words['tentative']})"
        view.rows.append(
            TopicRowView(
                report=report_label(result, point.report),
                mentions=point.mentions,
                words=point.words,
                phase=phase,
                status_words=", ".join(safe_text(word) for word in point.status_words) or "–",
                sections="; ".join(format_path(path) for path in point.sections) or "–",
            )
        )
    return view


__all__ = ["build_trend_page", "render_trend_html"]
