"""reportdiff: what changed between versions of a long prose report.

The library is the product; the command line is one of its clients::

    import reportdiff
    old = reportdiff.load("2025-01.md")
    new = reportdiff.load("2025-02.md")
    diff = reportdiff.compare(old, new)
    print(reportdiff.render(diff, "md"))
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import reportdiff.render as _render_package  # noqa: F401  (see render() below)
from reportdiff.errors import InputError, ReportdiffError
from reportdiff.model import DocumentDiff, Report

if TYPE_CHECKING:
    from pathlib import Path

    from reportdiff.classify.rules import Rules
    from reportdiff.model.series import SeriesReport

__all__ = [
    "DocumentDiff",
    "InputError",
    "Report",
    "ReportdiffError",
    "SeriesReport",
    "compare",
    "load",
    "load_pair",
    "render",
    "track",
]


def load(path: str | Path) -> Report:
    """Read a report (text, Markdown, DOCX or PDF; ``-`` for standard input) into the report model."""
    from reportdiff.ingest import load as _load

    return _load(path)


def load_pair(old: str | Path, new: str | Path) -> tuple[Report, Report]:
    """Read two reports to compare, each text report using the other's headings as evidence."""
    from reportdiff.ingest import load_pair as _load_pair

    return _load_pair(old, new)


def compare(old: Report, new: Report, rules: Rules | None = None) -> DocumentDiff:
    """Align the sections of two reports, diff their blocks and summarise what changed.

    ``rules``: cue words for the summary, e.g. ``reportdiff.classify.load_rules("mine.toml")``;
    the built-in rules when None. No configuration file is read.
    """
    from reportdiff.comparison import compare as _compare

    return _compare(old, new, rules)


# The function below and the subpackage reportdiff/render/ share a name. Importing a submodule sets
# the attribute of its parent package the first time it is loaded, so the subpackage is imported
# above, before this ``def``: the function then stays ``reportdiff.render`` however often it runs.
def render(diff: DocumentDiff, fmt: str = "text", **options: Any) -> str:
    """Render a diff as ``text`` (terminal), ``json``, ``md``, ``html`` or ``email-html``."""
    from reportdiff.render.dispatch import render as _render

    return _render(diff, fmt, **options)


def track(reports: Iterable[Report], topic: str | None = None, rules: Rules | None = None) -> SeriesReport:
    """Follow figures, topics (``topic``: a word or phrase) and sections through reports, in date order."""
    from reportdiff.trend.series import track as _track

    return _track(reports, topic, rules)


def __getattr__(name: str) -> Any:
    """``reportdiff.SeriesReport``, imported on first use: a diff never needs the series model."""
    if name == "SeriesReport":
        from reportdiff.model.series import SeriesReport

        return SeriesReport
    raise AttributeError(f"module 'reportdiff' has no attribute {name!r}")
