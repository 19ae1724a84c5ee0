"""The report model: one report as a tree of sections holding blocks of text.

Every reader (text, Markdown, DOCX, PDF) produces this model and nothing else,
so alignment, diffing, figures and checks never need to know the input format.
Line numbers are 1-based lines of the input file (for PDF: lines of the page),
so that a finding can point an author at ``file:line``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"
    CAPTION = "caption"  # figure captions and chart residue: kept, but rarely meaningful


class AsideKind(StrEnum):
    """Text that is on the page but not part of the body."""

    TOC = "toc"  # table of contents entries
    OUTLINE = "outline"  # a PDF bookmark outline appended to an extraction
    FURNITURE = "furniture"  # page numbers, running headers, document ids, publication blocks
    COVER = "cover"  # title page lines (title, date)
    SIGNATURE = "signature"  # the signing director's name and role


@dataclass(slots=True)
class Span:
    """Where something came from: 1-based inclusive source lines, and a page if known."""

    start: int
    end: int
    page: int | None = None


@dataclass(slots=True)
class Block:
    """One paragraph, list item or table row, with its text normalised for comparison.

    ``text`` has line-end hyphenation undone, whitespace collapsed, emphasis markers and
    bullet glyphs removed. ``marker`` keeps the list marker (``-``, ``1.``) for display.
    """

    kind: BlockKind
    text: str
    span: Span
    marker: str = ""


@dataclass(slots=True)
class Section:
    """A heading and what stands under it until the next heading of the same or a higher level.

    The root section of a report has ``level == 0`` and an empty heading; it holds the text
    that stands before the first heading.
    """

    heading: str
    level: int
    span: Span  # from the heading line to the last line of the section's own blocks and children
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def walk(self) -> Iterator[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def walk_with_path(self, parent: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Section]]:
        """Like :meth:`walk`, with the headings from the top down to each section (root excluded)."""
        path = parent + (self.heading,) if self.level > 0 else parent
        yield path, self
        for child in self.children:
            yield from child.walk_with_path(path)

    def text(self) -> str:
        """The section's own blocks joined, without its children."""
        return "\n".join(block.text for block in self.blocks)


@dataclass(slots=True)
class TocEntry:
    """One entry of a table of contents or of a bookmark outline."""

    heading: str
    level: int | None
    page: int | None
    line: int


@dataclass(slots=True)
class Aside:
    """A piece of non-body text kept on the model so that nothing is thrown away silently."""

    kind: AsideKind
    text: str
    span: Span


@dataclass(slots=True)
class Report:
    source: str  # the path as given, or "-" for stdin, or "<string>"
    root: Section
    title: str = ""
    date: dt.date | None = None
    date_text: str = ""  # the date as the report writes it, e.g. "18 mars 2025"; empty when estimated
    date_source: str = ""  # where the date came from: "cover", "publication block", "estimated: …"
    author: str = ""  # the signing director, e.g. "Ulrika Sundquist"
    author_role: str = ""  # e.g. "Regiondirektör", "Tf Regiondirektör"
    style: str = ""  # how the input was laid out: "markdown", "word", "pdf-double", "pdf-single", "docx", "pdf"
    toc: list[TocEntry] = field(default_factory=list)
    outline: list[TocEntry] = field(default_factory=list)
    asides: list[Aside] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # why each heading is one and has its level, in the order of sections(); empty when the reader
    # takes headings from the format itself (Markdown ``#``, DOCX styles, PDF fonts and bookmarks)
    explanations: list[str] = field(default_factory=list)

    def metadata(self) -> dict[str, str | None]:
        """Who wrote the report and when, as JSON-ready values: shared by every format that shows it."""
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "date_source": self.date_source,
            "author": self.author,
            "author_role": self.author_role,
            "style": self.style,
        }

    def display_date(self) -> str:
        """The date for a reader: the report's own words, else the ISO date; an estimate only to the
        month, marked ≈ ("≈ 2024-09"): a day would claim more than the text says."""
        if self.date_text:
            return self.date_text
        if self.date is None:
            return ""
        return f"≈ {self.date.isoformat()[:7]}" if self.date_source.startswith("estimated") else self.date.isoformat()

    def sections(self) -> Iterator[Section]:
        """Every section below the root, in document order."""
        for section in self.root.walk():
            if section.level > 0:
                yield section

    def blocks(self) -> Iterator[Block]:
        """Every body block in document order, including those before the first heading."""
        for section in self.root.walk():
            yield from section.blocks

    def words(self) -> list[str]:
        """The body as a word stream: headings and block texts, in document order."""
        words: list[str] = []
        for section in self.root.walk():
            if section.level > 0:
                words.extend(section.heading.split())
            for block in section.blocks:
                words.extend(block.text.split())
        return words
