"""The one CSV writer, for every CSV output (``figures --format csv``, ``trend --format csv``).

Report text in a cell is data, never a formula: a spreadsheet runs a cell that starts with ``=``,
``+``, ``-`` or ``@`` (OWASP's "CSV injection"), so such text gets a leading apostrophe, which
Excel and LibreOffice show as nothing. Control characters and bidi overrides are removed as
everywhere else. Numbers are written as numbers (no thousands separator; a decimal comma on
request), so a negative number is never mistaken for a formula and stays a number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reportdiff.text.normalize import safe_text

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@")

Cell = str | int | float | None


@dataclass(frozen=True, slots=True)
class CsvStyle:
    """How the file is laid out: the delimiter, the decimal mark, and Excel's BOM and CRLF."""

    delimiter: str = ","
    decimal_comma: bool = False
    excel: bool = False  # UTF-8 BOM (so å, ä, ö survive a double-click) and CRLF line ends


def csv_number(value: float | None, decimal_comma: bool = False) -> str:
    """A number as a spreadsheet reads it: ``7436``, ``5.9`` (``5,9`` with a decimal comma)."""
    if value is None:
        return ""
    text = str(int(value)) if float(value).is_integer() else f"{value:.6f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def cell_text(text: str) -> str:
    """Report text for a cell: control characters gone, and never read as a formula."""
    text = safe_text(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_table(header: Sequence[str], rows: Iterable[Sequence[Cell]], style: CsvStyle | None = None) -> str:
    """The whole file: ``str`` cells are text (neutralised), ``int``/``float`` are numbers, None is empty."""
    style = style or CsvStyle()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=style.delimiter, lineterminator="\r\n" if style.excel else "\n")
    writer.writerow([cell_text(name) for name in header])
    for row in rows:
        writer.writerow([_cell(value, style.decimal_comma) for value in row])
    return (BOM if style.excel else "") + buffer.getvalue()


def _cell(value: Cell, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return cell_text(value)
    return csv_number(value, decimal_comma)
