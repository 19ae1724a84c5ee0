"""Pick a renderer by format name, from plain tables of functions: one for diffs, one for series.

Each entry imports its renderer when called, so a command loads only what it shows (``--format
json`` never imports rich or jinja2).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reportdiff.errors import ReportdiffError
from reportdiff.model import DocumentDiff
from reportdiff.render.options import RenderOptions

if TYPE_CHECKING:  # a diff never needs the series model or the trend helpers
    from reportdiff.model.series import SeriesReport
    from reportdiff.render.trend_common import TrendOptions


def _terminal(diff: DocumentDiff, options: RenderOptions) -> str:
    from reportdiff.render.terminal import render_terminal

    return render_terminal(diff, options)


def _json(diff: DocumentDiff, options: RenderOptions) -> str:
    from reportdiff.render.json import render_json

    return render_json(diff, options)


def _markdown(diff: DocumentDiff, options: RenderOptions) -> str:
    from reportdiff.render.markdown import render_markdown

    return render_markdown(diff, options)


def _html(diff: DocumentDiff, options: RenderOptions) -> str:
    from reportdiff.render.html import render_html

    return render_html(diff, options)


def _email_html(diff: DocumentDiff, options: RenderOptions) -> str:
    from reportdiff.render.email_html import render_email_html

    return render_email_html(diff, options)


RENDERERS: dict[str, Callable[[DocumentDiff, RenderOptions], str]] = {
    "text": _terminal,
    "json": _json,
    "md": _markdown,
    "html": _html,
    "email-html": _email_html,
}


def render(diff: DocumentDiff, fmt: str = "text", options: RenderOptions | None = None, **overrides: Any) -> str:
    """Render ``diff`` in format ``fmt``; keyword overrides set fields of a copy of :class:`RenderOptions`."""
    if fmt not in RENDERERS:
        raise ReportdiffError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}")
    unknown = sorted(set(overrides) - {field.name for field in dataclasses.fields(RenderOptions)})
    if unknown:
        raise ReportdiffError(f"render(): no option {unknown[0]!r}; see RenderOptions")
    options = dataclasses.replace(options or RenderOptions(), **overrides)  # the caller's options stay as given
    return str(RENDERERS[fmt](diff, options))


def _trend_terminal(result: SeriesReport, options: TrendOptions) -> str:
    from reportdiff.render.trend_terminal import render_trend_terminal

    return render_trend_terminal(result, options)


def _trend_json(result: SeriesReport, options: TrendOptions) -> str:
    from reportdiff.render.trend_json import render_trend_json

    return render_trend_json(result, options)


def _trend_html(result: SeriesReport, options: TrendOptions) -> str:
    from reportdiff.render.trend_html import render_trend_html

    return render_trend_html(result, options)


def _trend_csv(result: SeriesReport, options: TrendOptions) -> str:
    from reportdiff.render.trend_csv import render_trend_csv

    return render_trend_csv(result, options)


TREND_RENDERERS: dict[str, Callable[[SeriesReport, TrendOptions], str]] = {
    "text": _trend_terminal,
    "json": _trend_json,
    "html": _trend_html,
    "csv": _trend_csv,
}


def render_trend(result: SeriesReport, fmt: str = "text", options: TrendOptions | None = None) -> str:
    """Render a series in ``text``, ``json``, ``html`` or ``csv``."""
    if fmt not in TREND_RENDERERS:
        raise ReportdiffError(f"unknown trend format {fmt!r}; choose one of {', '.join(TREND_RENDERERS)}")
    if options is None:
        from reportdiff.render.trend_common import TrendOptions

        options = TrendOptions()
    return str(TREND_RENDERERS[fmt](result, options))
