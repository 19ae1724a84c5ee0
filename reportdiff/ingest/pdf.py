"""PDF reader: characters with positions (pypdfium2) → lines → columns → blocks → the report model.

pypdfium2 was chosen by measurement (see docs/formats-docx-pdf.md): it is the fastest of the
permissively licensed libraries and gives each character's box and font, which is all the layout
analysis needs. :mod:`reportdiff.ingest.pdf_layout` turns characters into ordered lines (words,
segments, furniture, columns); this module turns lines into the report. Together they rebuild
what the PDF lost:

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

import re
from collections import Counter
from pathlib import Path

from reportdiff.errors import InputError
from reportdiff.ingest.pdf_layout import Line, Page, number_lines, read_page, reading_order, remove_furniture
from reportdiff.ingest.tree import RawBlock, build_tree
from reportdiff.model import Aside, AsideKind, BlockKind, Report, Span, TocEntry

MAX_PAGES = 2000  # bounds the work: a 45-page report is far below this
MAX_CHARACTERS = 3_000_000  # about 30 times a 45-page report; reading stops beyond it

_SPACES = re.compile(r"\s+")
_LEADERS = re.compile(r"(?:\s*[.…·_]){3,}\s*")
_SENTENCE_END = re.compile(r"[.!?:;]\W*$")


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
    pages: list[Page] = []
    warnings: list[str] = []
    characters = 0
    try:
        for index in range(page_count):
            if characters > MAX_CHARACTERS:
                warnings.append(f"more than {MAX_CHARACTERS} characters: pages after {index} are not read")
                break
            page = document[index]
            try:
                pages.append(read_page(page, index + 1, warnings))
            finally:
                page.close()
            characters += sum(len(line.text) for line in pages[-1].lines)
        outline = _read_outline(document)
    except pdfium.PdfiumError:
        raise InputError(f"{source}: corrupt or truncated PDF") from None
    if sum(len(line.text.strip()) for page in pages for line in page.lines) < 20:
        raise InputError(f"{source}: no text layer (scanned?); reportdiff cannot read images of text")
    remove_furniture(pages)
    asides: list[Aside] = []
    for page in pages:
        page.lines = reading_order(page)
        asides.extend(number_lines(page))
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


# ------------------------------------------------------------------------------------- outline


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


# ------------------------------------------------------------------------------- table of contents


def _take_toc(lines: list[Line], report: Report) -> list[Line]:
    """Runs of three or more contents entries (text, leaders or a gap, page number) leave the body.

    They become ``Report.toc`` and ``Aside(TOC)``, with the title line just above them
    (``Innehållsförteckning``); levels come from the entries' indentation.
    """
    from reportdiff.text.layout import TOC_TITLES, toc_entry

    def entry_of(line: Line) -> tuple[str, int] | None:
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
        levels[indent] = next(
            (level for known, level in levels.items() if abs(known - indent) <= 3), len(set(levels.values())) + 1
        )
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
    lines: list[Line], outline: list[tuple[str, int, int | None]], report: Report
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
    lines: list[Line], headings: dict[int, tuple[int, int]]
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


def _headings_from_fonts(lines: list[Line]) -> dict[int, tuple[int, int]]:
    """Without an outline: lines in larger or bold type that are short and stand alone are headings.

    Levels come from the ranking of the heading sizes (largest = 1); bold at body size ranks last.
    """
    from reportdiff.text.layout import list_marker

    body = _body_size(lines)
    if body is None:
        return {}
    candidates: list[tuple[int, float]] = []
    for index, line in enumerate(lines):
        size = round(line.size * 2) / 2
        text = line.text
        if len(line.segments) > 1 or len(text) > 120 or list_marker(text) or _SENTENCE_END.search(text):
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


def _body_size(lines: list[Line]) -> float | None:
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


def _without_cover_lines(lines: list[Line], candidates: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The cover's title and date are set large, but they are not headings: drop them while they lead."""
    from reportdiff.ingest.metadata import is_cover_date, is_title

    kept = list(candidates)
    while kept and (is_title(lines[kept[0][0]].text) or is_cover_date(lines[kept[0][0]].text)):
        kept.pop(0)
    return kept


# ------------------------------------------------------------------------------------------ blocks


def _blocks(lines: list[Line], headings: dict[int, tuple[int, int]]) -> list[RawBlock]:
    """Group lines into headings, paragraphs, list items and table rows."""
    from reportdiff.text.hyphenation import SpellingEvidence, join_hyphenated
    from reportdiff.text.layout import list_marker

    evidence = SpellingEvidence.from_lines(line.text for line in lines)
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    current_lines: list[Line] = []
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
        list_match = list_marker(line.text) if len(line.text) > 2 else None
        if current is not None and not list_match and _continues(current, current_lines, line):
            current.text = join_hyphenated(current.text, line.text, evidence)
            current_lines.append(line)
            current.span = _span(current_lines)
            continue
        if list_match:
            marker = list_match[0]
            marker = marker.rstrip(".)") + "." if marker[:1].isdigit() else "-"
            current = RawBlock(list_match[1].strip(), _span([line]), kind=BlockKind.LIST_ITEM, marker=marker)
        else:
            current = RawBlock(line.text, _span([line]))
        current_lines = [line]
        blocks.append(current)
    for block in blocks:
        block.text = _SPACES.sub(" ", block.text).strip()
    return blocks


def _continues(block: RawBlock, block_lines: list[Line], line: Line) -> bool:
    """Whether ``line`` carries on the paragraph or list item of ``block_lines``."""
    previous = block_lines[-1]
    if abs(line.size - previous.size) > 0.6:
        return False
    if line.column_break or line.page != previous.page:
        # Split by a page or column break: nothing but the line ends can tell.
        return line.segments[0].bold == previous.segments[0].bold and _wrapped(previous, line)
    gap = previous.y - line.y
    if gap > 1.6 * max(line.size, previous.size) or gap < 0:
        return False
    if block.kind == BlockKind.LIST_ITEM and line.x0 < block_lines[0].x0 + 4:
        # Back at the marker's edge: a new paragraph, unless the item has no hanging indent
        # and its text simply wrapped.
        return _wrapped(previous, line)
    return True


def _wrapped(previous: Line, line: Line) -> bool:
    """Whether the break after ``previous`` is a wrap: the next line's first word would not have fit.

    Word processors fill lines greedily, so a paragraph that goes on leaves less room at the end
    of its line than the next word needs; a paragraph that ended usually leaves more. In a
    justified column every line but a paragraph's last ends flush at the right edge.
    """
    if re.search(r"\w-$", previous.text):
        return True  # a word or compound split at the line end goes on
    room = max(previous.right_edge, previous.x1) - previous.x1
    if previous.justified:
        return room < 0.5 * previous.size  # justified text: only a paragraph's last line falls short
    segment = line.segments[0]
    first_word = segment.text.split(" ", 1)[0]
    word_width = (segment.x1 - segment.x0) * len(first_word) / max(len(segment.text), 1)
    return word_width + 0.25 * line.size > room


def _span(lines: list[Line]) -> Span:
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
