"""Lay a report out again as Word-style text or as PDF-style text, for the reflow tests.

The PDF layout imitates what the seeds show a PDF extraction leaves behind: lines wrapped at
about 75 characters, long words split at a syllable with a bare ``-`` and no trailing space,
a space after every other line (two where a paragraph ends, as Word's PDF export leaves them),
a page every ~45 lines, marked by a line that begins with a space, and ``Sida N (M)`` furniture.
Double spacing puts a blank line after every physical line; single spacing none.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from reportdiff.model import BlockKind, Report

VOWELS = set("aeiouyåäöéAEIOUYÅÄÖÉ")
WIDTH = 75
HEADING_WIDTH = 55
PAGE_LINES = 45


@dataclass(slots=True)
class Item:
    """One thing to lay out: a heading, a paragraph, a list item, a table row, or a cover/signature line."""

    kind: str  # "heading", "paragraph", "list", "row", "plain"
    text: str
    marker: str = ""


def items_of(report: Report) -> list[Item]:
    """The report's visible lines in reading order: cover, headings, blocks, signature after the first part."""
    items: list[Item] = []
    if report.title:
        items.append(Item("plain", report.title))
    if report.date_text and report.date is not None and report.date_text[:1].isdigit():
        items.append(Item("plain", report.date_text))
    parts = 0
    for section in report.root.walk():
        if section.level > 0:
            parts += section.level == 1
            if report.author and section.level == 1 and parts == 2:
                items += [Item("plain", report.author), Item("plain", report.author_role)]
            items.append(Item("heading", section.heading))
        for block in section.blocks:
            if block.kind is BlockKind.LIST_ITEM:
                items.append(Item("list", block.text, block.marker if block.marker[:1].isdigit() else "-"))
            elif block.kind is BlockKind.TABLE_ROW:
                items += [Item("row", cell.strip()) for cell in block.text.split(" | ") if cell.strip()]
            else:
                items.append(Item("paragraph", block.text))
    return items


def toc_lines(report: Report) -> list[str]:
    if not report.toc:
        return []
    return ["Innehållsförteckning", ""] + [f"{entry.heading}\t{entry.page or 1}" for entry in report.toc] + [""]


def outline_lines(report: Report) -> list[str]:
    return ["", ""] + [f"\t{entry.heading}" for entry in report.outline] if report.outline else []


def to_word(report: Report) -> str:
    """One paragraph a line, a blank line between paragraphs, list items without blanks between them."""
    lines = toc_lines(report)
    previous = ""
    for item in items_of(report):
        if not (item.kind == "list" and previous == "list") and lines:
            lines.append("")
        lines.append(f"{item.marker} {item.text}" if item.kind == "list" else item.text)
        previous = item.kind
    return "\n".join(lines + outline_lines(report)) + "\n"


def to_pdf(report: Report, spacing: str = "double", width: int = WIDTH, marks: bool = True) -> str:
    """PDF-extraction style text; ``spacing`` is "double" or "single".

    ``marks=False`` strips every trailing space, as ``pdftotext`` does: then nothing shows where a
    paragraph ends whose last line is nearly full width, and readings may split text differently.
    """
    physical: list[str] = []
    for item in items_of(report):
        if item.kind in ("row", "plain"):
            physical.append(item.text + " ")
            continue
        if item.kind == "heading":  # set in a larger font: wrapped sooner, never hyphenated
            heading_width = min(HEADING_WIDTH, width * 3 // 4)
            physical += [line.rstrip() + " " for line in textwrap.wrap(item.text, heading_width)]
            continue
        first = f"{item.marker} " if item.kind == "list" else ""
        wrapped = wrap(first + item.text, width)
        wrapped[-1] = wrapped[-1].rstrip() + "  "  # the paragraph mark
        physical += wrapped
    pages = _paginate(physical)
    out: list[str] = toc_lines(report)
    for line in pages:
        out.append(line)
        if spacing == "double":
            out.append("")
    if not marks:
        out = [line.rstrip() for line in out]
    return "\n".join(out + outline_lines(report)) + "\n"


def _paginate(physical: list[str]) -> list[str]:
    """A page every PAGE_LINES lines: odd breaks mark the next line with a leading space, even ones add furniture."""
    total = len(physical) // PAGE_LINES + 1
    out: list[str] = []
    page = 1
    for index, line in enumerate(physical):
        if index and index % PAGE_LINES == 0:
            page += 1
            if page % 2 == 0:
                out.append(f" Sida {page} ({total}) ")
            else:
                line = " " + line
        out.append(line)
    return out


def wrap(text: str, width: int = WIDTH) -> list[str]:
    """Greedy wrapping; a long word that does not fit is split at a syllable with a bare hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        room = width - len(current) - (1 if current else 0) - 1
        split = syllable_split(word, room) if current else None
        if split is not None:
            lines.append(f"{current} {split[0]}-")  # no trailing space: the word goes on
            current = split[1]
        else:
            lines.append(current + " ")
            current = word
    lines.append(current + " ")
    return lines


def syllable_split(word: str, room: int) -> tuple[str, str] | None:
    """Split a plain lower-case word before a consonant that precedes a vowel (``utma-nade``).

    Only words of letters with at most an initial capital, at least three letters on each side,
    and the rightmost split whose head (plus the hyphen) fits in ``room``.
    """
    if len(word) < 8 or not re.fullmatch(r"[A-ZÅÄÖa-zåäöé][a-zåäöé]+", word):
        return None
    best = None
    for index in range(3, len(word) - 2):
        if word[index] not in VOWELS and word[index + 1] in VOWELS and word[index - 1] not in "-":
            if index <= room:
                best = index
    if best is None:
        return None
    return word[:best], word[best:]


def rewrapped_pages(text: str) -> int:
    return sum(1 for line in text.split("\n") if line.startswith(" "))
