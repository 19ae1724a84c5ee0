"""Lines of a text report that are on the page but not running text: cover, signature, captions, tables.

Split from ``ingest/text.py``, which calls these on its lines and units; docs/parsing.md says
what each recognises.
"""

from __future__ import annotations

import re

from reportdiff.ingest.metadata import is_cover_date, is_name_line, is_role_line, is_title, parse_date
from reportdiff.ingest.units import Line, Unit
from reportdiff.model import Aside, AsideKind, BlockKind, Report, Span
from reportdiff.text.headings import is_heading_shape
from reportdiff.text.hyphenation import ends_with_split
from reportdiff.text.layout import ends_sentence, numeric_share
from reportdiff.text.normalize import heading_key

_CAPTION = re.compile(r"^(?:(?:Diagram|Figur|Tabell|Bild|Graf)\s+\d+[.:]?(?:\s|$)|Källa\s*:)")


def take_cover(units: list[Unit], report: Report, asides: list[Aside]) -> list[Unit]:
    """Title and date lines at the very top become COVER asides, with one short line between them
    (the organisation's name under the title: "Region Mellansjö")."""
    index = 0
    while index < min(4, len(units)):
        unit = units[index]
        following = units[index + 1].text if index + 1 < len(units) else ""
        if not report.title and is_title(unit.text):
            report.title = unit.text
        elif report.date is None and is_cover_date(unit.text):
            report.date, report.date_text, report.date_source = parse_date(unit.text), unit.text, "cover"
        elif not (report.title and report.date is None and _subtitle(unit.text) and is_cover_date(following)):
            break
        asides.append(Aside(AsideKind.COVER, unit.text, unit.span))
        index += 1
    return units[index:]


def _subtitle(text: str) -> bool:
    """A short line of a few capitalised words, no sentence: a name under the cover's title."""
    words = text.split()
    return 0 < len(words) <= _SUBTITLE_WORDS and not text.rstrip().endswith((".", ":", ",")) and text[:1].isupper()


_SUBTITLE_WORDS = 6


def take_signature(units: list[Unit], report: Report, asides: list[Aside]) -> list[Unit]:
    """The first name line followed by a role line (``Regiondirektör``) becomes a SIGNATURE aside."""
    for index in range(len(units) - 1):
        name, role = units[index], units[index + 1]
        if name.kind is BlockKind.PARAGRAPH and is_name_line(name.text) and is_role_line(role.text):
            report.author, report.author_role = name.text, role.text
            span = Span(name.span.start, role.span.end, name.span.page)
            asides.append(Aside(AsideKind.SIGNATURE, f"{name.text}\n{role.text}", span))
            return units[:index] + units[index + 2 :]
    return units


def mark_captions(units: list[Unit]) -> None:
    """``Diagram 2 …``, ``Figur 1:``, ``Tabell 3.``, ``Källa: …``: figure captions and chart residue."""
    for unit in units:
        if unit.kind is BlockKind.PARAGRAPH and len(unit.text) <= 160 and _CAPTION.match(unit.text):
            unit.kind = BlockKind.CAPTION


def mark_table_lines(lines: list[Line], listed_keys: set[str], width: int) -> None:
    """Runs of four or more short lines, two of them mostly figures, are a flattened table."""
    run: list[Line] = []

    def close() -> None:
        cells = list(run)
        first = cells[0] if cells else None
        if first is not None and (
            heading_key(first.text) in listed_keys
            or (
                after_sentence
                and is_heading_shape(first.text)
                and not any(char.isdigit() for char in first.text)
                and len(cells) > 1
                and numeric_share(cells[1].text) < 0.5  # the header row comes next: this is the title
            )
        ):
            cells = cells[1:]  # the table's heading, not its first cell
        if len(cells) >= 4 and sum(numeric_share(line.text) >= 0.5 for line in cells) >= 2:
            for line in cells:
                line.table = True
        run.clear()

    after_sentence = True
    limit = min(45, int(0.75 * width))
    previous: Line | None = None
    for line in lines:
        short = len(line.text) <= limit and not line.marker and not line.text.rstrip().endswith(".")
        if short and previous is not None and ends_with_split(previous.text) and previous not in run:
            short = False  # the end of a word split on the line above, not a cell
        previous = line
        if short:
            run.append(line)
        else:
            close()
            after_sentence = ends_sentence(line.text)
    close()
