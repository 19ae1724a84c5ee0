"""The ``reportdiff figures`` listing: plain text, JSON (schema ``reportdiff.figures/1``) or CSV."""

from __future__ import annotations

from reportdiff.model import Figure, Report
from reportdiff.text.normalize import safe_text

FIGURES_SCHEMA = "reportdiff.figures/1"


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def figure_record(figure: Figure) -> dict[str, object]:
    """One figure as plain JSON data (the ``figures`` items of ``reportdiff.figures/1``)."""
    return {
        "line": figure.line,
        "section_path": list(figure.section_path),
        "label": figure.label,
        "noun": figure.noun,
        "value": figure.value,
        "high": figure.high,
        "unit": figure.unit,
        "raw": figure.raw,
        "sentence": figure.sentence,
    }


def format_figures(report: Report, figures: list[Figure], fmt: str, decimal_comma: bool = False) -> str:
    """The ``reportdiff figures`` listing as ``text``, ``json`` or ``csv``.

    ``decimal_comma``: CSV numbers as ``5,9`` with ``;`` between fields, for Swedish Excel.
    """
    if fmt == "json":
        from reportdiff.render.jsontext import dumps

        document = {
            "schema": FIGURES_SCHEMA,
            "source": report.source,
            "date": report.date.isoformat() if report.date else None,
            "count": len(figures),
            "figures": [figure_record(figure) for figure in figures],
        }
        return dumps(document, depth=2)  # one figure a line
    if fmt == "csv":
        from reportdiff.render.csvtext import CsvStyle, csv_table

        header = ["line", "section", "label", "noun", "value", "high", "unit", "raw"]
        rows = [
            [
                figure.line,
                " > ".join(figure.section_path),
                figure.label,
                figure.noun,
                figure.value,
                figure.high,
                figure.unit,
                figure.raw,
            ]
            for figure in figures
        ]
        style = CsvStyle(delimiter=";" if decimal_comma else ",", decimal_comma=decimal_comma)
        return csv_table(header, rows, style)
    lines: list[str] = []
    for figure in figures:
        value = _number_text(figure.value) + (f"–{_number_text(figure.high)}" if figure.high is not None else "")
        section = figure.section_path[-1] if figure.section_path else ""
        row = f"{figure.line:>6}  {value:>12} {figure.unit:<15} {figure.label}" + (f"  [{section}]" if section else "")
        lines.append(safe_text(row))
    lines.append(f"{len(figures)} figures")
    return "\n".join(lines) + "\n"
