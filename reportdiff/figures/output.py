"""The ``reportdiff figures`` listing: plain text, JSON (schema ``reportdiff.figures/1``) or CSV."""

from __future__ import annotations

import re

from reportdiff.model import Figure, Report

FIGURES_SCHEMA = "reportdiff.figures/1"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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


def format_figures(report: Report, figures: list[Figure], fmt: str) -> str:
    """The ``reportdiff figures`` listing as ``text``, ``json`` or ``csv``."""
    if fmt == "json":
        from reportdiff.jsontext import dumps

        document = {
            "schema": FIGURES_SCHEMA,
            "source": report.source,
            "date": report.date.isoformat() if report.date else None,
            "count": len(figures),
            "figures": [figure_record(figure) for figure in figures],
        }
        return dumps(document, depth=2)  # one figure a line
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["line", "section", "label", "noun", "value", "high", "unit", "raw"])
        for figure in figures:
            writer.writerow(
                [
                    figure.line,
                    " > ".join(figure.section_path),
                    figure.label,
                    figure.noun,
                    _number_text(figure.value),
                    _number_text(figure.high),
                    figure.unit,
                    figure.raw,
                ]
            )
        return buffer.getvalue()
    lines: list[str] = []
    for figure in figures:
        value = _number_text(figure.value) + (f"–{_number_text(figure.high)}" if figure.high is not None else "")
        section = figure.section_path[-1] if figure.section_path else ""
        row = f"{figure.line:>6}  {value:>12} {figure.unit:<15} {figure.label}" + (f"  [{section}]" if section else "")
        lines.append(_CONTROL.sub(" ", row))
    lines.append(f"{len(figures)} figures")
    return "\n".join(lines) + "\n"
