"""Figure timelines as CSV for a spreadsheet: one row per figure, one column per report.

Written for Excel: UTF-8 with a byte-order mark (so å, ä, ö survive a double-click), CRLF line
ends, and for Swedish Excel ``--decimal-comma`` (whose default delimiter is then ``;``). Text that
would start a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe (``reportdiff.render.csvtext``,
the one CSV writer). Every figure track
is written, also the constant ones; an empty cell means the figure is not in that report.
Numbers carry no thousands separator, so the spreadsheet reads them as numbers.
"""

from __future__ import annotations

from reportdiff.model.series import SeriesReport
from reportdiff.render.csvtext import CsvStyle, csv_table
from reportdiff.render.trend_common import TrendOptions


def render_trend_csv(result: SeriesReport, options: TrendOptions | None = None) -> str:
    options = options or TrendOptions()
    labels = [entry.label for entry in result.reports]
    header = ["id", "figure", "unit", "section", *labels, "first", "latest", "change", "reports"]
    rows = []
    for track in result.figures:
        by_report = {point.report: point.value for point in track.points}
        rows.append(
            [
                track.id,
                track.label,
                track.unit,
                " › ".join(track.section_path),
                *(by_report.get(index) for index in range(len(labels))),
                track.points[0].value,
                track.points[-1].value,
                None if track.change is None else round(track.change, 6),
                len(track.points),
            ]
        )
    style = CsvStyle(delimiter=options.csv_delimiter, decimal_comma=options.decimal_comma, excel=True)
    return csv_table(header, rows, style)
