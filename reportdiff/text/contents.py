"""Tables of contents and bookmark outlines in extracted text: found, parsed and set aside.

Both are lists of headings, not body text. Word's contents lists entries with a tab or dot
leaders and a page number; a PDF's bookmark outline, when an extraction appends it, is a
trailing run of tab-indented lines. Their entries are the strongest evidence for headings.
"""

from __future__ import annotations

from reportdiff.model import Aside, AsideKind, Span, TocEntry
from reportdiff.text.layout import TOC_TITLES, toc_entry
from reportdiff.text.normalize import clean_text


def find_outline(raw: list[str], consumed: set[int], asides: list[Aside]) -> list[TocEntry]:
    """A PDF bookmark outline appended at the end: a trailing run of tab-indented lines."""
    entries: list[tuple[int, str, int]] = []
    index = len(raw) - 1
    while index >= 0:
        line = raw[index]
        if not line.strip():
            index -= 1
            continue
        if not line.startswith("\t"):
            break
        entries.append((index, line.strip(), len(line) - len(line.lstrip("\t"))))
        index -= 1
    if len(entries) < 3:
        return []
    entries.reverse()
    depths = sorted({depth for _, _, depth in entries})
    outline = []
    for index, heading, depth in entries:
        level = depths.index(depth) + 1 if len(depths) > 1 else None
        outline.append(TocEntry(heading=clean_text(heading), level=level, page=None, line=index + 1))
        consumed.add(index)
        asides.append(Aside(AsideKind.OUTLINE, clean_text(heading), Span(index + 1, index + 1)))
    return outline


def find_toc(raw: list[str], consumed: set[int], asides: list[Aside]) -> list[TocEntry]:
    """A table of contents near the top: a title line (optional) and entries with a page number."""
    limit = min(len(raw), 300)
    start = None
    for index in range(limit):
        if raw[index].strip().casefold().rstrip(":") in TOC_TITLES:
            start = index
            break
    if start is None:
        run = [index for index in range(limit) if raw[index].strip() and toc_entry(raw[index])]
        if len(run) < 4:
            return []
        start = run[0] - 1
    entries: list[TocEntry] = []
    index = start + 1
    while index < len(raw):
        line = raw[index]
        if line.strip():
            parsed = toc_entry(line)
            if parsed is None:
                break
            depth = len(line) - len(line.lstrip(" \t"))
            entries.append(TocEntry(heading=clean_text(parsed[0]), level=depth, page=parsed[1], line=index + 1))
        index += 1
    if len(entries) < 3:
        return []
    depths = sorted({entry.level or 0 for entry in entries})
    for entry in entries:
        entry.level = depths.index(entry.level or 0) + 1 if len(depths) > 1 else None
        consumed.add(entry.line - 1)
        asides.append(Aside(AsideKind.TOC, clean_text(raw[entry.line - 1]), Span(entry.line, entry.line)))
    if raw[start].strip().casefold().rstrip(":") in TOC_TITLES:
        consumed.add(start)
        asides.append(Aside(AsideKind.TOC, raw[start].strip(), Span(start + 1, start + 1)))
    return entries


def toc_depth(toc: list[TocEntry]) -> int:
    levels = [entry.level for entry in toc if entry.level]
    return max(levels) if levels else 2  # a flat contents list of this series shows parts and their children
