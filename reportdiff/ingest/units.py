"""The text reader's working units: physical lines and the paragraphs, items and headings made of them."""

from __future__ import annotations

from dataclasses import dataclass

from reportdiff.model import BlockKind, Span


@dataclass(slots=True)
class Line:
    """One non-blank physical line of the input, with what its layout says."""

    number: int
    text: str
    page: int = 1
    page_start: bool = False  # began with a space: a new PDF page (or a bullet the extraction lost)
    blank_before: int = 0
    trailing: int = 0  # spaces after the text in the source
    marker: str = ""  # list marker when the line starts a list item
    table: bool = False


@dataclass(slots=True)
class Unit:
    """A paragraph, list item, table row or heading candidate, made of one or more lines."""

    lines: list[Line]
    text: str
    kind: BlockKind = BlockKind.PARAGRAPH
    marker: str = ""
    heading: bool = False
    listed: bool = False  # found in the table of contents or the bookmark outline
    level: int = 0
    why: str = ""  # why the unit is a heading (``outline --explain``)
    why_level: str = ""  # why it has its level, set by assign_levels

    def copy(self) -> Unit:
        """The unit with a list of lines of its own (what a second reading changes). Written out: a
        pair of 100x reports copies 80 000 units, and ``dataclasses.replace`` costs 5 µs each."""
        return Unit(
            list(self.lines),
            self.text,
            self.kind,
            self.marker,
            self.heading,
            self.listed,
            self.level,
            self.why,
            self.why_level,
        )

    @property
    def span(self) -> Span:
        return Span(self.lines[0].number, self.lines[-1].number, self.lines[0].page)
