"""PDF reader: characters with positions (pypdfium2) → lines → columns → blocks → the report model.

pypdfium2 was chosen by measurement (see docs/formats-docx-pdf.md): it is the fastest of the
permissively licensed libraries and gives each character's baseline origin, box and font, which
is all the layout analysis below needs. The reader rebuilds what the PDF lost:

- headings from the bookmark outline when there is one (levels from the outline tree), otherwise
  from font size and weight;
- running headers, footers and page numbers, found by their repetition across pages in the top
  and bottom margins, kept as ``Aside(FURNITURE)``;
- reading order on two-column pages, found by a vertical gutter (an x-gap no line crosses);
- table rows, found as lines made of several pieces with wide x-gaps between them;
- paragraphs, found by vertical gaps, and joined across page and column breaks;
- line-end hyphenation, undone by :mod:`reportdiff.text.hyphenation`.

Source positions: ``Span.page`` is the 1-based page number and ``Span.start``/``Span.end`` are
1-based line numbers on that page, counted in reading order (running headers and footers count).
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from reportdiff.errors import InputError
from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.model import Aside, AsideKind, BlockKind, Report, Span, TocEntry

MAX_PAGES = 2000  # bounds the work: a 45-page report is far below this
MAX_CHARS_PER_PAGE = 100_000  # more than any real page; beyond it the rest of the page is ignored
MARGIN_ZONE = 0.09  # top and bottom share of the page height where running headers and footers live

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(sida|page|s\.)?\s*\d+\s*(\(\s*\d+\s*\)|(av|of|/)\s*\d+)?$", re.IGNORECASE)
_BULLETS = "•·▪●◦‣–-*"
_LIST_START = re.compile(r"^(?:([•·▪●◦‣–*-])|(\d{1,2}[.)]|[a-z][.)]))\s+(?=\S)")
_LEADERS = re.compile(r"(?:\s*[.…·_]){3,}\s*")
_LONE_MARKER = re.compile(r"^(?:[•·▪●◦‣–*-]|\d{1,2}[.)]|[a-z][.)])$")
_SENTENCE_END = re.compile(r"[.!?:;]\W*$")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


# A word (or a single character): bottom, x0, x1, height, text, first index, space before, last index
_Char = tuple[float, float, float, float, str, int, bool, int]


@dataclass(slots=True)
class _Segment:
    """Characters on one baseline with no wide gap between them."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    bold: bool


@dataclass(slots=True)
class _Line:
    page: int
    segments: list[_Segment]
    number: int = 0  # 1-based line number on the page, in reading order
    column_break: bool = False  # the first line of a new column or page
    right_edge: float = 0.0  # where full lines of this line's column end

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
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)


def read_pdf(data: bytes, source: str = "<bytes>") -> Report:
    """Read a PDF report. Raises InputError for encrypted, scanned, corrupt or mislabelled files."""
    if Path(source).suffix.lower() == ".docx":
        raise InputError(f"{source}: the name says DOCX but the content is PDF")
    if b"%%EOF" not in data[-2048:]:
        raise InputError(f"{source}: corrupt or truncated PDF (no end-of-file marker)")
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency, but say so clearly if it is missing
        raise InputError(f"{source}: reading PDF needs the pypdfium2 package (pip install pypdfium2)") from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise InputError(f"{source}: the PDF is encrypted (password protected)") from None
        raise InputError(f"{source}: corrupt or truncated PDF") from None
    try:
        return _read_document(document, source)
    finally:
        document.close()


def _read_document(document, source: str) -> Report:  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    page_count = len(document)
    if page_count == 0:
        raise InputError(f"{source}: corrupt or truncated PDF (no pages)")
    if page_count > MAX_PAGES:
        raise InputError(f"{source}: the PDF has {page_count} pages, more than {MAX_PAGES}; not a report")
    pages: list[_Page] = []
    warnings: list[str] = []
    try:
        for index in range(page_count):
            page = document[index]
            try:
                pages.append(_read_page(page, index + 1, warnings))
            finally:
                page.close()
        outline = _read_outline(document)
    except pdfium.PdfiumError:
        raise InputError(f"{source}: corrupt or truncated PDF") from None
    if sum(len(line.text.strip()) for page in pages for line in page.lines) < 20:
        raise InputError(f"{source}: no text layer (scanned?); reportdiff cannot read images of text")
    asides = _remove_furniture(pages)
    for page in pages:
        page.lines = _reading_order(page)
        for number, line in enumerate(page.lines, start=1):
            line.number = number
    _number_furniture(asides, pages)
    lines = [line for page in pages for line in page.lines]
    report = Report(source=source, root=build_tree([]), style="pdf", warnings=warnings)
    lines = _take_toc(lines, report)
    report.outline = [TocEntry(title, level, page, 0) for title, level, page in outline]
    headings = _headings_from_outline(lines, outline, report) if outline else {}
    if not headings:
        headings = _headings_from_fonts(lines)
    report.root = build_tree(_blocks(lines, headings))
    report.asides = sorted(report.asides + asides, key=lambda aside: (aside.span.page or 0, aside.span.start))
    _set_title(report)
    return report


# ------------------------------------------------------------------------------------ characters


def _read_page(page, number: int, warnings: list[str]) -> _Page:  # type: ignore[no-untyped-def]
    """The page's words, grouped into lines (one baseline) made of segments (split at wide gaps).

    Boxes are pdfium's *loose* boxes, which span the font's ascent and descent, so the words of
    one line share their bottom. A word (a run of characters between spaces in pdfium's text,
    which has a space wherever it saw a gap) costs two ctypes calls, for its first and last
    character; a run whose ends do not sit on one line (a hyphen pdfium glued to the next line,
    a superscript) is measured character by character. Font size and weight are read once per
    segment. This keeps a 40-page report well under a second.
    """
    width, height = page.get_size()
    result = _Page(number, width, height)
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


def _words(textpage, count: int) -> list[_Char]:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP: fall back to one code point per index
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index) or 32) for index in range(count))
    box = pdfium_c.FS_RECTF()
    raw = textpage.raw
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    words: list[_Char] = []
    space = False
    index = 0
    while index < count:
        char = text[index]
        if char.isspace() or not _visible(char):
            space = space or char.isspace()  # a space in the text (real, or pdfium's where it saw a gap)
            index += 1
            continue
        end = index + 1
        while end < count and not text[end].isspace() and _visible(text[end]):
            end += 1
        run = text[index:end].replace("\x02", "-").replace("\ufffe", "-")  # pdfium's mark for a line-end hyphen
        get_box(raw, index, box)
        first = (box.bottom, box.left, box.top - box.bottom)
        if end - index > 1:
            get_box(raw, end - 1, box)
        last = (box.bottom, box.right, box.top - box.bottom)
        height = max(first[2], last[2], 0.1)
        plausible = abs(first[0] - last[0]) <= 0.3 * height and 0 <= last[1] - first[1] <= (len(run) * 0.85 + 0.5) * height
        if plausible:
            words.append((first[0], first[1], last[1], height, run, index, space, end - 1))
        else:
            for offset, letter in enumerate(run):
                get_box(raw, index + offset, box)
                words.append((box.bottom, box.left, box.right, box.top - box.bottom, letter, index + offset, space and not offset, index + offset))
        space = False
        index = end
    return words


def _visible(char: str) -> bool:
    return char >= " " or char == "\x02"


def _group_lines(chars: list[_Char], page: int, textpage) -> list[_Line]:  # type: ignore[no-untyped-def]
    """Characters → lines by their bottom edge; each line split into segments at wide gaps."""
    chars.sort(key=lambda char: -char[0])
    groups: list[list[_Char]] = []
    group_bottom = 0.0
    for char in chars:
        if groups and group_bottom - char[0] <= 0.3 * max(char[3], 1.0):
            groups[-1].append(char)
        else:
            groups.append([char])
            group_bottom = char[0]
    lines: list[_Line] = []
    for group in groups:
        group.sort(key=lambda char: char[1])
        cuts = _segment_cuts(group)
        segments: list[_Segment] = []
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
            segments[0] = _Segment(f"{marker.text} {text.text}", marker.x0, text.x1, text.y, text.size, text.bold)
        lines.append(_Line(page, segments))
    return lines


def _segment_cuts(group: list[_Char]) -> set[int]:
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
    if len(gaps) >= 3 and wide:
        sizes = [max(gap, 0.1) for _, gap, _ in gaps]
        if max(sizes) <= 1.35 * min(sizes):
            return {position for position, gap, height in gaps if gap > 3 * height}
    return wide


def _segment(parts: list[str], first, last, textpage) -> _Segment:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, first[5])
    bold = _is_bold(textpage, first[5]) and _is_bold(textpage, last[7])
    return _Segment("".join(parts), first[1], last[2], first[0], size, bold)


def _is_bold(textpage, index: int) -> bool:  # type: ignore[no-untyped-def]
    import pypdfium2.raw as pdfium_c

    if pdfium_c.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, 128, flags)
    return bool(_BOLD_NAME.search(buffer.value.decode("latin-1"))) or bool(flags.value & (1 << 18))


def _read_outline(document) -> list[tuple[str, int, int | None]]:  # type: ignore[no-untyped-def]
    """Bookmarks as (title, level from 1, 1-based page or None), bounded against cyclic outlines."""
    entries: list[tuple[str, int, int | None]] = []
    for bookmark in document.get_toc(max_depth=8):
        title = _SPACES.sub(" ", bookmark.get_title() or "").strip()
        destination = bookmark.get_dest()
        page = destination.get_index() if destination is not None else None
        if title:
            entries.append((title, bookmark.level + 1, page + 1 if page is not None and page >= 0 else None))
        if len(entries) > 5000:
            break
    return entries


# ------------------------------------------------------------------------------------- furniture


def _remove_furniture(pages: list[_Page]) -> list[Aside]:
    """Take running headers, footers and page numbers out of the pages; return them as asides.

    A margin line is furniture when its text, with digits masked, repeats on at least half of the
    pages (and on two or more), when it is or ends in a page number ("12", "Sida 3 (32)"), or when it
    is the topmost line of a page, in the top margin, in smaller type than the body. (Small type
    at the bottom stays: it may be a footnote.)
    """

    def key(line: _Line) -> str:
        return _DIGITS.sub("#", line.text.casefold())

    def in_margin(page: _Page, line: _Line) -> bool:
        return line.y > page.height * (1 - MARGIN_ZONE) or line.y < page.height * MARGIN_ZONE

    counts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for page in pages:
        counts.update({key(line) for line in page.lines if in_margin(page, line)})
        for line in page.lines:
            sizes[round(line.size)] += len(line.text)
    needed = max(2, (len(pages) + 1) // 2)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0

    def small_header(page: _Page, line: _Line) -> bool:
        """Above the text in smaller type: a running header even where it appears once."""
        return line.y > page.height * (1 - MARGIN_ZONE) and line.size < body_size - 1 and line is page.lines[0]

    asides: list[Aside] = []
    for page in pages:
        kept: list[_Line] = []
        for line in page.lines:
            plain = line.text.replace(" | ", " ")
            numbered = any(_PAGE_NUMBER.match(segment.text) for segment in line.segments)
            repeated = counts[key(line)] >= needed or numbered or small_header(page, line)
            if in_margin(page, line) and repeated:
                asides.append(Aside(AsideKind.FURNITURE, plain, Span(0, 0, page.number)))
                asides[-1].span.start = int(line.y)  # replaced by a line number in _number_furniture
            else:
                kept.append(line)
        page.lines = kept
    return asides


def _number_furniture(asides: list[Aside], pages: list[_Page]) -> None:
    """Headers count as the first lines of their page, footers as the last ones."""
    by_page = {page.number: page for page in pages}
    for page_number in {aside.span.page for aside in asides}:
        page = by_page[page_number or 0]
        own = sorted((aside for aside in asides if aside.span.page == page_number), key=lambda a: -a.span.start)
        top = [aside for aside in own if aside.span.start > page.height / 2]
        bottom = [aside for aside in own if aside.span.start <= page.height / 2]
        for line in page.lines:
            line.number += len(top)
        for number, aside in enumerate(top, start=1):
            aside.span.start = aside.span.end = number
        for number, aside in enumerate(bottom, start=len(top) + len(page.lines) + 1):
            aside.span.start = aside.span.end = number


# ---------------------------------------------------------------------------------- reading order


def _reading_order(page: _Page) -> list[_Line]:
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
    ordered: list[_Line] = []
    left: list[_Line] = []
    right: list[_Line] = []

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
            left.append(_Line(line.page, left_part))
        if right_part:
            right.append(_Line(line.page, right_part))
    flush()
    return ordered


def _set_right_edge(lines: list[_Line]) -> None:
    """The right edge of a column: where its longer lines end (the 90th percentile)."""
    ends = sorted(line.x1 for line in lines if len(line.segments) == 1) or [line.x1 for line in lines]
    edge = ends[min(len(ends) - 1, int(len(ends) * 0.9))]
    for line in lines:
        line.right_edge = edge


def _find_gutter(page: _Page, lines: list[_Line]) -> float | None:
    """The x of a vertical gap in the middle of the page with prose on both sides, or None."""
    segments = [segment for line in lines for segment in line.segments]
    if len(segments) < 10:
        return None
    step = 2.0
    low, high = page.width * 0.3, page.width * 0.7
    counts: list[tuple[int, float]] = []
    x = low
    while x <= high:
        counts.append((sum(1 for segment in segments if segment.x0 < x < segment.x1), x))
        x += step
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


# ------------------------------------------------------------------------------- table of contents


def _take_toc(lines: list[_Line], report: Report) -> list[_Line]:
    """Runs of three or more contents entries (text, leaders or a gap, page number) leave the body.

    They become ``Report.toc`` and ``Aside(TOC)``, with the title line just above them
    (``Innehållsförteckning``); levels come from the entries' indentation.
    """
    from reportdiff.text.layout import TOC_TITLES, toc_entry

    def entry_of(line: _Line) -> tuple[str, int] | None:
        text = _LEADERS.sub(" .... ", line.text.replace(" | ", "\t"))
        return toc_entry(text) if len(text) < 200 else None

    entries = [entry_of(line) for line in lines]
    taken: set[int] = set()
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and entries[end] is not None:
            end += 1
        if end - index >= 3:
            taken.update(range(index, end))
            if index and lines[index - 1].text.strip().rstrip(":").casefold() in TOC_TITLES:
                taken.add(index - 1)
        index = max(end, index + 1)
    if not taken:
        return lines
    indents = sorted({round(lines[number].x0) for number in taken if entries[number] is not None})
    levels: dict[int, int] = {}
    for indent in indents:
        levels[indent] = next((level for known, level in levels.items() if abs(known - indent) <= 3), len(set(levels.values())) + 1)
    for number in sorted(taken):
        line = lines[number]
        span = Span(line.number, line.number, line.page)
        report.asides.append(Aside(AsideKind.TOC, line.text.replace(" | ", " "), span))
        entry = entries[number]
        if entry is not None:
            report.toc.append(TocEntry(entry[0], levels[round(line.x0)], entry[1], line.number))
    return [line for number, line in enumerate(lines) if number not in taken]


# ---------------------------------------------------------------------------------------- headings


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text.replace("-", "").replace("\u00ad", "")).strip().casefold()


def _headings_from_outline(
    lines: list[_Line], outline: list[tuple[str, int, int | None]], report: Report
) -> dict[int, tuple[int, int]]:
    """Match bookmark titles to lines on their page: {first line index: (level, line count)}.

    A heading may wrap over up to three lines. Returns {} when fewer than half of the entries
    are found on their pages (the outline then does not describe this text, and fonts decide).
    """
    by_page: dict[int, list[int]] = {}
    for index, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(index)
    headings: dict[int, tuple[int, int]] = {}
    found = 0
    for entry_number, (title, level, page) in enumerate(outline):
        wanted = _normal(title)
        candidates = by_page.get(page, []) if page else range(len(lines))
        if page:
            candidates = list(candidates) + by_page.get(page + 1, [])
        match = None
        for index in candidates:
            if index in headings or len(lines[index].segments) > 1:
                continue
            text = ""
            for count in range(1, 4):
                if index + count > len(lines):
                    break
                text = f"{text} {lines[index + count - 1].text}".strip()
                normal = _normal(text)
                if normal == wanted:
                    match = (index, count)
                    break
                if not wanted.startswith(normal):
                    break
            if match:
                break
        if match:
            found += 1
            headings[match[0]] = (level, match[1])
            report.outline[entry_number].line = lines[match[0]].number
    if found * 2 < len(outline):
        report.warnings.append("the PDF's bookmarks do not match its text; headings are read from the fonts")
        return {}
    return _levels_from_fonts_if_they_agree(lines, headings)


def _levels_from_fonts_if_they_agree(
    lines: list[_Line], headings: dict[int, tuple[int, int]]
) -> dict[int, tuple[int, int]]:
    """A bookmark tree cannot skip a level (## then ####); the heading fonts can.

    When the heading styles, ranked largest first, give the outline's level for at least 80 %
    of the headings, the ranks are used for all of them, so that skipped levels come back.
    """

    def style(index: int) -> tuple[float, bool]:
        return (round(lines[index].size * 2) / 2, lines[index].bold)

    ranked = sorted({style(index) for index in headings}, key=lambda item: (-item[0], not item[1]))
    rank = {item: number for number, item in enumerate(ranked, start=1)}
    agreeing = sum(1 for index, (level, _) in headings.items() if rank[style(index)] == level)
    if agreeing < 0.8 * len(headings):
        return headings
    return {index: (rank[style(index)], count) for index, (_, count) in headings.items()}


def _headings_from_fonts(lines: list[_Line]) -> dict[int, tuple[int, int]]:
    """Without an outline: lines in larger or bold type that are short and stand alone are headings.

    Levels come from the ranking of the heading sizes (largest = 1); bold at body size ranks last.
    """
    body = _body_size(lines)
    if body is None:
        return {}
    candidates: list[tuple[int, float]] = []
    for index, line in enumerate(lines):
        size = round(line.size * 2) / 2
        text = line.text
        if len(line.segments) > 1 or len(text) > 120 or _LIST_START.match(text) or _SENTENCE_END.search(text):
            continue
        if size > body + 0.4 or (line.bold and size >= body - 0.4):
            candidates.append((index, size if size > body + 0.4 else body))
    candidates = _without_cover_lines(lines, candidates)
    styles = sorted({size for _, size in candidates}, reverse=True)
    level_of = {size: number for number, size in enumerate(styles, start=1)}
    headings: dict[int, tuple[int, int]] = {}
    previous: tuple[int, float] | None = None
    for index, size in candidates:
        if previous and previous[0] + headings[previous[0]][1] == index and previous[1] == size:
            first = previous[0]  # a heading wrapped over two lines in the same type
            level, count = headings[first]
            above = lines[first + count - 1]
            close = 0 < above.y - lines[index].y <= 1.5 * lines[index].size and above.page == lines[index].page
            if count < 3 and close and not lines[index].column_break:
                headings[first] = (level, count + 1)
                continue
        headings[index] = (level_of[size], 1)
        previous = (index, size)
    return headings


def _body_size(lines: list[_Line]) -> float | None:
    """The most common size of prose (lines ending a sentence or long ones), cover lines left out.

    Without any prose (a report of headings only) the smallest size stands in.
    """
    from reportdiff.ingest.metadata import is_cover_date, is_title

    prose: Counter[float] = Counter()
    other: set[float] = set()
    for line in lines:
        if is_title(line.text) or is_cover_date(line.text):
            continue
        size = round(line.size * 2) / 2
        if len(line.text) > 60 or _SENTENCE_END.search(line.text):
            prose[size] += len(line.text)
        other.add(size)
    if prose:
        return prose.most_common(1)[0][0]
    return min(other) if other else None


def _without_cover_lines(lines: list[_Line], candidates: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The cover's title and date are set large, but they are not headings: drop them while they lead."""
    from reportdiff.ingest.metadata import is_cover_date, is_title

    kept = list(candidates)
    while kept and (is_title(lines[kept[0][0]].text) or is_cover_date(lines[kept[0][0]].text)):
        kept.pop(0)
    return kept


# ------------------------------------------------------------------------------------------ blocks


def _blocks(lines: list[_Line], headings: dict[int, tuple[int, int]]) -> list[RawBlock]:
    """Group lines into headings, paragraphs, list items and table rows."""
    from reportdiff.text.hyphenation import SpellingEvidence, join_hyphenated

    evidence = SpellingEvidence.from_lines(line.text for line in lines)
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    current_lines: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in headings:
            level, count = headings[index]
            text = " ".join(item.text for item in lines[index : index + count])
            blocks.append(RawBlock(_SPACES.sub(" ", text).strip(), _span(lines[index : index + count]), level=level))
            current = None
            index += count
            continue
        index += 1
        if len(line.segments) > 1:
            blocks.append(RawBlock(line.text, _span([line]), kind=BlockKind.TABLE_ROW))
            current = None
            continue
        list_match = _LIST_START.match(line.text)
        if current is not None and not list_match and _continues(current, current_lines, line):
            current.text = join_hyphenated(current.text, line.text, evidence)
            current_lines.append(line)
            current.span = _span(current_lines)
            continue
        if list_match:
            marker = "-" if list_match.group(1) else list_match.group(2).rstrip(".)") + "."
            current = RawBlock(line.text[list_match.end() :], _span([line]), kind=BlockKind.LIST_ITEM, marker=marker)
        else:
            current = RawBlock(line.text, _span([line]))
        current_lines = [line]
        blocks.append(current)
    for block in blocks:
        block.text = _SPACES.sub(" ", block.text).strip()
    return blocks


def _continues(block: RawBlock, block_lines: list[_Line], line: _Line) -> bool:
    """Whether ``line`` carries on the paragraph or list item of ``block_lines``."""
    previous = block_lines[-1]
    if abs(line.size - previous.size) > 0.6:
        return False
    if line.column_break or line.page != previous.page:
        # A paragraph split by a page or column break: the last line was full, or the
        # sentence is unfinished and the new line starts in lower case.
        if line.segments[0].bold != previous.segments[0].bold:
            return False
        if not _SENTENCE_END.search(block.text):
            return True  # an unfinished sentence goes on
        return previous.x1 >= previous.right_edge - 0.5 * previous.size  # a full last line: no paragraph end
    gap = previous.y - line.y
    if gap > 1.6 * max(line.size, previous.size) or gap < 0:
        return False
    if block.kind == BlockKind.LIST_ITEM and line.x0 < block_lines[0].x0 + 4 and _SENTENCE_END.search(previous.text):
        return False  # a finished sentence, then back at the marker's edge: the list item has ended
    return True


def _span(lines: list[_Line]) -> Span:
    first, last = lines[0], lines[-1]
    if first.page == last.page:
        return Span(first.number, last.number, first.page)
    # A block that runs on to the next page: the span covers its part on the first page.
    return Span(first.number, max(line.number for line in lines if line.page == first.page), first.page)


def _set_title(report: Report) -> None:
    """Title, date and signature as the text reader finds them (cover lines become COVER asides)."""
    from reportdiff.ingest.metadata import finish_report

    finish_report(report)
    if not report.title:
        first = next(report.sections(), None)
        report.title = first.heading if first is not None and first.level == 1 else ""
