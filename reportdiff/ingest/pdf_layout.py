"""PDF page geometry: pdfium's characters → words → lines and segments, furniture, reading order.

The half of the PDF reader that only looks at where text is on the page; :mod:`reportdiff.ingest.pdf`
turns the ordered lines into headings and blocks. Coordinates are PDF points, y upwards.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from reportdiff.model import Aside, AsideKind, Span

MAX_CHARS_PER_PAGE = 100_000  # more than any real page; beyond it the rest of the page is ignored
MARGIN_ZONE = 0.09  # top and bottom share of the page height where running headers and footers live

_DIGITS = re.compile(r"\d+")
PAGE_NUMBER = re.compile(r"^(sida|page|s\.)?\s*\d+\s*(\(\s*\d+\s*\)|(av|of|/)\s*\d+)?$", re.IGNORECASE)
_RUN = re.compile(r"[^\s\x00\x01\x03-\x1f]+")  # a word in pdfium's text (\x02 marks a line-end hyphen)
_LONE_MARKER = re.compile(r"^(?:[•·▪●◦‣–*o\uf0b7\uf0a7-]|\d{1,2}[.)]|[a-z][.)])$")  # a bullet on its own
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


# A word (or a single character): bottom, x0, x1, height, text, first index, space before, last index
Char = tuple[float, float, float, float, str, int, bool, int]


@dataclass(slots=True)
class Segment:
    """Characters on one baseline with no wide gap between them."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool


@dataclass(slots=True)
class Line:
    page: int
    segments: list[Segment]
    number: int = 0  # 1-based line number on the page, in reading order
    column_break: bool = False  # the first line of a new column or page
    right_edge: float = 0.0  # where full lines of this line's column end
    justified: bool = False  # the column's lines end flush at the right edge

    @property
    def text(self) -> str:
        return " | ".join(segment.text for segment in self.segments)

    @property
    def x0(self) -> float:
        return self.segments[0].x0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1

    @property
    def y(self) -> float:
        return self.segments[0].y

    @property
    def size(self) -> float:
        return max(segment.size for segment in self.segments)

    @property
    def bold(self) -> bool:
        return all(segment.bold for segment in self.segments)


@dataclass(slots=True)
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    furniture: list[Line] = field(default_factory=list)  # running headers, footers, page numbers


# ------------------------------------------------------------------------------------ characters


def read_page(page, number: int, warnings: list[str]) -> Page:  # type: ignore[no-untyped-def]
    """The page's words, grouped into lines (one baseline) made of segments (split at wide gaps).

    Boxes are pdfium's *loose* boxes, which span the font's ascent and descent, so the words of
    one line share their bottom. A word (a run of characters between spaces in pdfium's text,
    which has a space wherever it saw a gap) costs two ctypes calls, for its first and last
    character; a run whose ends do not sit on one line (a hyphen pdfium glued to the next line,
    a superscript) is measured character by character. Font size and weight are read once per
    segment. This keeps a 40-page report well under a second.
    """
    width, height = page.get_size()
    result = Page(number, width, height)
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count > MAX_CHARS_PER_PAGE:
            warnings.append(f"page {number}: more than {MAX_CHARS_PER_PAGE} characters; the rest is ignored")
            count = MAX_CHARS_PER_PAGE
        result.lines = _group_lines(_words(textpage, count), number, textpage)
    finally:
        textpage.close()
    return result


def _words(textpage, count: int) -> list[Char]:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: fall back to one code point per index
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index) or 32) for index in range(count))
    box = pdfium_c.FS_RECTF()
    raw = textpage.raw
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    words: list[Char] = []
    previous_end = 0
    for match in _RUN.finditer(text):
        index, end = match.span()
        space = any(char.isspace() for char in text[previous_end:index])  # real, or pdfium's at a gap
        previous_end = end
        run = match.group().replace("\x02", "-").replace("\ufffe", "-")  # pdfium's mark for a line-end hyphen
        get_box(raw, index, box)
        first = (box.bottom, box.left, box.top - box.bottom)
        if end - index > 1:
            get_box(raw, end - 1, box)
        last = (box.bottom, box.right, box.top - box.bottom)
        height = max(first[2], last[2], 0.1)
        same_line = abs(first[0] - last[0]) <= 0.3 * height
        if same_line and 0 <= last[1] - first[1] <= (len(run) * 0.85 + 0.5) * height:
            words.append((first[0], first[1], last[1], height, run, index, space, end - 1))
            continue
        for offset, letter in enumerate(run):
            get_box(raw, index + offset, box)
            at = index + offset
            words.append((box.bottom, box.left, box.right, box.top - box.bottom, letter, at, space and not offset, at))
    return words


def _group_lines(chars: list[Char], page: int, textpage) -> list[Line]:  # type: ignore[no-untyped-def]
    """Characters → lines by their bottom edge; each line split into segments at wide gaps."""
    chars.sort(key=lambda char: -char[0])
    groups: list[list[Char]] = []
    group_bottom = 0.0
    for char in chars:
        if groups and group_bottom - char[0] <= 0.3 * max(char[3], 1.0):
            groups[-1].append(char)
        else:
            groups.append([char])
            group_bottom = char[0]
    lines: list[Line] = []
    for group in groups:
        group.sort(key=lambda char: char[1])
        cuts = _segment_cuts(group)
        segments: list[Segment] = []
        parts: list[str] = []
        start = last = group[0]
        for position, char in enumerate(group):
            if position:
                if position in cuts:
                    segments.append(_segment(parts, start, last, textpage))
                    parts, start = [], char
                elif char[6] or char[1] - last[2] > 0.3 * max(char[3], last[3]):
                    parts.append(" ")
            parts.append(char[4])
            last = char
        segments.append(_segment(parts, start, last, textpage))
        if len(segments) > 1 and _LONE_MARKER.match(segments[0].text):
            marker, text = segments.pop(0), segments[0]  # a bullet hanging left of its text
            segments[0] = Segment(f"{marker.text} {text.text}", marker.x0, text.x1, text.y, text.size, text.bold)
        lines.append(Line(page, segments))
    return lines


def _segment_cuts(group: list[Char]) -> set[int]:
    """Where a line breaks into pieces (table cells, columns): gaps wider than 0.75 × the glyph height.

    A justified line stretches all its word gaps alike; when a line's word gaps are all within
    35 % of each other it is prose and is cut only at gaps over three glyph heights.
    """
    gaps: list[tuple[int, float, float]] = []  # (position, gap, height)
    for position in range(1, len(group)):
        previous, char = group[position - 1], group[position]
        height = max(char[3], previous[3], 1.0)
        gap = char[1] - previous[2]
        if char[6] or gap > 0.3 * height:
            gaps.append((position, gap, height))
    wide = {position for position, gap, height in gaps if gap > 0.75 * height}
    if _LONE_MARKER.match(group[0][4]):
        gaps_in_text = [item for item in gaps if item[0] > 1]  # the gap after a bullet is not a word gap
    else:
        gaps_in_text = gaps
    if len(gaps_in_text) >= 3 and wide:
        sizes = [max(gap, 0.1) for _, gap, _ in gaps_in_text]
        if max(sizes) <= 1.35 * min(sizes):
            return {position for position, gap, height in gaps_in_text if gap > 3 * height}
    return wide


def _segment(parts: list[str], first, last, textpage) -> Segment:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first[5])
    bold = _is_bold(textpage, first[5]) and _is_bold(textpage, last[7])
    return Segment("".join(parts), first[1], last[2], first[0], size, bold)


def _is_bold(textpage, index: int) -> bool:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, flags)
    return bool(_BOLD_NAME.search(buffer.value.decode("latin-1"))) or bool(flags.value & (1 << 18))


# ------------------------------------------------------------------------------------- furniture


def remove_furniture(pages: list[Page]) -> None:
    """Move running headers, footers and page numbers from ``page.lines`` to ``page.furniture``.

    A margin line is furniture when its text, with digits masked, repeats on at least half of the
    pages (and on two or more), when it is or ends in a page number ("12", "Sida 3 (32)"), or when it
    is the topmost line of a page, in the top margin, in smaller type than the body. (Small type
    at the bottom stays: it may be a footnote.)
    """

    def key(line: Line) -> str:
        return _DIGITS.sub("#", line.text.casefold())

    def in_margin(page: Page, line: Line) -> bool:
        return line.y > page.height * (1 - MARGIN_ZONE) or line.y < page.height * MARGIN_ZONE

    counts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for page in pages:
        counts.update({key(line) for line in page.lines if in_margin(page, line)})
        for line in page.lines:
            sizes[round(line.size)] += len(line.text)
    needed = max(2, (len(pages) + 1) // 2)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0

    def small_header(page: Page, line: Line) -> bool:
        """Above the text in smaller type: a running header even where it appears once."""
        return line.y > page.height * (1 - MARGIN_ZONE) and line.size < body_size - 1 and line is page.lines[0]

    for page in pages:
        kept: list[Line] = []
        for line in page.lines:
            numbered = any(PAGE_NUMBER.match(segment.text) for segment in line.segments)
            repeated = counts[key(line)] >= needed or numbered or small_header(page, line)
            (page.furniture if in_margin(page, line) and repeated else kept).append(line)
        page.lines = kept


def number_lines(page: Page) -> list[Aside]:
    """Number the page's lines in reading order, headers first and footers last; furniture as asides."""
    top = sorted((line for line in page.furniture if line.y > page.height / 2), key=lambda line: -line.y)
    bottom = sorted((line for line in page.furniture if line.y <= page.height / 2), key=lambda line: -line.y)
    furniture = {id(line) for line in page.furniture}
    asides: list[Aside] = []
    for number, line in enumerate(top + page.lines + bottom, start=1):
        line.number = number
        if id(line) in furniture:
            asides.append(Aside(AsideKind.FURNITURE, line.text.replace(" | ", " "), Span(number, number, page.number)))
    return asides


# ---------------------------------------------------------------------------------- reading order


def reading_order(page: Page) -> list[Line]:
    """Lines top to bottom; on a two-column page, the left column before the right one.

    Lines that cross the gutter (a full-width heading) cut the page into bands, each read
    left column first.
    """
    lines = sorted(page.lines, key=lambda line: -line.y)
    if lines:
        lines[0].column_break = True
    gutter = _find_gutter(page, lines)
    if gutter is None:
        _set_right_edge(lines)
        return lines
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        for column in (left, right):
            if column:
                column[0].column_break = True
                _set_right_edge(column)
            ordered.extend(column)
            column.clear()

    for line in lines:
        left_part = [segment for segment in line.segments if segment.x1 <= gutter]
        right_part = [segment for segment in line.segments if segment.x0 >= gutter]
        if len(left_part) + len(right_part) < len(line.segments):
            flush()
            line.right_edge = line.x1
            ordered.append(line)
            continue
        if left_part:
            left.append(Line(line.page, left_part))
        if right_part:
            right.append(Line(line.page, right_part))
    flush()
    return ordered


def _set_right_edge(lines: list[Line]) -> None:
    """The right edge of a column (where its longer lines end: the 90th percentile) and whether
    it is justified (at least 40 % of its lines end within a point of that edge)."""
    ends = sorted(line.x1 for line in lines if len(line.segments) == 1) or [line.x1 for line in lines]
    edge = ends[min(len(ends) - 1, int(len(ends) * 0.9))]
    justified = len(ends) >= 5 and sum(1 for end in ends if abs(end - edge) <= 1.0) >= 0.4 * len(ends)
    for line in lines:
        line.right_edge = edge
        line.justified = justified


def _find_gutter(page: Page, lines: list[Line]) -> float | None:
    """The x of a vertical gap in the middle of the page with prose on both sides, or None."""
    segments = [segment for line in lines for segment in line.segments]
    if len(segments) < 10:
        return None
    step = 2.0
    low, high = page.width * 0.3, page.width * 0.7
    steps = int((high - low) / step) + 1
    changes = [0] * (steps + 1)  # crossings per grid point, by a difference array
    for segment in segments:
        first = max(0, math.floor((segment.x0 - low) / step) + 1)  # grid points strictly inside (x0, x1)
        last = min(steps - 1, math.ceil((segment.x1 - low) / step) - 1)
        if first <= last:
            changes[first] += 1
            changes[last + 1] -= 1
    counts: list[tuple[int, float]] = []
    running = 0
    for number in range(steps):
        running += changes[number]
        counts.append((running, low + number * step))
    fewest = min(count for count, _ in counts)
    if fewest > max(2, len(segments) // 10):
        return None
    # Of the emptiest places, the one nearest the middle: a gap between table cells is not a gutter.
    best = min((item for item in counts if item[0] == fewest), key=lambda item: abs(item[1] - page.width / 2))
    gutter = best[1]
    left = [segment for segment in segments if segment.x1 <= gutter]
    right = [segment for segment in segments if segment.x0 >= gutter]
    if len(left) < 5 or len(right) < 5:
        return None
    # Prose fills its column: most left segments end near the gutter. Table cells do not.
    left_edge = min(segment.x0 for segment in left)
    widths = [(segment.x1 - segment.x0) / max(gutter - left_edge, 1.0) for segment in left]
    if statistics.median(widths) < 0.6:
        return None
    return gutter
