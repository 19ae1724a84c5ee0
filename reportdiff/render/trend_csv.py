"""Figure timelines as CSV for a spreadsheet: one row per figure, one column per report.

Written for Excel: UTF-8 with a byte-order mark (so å, ä, ö survive a double-click), CRLF line
ends, and for Swedish Excel ``--decimal-comma`` (whose default delimiter is then ``;``). Text that
would start a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe. Every figure track
is written, also the constant ones; an empty cell means the figure is not in that report.
Numbers carry no thousands separator, so the spreadsheet reads them as numbers.
"""

from __future__ import annotations

import csv
import io

from reportdiff.model.series import SeriesReport
from reportdiff.render.common import safe_text
from reportdiff.render.trend_common import TrendOptions

BOM = "\ufeff"


def csv_number(value: float | None, decimal_comma: bool) -> str:
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def cell_text(text: str) -> str:
    """Report text for a cell: control characters gone, and never read as a formula (=, +, -, @)."""
    text = safe_text(text)
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def render_trend_csv(result: SeriesReport, options: TrendOptions | None = None) -> str:
    options = options or TrendOptions()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=options.csv_delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    labels = [entry.label for entry in result.reports]
    writer.writerow(["id", "figure", "unit", "section", *labels, "first", "latest", "change", "reports"])
    for track in result.figures:
        by_report = {point.report: point.value for point in track.points}
        writer.writerow(
            [
                track.id,
                cell_text(track.label),
                cell_text(track.unit),
                cell_text(" › ".join(track.section_path)),
                *(csv_number(by_report.get(index), options.decimal_comma) for index in range(len(labels))),
                csv_number(track.points[0].value, options.decimal_comma),
                csv_number(track.points[-1].value, options.decimal_comma),
                csv_number(None if track.change is None else round(track.change, 6), options.decimal_comma),
                str(len(track.points)),
            ]
        )
    return BOM + buffer.getvalue()
