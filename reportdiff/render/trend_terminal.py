"""A series of reports at a terminal (rich): reports, figure timelines with sparklines, topics, section grid.

Report text goes through ``safe_text`` into ``rich.text.Text`` (never markup), as in the diff view.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from reportdiff.model.series import FigureTrack, SeriesReport, TopicTrack
from reportdiff.render.options import RenderOptions
from reportdiff.render.palette import rich_style
from reportdiff.render.terminal import make_console
from reportdiff.render.trend_common import (
    STATE_MARKS,
    TrendOptions,
    change_text,
    counts_sparkline,
    figure_name,
    report_label,
    series_title,
    shown_figures,
    sparkline,
    trend_labels,
    values_text,
)
from reportdiff.render.wording import format_path
from reportdiff.text.normalize import safe_text

GRID_SPACED_UP_TO = 20  # up to this many reports the grid puts a space between cells


def render_trend_terminal(result: SeriesReport, options: TrendOptions | None = None) -> str:
    options = options or TrendOptions()
    console = make_console(RenderOptions(lang=options.lang, color=options.color, width=options.width))
    for renderable in trend_renderables(result, options):
        console.print(renderable)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in output.split("\n"))


def _style(name: str, options: TrendOptions) -> str:
    return rich_style(name) if options.color else ""


def _heading(text: str, options: TrendOptions) -> Text:
    return Text(text, style="bold underline" if options.color else "")


def trend_renderables(result: SeriesReport, options: TrendOptions) -> Iterator[RenderableType]:
    words = trend_labels(options.lang)
    first, last = result.reports[0].label, result.reports[-1].label
    yield _heading(f"{words['title'].format(title=series_title(result))}: {first} – {last}", options)
    yield Text(words["report_count"].format(count=len(result.reports)))
    yield _reports_table(result, words)
    yield Text()
    yield from _figures(result, options, words)
    yield Text()
    yield from _topics(result, options, words)
    yield Text()
    yield from _sections(result, options, words)
    if result.warnings:
        yield Text()
        yield _heading(words["warnings"], options)
        for warning in result.warnings:
            yield Text(f"- {safe_text(warning)}")


def _table(*columns: str, **kwargs: Any) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=False, **kwargs)
    for column in columns:
        table.add_column(column)
    return table


def _reports_table(result: SeriesReport, words: dict[str, str]) -> Table:
    table = _table("#", words["date"], words["source"])
    for entry in result.reports:
        date = (
            entry.label
            if entry.date
            else f"{entry.label} ({words['estimated']})"
            if entry.estimated
            else words["no_date"]
        )
        table.add_row(str(entry.index + 1), Text(date), Text(safe_text(entry.source)))
    return table


def _figures(result: SeriesReport, options: TrendOptions, words: dict[str, str]) -> Iterator[RenderableType]:
    yield _heading(words["figures"], options)
    tracks = shown_figures(result, options)
    if not result.figures:
        yield Text(words["no_figures"])
        return
    yield Text(
        words["figures_note"].format(shown=len(tracks), total=len(result.figures)), style=_style("muted", options)
    )
    if len(result.reports) > options.width // 4:
        yield from _figure_blocks(result, tracks, options)
        return
    table = _table(words["figure"], words["trend"], words["values"], words["change"])
    table.columns[1].no_wrap = True
    table.columns[3].no_wrap = True
    for track in tracks:
        what = Text(figure_name(track), style="bold" if options.color else "")
        what.append("\n" + format_path(track.section_path[-2:]), style=_style("muted", options))
        change = track.change or 0.0
        style = _style("figure_up", options) if change > 0 else _style("figure_down", options) if change < 0 else ""
        table.add_row(
            what,
            Text(sparkline(track, len(result.reports))),
            Text(values_text(track, options.lang)),
            Text(change_text(track, options.lang), style=style),
        )
    yield table


def _figure_blocks(result: SeriesReport, tracks: list[FigureTrack], options: TrendOptions) -> Iterator[Text]:
    """A long series: a table cannot hold a sparkline this wide, so each figure gets two lines."""
    for track in tracks:
        change = track.change or 0.0
        style = _style("figure_up", options) if change > 0 else _style("figure_down", options) if change < 0 else ""
        line = Text(figure_name(track), style="bold" if options.color else "")
        line.append("  " + format_path(track.section_path[-2:]), style=_style("muted", options))
        yield line
        detail = Text("  " + sparkline(track, len(result.reports)) + "  ")
        detail.append(values_text(track, options.lang) + "  ")
        detail.append(change_text(track, options.lang), style=style)
        yield detail


def _topics(result: SeriesReport, options: TrendOptions, words: dict[str, str]) -> Iterator[RenderableType]:
    if result.topic_query is not None:
        for topic in result.topics:
            yield _heading(words["topic"].format(topic=safe_text(topic.topic)), options)
            yield _topic_table(result, topic, options, words)
        return
    for key, tracks in (("lasting", result.lasting), ("changing", result.changing)):
        yield _heading(words[key], options)
        if not tracks:
            yield Text(words["no_topics"])
            continue
        table = _table(words["topic"].split(":")[0], words["in_reports"], words["trend"], words["mentions"])
        for topic in tracks:
            counts = [point.mentions for point in topic.points]
            table.add_row(
                Text(safe_text(topic.topic)),
                Text(f"{topic.present}/{len(topic.points)}"),
                Text(counts_sparkline(counts)),
                Text(" ".join(str(n) for n in counts) if len(counts) <= 12 else str(sum(counts))),
            )
        yield table


def _topic_table(result: SeriesReport, topic: TopicTrack, options: TrendOptions, words: dict[str, str]) -> Table:
    table = _table(
        words["report"],
        words["mentions"],
        words["words"],
        words["phase"],
        words["status_words"],
        words["sections_where"],
    )
    for column in (1, 2):
        table.columns[column].justify = "right"
    for point in topic.points:
        phase = point.phase_label or "–"
        if point.phase and not point.phase_certain:
            phase = f"{phase} ({words['tentative']})"
        sections = "; ".join(safe_text(path[-1]) for path in point.sections) if point.sections else "–"
        table.add_row(
            Text(report_label(result, point.report)),
            Text(str(point.mentions)),
            Text(str(point.words)),
            Text(phase, style=_style("event", options) if point.phase else ""),
            Text(", ".join(safe_text(word) for word in point.status_words) or "–"),
            Text(sections),
        )
    return table


def _sections(result: SeriesReport, options: TrendOptions, words: dict[str, str]) -> Iterator[RenderableType]:
    """The grid as plain lines (a table of a few thousand one-letter cells is slow to lay out)."""
    yield _heading(words["sections"], options)
    count = len(result.reports)
    spaced = count <= GRID_SPACED_UP_TO
    cells_width = 2 * count - 1 if spaced else count
    headings = ["  " * max(0, row.level - 1) + safe_text(row.heading) for row in result.sections.rows]
    room = max(12, options.width - cells_width - 3)
    width = min(room, max((len(heading) for heading in [words["section"], *headings]), default=0))
    numbers = "".join(str((i + 1) % 10) + (" " if spaced else "") for i in range(count)).rstrip()
    yield Text(f"{words['section'].ljust(width)}   {numbers}", no_wrap=True)
    yield Text("─" * (width + 3 + cells_width), style=_style("muted", options), no_wrap=True)
    for heading, row in zip(headings, result.sections.rows, strict=True):
        if len(heading) > width:
            heading = heading[: width - 1] + "…"
        line = Text(heading.ljust(width) + "   ", no_wrap=True)
        for at, cell in enumerate(row.cells):
            symbol, style = STATE_MARKS[cell.state]
            line.append(symbol, style=_style(style, options))
            if spaced and at < count - 1:
                line.append(" ")
        yield line
    legend = Text(f"{words['legend']}: ")
    for state, (symbol, style) in STATE_MARKS.items():
        legend.append(symbol, style=_style(style, options))
        legend.append(f" {words['state_' + state.value]}  ")
    yield legend


@contextmanager
def progress_reporter() -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar on stderr while reports are read and aligned (transient: gone when done)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        tasks: dict[str, Any] = {}

        def update(what: str, done: int, total: int) -> None:
            if what not in tasks:
                tasks[what] = progress.add_task(what, total=total)
            progress.update(tasks[what], completed=done, total=total)

        yield update


__all__ = ["progress_reporter", "render_trend_terminal"]
